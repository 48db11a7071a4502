package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// learnDesigns are the designs whose --learn reviews are held to golden
// files: one that meets every rule, one that breaks several and waives one,
// and an existing secret, where most rules do not apply.
var learnDesigns = []struct{ name, yaml string }{
	{"compliant", `version: 1
secret:
  secretId: prod/payments/db
  description: Payments database, owned by the payments team
  generateSecretString:
    secretStringTemplate: '{"username":"payments","engine":"postgres"}'
    generateStringKey: password
    passwordLength: 40
    excludeCharacters: '"@/\'
  tags: {owner: payments, env: prod}
  database: {host: payments.cluster-abc.us-east-1.rds.amazonaws.com, username: payments}
  replicaRegions:
    - region: eu-central-1
      kmsKeyArn: arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
resourcePolicy:
  statements:
    - sid: AllowAppRead
      effect: Allow
      principal: {AWS: ["arn:aws:iam::111122223333:role/payments-app"]}
      action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
      resource: "*"
    - sid: DenyOutsideVpc
      effect: Deny
      principal: "*"
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
      condition:
        StringNotEquals: {"aws:SourceVpc": [vpc-0abc1234]}
rotation:
  scheduleExpression: rate(7 days)
  duration: 2h
  hostedRotationLambda:
    rotationType: PostgreSQLMultiUser
    masterSecretArn: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/admin-AbCdEf
    vpcSubnetIds: [subnet-0abc1234, subnet-0def5678]
    vpcSecurityGroupIds: [sg-0abc1234]
    vpcId: vpc-0abc1234
    vpcCidr: 10.0.0.0/16
monitoring: {rotationFailureAlert: true, alertEmail: payments-oncall@example.com}
`},
	{"findings", `version: 1
secret:
  secretId: dev/reports/db
  generateSecretString: {}
  recoveryWindowDays: 0
resourcePolicy:
  blockPublicPolicy: false
  statements:
    - sid: Everyone
      effect: Allow
      principal: "*"
      action: ["secretsmanager:*"]
      resource: "*"
rotation:
  automaticallyAfterDays: 60
  rotateImmediately: false
  hostedRotationLambda:
    rotationType: MySQLSingleUser
waivers:
  - rule: rotation-lambda-in-vpc
    reason: the reports database is a public sandbox with throwaway data
`},
	{"existing", `version: 1
secret:
  existingSecretArn: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/legacy/api-key-AbCdEf
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:legacy-rotator
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/legacy-rotator
monitoring: {rotationFailureAlert: true, alertEmail: legacy@example.com}
`},
}

func TestLearnReviewGolden(t *testing.T) {
	for _, tt := range learnDesigns {
		t.Run(tt.name, func(t *testing.T) {
			dFile := designfile.Decode(tt.name+".yaml", []byte(tt.yaml))
			d, diags := dFile.Design, dFile.Structure
			if d == nil || len(diags.Errors()) > 0 {
				t.Fatalf("designfile.Decode(%s) = %v", tt.name, diags)
			}
			if errs := d.Validate().Errors(); len(errs) > 0 {
				t.Fatalf("the %s design is invalid, so its review would teach nothing: %v", tt.name, errs)
			}
			got := LearnReview(d, blueprint.Check(d))
			checkGolden(t, "learn-"+tt.name, got)
		})
	}
}

// TestLearnReviewCoversEveryRule holds the review to saying, for every
// rule, its status and its reason, so a rule added later cannot be left
// out of the teaching.
func TestLearnReviewCoversEveryRule(t *testing.T) {
	for _, tt := range learnDesigns {
		d := designfile.Decode(tt.name+".yaml", []byte(tt.yaml)).Design
		r := blueprint.Check(d)
		got := LearnReview(d, r)
		for _, res := range r.Results {
			head := res.Rule.Title + " (" + string(res.Rule.ID)
			if !strings.Contains(got, head) {
				t.Errorf("LearnReview(%s) does not name rule %s", tt.name, res.Rule.ID)
			}
			if !strings.Contains(got, "  Why: "+res.Rule.Reason+"\n") {
				t.Errorf("LearnReview(%s) does not give the reason of rule %s", tt.name, res.Rule.ID)
			}
			if !strings.Contains(got, "("+string(res.Rule.ID)+", ") || !strings.Contains(got, "): "+res.Status.String()+"\n") {
				t.Errorf("LearnReview(%s) does not say rule %s is %s", tt.name, res.Rule.ID, res.Status)
			}
		}
		if strings.ContainsAny(got, "\x1b✓✗│") {
			t.Errorf("LearnReview(%s) holds escape sequences or symbols:\n%s", tt.name, got)
		}
	}
}

