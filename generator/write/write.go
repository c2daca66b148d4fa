// Package write is the last stage of zcrmgen: it puts the files of a
// generated package into the output directory, all at once ([Dir], from
// memory) or one at a time as they are rendered ([Writer]).
//
// The rules, in the order they are checked:
//
//   - Every file name must be a clean, slash-separated path inside the
//     output directory ([UnsafePathError] otherwise). Symbolic links on the
//     way to a file are never followed for writing.
//   - A .go file belongs to zcrmgen only if it carries [file.Header] before its
//     package clause (see [IsGenerated]). Every other generated file lives
//     under [OwnedDir], which zcrmgen owns entirely.
//   - A hand-written file is never overwritten, renamed or deleted. When a
//     generated file would replace one, nothing is written
//     ([HandWrittenError]).
//   - Files are written to a temporary directory next to the output
//     directory first and moved into place only when all of them were
//     written. The files they replace, and stale ones, are moved aside
//     and put back if any move fails, so a failed run leaves the output
//     directory as it was (see writeDir).
//   - A file whose bytes did not change is not rewritten, which keeps its
//     modification time and the build cache.
//   - Files of ours that are no longer generated ("stale") are deleted.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zcrmgen/zcrmgen/generator/file"
)

// OwnedDir is the directory, relative to the output directory, that holds
// every generated file that is not Go source (test fixtures, recorded
// responses). zcrmgen owns it entirely: anything in it that is no longer
// generated is deleted.
const OwnedDir = "testdata/zcrmgen"

// IsGenerated reports whether data is a Go file written by zcrmgen: [file.Header]
// is a line of its own before any other text, except that a //go:build line
// (and blank lines) may come first.
func IsGenerated(data []byte) bool {
	buildAllowed := true
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case string(line) == file.Header:
			return true
		case len(bytes.TrimSpace(line)) == 0:
			continue
		case buildAllowed && bytes.HasPrefix(line, []byte("//go:build ")):
			buildAllowed = false
		default:
			return false
		}
	}
	return false
}

// Report says what [Dir] did. Each list holds slash-separated names
// relative to the output directory, sorted.
type Report struct {
	// Written lists the files created or rewritten.
	Written []string
	// Unchanged lists the generated files whose bytes were already on disk.
	Unchanged []string
	// Deleted lists the stale files removed.
	Deleted []string
}

// UnsafePathError reports a file that could not be written without
// leaving the output directory or following a symbolic link.
type UnsafePathError struct {
	// Path names the file: the output directory joined with the file name,
	// or the file name as given when it is not a clean relative path.
	Path string
	// Reason says what is wrong with it.
	Reason string
}

func (e *UnsafePathError) Error() string { return e.Path + ": " + e.Reason }

// HandWrittenError reports a file without [file.Header] where a generated file
// would go. Nothing is written when it is returned.
type HandWrittenError struct {
	// Path is the output directory joined with the file name.
	Path string
}

func (e *HandWrittenError) Error() string {
	return e.Path + ": hand-written file (no zcrmgen header) is in the way of a generated one; move it or choose another output directory"
}

// Dir makes dir hold exactly the generated files. It creates dir and its
// parents when needed (mode 0o755; files get 0o644). See the package
// documentation for the rules; a failed run leaves dir as it was.
func Dir(dir string, files []file.File) (Report, error) {
	return writeDir(dir, files, osOps)
}

// Check reports how dir differs from what [Dir] would leave in it, one
// entry per file, sorted by file name: "missing: NAME" for a generated file
// that is not there, "changed: NAME" for one whose bytes differ, and
// "stale: NAME" for a file of ours that is no longer generated. No entries
// means dir is up to date. Check writes nothing, and returns the errors
// [Dir] would return.
func Check(dir string, files []file.File) ([]string, error) {
	w, err := startWriter(dir, files, true, osOps)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	return w.Diffs()
}

