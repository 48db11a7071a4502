// Package tui is the secretsmith wizard: a Bubble Tea v2 program that asks
// about one secret, one screen per step (Start, Secret, Encryption, Resource
// policy, Rotation, Monitoring, Review, Done), and edits a blueprint.Design
// in place as the user types.
//
// # Values live in the design
//
// Every field is declared once in steps.go, built from the design each time
// it is drawn: its design-file path, its question (the words, edited in
// questions.txt and read by questions.go), the rule whose reason ? shows,
// and a get/set pair that reads and writes the design.
// Only the focused text field has an editor (a bubbles v2 textinput), loaded
// from the design when the focus arrives and copied back on every key. Going
// back and forth therefore never loses an answer: there is no second copy to
// lose. What the design cannot hold yet (a principal type with no principal
// typed, the key ARN of an "existing key" choice switched off) is kept in the
// model's mode and stash maps, so switching back restores it. The Review
// step's format and path are the design's output key (Design.Output): a
// design opened or a draft resumed offers them again.
//
// # Live validation
//
// huh validates on Enter and Tab only, and each huh field keeps its own copy
// of the value. Here validation is the parent's job: after every change the
// model runs Design.Validate and blueprint.Check (built to run per keystroke),
// through Report.WithValidation, so a rule is never shown as met by a value
// that does not validate, and draws each problem under the field whose path
// covers it (or, where fields share a path, such as a condition's operator,
// key and values, the field whose validator reported it), errors, warnings
// and rule findings in different styles. A problem of one entry of a list
// names the entry ("subnet 2: ..."), and entries that share a message share
// one line. Messages speak of the screens' labels, not design-file keys. Problems of the step that
// no field on screen shows are listed at the top of the step, so nothing
// that blocks it is hidden. Validate's errors (and values that could not be
// read, such as letters in a number) keep the user on the step: Continue
// refuses (its message counts the errors and says the rule findings can
// wait) and esc still goes back; rows left entirely empty, such as a tag
// added by a stray enter, are dropped on Continue rather than blocking it.
// Rule findings do not block a step; they block writing, and the review is
// where a rule can be waived with a reason.
//
// # Widgets
//
// The kinds of field (text, choice, toggle, multi-select, button) live in
// tui/form, one file each holding its keys, its drawing and its line-mode
// prompt; form.Editor is the state of the focused field's editor. The model
// keeps the steps, the keys every field shares, moving between steps and
// writing: a kind's Key says where the focus goes, and the model acts on it
// in one place. Text fields use bubbles v2 textinput. The questions asked before
// something that cannot be undone, and the file picker, are huh v2 forms
// (confirm.go, filepicker.go). The split, field by field (issue 11 item 20):
//
//   - Text fields stay the model's: their errors must update on every key,
//     and huh validates on Enter and Tab only, in a copy of the value.
//   - Quitting (ctrl+c), the saved draft when Start goes on with anything
//     but resuming it (keep it aside at draft.previous.yaml, discard it, or
//     go back; both paths named), and writing over files that exist (every
//     one named: the writer returns ExistingFiles) are huh forms: a
//     Confirm for two answers, a Select for three. They are drawn in place
//     of the step, and line mode asks the same dialog as a numbered line.
//     The Review step's Overwrite switch stays as the up-front answer, the
//     twin of generate's --force.
//   - A path field (the design file to open, the template to import)
//     stays a text field, so a path can be typed or pasted, and ctrl+o
//     opens a huh FilePicker on it, rooted at the working directory and
//     offering the field's file types (.yaml and .yml designs; .yaml,
//     .yml, .json, .template and .tf templates); the file chosen fills the
//     field. browse attaches it to a path field. huh's picker chooses files
//     only, so on the template path ctrl+d chooses the highlighted
//     directory when it holds .tf or .tf.json files (the picker follows
//     the directory huh shows: refusingPicker). A file of another type is refused
//     with the picker left open, and the dialog says so ("web.txt is not
//     a design file: choose a .yaml or .yml file") until the next key:
//     huh clears its own error in the update that sets it, so the model
//     notices the refusal (refusingPicker) and draws its message.
//   - The rotation types stay the model's filtering list, grouped by engine
//     under headings. huh v2.0.3's filtering Select narrows its options
//     without setting its value (updateValue runs on ↑/↓ and enter, not
//     after the filter changes), so the highlighted type and the design
//     would disagree while the user types, and the database fields after
//     it (engine, port, master secret for multi-user types) would follow
//     a type the screen no longer shows. Its filter takes words separated
//     by spaces, matched in any order against the name and the type
//     ("single mysql" finds MySQLSingleUser), and when nothing matches it
//     says which type is still chosen. It also has no option groups, and
//     its / and esc would clash with the step's keys.
//
// huh ends a form through commands (NextField, then the next group), a few
// messages after the key that finished it. The wizard does not depend on
// that timing: a dialog's answer keys (enter, each answer's word, esc,
// ctrl+c) are the model's and answer in the Update of the key, a file
// picker is answered in the Update whose key set its value, and huh keeps
// the keys that move between answers and through folders. The form's
// commands come back tagged with the dialog they belong to (dialogMsg),
// batches and sequences opened so each is tagged; the late messages of a
// closed dialog are dropped, and keys that arrive while the picker reads
// its directory are held and handed on in order. The form is drawn in
// Update (settle), since huh draws by changing its own state, and View
// only copies the lines. So tests still drive the model with key messages:
// the tests' driver runs every returned command, tea.Sequence's included,
// before the next key, and the preview's and the draft's debounces, the
// commands with a delay, go through Model.tick, which the driver replaces
// with one that fires at once. huh is also the keystroke benchmark's baseline.
//
// # Screen
//
// The form is drawn beside a live blueprint checklist (ctrl+t), the "Who
// can read this?" pane (ctrl+r, access.go: the design's access model, one
// row per group of callers and whether the key lets it decrypt) or a preview
// of the CloudFormation or Terraform being built (ctrl+p), which shows the
// first error above the last render that worked, marked out of date, while
// the design cannot render, and wraps long lines instead of cutting them,
// each continuation line starting with "↪" (wrapMark).
// Nothing on screen is cut: text wraps at spaces only (never inside an ARN
// or a flag), a value, list or statement summary too long for its row
// wraps under it, as the status line does above the keys (a word longer
// than a whole line, alone, is broken), a choice too wide for its row lists its options one a line,
// and the Done screen's next command breaks before its flags with shell
// continuations so it copies cleanly. The preview is highlighted
// by a small line-based painter (highlight.go: keys, strings, comments,
// intrinsic functions, resource and block types) that only adds escape
// sequences around tokens, so the text is the template's, byte for byte;
// without colour it paints nothing. The preview is never rendered on a
// key's path: View only draws from the model and changes nothing (Update
// settles everything it reads), and after a change Update starts a
// debounce (previewDebounce) whose end renders a copy of the design
// (Design.Clone) in a tea.Cmd. The result carries the revision it was made
// from and is dropped if the design has moved on; until the current one
// arrives the pane shows the last render, marked as updating. The key line
// is bubbles' help, drawn from the key map (keys.go). Below 90 columns the
// pane
// replaces the form while it is on. The wizard draws without garbling down
// to 60x20 and asks for a bigger window below that, acting on no key but
// ctrl+c while it does; a tall window shows more of a long list. Colours go when
// Options.NoColor is set. The program draws on whatever output the caller
// gives Bubble Tea (standard error in secretsmith).
//
// # Keys
//
// tab/shift+tab and ↑/↓ move between fields, shift+tab on the first field and
// esc go back a step, enter moves on or presses a button (on a step's last
// question, with only buttons that add rows before Continue, it continues),
// ctrl+g goes to the screen's Continue (a statement's way back, the review's
// Write) and, pressed there, continues; a step with errors does not go on,
// and its first error is named on the status line and focused. Space
// toggles, and space or ←/→ change a choice (a letter does not). ? opens the reason behind a field, except in a text field
// that already holds text and whose value may hold ? (free text, a path, a
// cron expression or a Like pattern), where ? is a character and the key
// line names F1, which always works; an id, a name, an ARN or a number can
// never hold ?, so ? there opens the help too (field.takesQuestionMark).
// The key line names ctrl+u, which clears, in a text field that holds text.
// The first character typed into a number field that holds a value replaces
// it ("30" then "14" is 14), and so does the first one typed into the
// schedule expression, prefilled with an example; ←/→ first edits it
// instead. Letters typed in a
// multi-select (the Actions) filter its options; space toggles, and while
// a filter is typed space is part of it and enter toggles. Condition
// operators and keys complete as they are
// typed (bubbles' textinput suggestions): → at the end of the text takes
// the completion shown, ctrl+n shows the next match; tab is left to move
// on. ctrl+o on a path field opens the file picker. Ctrl+C asks before
// quitting (y, or a second Ctrl+C, quits) and keeps the draft; StopMsg
// (SIGTERM, SIGHUP) quits without asking and keeps it too. On the Start
// screen before any answer was saved, both leave the draft as it was.
//
// # Line mode and --learn
//
// RunAccessible asks the same questions as plain lines, for screen readers
// and scripts: it drives a Model that is never drawn, through the same
// field declarations, so line mode cannot drift from the screens. Menu
// numbers do not move as rows come and go (the buttons every screen of its
// kind has come first; a draft is the last Start choice), and every button
// and choice also answers to a word shown beside it, so a piped script
// behaves the same whatever the state. "Import a template" is Start
// choice 4, after the three that were there before it, and the draft
// stays last. Options.EchoAnswers writes each
// answer after its prompt, for input that is not a terminal. There Ctrl+C
// is a signal, not a key: each one on Options.Interrupts asks whether to
// quit, as the screens do, saying where the draft is, and
// RunAccessibleContext stops when its context is cancelled (secretsmith
// cancels it on SIGTERM and SIGHUP) and keeps the draft; an interrupted
// session exits 130. Everything line mode prints passes through
// blueprint.SafeWriter, so a value or answer holding escape sequences is
// shown escaped, and answers are read up to MaxAnswerBytes each. With
// Options.Learn both modes end with LearnReview, the design read against
// the blueprint rule by rule, as a reviewer would.
//
// # Importing
//
// "Import a template" on the Start screen (shown when Options.Import is
// set) and Options.Imported (secretsmith --design-from) open one secret of
// an existing CloudFormation template or Terraform configuration. This
// package reads no template: Options.Import is the command's reader (the
// scan package, which tui must not import), run on Continue like "Open a
// design file", never in View; a template of several secrets then asks
// which to open, by logical id or resource address. The design is the one
// read, and each ImportedSecret.Unread value (a parameter without a
// default, an imported value, a data source) is marked in the warning
// style under the one field about it ("not read from web.yaml:24: ... —
// check it"; one field, so an unread rotation is not repeated under every
// rotation question), or under the choice that decides whether that field
// is asked (the key choice, for an unread key ARN), or at the top of its
// step when no field on screen is, and again on the review. Editing that
// field, or making that choice so that the field stays hidden, takes the
// marker away: the value is the user's now. The checklist runs blueprint.CheckUnknown
// over the values still unread, so a rule that reads one says "cannot
// verify" instead of met; a rule the design fails stays not met, since
// the files are written from the design as it stands. Line mode prints
// the same markers after each question and at the top of the step.
//
// # Drafts
//
// Options.DraftPath (see DraftPath) receives the design, through
// designfile.Save, half a second after every change (draftDebounce), on
// every step change, and when the session stops: a quit, or a StopMsg,
// which secretsmith sends on SIGTERM and SIGHUP. The autosave is the
// preview's debounce again, through Model.tick: a change (of the design,
// the step or the focused field) starts it, and when it ends with nothing
// changed since, a tea.Cmd writes a copy of the design (Design.Clone).
// Saves are numbered, and one overtaken by a newer save that was written
// first (an autosave finishing after the quit's) is dropped, so the file
// never goes back to older answers; none is written once the files are
// written and the draft removed, or the session is over. Each save is
// atomic (store: a synced temporary renamed over the draft), so a kill -9
// leaves the whole draft of half a second before. The draft's first line
// is a YAML comment holding, as JSON, when it was saved and where the user
// was: the step (by name), the policy statement being edited and the
// focused field's id, and for an imported design the values still unread
// (their path, reason and FILE:LINE; at most 64, each cut to 256
// characters), so a resumed draft marks them and its checklist says
// cannot verify as the import did. Being a comment, it leaves the draft a
// design file that generate and check read strictly like any other, and
// it is written in the same atomic save as the design. The output path
// the design remembers (output.path) is saved in the draft from the root,
// since the draft is resumed from wherever secretsmith runs next; resumed
// inside the directory it names, it is shown from there again. The next
// session's Start screen offers "Resume the draft of NAME, saved 14:32
// today" (the time in the zone of Options.Now, the clock tests set), and
// resuming lands on that step, statement and field, or the first of each
// that still exists; line mode shows the same choice and resumes on that
// step. A draft without the line, from an older secretsmith, resumes on
// the first step.
// What the model keeps outside the design (mode and stash, such as a
// principal type chosen with no principal typed) is not in the draft, but
// for a waiver reason typed at the review and not yet added: the state
// line keeps it with its rule (at most 1,100 characters), so a resumed
// draft lands on the reason with the reason in it.
// A session that goes on from Start with anything but resuming asks first
// whether to keep the earlier draft aside (draft.previous.yaml) or discard
// it (askDraft).
//
// The draft goes through Options.Files (store.FS): it is locked for the
// session, so a second wizard on the same state directory neither overwrites
// nor removes it (that one saves nothing, and Result.DraftError says why);
// a draft that is a symlink is never read. Result.Draft says where the
// answers are, so the caller's quit message never claims more. Design files
// are read through the same interface, and files are written by the
// WriteFunc the caller supplies, so the wizard and 'secretsmith generate'
// share one atomic writer.
package tui