func TestLearnReviewMeaning(t *testing.T) {
	tests := []struct {
		name string
		d    blueprint.Design
		want string
	}{
		{"days", blueprint.Design{Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30}},
			"rotates every 30 days: a leaked value works at most 30 days."},
		{"rate hours", blueprint.Design{Rotation: &blueprint.Rotation{ScheduleExpression: "rate(12 hours)"}},
			"rotates on rate(12 hours), at most 12 hours apart: a leaked value works at most 12 hours."},
		{"cron monthly", blueprint.Design{Rotation: &blueprint.Rotation{ScheduleExpression: "cron(0 4 1 * ? *)"}},
			"at most 31 days apart"},
		{"default recovery", blueprint.Design{Secret: blueprint.Secret{SecretID: "a"}},
			"A deleted secret can be restored for 30 days (the default)."},
		{"no recovery", blueprint.Design{Secret: blueprint.Secret{SecretID: "a", RecoveryWindowDays: new(int)}},
			"Nothing keeps a deleted secret: Terraform deletes it with no recovery window, and a CloudFormation stack, written with DeletionPolicy Delete, deletes it with the stack."},
		{"replica without a key", blueprint.Design{Secret: blueprint.Secret{SecretID: "a",
			ReplicaRegions: []blueprint.Replica{{Region: "eu-west-1", KMSKeyARN: "alias/app"}, {Region: "eu-west-2"}}}},
			"No key is named for eu-west-2: Terraform creates one there"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LearnReview(&tt.d, blueprint.Check(&tt.d))
			if !strings.Contains(got, tt.want) {
				t.Errorf("LearnReview(%s) does not contain %q:\n%s", tt.name, tt.want, got)
			}
		})
	}
}

func TestLearnReviewVerdict(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"compliant", "Verdict: ready. Every required rule that applies is met."},
		{"findings", "Verdict: not ready. Rules block-public-policy, no-public-principal, no-wildcard-actions, rotation-within-30-days, database-connection and recovery-window are required and not met"},
		{"existing", "Verdict: ready."},
	} {
		var yaml string
		for _, d := range learnDesigns {
			if d.name == tt.name {
				yaml = d.yaml
			}
		}
		d := designfile.Decode(tt.name+".yaml", []byte(yaml)).Design
		if got := LearnReview(d, blueprint.Check(d)); !strings.Contains(got, tt.want) {
			t.Errorf("LearnReview(%s) verdict: want %q in\n%s", tt.name, tt.want, got)
		}
	}
}

// TestLearnReviewGoldenFilesAreUsed catches a golden file left behind by
// a renamed design.
func TestLearnReviewGoldenFilesAreUsed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "learn-*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, d := range learnDesigns {
		used["learn-"+d.name+".golden"] = true
	}
	for _, f := range files {
		if !used[filepath.Base(f)] && !strings.HasPrefix(filepath.Base(f), "learn-screen") {
			t.Errorf("%s belongs to no design in learnDesigns; remove it", f)
		}
	}
}

