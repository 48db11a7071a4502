package blueprint

import "strings"

// RotationTypeForEngine proposes the hosted rotation type for a database
// engine as RDS, Redshift and DocumentDB report it (such as "postgres",
// "aurora-mysql", "oracle-ee", "sqlserver-se", "docdb"): the single-user type
// of the engine's family, or the multi-user one when multiUser is set. It
// reports false for engines no hosted rotation type serves (such as neptune).
func RotationTypeForEngine(engine string, multiUser bool) (RotationType, bool) {
	e := strings.ToLower(strings.TrimSpace(engine))
	var family string
	switch {
	case e == "aurora" || e == "aurora-mysql" || e == "mysql":
		family = "mysql"
	case e == "aurora-postgresql" || e == "postgres" || e == "postgresql":
		family = "postgres"
	case e == "mariadb":
		family = "mariadb"
	case strings.HasPrefix(e, "oracle"):
		family = "oracle"
	case strings.HasPrefix(e, "sqlserver"):
		family = "sqlserver"
	case strings.HasPrefix(e, "db2"):
		family = "db2"
	case e == "redshift":
		family = "redshift"
	case e == "docdb" || e == "mongo" || e == "mongodb":
		family = "mongo"
	default:
		return RotationType{}, false
	}
	for _, t := range RotationTypes {
		if t.MultiUser != multiUser {
			continue
		}
		for _, te := range t.Engines {
			if te == family {
				return t, true
			}
		}
	}
	return RotationType{}, false
}
