package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The reader's side as files (issue 20): for each principal the secret's
// policy lets read the value, the IAM identity policy it needs in its own
// account, as a JSON document ready for aws iam put-role-policy or
// create-policy. Who is a reader and what the policy says are the
// walk-through's (blueprint.Walk.ReaderSides); this is only their names
// and bytes.

// ReaderPolicySuffix ends the name of every reader policy file.
const ReaderPolicySuffix = ".iam.json"

// ReaderPolicies returns one file per reader of d's secret, in the
// walk-through's order of readers (the resource policy's), each the
// reader's identity policy as indented JSON with a final newline. The
// same design gives the same names and bytes on every run.
//
// A file is named NAME.reader-N.WHO.iam.json: NAME is the design's
// display name (its design file is NAME.design.yaml), N the reader's place
// in the walk-through (1, 2, ...: the names stay unique, and sort in the
// order 'secretsmith access' shows the readers), and WHO the principal in
// file-name letters (ReaderFileWho), so a reader finds its own file
// without opening each one. What the design does not know (the region,
// the account, the id of a key the template creates) is written as
// REGION, ACCOUNT_ID and KEY_ID, to be filled in from the deployment's
// outputs.
func ReaderPolicies(d *blueprint.Design) ([]File, error) {
	return ReaderPoliciesOf(d, d.Walk(nil))
}

// ReaderPoliciesOf is ReaderPolicies from the walk-through w of d, which
// may know more than the design: with --aws, the account and region the
// secret deploys into fill what is otherwise REGION and ACCOUNT_ID
// (workflow.ReaderPolicies).
func ReaderPoliciesOf(d *blueprint.Design, w *blueprint.Walk) ([]File, error) {
	sides := w.ReaderSides(d)
	out := make([]File, 0, len(sides))
	for i, rs := range sides {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rs.IdentityPolicy); err != nil {
			return nil, fmt.Errorf("encode the identity policy of %s: %w", rs.Reader, err)
		}
		name := fmt.Sprintf("%s.reader-%d.%s%s", d.DisplayName(), i+1, ReaderFileWho(rs.Principal), ReaderPolicySuffix)
		out = append(out, File{Name: name, Data: buf.Bytes()})
	}
	return out, nil
}

// maxWhoLen bounds the principal's part of a reader file's name: a role
// ARN with a path can be hundreds of characters, and a file name at most
// 255 bytes.
const maxWhoLen = 64

// ReaderFileWho is a reader's principal (blueprint.ReaderSide.Principal)
// as part of a file name: an IAM ARN as its account and resource
// (arn:aws:iam::444455556666:role/app is 444455556666-role-app), "*" as
// anyone, anything else (an account id, organization, endpoint or VPC id,
// a service) as written; every character but ASCII letters, digits, '.',
// '_' and '-' becomes '-', runs of them one, and the result is cut to 64
// characters.
func ReaderFileWho(principal string) string {
	s := principal
	if a, ok := blueprint.ParseARN(principal); ok {
		s = a.Account + "-" + a.Resource
		if a.Account == "" {
			s = a.Resource
		}
	}
	if s == "*" {
		s = "anyone"
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok || r == '-' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
	}
	who := strings.Trim(b.String(), "-.")
	if len(who) > maxWhoLen {
		who = strings.TrimRight(who[:maxWhoLen], "-.")
	}
	if who == "" {
		who = "reader"
	}
	return who
}
