package designfile

import "path/filepath"

// OutputPath returns the path a design file's output.path names, as a path
// from the current directory: output.path is relative to the design file's
// directory, so a design remembers where its templates go wherever
// 'secretsmith generate' is run from. An absolute path, or an empty one, is
// returned as it is.
func OutputPath(designFile, path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(filepath.Dir(designFile), path)
}

// RelativeOutputPath is the inverse of OutputPath, for saving: the output
// path (from the current directory) as the design file at designFile
// should hold it. A path given as absolute stays absolute, since that is
// how the user chose to name it.
func RelativeOutputPath(designFile, path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	dir := filepath.Dir(designFile)
	if filepath.IsAbs(dir) {
		abs, err := filepath.Abs(path)
		if err != nil {
			return path
		}
		path = abs
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return rel
}
