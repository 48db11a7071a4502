package blueprint

import "testing"

func TestRotationTypeForEngine(t *testing.T) {
	cases := []struct {
		engine string
		multi  bool
		want   string
	}{
		{"postgres", false, "PostgreSQLSingleUser"},
		{"aurora-postgresql", true, "PostgreSQLMultiUser"},
		{"aurora", false, "MySQLSingleUser"},
		{"aurora-mysql", false, "MySQLSingleUser"},
		{"MySQL", true, "MySQLMultiUser"},
		{"mariadb", false, "MariaDBSingleUser"},
		{"oracle-ee-cdb", false, "OracleSingleUser"},
		{"sqlserver-ex", true, "SQLServerMultiUser"},
		{"db2-se", false, "Db2SingleUser"},
		{"redshift", false, "RedshiftSingleUser"},
		{"docdb", true, "MongoDBMultiUser"},
		{"neptune", false, ""},
		{"", false, ""},
	}
	for _, c := range cases {
		got, ok := RotationTypeForEngine(c.engine, c.multi)
		if got.Name != c.want || ok != (c.want != "") {
			t.Errorf("RotationTypeForEngine(%q, %v) = %q, %v; want %q", c.engine, c.multi, got.Name, ok, c.want)
		}
	}
}
