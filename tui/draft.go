package tui

import (
	"errors"
	"fmt"

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
	}
	return dr
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

// save writes d as the draft, unless another session holds it.
func (dr *draft) save(d *blueprint.Design) error {
	if dr.path == "" {
		return nil
	}
	if dr.busy || dr.unlock == nil {
		dr.saved = false
		return dr.err
	}
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
	return " Your answers are kept in the draft at " + shown(dr.path) + " and offered the next time you start secretsmith."
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
	if err := m.draft.save(m.d); err != nil {
		m.status = "draft not saved: " + err.Error()
		return
	}
	if m.draft.saved {
		m.draftFound = true
	}
}

func (m *Model) removeDraft() { m.draft.remove() }
