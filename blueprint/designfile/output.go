package designfile

import (
	"path/filepath"
	"strings"
)

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
// should hold it. A path inside the design file's directory is saved
// relative to it, so the design and its templates can move together; an
// absolute path elsewhere stays absolute, since that is how it was named.
func RelativeOutputPath(designFile, path string) string {
	if path == "" {
		return path
	}
	dir := filepath.Dir(designFile)
	if filepath.IsAbs(dir) != filepath.IsAbs(path) {
		// Compare like with like: both from the root.
		absDir, err1 := filepath.Abs(dir)
		absPath, err2 := filepath.Abs(path)
		if err1 != nil || err2 != nil {
			return path
		}
		dir, path = absDir, absPath
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil || (filepath.IsAbs(path) && (rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)))) {
		return path
	}
	return rel
}