// TestLearnReviewScreen holds the Review step of --learn to showing the
// reviewer's notes in place of the checklist, scrolled with pgdown.
func TestLearnReviewScreen(t *testing.T) {
	dFile := designfile.Decode("compliant.yaml", []byte(learnDesigns[0].yaml))
	d, diags := dFile.Design, dFile.Structure
	if d == nil || len(diags.Errors()) > 0 {
		t.Fatalf("designfile.Decode(compliant) = %v", diags)
	}
	m := sized(New(d, Options{DesignFile: "compliant.yaml", Learn: true}))
	m.gotoStep(stepReview)
	first := screen(m)
	checkGolden(t, "learn-screen-review", first)
	contains(t, first, "Reviewer's notes")
	contains(t, first, "Review of prod-payments-db against the")
	if strings.Contains(first, "Blueprint checklist") {
		t.Errorf("the checklist pane is still shown beside the reviewer's notes:\n%s", first)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
	scrolled := screen(m)
	checkGolden(t, "learn-screen-review-scrolled", scrolled)
	if scrolled == first {
		t.Errorf("pgdown did not scroll the reviewer's notes:\n%s", scrolled)
	}

	// Without --learn the Review step keeps its checklist.
	plain := sized(New(d, Options{DesignFile: "compliant.yaml"}))
	plain.gotoStep(stepReview)
	contains(t, screen(plain), "Blueprint checklist")
}

// TestLearnReviewReadsTheWalk holds the reviewer's words on the rotation
// function and the readers to the deployment walk-through that the
// checklist and 'secretsmith access' show: a Deny the walk-through says
// refuses a rotation call is named as stopping it, "no Deny stands in its
// way" is said only when every call passes the policy, and a reader is
// said to decrypt only when its kms:Decrypt is allowed. The reviewer used
// to say the function calls "from inside its VPC" whatever the design, and
// that the created key lets "anyone" decrypt, which KMS cannot grant.
func TestLearnReviewReadsTheWalk(t *testing.T) {
	const hosted = `
rotation:
  automaticallyAfterDays: 30
  hostedRotationLambda:
    rotationType: PostgreSQLSingleUser
    vpcSubnetIds: [subnet-0abc1234]
    vpcSecurityGroupIds: [sg-0abc1234]
`
	deny := func(cond string) string {
		return `
resourcePolicy:
  statements:
    - sid: DenyOutside
      effect: Deny
      principal: "*"
      resource: "*"
      action: [secretsmanager:GetSecretValue, secretsmanager:PutSecretValue]
      condition:
` + cond
	}
	adminException := `        ArnNotLike: {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/admin"}
`
	vpce := `        StringNotEquals: {"aws:SourceVpce": vpce-0123456789abcdef0}
`
	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		// Item 7 of issue 20: the admin's exception does not spare the
		// hosted function.
		{"deny excepting an admin", deny(adminException) + hosted + "    vpcId: vpc-0abc1234\n",
			[]string{"Statement DenyOutside stops its GetSecretValue and PutSecretValue."}},
		{"deny outside the function's own endpoint", deny(vpce+adminException) + hosted + "    endpoint: vpce-0123456789abcdef0\n",
			[]string{"through the VPC's existing endpoint vpce-0123456789abcdef0", "No Deny statement stands in its way."}},
		{"deny outside another endpoint", deny(vpce+adminException) + hosted + "    endpoint: vpce-0fedcba9876543210\n",
			[]string{"Statement DenyOutside stops its GetSecretValue and PutSecretValue."}},
		{"deny excepting every role", deny(`        ArnNotLike: {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/*"}
`) + hosted + "    vpcId: vpc-0abc1234\n", []string{"Statement DenyOutside may stop its GetSecretValue and PutSecretValue"}},
		{"no subnets", hosted[:strings.Index(hosted, "    vpcSubnetIds")], []string{"from outside any VPC (no subnets)"}},
		{"anyone reads", `
resourcePolicy:
  statements:
    - {sid: Anyone, effect: Allow, principal: "*", resource: "*", action: secretsmanager:GetSecretValue}
`, []string{"It does not let anyone decrypt: KMS cannot tell"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			df := designfile.Decode("d.yaml", []byte("version: 1\nsecret: {secretId: prod/db, tags: {owner: x}}"+tt.yaml))
			d := df.Design
			if d == nil {
				t.Fatalf("decode: %v", df.Structure)
			}
			r := blueprint.Check(d)
			got := LearnReview(d, r)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the review does not say %q:\n%s", w, got)
				}
			}
			w := r.Walk()
			if fn := w.RotationFunction(); fn >= 0 {
				clear := true
				for _, c := range w.ActorCalls(fn) {
					if c.By != blueprint.ByResourcePolicy || c.Outcome == blueprint.Allowed {
						continue
					}
					clear = false
					verb := " may stop its "
					if c.Outcome == blueprint.Refused {
						verb = " stops its "
					}
					if head := "Statement " + d.ResourcePolicy.Statements[c.Statement].Sid + verb; !strings.Contains(got, head) {
						t.Errorf("the walk-through says %s is %s by statement %d, but the review does not say %q", c.Action, c.Outcome.Key(), c.Statement, head)
					}
				}
				if says := strings.Contains(got, "No Deny statement stands in its way."); says != clear {
					t.Errorf("the review says no Deny stands in the way: %v; the walk-through: %v", says, clear)
				}
			}
			for _, ri := range w.Readers() {
				for _, c := range w.ActorCalls(ri) {
					if c.Action != "kms:Decrypt" {
						continue
					}
					lets := strings.Contains(got, "lets "+w.Actors[ri].Label+" decrypt")
					if lets != (c.Outcome == blueprint.Allowed) {
						t.Errorf("the review says the key lets %s decrypt: %v; the walk-through: %s", w.Actors[ri].Label, lets, c.Outcome.Key())
					}
					break
				}
			}
		})
	}
}

// Line mode's --learn does not speak of the screens' checklist "on the
// right", which it has not.
func TestLineModeLearnSpeaksOfNoChecklistOnTheRight(t *testing.T) {
	var out strings.Builder
	RunAccessible(nil, Options{Learn: true}, strings.NewReader("\nprod/l\n"), &out)
	if strings.Contains(out.String(), "on the right") || !strings.Contains(out.String(), "checks every answer against a security blueprint") {
		t.Errorf("line mode's learn intro:\n%s", out.String())
	}
}