// diffs lists the differences of a finished plan, as [Check] gives them.
func (p *plan) diffs() []string {
	type diff struct{ name, kind string }
	var diffs []diff
	for _, f := range p.files {
		switch f.state {
		case missing:
			diffs = append(diffs, diff{f.name, "missing"})
		case changed:
			diffs = append(diffs, diff{f.name, "changed"})
		}
	}
	for _, name := range p.stale {
		diffs = append(diffs, diff{name, "stale"})
	}
	// Names are unique across the two lists, so sorting by name is total.
	slices.SortFunc(diffs, func(a, b diff) int { return strings.Compare(a.name, b.name) })
	out := make([]string, len(diffs))
	for i, d := range diffs {
		out[i] = d.kind + ": " + d.name
	}
	return out
}

// Writer puts the files of one package into a directory as they are
// generated, one at a time, by the rules of [Dir], so that no more than one
// file's bytes need be in memory: [Writer.Add] checks each file, compares it
// with the file on disk and, unless it is unchanged, writes it to a
// temporary directory; only its name and what writing it does are kept.
// [Writer.Commit] then moves the files into place as [Dir] does, and a
// failure leaves the output directory as it was. A Writer made by
// [NewChecker] writes nothing and reports what [Check] would
// ([Writer.Diffs]).
//
// Until Commit nothing in the output directory changes, whatever Add
// returned; [Writer.Close] removes the temporary directory and must be
// called in any case. A Writer is not safe for concurrent use.
type Writer struct {
	s     stager
	check bool
	err   error // the first error, returned again by every later call
}

// errFinished is what a Writer returns once Commit or Diffs ran.
var errFinished = errors.New("write: Writer already committed or checked")

// NewWriter returns a Writer that puts files into dir, created with its
// parents when needed at Commit.
func NewWriter(dir string) (*Writer, error) {
	return newWriter(dir, false, osOps)
}

// NewChecker returns a Writer that compares files with dir and writes
// nothing.
func NewChecker(dir string) (*Writer, error) {
	return newWriter(dir, true, osOps)
}

func newWriter(dir string, check bool, ops fileOps) (*Writer, error) {
	p := newPlan(dir)
	if err := p.open(); err != nil {
		return nil, err
	}
	return &Writer{s: stager{p: p, ops: ops}, check: check}, nil
}

// Add checks f, finds out what writing it would do and, for a Writer that
// writes, stages it. f.Data is not kept. After an error, Add, Commit and
// Diffs return that error again.
func (w *Writer) Add(f file.File) error {
	if w.err != nil {
		return w.err
	}
	p := w.s.p
	pf := &planned{name: f.Name, data: f.Data}
	err := p.checkFile(f)
	if err == nil && p.exists {
		err = p.inspect(pf)
	}
	if err == nil {
		p.files = append(p.files, pf)
		if w.check {
			pf.data = nil
		} else {
			err = w.s.stage(pf)
		}
	}
	w.err = err
	return err
}

// Commit moves the files added into place, removes the stale ones and
// reports what it did, as [Dir]. It is for a Writer made by [NewWriter].
func (w *Writer) Commit() (Report, error) {
	switch {
	case w.err != nil:
		return Report{}, w.err
	case w.check:
		return Report{}, errors.New("write: Commit on a Writer that checks")
	}
	w.err = errFinished
	if err := w.s.p.finish(); err != nil {
		return Report{}, err
	}
	return w.s.commit()
}

// Diffs reports how the output directory differs from the files added, as
// [Check]. It is for a Writer made by [NewChecker].
func (w *Writer) Diffs() ([]string, error) {
	if w.err != nil {
		return nil, w.err
	}
	w.err = errFinished
	if err := w.s.p.finish(); err != nil {
		return nil, err
	}
	return w.s.p.diffs(), nil
}

// Close removes the temporary directory and the files staged in it; after
// a Commit it holds only the files replaced. It returns nil: nothing it
// does can leave the output directory changed.
func (w *Writer) Close() error {
	w.s.close()
	return nil
}

func writeFile(name string, data []byte) error {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	// WriteFile's mode is filtered by the umask; the contract is 0o644.
	return os.Chmod(name, 0o644)
}

