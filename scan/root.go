package scan

import (
	"os"
	"path/filepath"
	"strings"
)

// Options say how far a reader follows a file's references to other files.
type Options struct {
	// Root is the tree being checked. A nested template or local module
	// outside it is not read; a notice at its reference says so, so that a
	// template cannot make check read /proc/self/environ or another
	// project's files. Empty means the directory read, or the directory of
	// the file read.
	Root string
}

// tree is a resolved Root: absolute, with its symbolic links followed.
type tree struct {
	root string
	name string // as the user wrote it, for notices
}

func newTree(opt Options, path string) tree {
	root := opt.Root
	if root == "" {
		root = path
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			root = filepath.Dir(path)
		}
	}
	return tree{root: resolvePath(root), name: root}
}

// resolvePath is path made absolute with its symbolic links followed; a
// path that does not exist is only made absolute and clean, so that its
// read fails (and is reported) rather than its place.
func resolvePath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// holds reports whether path lies inside the tree, links followed.
func (t tree) holds(path string) bool {
	p := resolvePath(path)
	if p == t.root {
		return true
	}
	rel, err := filepath.Rel(t.root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// outside is the notice text for a reference that leaves the tree.
func (t tree) outside(ref string) string {
	return ref + " is outside " + t.name + ", the tree being checked, so it is not read (check a directory that holds both)"
}
