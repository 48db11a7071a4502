package account

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/blueprint"
)

// CheckDrift is the verification that the deployed secret is what its
// design says: one check per difference, at the design's field, naming
// the account's value.
const CheckDrift = "aws-drift"

// drift compares the secret the design describes, as deployed, with the
// design: its key, policy statements, rotation schedule and function,
// replicas and tags. A secret to create that does not exist yet has no
// drift; nothing is reported for it.
func (v *verifier) drift(ctx context.Context, d *blueprint.Design) {
	id := d.Secret.ExistingSecretARN
	if id == "" {
		id = d.Secret.SecretID
	}
	if id == "" {
		return
	}
	out, err := call(ctx, v.c, "secretsmanager:DescribeSecret", func(ctx context.Context) (*secretsmanager.DescribeSecretOutput, error) {
		return v.c.secrets().DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(id)})
	})
	switch {
	case IsKind(err, KindNotFound) && !d.IsExisting():
		return // not deployed yet
	case err != nil:
		v.fail(CheckDrift, "secret", "the deployed secret "+id, err, "the secret "+id+" is not deployed")
		return
	}
	before := len(v.checks)
	differs := func(path, format string, args ...any) {
		v.add(CheckDrift, path, StatusFail, format, args...)
	}

	if !d.IsExisting() {
		v.keyDrift(ctx, d.Secret.KMSKeyARN, aws.ToString(out.KmsKeyId), differs)
		want := map[string]string{}
		for _, t := range d.Secret.Tags {
			want[t.Key] = t.Value
		}
		got := map[string]string{}
		for _, t := range out.Tags {
			got[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		for _, k := range sortedKeys(want) {
			switch g, ok := got[k]; {
			case !ok:
				differs("secret.tags", "tag %s=%s is not on the deployed secret", k, want[k])
			case g != want[k]:
				differs("secret.tags", "tag %s is %q in the design, %q in the account", k, want[k], g)
			}
		}
		for _, k := range sortedKeys(got) {
			if _, ok := want[k]; !ok && !strings.HasPrefix(k, "aws:") {
				differs("secret.tags", "the account has tag %s=%s, which the design does not", k, got[k])
			}
		}
		var wantR, gotR []string
		for _, r := range d.Secret.ReplicaRegions {
			wantR = append(wantR, r.Region)
		}
		for _, r := range out.ReplicationStatus {
			gotR = append(gotR, aws.ToString(r.Region))
		}
		slices.Sort(wantR)
		slices.Sort(gotR)
		if !slices.Equal(wantR, gotR) {
			differs("secret.replicaRegions", "the design replicates to [%s], the account to [%s]", strings.Join(wantR, ", "), strings.Join(gotR, ", "))
		}
	}

	v.rotationDrift(d, out, differs)
	v.policyDrift(ctx, d, aws.ToString(out.ARN), differs)
	if len(v.checks) == before {
		v.add(CheckDrift, "secret", StatusPass, "the deployed secret %s matches the design (key, policy, rotation, replicas, tags)", aws.ToString(out.Name))
	}
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// keyDrift compares the key the design names with the deployed one, both
// resolved to key ARNs (the design may name an alias). An empty design key
// is a key secretsmith creates, which cannot be compared before deploying.
func (v *verifier) keyDrift(ctx context.Context, want, got string, differs func(string, string, ...any)) {
	if want == "" || want == got {
		return
	}
	if got == "" {
		differs("secret.kmsKeyArn", "is %s, but the deployed secret uses the AWS managed key aws/secretsmanager", want)
		return
	}
	region := regionOf(got, v.c.cfg.Region)
	w, err1 := v.c.describeKey(ctx, regionOf(want, region), want)
	g, err2 := v.c.describeKey(ctx, region, got)
	if err1 != nil || err2 != nil {
		return // aws-key-usable says why the key cannot be read
	}
	if w.ARN != g.ARN {
		differs("secret.kmsKeyArn", "is %s, but the deployed secret is encrypted with %s", w.ARN, g.ARN)
	}
}

func (v *verifier) rotationDrift(d *blueprint.Design, out *secretsmanager.DescribeSecretOutput, differs func(string, string, ...any)) {
	on := aws.ToBool(out.RotationEnabled)
	r := d.Rotation
	switch {
	case r == nil && on:
		differs("rotation", "the design has no rotation, but the deployed secret rotates with %s", aws.ToString(out.RotationLambdaARN))
		return
	case r == nil:
		return
	case !on:
		differs("rotation", "the design rotates the secret, but rotation is not enabled on the deployed secret")
		return
	}
	var days int
	var expr, window string
	if rr := out.RotationRules; rr != nil {
		days, expr, window = int(aws.ToInt64(rr.AutomaticallyAfterDays)), aws.ToString(rr.ScheduleExpression), aws.ToString(rr.Duration)
	}
	switch {
	case r.AutomaticallyAfterDays > 0 && (expr == "" || strings.HasPrefix(expr, "rate(")) && days != r.AutomaticallyAfterDays:
		differs("rotation.automaticallyAfterDays", "is %d, but the deployed secret rotates every %d days", r.AutomaticallyAfterDays, days)
	case r.ScheduleExpression != "" && r.ScheduleExpression != expr:
		differs("rotation.scheduleExpression", "is %s, but the deployed schedule is %s", r.ScheduleExpression, cmpOr(expr, fmt.Sprintf("every %d days", days)))
	}
	if r.Duration != "" && r.Duration != window {
		differs("rotation.duration", "is %s, but the deployed window is %s", r.Duration, cmpOr(window, "none"))
	}
	fn := aws.ToString(out.RotationLambdaARN)
	switch {
	case r.RotationLambdaARN != "" && r.RotationLambdaARN != fn:
		differs("rotation.rotationLambdaArn", "is %s, but the deployed secret rotates with %s", r.RotationLambdaARN, fn)
	case r.HostedRotationLambda != nil:
		name := r.HostedRotationLambda.RotationLambdaName
		if name == "" {
			name = d.SuggestedRotationLambdaName()
		}
		if !strings.HasSuffix(fn, ":function:"+name) {
			differs("rotation.hostedRotationLambda.rotationLambdaName", "is %s, but the deployed secret rotates with %s", name, fn)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// policyDrift compares the resource policy statement by statement (by
// Sid, else by position), each as the JSON a deployment would send.
func (v *verifier) policyDrift(ctx context.Context, d *blueprint.Design, arn string, differs func(string, string, ...any)) {
	pol, err := call(ctx, v.c, "secretsmanager:GetResourcePolicy", func(ctx context.Context) (*secretsmanager.GetResourcePolicyOutput, error) {
		return v.c.secrets().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)})
	})
	if err != nil {
		v.fail(CheckDrift, "resourcePolicy", "the deployed resource policy", err, "")
		return
	}
	var got []blueprint.Statement
	if doc := aws.ToString(pol.ResourcePolicy); doc != "" {
		if got, err = blueprint.ParsePolicyJSON([]byte(doc)); err != nil {
			v.add(CheckDrift, "resourcePolicy", StatusError, "could not check the deployed resource policy: %v", err)
			return
		}
	}
	var want []blueprint.Statement
	if d.ResourcePolicy != nil {
		want = d.ResourcePolicy.Statements
	}
	key := func(i int, s blueprint.Statement) string {
		if s.Sid != "" {
			return s.Sid
		}
		return fmt.Sprintf("#%d", i+1)
	}
	text := func(s blueprint.Statement) string {
		b, err := (&blueprint.ResourcePolicy{Statements: []blueprint.Statement{s}}).DocumentJSON()
		if err != nil {
			return ""
		}
		return string(b)
	}
	gotBy := map[string]blueprint.Statement{}
	for i, s := range got {
		gotBy[key(i, s)] = s
	}
	seen := map[string]bool{}
	for i, s := range want {
		k := key(i, s)
		seen[k] = true
		path := blueprint.IndexPath("resourcePolicy.statements", i)
		g, ok := gotBy[k]
		switch {
		case !ok:
			differs(path, "statement %s is not in the deployed resource policy", k)
		case text(g) != text(s):
			differs(path, "statement %s differs from the deployed one: %s", k, text(g))
		}
	}
	for i, s := range got {
		if k := key(i, s); !seen[k] {
			differs("resourcePolicy", "the deployed resource policy has statement %s, which the design does not: %s", k, text(s))
		}
	}
}