// fileOps are the file system operations of [writeDir] that can fail
// half-way: tests replace them to make a run fail at each step.
type fileOps struct {
	// stage writes one temporary file.
	stage func(name string, data []byte) error
	// rename moves a file, as os.Rename.
	rename func(oldpath, newpath string) error
}

// osOps are the real operations.
var osOps = fileOps{stage: writeFile, rename: os.Rename}

// moved is one change the move step made to the output directory: target
// now holds a generated file, or was removed as stale. backup is where the
// file that target held before waits ("" when there was none), until the
// run succeeds and the temporary directory goes.
type moved struct {
	target, backup string
}

// writeDir is [Dir] with the file operations passed in: a Writer given
// every file, then committed.
func writeDir(dir string, files []file.File, ops fileOps) (Report, error) {
	w, err := startWriter(dir, files, false, ops)
	if err != nil {
		return Report{}, err
	}
	defer w.Close()
	return w.Commit()
}

// startWriter checks the name and header of every file before it looks at
// dir, since they decide where anything may go, then returns a Writer on
// dir with every file added.
func startWriter(dir string, files []file.File, check bool, ops fileOps) (*Writer, error) {
	names := newPlan(dir)
	for _, f := range files {
		if err := names.checkFile(f); err != nil {
			return nil, err
		}
	}
	w, err := newWriter(dir, check, ops)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := w.Add(f); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// stager stages the files of a plan in a temporary directory and moves
// them into place.
type stager struct {
	p   *plan
	ops fileOps
	tmp string // the temporary directory, once made
	n   int    // files staged so far
}

// temp makes the temporary directory on first use. It is a sibling of
// the output directory so the renames of commit stay on one file system;
// when the parent is not writable, a hidden directory inside the output
// directory (which go build ignores) will do.
func (s *stager) temp() error {
	if s.tmp != "" {
		return nil
	}
	p := s.p
	parent := filepath.Dir(p.root)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return p.ioErr("", err)
	}
	tmp, err := os.MkdirTemp(parent, ".zcrmgen-"+filepath.Base(p.root)+"-")
	if err != nil && p.exists {
		tmp, err = os.MkdirTemp(p.root, ".zcrmgen-")
	}
	if err != nil {
		return fmt.Errorf("%s: temporary directory: %w", p.dir, unwrapPath(err))
	}
	s.tmp = tmp
	return nil
}

// stage writes f to the temporary directory unless it is unchanged, and
// lets go of its bytes.
func (s *stager) stage(f *planned) error {
	data := f.data
	f.data = nil
	if f.state == unchanged {
		return nil
	}
	if err := s.temp(); err != nil {
		return err
	}
	tmp := filepath.Join(s.tmp, strconv.Itoa(s.n))
	s.n++
	if err := s.ops.stage(tmp, data); err != nil {
		return s.p.ioErr(f.name, err)
	}
	f.tmp = tmp
	return nil
}

// close removes the temporary directory, with the files it still holds.
func (s *stager) close() {
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
}

