package account

import (
	"reflect"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

func TestLoadIdentity(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	id := c.Identity()
	want := Identity{Account: "123456789012", Partition: "aws", ARN: "arn:aws:sts::123456789012:user/moto", Region: "us-east-1"}
	if id != want {
		t.Fatalf("Identity() = %+v, want %+v", id, want)
	}
}

func TestPickers(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	f := seed(t, c)
	cx := ctx(t)

	keys, err := c.Keys(cx, "")
	if err != nil {
		t.Fatal(err)
	}
	type kv struct {
		ARN      string
		Aliases  string
		Rotation bool
	}
	var got []kv
	for _, k := range keys {
		if !k.RotationKnown || k.Region != "us-east-1" {
			t.Errorf("key %s: RotationKnown %v, Region %q", k.ID, k.RotationKnown, k.Region)
		}
		got = append(got, kv{k.ARN, strings.Join(k.Aliases, ","), k.RotationEnabled})
	}
	// Disabled, asymmetric and AWS managed keys are left out; aliased keys
	// come first, by alias.
	want := []kv{{f.keyApp, "alias/app,alias/app-old", true}, {f.keyShared, "alias/shared", false}, {f.keyPlain, "", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Keys(us-east-1):\n got %+v\nwant %+v", got, want)
	}
	if len(keys) > 0 && keys[0].Label() != "alias/app" || len(keys) > 2 && keys[2].Label() != f.keyPlainID {
		t.Errorf("labels: %q, %q", keys[0].Label(), keys[len(keys)-1].Label())
	}

	eu, err := c.Keys(cx, "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(eu) != 1 || eu[0].ARN != f.keyEU || eu[0].Label() != "alias/eu" || eu[0].Region != "eu-west-1" {
		t.Errorf("Keys(eu-west-1) = %+v, want only %s", eu, f.keyEU)
	}

	secrets, err := c.Secrets(cx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range secrets {
		names = append(names, s.Name+"="+s.ARN)
		if s.RotationEnabled {
			t.Errorf("secret %s: rotation enabled", s.Name)
		}
	}
	wantNames := []string{"prod/existing=" + f.existing, "prod/master=" + f.master, "prod/other=" + f.other}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("Secrets:\n got %v\nwant %v", names, wantNames)
	}

	dbs, err := c.Databases(cx)
	if err != nil {
		t.Fatal(err)
	}
	var dbGot []string
	for _, d := range dbs {
		dbGot = append(dbGot, strings.Join([]string{d.Kind, d.Identifier, d.Engine, d.ProposedRotationType}, " "))
		if d.Host == "" || d.Port == 0 || !strings.HasPrefix(d.ARN, "arn:aws:rds:us-east-1:123456789012:") && d.ARN != "arn:aws:redshift:us-east-1:123456789012:cluster:warehouse" {
			t.Errorf("database %s: host %q port %d arn %q", d.Identifier, d.Host, d.Port, d.ARN)
		}
	}
	wantDBs := []string{"cluster graph neptune ", "cluster inventory aurora-mysql MySQLSingleUser", "instance orders-pg postgres PostgreSQLSingleUser", "redshift warehouse redshift RedshiftSingleUser"}
	if !reflect.DeepEqual(dbGot, wantDBs) {
		t.Errorf("Databases:\n got %v\nwant %v", dbGot, wantDBs)
	}

	subnets, err := c.Subnets(cx)
	if err != nil {
		t.Fatal(err)
	}
	// Each subnet carries its VPC's CIDR, from DescribeVpcs.
	for _, s := range subnets {
		want := map[string]string{f.vpcA: "10.1.0.0/16", f.vpcB: "10.2.0.0/16"}[s.VPCID]
		if want != "" && s.VPCCIDR != want {
			t.Errorf("subnet %s of %s: VPCCIDR %q, want %q", s.ID, s.VPCID, s.VPCCIDR, want)
		}
	}
	groups, err := c.SecurityGroups(cx)
	if err != nil {
		t.Fatal(err)
	}
	vpcs := map[string]VPC{}
	for _, v := range GroupByVPC(subnets, groups) {
		vpcs[v.ID] = v
	}
	describe := func(v VPC) string {
		var b []string
		for _, s := range v.Subnets {
			b = append(b, s.ID+"@"+s.AvailabilityZone+"/"+s.Name)
		}
		for _, g := range v.SecurityGroups {
			b = append(b, g.ID+":"+g.Name)
		}
		return strings.Join(append(b, strings.Join(v.AvailabilityZones, "+")), " ")
	}
	wantA := strings.Join([]string{f.subA1 + "@us-east-1a/a1", f.subA2 + "@us-east-1b/a2"}, " ")
	if got := describe(vpcs[f.vpcA]); !strings.HasPrefix(got, wantA) || !strings.Contains(got, f.sgA+":rotation-a") || !strings.HasSuffix(got, "us-east-1a+us-east-1b") || strings.Contains(got, f.sgB) {
		t.Errorf("vpcA = %s", got)
	}
	if got := describe(vpcs[f.vpcB]); !strings.Contains(got, f.subB1+"@us-east-1a/b1") || !strings.Contains(got, f.sgB+":rotation-b") || !strings.HasSuffix(got, " us-east-1a") {
		t.Errorf("vpcB = %s", got)
	}

	eps, err := c.Endpoints(cx)
	if err != nil {
		t.Fatal(err)
	}
	if len(eps) != 1 || eps[0].ID != f.endpointA || eps[0].VPCID != f.vpcA || eps[0].ServiceName != "com.amazonaws.us-east-1.secretsmanager" {
		t.Errorf("Endpoints = %+v, want only %s in %s", eps, f.endpointA, f.vpcA)
	}
}

func TestLoadSecret(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	f := seed(t, c)
	d, err := c.LoadSecret(ctx(t), "prod/existing")
	if err != nil {
		t.Fatal(err)
	}
	want := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{ExistingSecretARN: f.existing},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{reader}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("LoadSecret:\n got %#v\nwant %#v", d, want)
	}
	// The loaded design is one the blueprint can judge: it has no rotation,
	// so the rotation rule is not met.
	if errs := d.Validate().Errors(); len(errs) > 0 {
		t.Fatalf("loaded design does not validate: %v", errs)
	}
	rep := blueprint.Check(d)
	notMet := 0
	for _, r := range rep.Results {
		if r.Status == blueprint.StatusNotMet {
			notMet++
		}
	}
	if notMet == 0 {
		t.Errorf("the loaded design without rotation meets every rule")
	}

	if _, err := c.LoadSecret(ctx(t), "prod/missing"); !IsKind(err, KindNotFound) {
		t.Errorf("LoadSecret(missing) = %v, want a not-found *Error", err)
	}
}
