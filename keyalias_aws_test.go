package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/secretsmith/secretsmith/account"
)

// keyAliasDesign rotates with the hosted function in the VPC moto holds,
// and names its secret's key only by the alias alias/app, which the
// function's role cannot be granted (issue 20, item 9).
func keyAliasDesign(subnets []string, sg string) string {
	return `version: 1
name: app-db
secret:
  secretId: prod/app/db
  region: us-east-1
  kmsKeyArn: alias/app
  tags: {owner: app}
  database: {host: db.internal.example.com, username: app}
rotation:
  automaticallyAfterDays: 30
  hostedRotationLambda:
    rotationType: PostgreSQLSingleUser
    vpcSubnetIds: [` + strings.Join(subnets, ", ") + `]
    vpcSecurityGroupIds: [` + sg + `]
monitoring: {rotationFailureAlert: true, alertEmail: oncall@example.com}
`
}

// TestGenerateAWSResolvesKeyAlias: offline, an alias inherited by the
// hosted rotation function's kmsKeyArn is the error that asks for the key
// ARN (and says --aws looks it up); with --aws against moto, generate
// resolves it with kms:DescribeKey, says so, and the CloudFormation and
// Terraform it writes grant the function the key's ARN, never the alias.
func TestGenerateAWSResolvesKeyAlias(t *testing.T) {
	_, cfg := motoConfig(t)
	ctx := context.Background()
	k := kms.NewFromConfig(cfg)
	key, err := k.CreateKey(ctx, &kms.CreateKeyInput{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: key.KeyMetadata.KeyId}); err != nil {
		t.Fatal(err)
	}
	if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/app"), TargetKeyId: key.KeyMetadata.KeyId}); err != nil {
		t.Fatal(err)
	}
	keyARN := aws.ToString(key.KeyMetadata.Arn)
	e := ec2.NewFromConfig(cfg)
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	var subnets []string
	for i, az := range []string{"us-east-1a", "us-east-1b"} {
		s, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String([]string{"10.9.1.0/24", "10.9.2.0/24"}[i]), AvailabilityZone: aws.String(az)})
		if err != nil {
			t.Fatal(err)
		}
		subnets = append(subnets, aws.ToString(s.Subnet.SubnetId))
	}
	sg, err := e.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: vpc.Vpc.VpcId, GroupName: aws.String("rotation"), Description: aws.String("rotation")})
	if err != nil {
		t.Fatal(err)
	}
	// The rotation function reaches Secrets Manager through an endpoint
	// whose private DNS name resolves in the VPC.
	if _, err := e.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: vpc.Vpc.VpcId,
		EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: vpc.Vpc.VpcId, ServiceName: aws.String("com.amazonaws.us-east-1.secretsmanager"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: subnets, SecurityGroupIds: []string{aws.ToString(sg.GroupId)},
		PrivateDnsEnabled: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	design := filepath.Join(dir, "app.yaml")
	if err := os.WriteFile(design, []byte(keyAliasDesign(subnets, aws.ToString(sg.GroupId))), 0o600); err != nil {
		t.Fatal(err)
	}

	// Offline: the error that asks for the key ARN.
	var out, errb bytes.Buffer
	if code := run([]string{"generate", design, "-f", "cloudformation", "-o", filepath.Join(dir, "offline.yaml")}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("offline: exit %d, want 1\n%s", code, errb.String())
	}
	if msg := errb.String(); !strings.Contains(msg, "rotation.hostedRotationLambda.kmsKeyArn: is empty, so the function would be granted the secret's key, but secret.kmsKeyArn is the alias alias/app") ||
		!strings.Contains(msg, "--aws") {
		t.Errorf("offline: stderr lacks the error asking for the key ARN:\n%s", msg)
	}

	for _, c := range []struct{ format, out, file string }{
		{"cloudformation", "t.yaml", "t.yaml"},
		{"terraform", "tf", filepath.Join("tf", "main.tf")},
	} {
		out.Reset()
		errb.Reset()
		target := filepath.Join(dir, c.out)
		if code := run([]string{"generate", "--aws", "--region", "us-east-1", design, "-f", c.format, "-o", target}, nil, &out, &errb); code != exitOK {
			t.Fatalf("%s --aws: exit %d\n%s", c.format, code, errb.String())
		}
		if !strings.Contains(errb.String(), "rotation.hostedRotationLambda.kmsKeyArn: the alias alias/app is the key "+keyARN) {
			t.Errorf("%s --aws: stderr does not say what the alias resolved to:\n%s", c.format, errb.String())
		}
		data, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		tmpl := string(data)
		want := "KmsKeyArn: " + keyARN
		if c.format == "terraform" {
			want = `kmsKeyArn           = "` + keyARN + `"`
		}
		if !strings.Contains(tmpl, want) {
			t.Errorf("%s --aws: the template does not grant the function the key ARN (%s):\n%s", c.format, want, tmpl)
		}
		if strings.Contains(tmpl, `data "aws_kms_key"`) {
			t.Errorf("%s --aws: the template still looks the key up", c.format)
		}
	}

	// An alias the account does not have: said, and the offline error
	// stands; nothing is written.
	missing := strings.Replace(keyAliasDesign(subnets, aws.ToString(sg.GroupId)), "alias/app", "alias/nope", 1)
	if err := os.WriteFile(design, []byte(missing), 0o600); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	target := filepath.Join(dir, "missing.yaml")
	if code := run([]string{"generate", "--aws", "--region", "us-east-1", design, "-f", "cloudformation", "-o", target}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("unknown alias: exit %d, want 1\n%s", code, errb.String())
	}
	if msg := errb.String(); !strings.Contains(msg, "cannot resolve the key alias alias/nope") || !strings.Contains(msg, "secret.kmsKeyArn is the alias alias/nope") {
		t.Errorf("unknown alias: stderr lacks why, or the error asking for the key ARN:\n%s", msg)
	}
	if _, err := os.Stat(target); err == nil {
		t.Errorf("unknown alias: %s was written", target)
	}
}

