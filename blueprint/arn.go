package blueprint

import (
	"regexp"
	"strings"
)

// ARN is an Amazon Resource Name split into its parts.
type ARN struct {
	Partition string
	Service   string
	Region    string
	Account   string
	// Resource is everything after the account, such as key/1234... or
	// secret:prod/db-AbCdEf.
	Resource string
}

// ParseARN splits s into its six parts. It only checks the shape
// (arn:partition:service:region:account:resource); the field validators check
// what each service allows.
func ParseARN(s string) (ARN, bool) {
	// "arn:" and the next four colons, each found with IndexByte rather
	// than SplitN or a Cut per field: the access model parses the
	// policy's ARNs on every keystroke, and this allocates nothing.
	if len(s) < 4 || s[:4] != "arn:" {
		return ARN{}, false
	}
	at := [5]int{3}
	for n := 1; n < len(at); n++ {
		i := strings.IndexByte(s[at[n-1]+1:], ':')
		if i < 0 {
			return ARN{}, false
		}
		at[n] = at[n-1] + 1 + i
	}
	if at[1] == at[0]+1 || at[2] == at[1]+1 || at[4] == len(s)-1 {
		return ARN{}, false
	}
	return ARN{Partition: s[at[0]+1 : at[1]], Service: s[at[1]+1 : at[2]], Region: s[at[2]+1 : at[3]],
		Account: s[at[3]+1 : at[4]], Resource: s[at[4]+1:]}, true
}

// PartitionInfo describes one AWS partition: its DNS suffix, the shape of its
// region names and the regions where Secrets Manager runs.
type PartitionInfo struct {
	ID        string
	DNSSuffix string
	regionRE  *regexp.Regexp
	// Regions lists the regions with a Secrets Manager endpoint.
	Regions []string
	// HostedRotation reports whether the Serverless Application Repository
	// rotation apps (and so hosted rotation Lambdas) exist in the partition.
	HostedRotation bool
}

// MatchesRegion reports whether region has this partition's region shape.
func (p PartitionInfo) MatchesRegion(region string) bool { return p.regionRE.MatchString(region) }

