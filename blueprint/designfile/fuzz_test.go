package designfile

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/secretsmith/secretsmith/blueprint"
)

// FuzzLoad feeds arbitrary bytes to Load. It must never panic, every
// diagnostic must have a position, and any file that parses without
// problems must survive Save and Parse unchanged. Seeds are in
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ds, err := load("f.yaml", data)
		if (err != nil) != (len(ds.Errors()) > 0) {
			t.Fatalf("Load error = %v with %d error diagnostics", err, len(ds.Errors()))
		}
		for _, d := range ds {
			if d.Line < 1 || d.Col < 1 {
				t.Fatalf("diagnostic without a position: %q", d.String())
			}
		}
		// Parse rather than Load's design: the round trip holds for any
		// structurally sound file, valid or not.
		d, _, pds := parse("f.yaml", data)
		if len(pds) > 0 || d == nil {
			return
		}
		out, err := Save(d)
		if err != nil {
			t.Fatalf("Save of a parsed design: %v\ninput:\n%s", err, data)
		}
		got, _, sds := parse("saved.yaml", out)
		if len(sds) > 0 {
			t.Fatalf("parse(Save(d)) diagnostics: %v\ninput:\n%s\nsaved:\n%s", sds, data, out)
		}
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("parse(Save(d)) = %s\nwant %s\ninput:\n%s\nsaved:\n%s", dump(got), dump(d), data, out)
		}
	})
}

// FuzzRoundTrip puts fuzzed strings in every free-text place of a design:
// name, description, tags, sid, principals, condition operators, keys and
// values, waivers. Save then Parse must give them back exactly, or Save
// must refuse strings that are not UTF-8. Seeds are in
// testdata/fuzz/FuzzRoundTrip.
func FuzzRoundTrip(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, desc, tagKey, tagValue, sid, principal, op, condKey, condValue string) {
		otherKey := tagKey + "2"
		d := &blueprint.Design{
			Version: 1,
			Name:    name,
			Secret: blueprint.Secret{
				SecretID:    name,
				Description: desc,
				Tags:        []blueprint.Tag{{Key: tagKey, Value: tagValue}, {Key: otherKey, Value: desc}},
			},
			ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
				{
					Sid:       sid,
					Effect:    "Allow",
					Principal: &blueprint.Principal{AWS: []string{principal}, Service: []string{principal, sid}},
					Action:    []string{condValue},
					Resource:  []string{principal},
					Condition: []blueprint.Condition{
						{Operator: op, Key: condKey, Values: []string{condValue, tagValue}},
						{Operator: op, Key: condKey + "x", Values: []string{desc}},
						{Operator: op + "y", Key: condKey, Values: []string{name}},
					},
				},
				{Sid: desc, NotPrincipal: &blueprint.Principal{Federated: []string{condKey}}, NotAction: []string{op}},
			}},
			Rotation: &blueprint.Rotation{Duration: tagValue, ScheduleExpression: condValue},
			Waivers:  []blueprint.Waiver{{Rule: op, Reason: desc}},
			Output:   &blueprint.Output{Format: sid, Path: desc},
		}
		valid := true
		for _, s := range []string{name, desc, tagKey, tagValue, sid, principal, op, condKey, condValue} {
			valid = valid && utf8.ValidString(s)
		}
		if !valid {
			if _, err := Save(d); err == nil {
				t.Fatalf("Save(%s) error = nil, want one for invalid UTF-8", dump(d))
			}
			return
		}
		roundTrip(t, d)
	})
}
