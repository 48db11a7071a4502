package generate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// readerGoldenDir holds the reader policy files of each golden design, in
// a directory per case: readers/CASE/NAME.reader-N.WHO.iam.json.
var readerGoldenDir = filepath.Join(goldenDir, "readers")

// readerFileName is the shape of a reader policy file's name.
var readerFileName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.reader-[1-9][0-9]*\.[A-Za-z0-9_][A-Za-z0-9._-]{0,63}\.iam\.json$`)

// TestReaderPoliciesGolden holds the reader's side as files: for each golden
// design (the rotation-* variants of full have full's readers), one file
// per reader, byte for byte as the golden file, and no golden file left
// that the design no longer writes.
func TestReaderPoliciesGolden(t *testing.T) {
	total := 0
	for _, c := range goldenCases(t) {
		if strings.HasPrefix(c.name, "rotation-") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			files, err := ReaderPolicies(c.design)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(readerGoldenDir, c.name)
			want := map[string]bool{}
			for _, f := range files {
				want[f.Name] = true
				checkGolden(t, filepath.Join(dir, f.Name), f.Data)
			}
			total += len(files)
			if *update {
				return
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !want[e.Name()] {
					t.Errorf("golden %s is no longer written (remove it, or run -update after reviewing)", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
	if total < 20 {
		t.Errorf("the golden designs give %d reader policy files, want at least 20", total)
	}
}

// TestReaderPoliciesAreTheWalkThroughs checks each file as a reader's
// account would use it, parsed back from its bytes: valid JSON with the
// 2012-10-17 grammar version, GetSecretValue on the secret's ARN in the
// primary and every replica region, and one kms:Decrypt statement per key,
// each limited to the Secrets Manager of that key's own region, with a
// name of the documented shape; and the same design gives the same bytes
// twice.
func TestReaderPoliciesAreTheWalkThroughs(t *testing.T) {
	for _, c := range goldenCases(t) {
		d := c.design
		files, err := ReaderPolicies(d)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := ReaderPolicies(d.Clone())
		if !slices.EqualFunc(files, again, func(a, b File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) {
			t.Errorf("%s: two runs give different reader policy files", c.name)
		}
		if got, want := len(files), len(d.Walk(nil).Readers()); got != want {
			t.Errorf("%s: %d reader policy files for %d readers", c.name, got, want)
		}
		regions := []string{d.PrimaryRegion()}
		if regions[0] == "" {
			regions[0] = "REGION"
		}
		if !d.IsExisting() {
			for _, r := range d.Secret.ReplicaRegions {
				regions = append(regions, r.Region)
			}
		}
		seen := map[string]bool{}
		for _, f := range files {
			if !readerFileName.MatchString(f.Name) || !strings.HasPrefix(f.Name, d.DisplayName()+".reader-") {
				t.Errorf("%s: reader policy file name %q is not NAME.reader-N.WHO.iam.json", c.name, f.Name)
			}
			if seen[f.Name] {
				t.Errorf("%s: two reader policy files are named %s", c.name, f.Name)
			}
			seen[f.Name] = true
			if !bytes.HasSuffix(f.Data, []byte("}\n")) {
				t.Errorf("%s %s: does not end in a newline after the document", c.name, f.Name)
			}
			var doc struct {
				Version   string
				Statement []map[string]any
			}
			dec := json.NewDecoder(bytes.NewReader(f.Data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&doc); err != nil {
				t.Errorf("%s %s: not a policy document: %v", c.name, f.Name, err)
				continue
			}
			if doc.Version != "2012-10-17" {
				t.Errorf("%s %s: Version %q", c.name, f.Name, doc.Version)
			}
			var secrets []string
			keyRegions := map[string]bool{}
			for _, st := range doc.Statement {
				if st["Effect"] != "Allow" || st["Principal"] != nil {
					t.Errorf("%s %s: statement %v is not an identity policy's Allow", c.name, f.Name, st)
				}
				acts := strs(st["Action"])
				switch {
				case slices.Equal(acts, []string{"secretsmanager:GetSecretValue"}):
					secrets = append(secrets, strs(st["Resource"])...)
				case slices.Equal(acts, []string{"kms:Decrypt"}):
					keys := strs(st["Resource"])
					conds := conditions(st)
					if len(keys) != 1 || len(conds) != 1 || conds[0][0] != "StringEquals" || conds[0][1] != "kms:ViaService" || len(conds[0][2].([]string)) != 1 {
						t.Errorf("%s %s: %v is not kms:Decrypt on one key through one Secrets Manager", c.name, f.Name, st)
						continue
					}
					arn, ok := blueprint.ParseARN(keys[0])
					if !ok || arn.Service != "kms" || !strings.HasPrefix(arn.Resource, "key/") {
						t.Errorf("%s %s: kms:Decrypt on %q, which is no key ARN (an alias ARN grants nothing)", c.name, f.Name, keys[0])
						continue
					}
					via := conds[0][2].([]string)[0]
					if !strings.HasPrefix(via, "secretsmanager."+arn.Region+".") {
						t.Errorf("%s %s: the key %s in %s is limited to %s, not its own region's Secrets Manager", c.name, f.Name, keys[0], arn.Region, via)
					}
					keyRegions[arn.Region] = true
				default:
					t.Errorf("%s %s: unexpected statement %v", c.name, f.Name, st)
				}
			}
			for _, r := range regions {
				if !slices.ContainsFunc(secrets, func(s string) bool { return strings.Contains(s, ":secretsmanager:"+r+":") }) {
					t.Errorf("%s %s: GetSecretValue on %v names no secret in %s", c.name, f.Name, secrets, r)
				}
				if !keyRegions[r] {
					t.Errorf("%s %s: no kms:Decrypt statement for the key in %s", c.name, f.Name, r)
				}
			}
		}
	}
}

func TestReaderFileWho(t *testing.T) {
	tabletest.Equal(t, "ReaderFileWho", ReaderFileWho, map[string]string{
		"arn:aws:iam::444455556666:role/app":                 "444455556666-role-app",
		"arn:aws:iam::444455556666:role/team/x/app":          "444455556666-role-team-x-app",
		"arn:aws:sts::444455556666:assumed-role/app/session": "444455556666-assumed-role-app-session",
		"444455556666":           "444455556666",
		"o-a1b2c3d4e5":           "o-a1b2c3d4e5",
		"vpce-0123456789abcdef0": "vpce-0123456789abcdef0",
		"*":                      "anyone",
		"lambda.amazonaws.com":   "lambda.amazonaws.com",
		"../../etc/passwd":       "etc-passwd",
		"arn:aws:iam::444455556666:role/" + strings.Repeat("a", 100): "444455556666-role-" + strings.Repeat("a", 64-len("444455556666-role-")),
		"::://":      "reader",
		"a\u00e9\nb": "a-b",
	})
}