// Partitions lists every partition secretsmith knows, most common first.
// Figures from botocore's partitions.json and endpoints.json.
var Partitions = []PartitionInfo{
	{ID: "aws", DNSSuffix: "amazonaws.com", regionRE: regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$`), HostedRotation: true, Regions: []string{
		"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1",
		"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
		"eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
		"mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
	}},
	{ID: "aws-cn", DNSSuffix: "amazonaws.com.cn", regionRE: regexp.MustCompile(`^cn-\w+-\d+$`), HostedRotation: true, Regions: []string{"cn-north-1", "cn-northwest-1"}},
	{ID: "aws-us-gov", DNSSuffix: "amazonaws.com", regionRE: regexp.MustCompile(`^us-gov-\w+-\d+$`), HostedRotation: true, Regions: []string{"us-gov-east-1", "us-gov-west-1"}},
	{ID: "aws-iso", DNSSuffix: "c2s.ic.gov", regionRE: regexp.MustCompile(`^us-iso-\w+-\d+$`), Regions: []string{"us-iso-east-1", "us-iso-west-1"}},
	{ID: "aws-iso-b", DNSSuffix: "sc2s.sgov.gov", regionRE: regexp.MustCompile(`^us-isob-\w+-\d+$`), Regions: []string{"us-isob-east-1", "us-isob-west-1"}},
	{ID: "aws-iso-e", DNSSuffix: "cloud.adc-e.uk", regionRE: regexp.MustCompile(`^eu-isoe-\w+-\d+$`), Regions: []string{"eu-isoe-west-1"}},
	{ID: "aws-iso-f", DNSSuffix: "csp.hci.ic.gov", regionRE: regexp.MustCompile(`^us-isof-\w+-\d+$`), Regions: []string{"us-isof-east-1", "us-isof-south-1"}},
	{ID: "aws-eusc", DNSSuffix: "amazonaws.eu", regionRE: regexp.MustCompile(`^eusc-de-\w+-\d+$`), Regions: []string{"eusc-de-east-1"}},
}

// LookupPartition returns the partition with the given id.
func LookupPartition(id string) (PartitionInfo, bool) {
	for _, p := range Partitions {
		if p.ID == id {
			return p, true
		}
	}
	return PartitionInfo{}, false
}

// PartitionOfRegion returns the partition whose region list holds region.
// Region shapes overlap (us-gov-west-1 also looks like an aws region), so the
// lists decide, not the patterns.
func PartitionOfRegion(region string) (PartitionInfo, bool) {
	if i, ok := regionPartition[region]; ok {
		return Partitions[i], true
	}
	return PartitionInfo{}, false
}

// regionPartition maps each region of Partitions to its partition's
// index: Validate looks up the secret's region and each replica's, twice,
// on every keystroke, and the lists hold some fifty regions. The first
// partition listing a region has it, as a walk of the lists would find.
var regionPartition = func() map[string]int {
	m := map[string]int{}
	for i, p := range Partitions {
		for _, r := range p.Regions {
			if _, dup := m[r]; !dup {
				m[r] = i
			}
		}
	}
	return m
}()

// arnField is one ARN-valued field of a design. Its path is built only when
// asked for, because the partition check walks every ARN on every keystroke
// and needs a path only to report a problem.
type arnField struct {
	value string
	// fixed is the path of a field outside the policy.
	fixed string
	// stmt, kind and idx locate a principal value: statement stmt,
	// kind "principal" or "notPrincipal", AWS value idx; or, with kind
	// replicaKey, replica idx's key.
	stmt, idx int
	kind      string
}

// replicaKey is the kind of arnField of a replica's key (idx is the
// replica's index).
const replicaKey = "replica"

func (f arnField) path() string {
	if f.fixed != "" {
		return f.fixed
	}
	if f.kind == replicaKey {
		return IndexPath("secret.replicaRegions", f.idx) + ".kmsKeyArn"
	}
	return IndexPath(StatementPath(f.stmt)+"."+f.kind+".AWS", f.idx)
}

// eachARN calls fn for every ARN-valued field of the design, in a fixed
// order, until fn returns false. Cross-field rules (one partition, primary
// region) walk it.
func (d *Design) eachARN(fn func(arnField) bool) {
	isARN := func(v string) bool { return strings.HasPrefix(v, "arn:") }
	for _, f := range [...]arnField{
		{value: d.Secret.ExistingSecretARN, fixed: "secret.existingSecretArn"},
		{value: d.Secret.KMSKeyARN, fixed: "secret.kmsKeyArn"},
	} {
		if isARN(f.value) && !fn(f) {
			return
		}
	}
	for i, r := range d.Secret.ReplicaRegions {
		if isARN(r.KMSKeyARN) && !fn(arnField{value: r.KMSKeyARN, kind: replicaKey, idx: i}) {
			return
		}
	}
	if d.ResourcePolicy != nil {
		for i := range d.ResourcePolicy.Statements {
			st := &d.ResourcePolicy.Statements[i]
			for _, pr := range [...]struct {
				kind string
				p    *Principal
			}{{"principal", st.Principal}, {"notPrincipal", st.NotPrincipal}} {
				if pr.p == nil {
					continue
				}
				for j, v := range pr.p.AWS {
					if isARN(v) && !fn(arnField{value: v, stmt: i, kind: pr.kind, idx: j}) {
						return
					}
				}
			}
		}
	}
	if r := d.Rotation; r != nil {
		fields := [...]arnField{{value: r.RotationLambdaARN, fixed: "rotation.rotationLambdaArn"}, {}, {}, {},
			{value: r.RotationLambdaRoleARN, fixed: "rotation.rotationLambdaRoleArn"}}
		if h := r.HostedRotationLambda; h != nil {
			fields[1] = arnField{value: h.KMSKeyARN, fixed: "rotation.hostedRotationLambda.kmsKeyArn"}
			fields[2] = arnField{value: h.MasterSecretARN, fixed: "rotation.hostedRotationLambda.masterSecretArn"}
			fields[3] = arnField{value: h.MasterSecretKMSKeyARN, fixed: "rotation.hostedRotationLambda.masterSecretKmsKeyArn"}
		}
		for _, f := range fields {
			if isARN(f.value) && !fn(f) {
				return
			}
		}
	}
	if t := d.Monitoring.AlertTopicARN; isARN(t) {
		fn(arnField{value: t, fixed: "monitoring.alertTopicArn"})
	}
}

// Partition is the design's partition: the one its ARNs name, or the one its
// region belongs to, or "aws". When ARNs disagree the first wins here and
// Validate reports the rest.
func (d *Design) Partition() string {
	part := ""
	d.eachARN(func(f arnField) bool {
		if a, ok := ParseARN(f.value); ok {
			part = a.Partition
			return false
		}
		return true
	})
	if part != "" {
		return part
	}
	if d.Secret.Region != "" {
		if p, ok := PartitionOfRegion(d.Secret.Region); ok {
			return p.ID
		}
	}
	return "aws"
}

// PinnedRegion is PrimaryRegion, or else the region of the rotation
// function's ARN: Secrets Manager invokes a rotation function in the
// secret's own region only (Validate refuses one elsewhere), so its ARN
// says where the secret is as the key's does. It is what an import asks
// to know whether the region is read. PrimaryRegion leaves the function
// out because generate writes what it returns into every template (the
// deploy command's region, the policies' ARNs).
func (d *Design) PinnedRegion() string {
	if r := d.PrimaryRegion(); r != "" {
		return r
	}
	if d.Rotation != nil {
		if a, ok := ParseARN(d.Rotation.RotationLambdaARN); ok {
			return a.Region
		}
	}
	return ""
}

// PrimaryRegion is Secret.Region, or the region of the existing secret or of
// the secret's key. It is empty when the design does not pin a region.
func (d *Design) PrimaryRegion() string {
	if d.Secret.Region != "" {
		return d.Secret.Region
	}
	for _, v := range []string{d.Secret.ExistingSecretARN, d.Secret.KMSKeyARN} {
		if a, ok := ParseARN(v); ok && a.Region != "" {
			return a.Region
		}
	}
	return ""
}
