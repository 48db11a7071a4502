package blueprint

import "flag"

// update makes golden-file tests rewrite their files instead of comparing:
// go test ./blueprint -update. Any test in the package may use it.
var update = flag.Bool("update", false, "update golden files")
