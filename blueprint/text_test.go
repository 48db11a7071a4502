package blueprint

import (
	"strings"
	"testing"
)

// Free text must reach the template byte for byte, so what JSON and YAML
// cannot carry is refused where it is typed, not mangled where it is written.
func TestFreeTextRejectsInvalidUTF8(t *testing.T) {
	validators := map[string]func(string) error{
		"ValidateDescription":          ValidateDescription,
		"ValidateTagKey":               ValidateTagKey,
		"ValidateTagValue":             ValidateTagValue,
		"ValidateExcludeCharacters":    ValidateExcludeCharacters,
		"ValidateSecretStringTemplate": ValidateSecretStringTemplate,
		"ValidateGenerateStringKey":    ValidateGenerateStringKey,
		"ValidateWaiverReason":         ValidateWaiverReason,
		"ValidateConditionKey":         ValidateConditionKey,
		"ValidateConditionValue(aws:SourceVpce)": func(s string) error {
			return ValidateConditionValue("aws:UnknownKey", s)
		},
	}
	for name, fn := range validators {
		for _, bad := range []string{"ok\xff", "a\x00b", `{"a":"` + "\xc3" + `"}`} {
			err := fn(bad)
			if err == nil || IsWarning(err) {
				t.Errorf("%s(%q) = %v, want an error", name, bad, err)
				continue
			}
			if !strings.Contains(err.Error(), "UTF-8") && !strings.Contains(err.Error(), "NUL") {
				t.Errorf("%s(%q) = %v, want it to name the encoding problem", name, bad, err)
			}
		}
	}
}

func TestConditionKeyLength(t *testing.T) {
	if err := ValidateConditionKey("aws:" + strings.Repeat("k", 253)); err == nil || IsWarning(err) {
		t.Errorf("ValidateConditionKey(257 chars) = %v, want an error", err)
	}
	if err := ValidateConditionKey("aws:ResourceTag/" + strings.Repeat("k", 128)); err != nil {
		t.Errorf("ValidateConditionKey(tag key of 128) = %v, want nil", err)
	}
}

func TestTagsAreSingleLine(t *testing.T) {
	for _, bad := range []string{"a\nb", "a\tb", "a\x7fb", "\r"} {
		if err := ValidateTagKey(bad); err == nil || IsWarning(err) {
			t.Errorf("ValidateTagKey(%q) = %v, want an error", bad, err)
		}
		if err := ValidateTagValue(bad); err == nil || IsWarning(err) {
			t.Errorf("ValidateTagValue(%q) = %v, want an error", bad, err)
		}
	}
}

func TestWaiverReasonNeedsWords(t *testing.T) {
	for _, bad := range []string{"", "   ", "\x7f", "\t\n", "..."} {
		if err := ValidateWaiverReason(bad); err == nil {
			t.Errorf("ValidateWaiverReason(%q) = nil, want an error", bad)
		}
	}
	if err := ValidateWaiverReason("SEC-1234"); err != nil {
		t.Errorf("ValidateWaiverReason(SEC-1234) = %v, want nil", err)
	}
}

// Issue 22, item 12: a bidirectional control in the description is warned
// about, as in a tag.
func TestDescriptionBidiControl(t *testing.T) {
	d := validDesign()
	d.Secret.Description = "payments \u202edb"
	ps := d.Validate().At("secret.description")
	if len(ps) != 1 || ps[0].Severity != SeverityWarning || !strings.Contains(ps[0].Message, "U+202E") {
		t.Errorf("Validate() at secret.description = %v, want a warning naming U+202E", ps)
	}
	// The same character in a tag key is warned about too.
	d.Secret.Description = "payments db"
	d.Secret.Tags = append(d.Secret.Tags, Tag{Key: "no\u202ete", Value: "x"})
	if ps := d.Validate().At(TagPath("no\u202ete")); len(ps) != 1 || ps[0].Severity != SeverityWarning {
		t.Errorf("Validate() at the tag = %v, want a warning", ps)
	}
}
