package designfile

import "github.com/secretsmith/secretsmith/blueprint"

// parse is Decode's structural part, as the tests of decoding read it: the
// design, where each field was, and the structural problems.
func parse(filename string, data []byte) (*blueprint.Design, *Source, Diagnostics) {
	f := Decode(filename, data)
	return f.Design, f.Source, f.Structure
}

// load is Decode as the tests of whole files read it: the design when the
// file has no error, and every problem, which err is too when one is an
// error.
func load(filename string, data []byte) (*blueprint.Design, Diagnostics, error) {
	f := Decode(filename, data)
	ds := f.Diagnostics()
	if len(ds.Errors()) > 0 {
		return nil, ds, ds
	}
	return f.Design, ds, nil
}
