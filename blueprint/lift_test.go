package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// Issue 22 (b): an imported secret's JSON shows its connection in the
// database's own fields, writes back the same JSON, and never keeps a
// reference as a value.
func TestLiftConnection(t *testing.T) {
	masterARN := "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-admin-AbCdEf"
	for _, c := range []struct {
		name, rotation, tmpl string
		want                 Database
		master               string
		left                 string
		dropped              []string
	}{
		{name: "written by secretsmith", rotation: "PostgreSQLSingleUser",
			tmpl: `{"engine":"postgres","host":"db.example.com","port":5432,"dbname":"ledger","username":"app"}`,
			want: Database{Host: "db.example.com", Port: 5432, DBName: "ledger", Username: "app"}, left: `{"engine":"postgres"}`},
		{name: "user first, kept in place", rotation: "PostgreSQLSingleUser",
			tmpl: `{"username": "app", "engine": "postgres"}`,
			want: Database{Username: "app"}, left: `{"username": "app", "engine": "postgres"}`},
		{name: "host without its port gets the default", rotation: "PostgreSQLSingleUser",
			tmpl: `{"engine":"postgres","host":"db.example.com","username":"app"}`,
			want: Database{Host: "db.example.com", Username: "app"}, left: `{"engine":"postgres"}`},
		{name: "master secret", rotation: "MySQLMultiUser",
			tmpl: `{"engine":"mysql","host":"db.example.com","port":3306,"username":"app","masterarn":"` + masterARN + `"}`,
			want: Database{Host: "db.example.com", Port: 3306, Username: "app"}, master: masterARN, left: `{"engine":"mysql"}`},
		{name: "references are not values", rotation: "PostgreSQLSingleUser",
			tmpl: `{"engine":"postgres","host":"${Cluster.Endpoint.Address}","port":"${Cluster.Endpoint.Port}","username":"app"}`,
			want: Database{Username: "app"}, left: `{"engine":"postgres"}`,
			dropped: []string{"secret.database.host", "secret.database.port"}},
		{name: "a value the field refuses stays unseen", rotation: "PostgreSQLSingleUser",
			tmpl: `{"engine":"postgres","username":"hunter 2"}`,
			left: `{"engine":"postgres","username":"hunter 2"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db",
				GenerateSecretString: &GenerateSecretString{SecretStringTemplate: c.tmpl}},
				Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{RotationType: c.rotation}}}
			before := d.Clone()
			dropped := d.LiftConnection(func(v string) bool { return strings.Contains(v, "${") })
			var got Database
			if d.Secret.Database != nil {
				got = *d.Secret.Database
			}
			if got != c.want || d.Rotation.HostedRotationLambda.MasterSecretARN != c.master {
				t.Errorf("database %+v, master %q; want %+v, %q", got, d.Rotation.HostedRotationLambda.MasterSecretARN, c.want, c.master)
			}
			if left := d.Secret.GenerateSecretString.SecretStringTemplate; left != c.left {
				t.Errorf("template left %s, want %s", left, c.left)
			}
			if !slices.Equal(dropped, c.dropped) {
				t.Errorf("dropped %v, want %v", dropped, c.dropped)
			}
			if len(c.dropped) == 0 {
				a, _ := before.SecretTemplate()
				b, _ := d.SecretTemplate()
				// A host given without a port gets the default one.
				b = slices.DeleteFunc(b, func(f TemplateField) bool { return f.Key == "port" && !strings.Contains(c.tmpl, "port") })
				if TemplateJSON(a) != TemplateJSON(b) {
					t.Errorf("writes %s, wrote %s before", TemplateJSON(b), TemplateJSON(a))
				}
			}
		})
	}
}
