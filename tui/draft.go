package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/store"
)

// draft is this session's hold on the draft file. The session locks the
// draft when it starts, so a second wizard on the same state directory
// neither overwrites nor removes it: that one runs without a draft, and
// says so.
type draft struct {
	path   string
	files  store.FS
	unlock func()
	// busy is set when another running session holds the draft.
	busy bool
	// saved is true while the file holds this session's latest answers;
	// err is why the latest save failed.
	saved bool
	err   error
	// earlier is set when a draft was there before this session saved
	// one; aside is where it was kept, once this session's first save
	// moved it out of the way (issue 11: a new design must not silently
	// replace the draft of another).
	earlier bool
	aside   string
}

func openDraft(opts Options) *draft {
	dr := &draft{path: opts.DraftPath, files: opts.Files}
	if dr.files == nil {
		dr.files = store.OS{}
	}
	if dr.path == "" {
		return dr
	}
	unlock, err := dr.files.Drafts().Lock(dr.path)
	switch {
	case errors.Is(err, store.ErrLocked):
		dr.busy = true
		dr.err = fmt.Errorf("%w %s, so this one does not save its answers", err, dr.path)
	case err != nil:
		dr.err = err
	default:
		dr.unlock = unlock
		dr.earlier = dr.files.Drafts().Exists(dr.path)
	}
	return dr
}

// asidePath is where an earlier draft is kept when a session that did
// not resume it saves its own: draft.yaml becomes draft.previous.yaml.
func asidePath(path string) string {
	return strings.TrimSuffix(path, ".yaml") + ".previous.yaml"
}

// keepAside copies the earlier draft to asidePath before this session's
// first save replaces it. A draft that cannot be read is not replaced.
func (dr *draft) keepAside() error {
	f, err := dr.files.Drafts().Read(dr.path)
	if err == nil && f.Design == nil {
		err = errors.New("it is empty")
	}
	var data []byte
	if err == nil {
		data, err = designfile.Save(f.Design)
	}
	if err == nil {
		err = dr.files.Drafts().Save(asidePath(dr.path), data)
	}
	if err != nil {
		return fmt.Errorf("the earlier draft %s could not be kept aside (%v), so it is not replaced", dr.path, err)
	}
	dr.aside = asidePath(dr.path)
	return nil
}

// exists reports whether there is a draft to offer.
func (dr *draft) exists() bool {
	return dr.path != "" && dr.files.Drafts().Exists(dr.path)
}

// read loads the draft. A draft may be half done, so only its structure
// must be sound.
func (dr *draft) read() (*blueprint.Design, error) {
	f, err := dr.files.Drafts().Read(dr.path)
	if err != nil {
		return nil, err
	}
	if errs := f.Structure.Errors(); len(errs) > 0 {
		return nil, errs[:1]
	}
	if f.Design == nil {
		return nil, errors.New("the draft is empty")
	}
	return f.Design, nil
}

// save writes d as the draft, unless another session holds it. The
// first save of a session that did not resume the earlier draft keeps
// that one aside first.
func (dr *draft) save(d *blueprint.Design, resumed bool) error {
	if dr.path == "" {
		return nil
	}
	if dr.busy || dr.unlock == nil {
		dr.saved = false
		return dr.err
	}
	if dr.earlier && !resumed && dr.aside == "" {
		if err := dr.keepAside(); err != nil {
			dr.saved, dr.err = false, err
			return err
		}
	}
	dr.earlier = false
	data, err := designfile.Save(d)
	if err == nil {
		err = dr.files.Drafts().Save(dr.path, data)
	}
	dr.saved, dr.err = err == nil, err
	return err
}

// remove deletes the draft when this session holds it.
func (dr *draft) remove() {
	if dr.path == "" || dr.unlock == nil {
		return
	}
	if err := dr.files.Drafts().Remove(dr.path); err == nil {
		dr.saved = false
	}
}

// kept says where this session's answers are: the draft path when its
// latest save succeeded, or why not.
func (dr *draft) kept() (path, problem string) {
	if dr.saved {
		return dr.path, ""
	}
	if dr.err != nil {
		return "", dr.err.Error()
	}
	return "", ""
}

// promise is what the quit screen may say about the answers: kept in the
// draft only when this session can save it.
func (dr *draft) promise() string {
	switch {
	case dr.path == "":
		return ""
	case dr.unlock == nil || dr.busy:
		return " Your answers cannot be kept: " + shown(dr.err.Error()) + "."
	case dr.err != nil:
		return " The last save of the draft failed (" + shown(dr.err.Error()) + "); quitting tries again, and says whether your answers were kept."
	}
	msg := " Your answers are kept in the draft at " + shown(dr.path) + " and offered the next time you start secretsmith."
	if dr.aside != "" {
		msg += " The draft you had before is kept at " + shown(dr.aside) + "."
	}
	return msg
}

// Close releases the draft for other sessions. Call it when the session
// is over.
func (m *Model) Close() {
	if m.draft != nil && m.draft.unlock != nil {
		m.draft.unlock()
		m.draft.unlock = nil
	}
}

// readDesignFile reads a design file chosen on the Start screen, which must
// load cleanly.
func readDesignFile(files store.FS, path string) (*blueprint.Design, error) {
	f, err := files.ReadDesign(path)
	if err != nil {
		return nil, err
	}
	errs := f.Diagnostics().Errors()
	if len(errs) > 0 {
		msg := errs[0].String()
		if len(errs) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(errs)-1)
		}
		return nil, errors.New(msg)
	}
	return f.Design, nil
}

// saveDraft writes the design to the draft file. A design the file format
// cannot hold yet (such as a tag key typed twice), a draft another session
// holds, or a failed write is not saved, and the status line says so.
func (m *Model) saveDraft() {
	aside := m.draft.aside
	if err := m.draft.save(m.d, m.loaded["resume"]); err != nil {
		m.status = "draft not saved: " + err.Error()
		return
	}
	if m.draft.saved {
		m.draftFound = true
	}
	if m.draft.aside != aside {
		m.status = "the draft you had before is kept at " + m.draft.aside
	}
}

func (m *Model) removeDraft() { m.draft.remove() }