// commit moves every staged file into place and removes the stale ones.
//
// Each file the output directory holds that is replaced or stale is moved
// into the temporary directory, and each staged file is moved into place,
// every change recorded. When any of that fails, the recorded changes are
// undone in reverse order (the old files moved back, new files and
// directories removed), so the output directory is as it was. Only when
// every change is made does the temporary directory, with the old files,
// go (see close).
func (s *stager) commit() (Report, error) {
	var rep Report
	p, ops := s.p, s.ops
	var todo []*planned
	for _, f := range p.files {
		if f.state == unchanged {
			rep.Unchanged = append(rep.Unchanged, f.name)
		} else {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 && len(p.stale) == 0 {
		if !p.exists {
			if err := os.MkdirAll(p.root, 0o755); err != nil {
				return rep, p.ioErr("", err)
			}
		}
		return rep, nil
	}
	if err := s.temp(); err != nil {
		return rep, err
	}
	tmp := s.tmp

	// Everything is rendered and staged: move it into place, keeping what
	// it replaces until the end.
	var (
		done []moved
		made []string // directories created, parents first
		// times holds the modification times of the directories whose
		// entries change, as they were, so undoing puts them back too.
		times = map[string]time.Time{}
	)
	touch := func(file string) {
		d := filepath.Dir(file)
		if _, ok := times[d]; !ok {
			if fi, err := os.Lstat(d); err == nil {
				times[d] = fi.ModTime()
			}
		}
	}
	fail := func(name string, err error) (Report, error) {
		err = p.ioErr(name, err)
		if uerr := undo(done, made, times, ops); uerr != nil {
			return Report{}, fmt.Errorf("%w; undoing the changes made so far failed, %s", err, uerr)
		}
		return Report{}, err
	}
	mkdir := func(d string) error {
		var missing []string
		for x := d; ; x = filepath.Dir(x) {
			if _, err := os.Lstat(x); err == nil || x == filepath.Dir(x) {
				break
			}
			missing = append(missing, x)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			touch(missing[i])
			if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			made = append(made, missing[i])
		}
		return nil
	}
	if err := mkdir(p.root); err != nil {
		return fail("", err)
	}
	for i, f := range todo {
		target := p.path(f.name)
		if err := mkdir(filepath.Dir(target)); err != nil {
			return fail(path.Dir(f.name), err)
		}
		touch(target)
		m := moved{target: target}
		if f.state == changed {
			m.backup = filepath.Join(tmp, "old-"+strconv.Itoa(i))
			if err := ops.rename(target, m.backup); err != nil {
				return fail(f.name, err)
			}
			done = append(done, m)
		}
		if err := ops.rename(f.tmp, target); err != nil {
			return fail(f.name, err)
		}
		if m.backup == "" {
			done = append(done, m)
		}
		rep.Written = append(rep.Written, f.name)
	}

	// Stale files go last, once their replacements are in place.
	emptied := map[string]bool{}
	for i, name := range p.stale {
		m := moved{target: p.path(name), backup: filepath.Join(tmp, "stale-"+strconv.Itoa(i))}
		touch(m.target)
		if err := ops.rename(m.target, m.backup); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return fail(name, err)
			}
		} else {
			done = append(done, m)
		}
		rep.Deleted = append(rep.Deleted, name)
		for d := path.Dir(name); inOwned(d + "/"); d = path.Dir(d) {
			emptied[d] = true
		}
	}
	// Directories under OwnedDir left empty go too, deepest first; a
	// directory that is not empty stays.
	dirs := make([]string, 0, len(emptied))
	for d := range emptied {
		dirs = append(dirs, d)
	}
	slices.SortFunc(dirs, func(a, b string) int {
		if c := strings.Count(b, "/") - strings.Count(a, "/"); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, d := range dirs {
		if entries, err := os.ReadDir(p.path(d)); err == nil && len(entries) == 0 {
			_ = os.Remove(p.path(d))
		}
	}
	// Both lists were filled in name order.
	return rep, nil
}

// undo reverts the changes of a failed move step, newest first: each
// target gets its old file back, or is removed when it had none, and the
// directories the step created are removed when empty, and the others get
// their modification times back. It returns the first failure, naming the
// file left to restore by hand.
func undo(done []moved, made []string, times map[string]time.Time, ops fileOps) error {
	var first error
	for i := len(done) - 1; i >= 0; i-- {
		m := done[i]
		var err error
		if m.backup != "" {
			err = ops.rename(m.backup, m.target)
		} else {
			err = os.Remove(m.target)
		}
		if err != nil && first == nil {
			first = fmt.Errorf("%s: %w", m.target, unwrapPath(err))
		}
	}
	for i := len(made) - 1; i >= 0; i-- {
		_ = os.Remove(made[i]) // only an empty directory goes
	}
	for d, t := range times {
		_ = os.Chtimes(d, t, t) // order does not matter: each is its own
	}
	return first
}
