//go:build !unix

package store

import "os"

// lockFile opens path. Without flock there is no lock: two sessions on
// such a system share the draft as they did before locking existed.
func lockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}