// describingFake is fakeAccount that also answers kms:DescribeKey from a
// map of alias to key ARN.
type describingFake struct {
	*fakeAccount
	keys map[string]string
}

func (f describingFake) DescribeKey(_ context.Context, _ string, id string) (account.KeyMetadata, error) {
	if arn, ok := f.keys[id]; ok {
		return account.KeyMetadata{ARN: arn}, nil
	}
	return account.KeyMetadata{}, errors.New("NotFoundException: no such alias")
}

// TestGenerateAWSAliasOneAccount: generate --aws loads the account once for
// the alias lookup and the verification, verifies the design with the key
// ARN in place, and with an account that cannot describe keys keeps the
// offline error.
func TestGenerateAWSAliasOneAccount(t *testing.T) {
	const keyARN = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	dir := t.TempDir()
	design := filepath.Join(dir, "app.yaml")
	if err := os.WriteFile(design, []byte(keyAliasDesign([]string{"subnet-0123456789abcdef0", "subnet-0123456789abcdef1"}, "sg-0123456789abcdef0")), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		acct account.Account
		code int
	}{
		{"describes keys", describingFake{&fakeAccount{}, map[string]string{"alias/app": keyARN}}, exitOK},
		{"cannot describe keys", &fakeAccount{}, exitFailure},
	} {
		loads := 0
		old := loadAccount
		loadAccount = func(context.Context, account.Options) (account.Account, error) { loads++; return c.acct, nil }
		var out, errb bytes.Buffer
		code := run([]string{"generate", "--aws", design, "-f", "cloudformation", "-o", filepath.Join(dir, c.name+".yaml")}, nil, &out, &errb)
		loadAccount = old
		if code != c.code || loads != 1 {
			t.Errorf("%s: exit %d, %d account loads; want %d and 1\n%s", c.name, code, loads, c.code, errb.String())
		}
		if c.code == exitOK {
			f := c.acct.(describingFake).fakeAccount
			if len(f.verified) != 1 || f.verified[0].Rotation.HostedRotationLambda.KMSKeyARN != keyARN {
				t.Errorf("%s: verified %d designs, want one with the key ARN in place", c.name, len(f.verified))
			}
		} else if msg := errb.String(); !strings.Contains(msg, "the account cannot describe KMS keys") || !strings.Contains(msg, "with --aws, secretsmith looks it up") {
			t.Errorf("%s: stderr lacks why and the offline error:\n%s", c.name, msg)
		}
	}
}
