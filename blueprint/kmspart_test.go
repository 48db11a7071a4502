package blueprint

import (
	"strings"
	"testing"
)

// A KMS key reference that is not valid is told which part is wrong and
// what that part takes, never repeating the value: a replica key ARN whose
// key id was not a UUID was told only the forms a key reference takes.
func TestKMSKeyRefusalNamesThePart(t *testing.T) {
	const id = "1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, tt := range []struct {
		key, want string
	}{
		{"arn:aws:kms:eu-west-1:111122223333:key/5678efgh-56ef-78ab-90cd-abcdef123456", "the key id after key/ must be a UUID of lower-case hex digits"},
		{"arn:aws:kms:eu-west-1:111122223333:key/mrk-0123", "the key id after key/ must be"},
		{"arn:aws:kms:EU-west-1:111122223333:key/" + id, "the region after kms: must be a region name such as us-east-1"},
		{"arn:aws:kms::111122223333:key/" + id, "the region after kms:"},
		{"arn:aws:kms:eu-west-1:11112222333:key/" + id, "the account after the region must be 12 digits"},
		{"arn:aws:s3:eu-west-1:111122223333:key/" + id, "the service after the partition must be kms"},
		{"arn:gcp:kms:eu-west-1:111122223333:key/" + id, "the partition after arn: must be aws"},
		{"arn:aws:kms:eu-west-1:111122223333:" + id, "the resource after the account must be key/KEY-ID or alias/NAME"},
		{"arn:aws:kms:eu-west-1:111122223333:alias/my key", "the alias name after alias/ must be"},
		{"arn:aws:kms:eu-west-1:" + id, "an ARN has six parts"},
		{"5678efgh-56ef-78ab-90cd-abcdef123456", "a key id must be a UUID"},
		{"alias/my key", "the alias name after alias/ must be"},
	} {
		err := ValidateKMSKey(tt.key)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ValidateKMSKey(%q) = %v, want it to say %q", tt.key, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "5678efgh") || strings.Contains(err.Error(), "my key") {
			t.Errorf("ValidateKMSKey(%q) repeats the value: %v", tt.key, err)
		}
	}
	// Where only a key ARN will do, an alias is not offered.
	err := ValidateKMSKeyARN("arn:aws:kms:eu-west-1:111122223333:key/5678efgh-56ef-78ab-90cd-abcdef123456")
	if err == nil || !strings.Contains(err.Error(), "the key id after key/ must be") {
		t.Errorf("ValidateKMSKeyARN with a key id not a UUID: %v", err)
	}
	err = ValidateKMSKeyARN("arn:aws:kms:eu-west-1:111122223333:secret/x")
	if err == nil || !strings.Contains(err.Error(), "must be key/KEY-ID") || strings.Contains(err.Error(), "alias/NAME") {
		t.Errorf("ValidateKMSKeyARN with another resource: %v", err)
	}
	// Every seed the key ARN test knows is refused with a part named, or
	// valid.
	for _, s := range kmsKeyARNSeeds {
		if s == "" {
			continue
		}
		if err := ValidateKMSKey(s); err != nil && !strings.Contains(err.Error(), "alias/name: ") && !strings.Contains(err.Error(), "ARN: ") {
			t.Errorf("ValidateKMSKey(%q) = %v, naming no part", s, err)
		}
	}
}
