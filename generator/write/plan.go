package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/file"
)

// state is what writing one generated file would do.
type state int

const (
	missing   state = iota // the file is not there yet
	changed                // the file is there with other bytes
	unchanged              // the file is there with the same bytes
)

type planned struct {
	name  string // slash-separated, relative to the output directory
	data  []byte // the bytes to write, until they are staged
	state state
	tmp   string // the staged copy, once staged ("" for an unchanged file)
}

// plan is everything [Dir] and [Check] need to know, gathered before
// anything is written. Every error a run can foresee is found here.
type plan struct {
	dir    string // the output directory as given, for messages
	root   string // the output directory with symbolic links resolved
	exists bool   // whether root exists
	files  []*planned
	stale  []string // sorted

	byName  map[string]bool // the names of files
	parents map[string]bool // the directories files are in, below the output directory
}

// path returns name inside the output directory.
func (p *plan) path(name string) string {
	return filepath.Join(p.root, filepath.FromSlash(name))
}

// show returns name inside the output directory as the user spelled it.
func (p *plan) show(name string) string {
	return filepath.Join(p.dir, filepath.FromSlash(name))
}

// ioErr names the file (or the output directory when name is "") and the
// reason, without the temporary paths an *fs.PathError would carry.
func (p *plan) ioErr(name string, err error) error {
	return fmt.Errorf("%s: %w", p.show(name), unwrapPath(err))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// inOwned reports whether name lies under [OwnedDir].
func inOwned(name string) bool {
	return strings.HasPrefix(name, OwnedDir+"/")
}

// checkName rejects every name that could reach outside the output
// directory or that names one file in two ways.
func checkName(name string) error {
	bad := func(reason string) error { return &UnsafePathError{Path: fmt.Sprintf("%q", name), Reason: reason} }
	switch {
	case name == "":
		return bad("empty file name")
	case strings.ContainsAny(name, "\\\x00"):
		return bad("file name has a backslash or NUL byte")
	case path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "":
		return bad("absolute file name")
	case slices.Contains(strings.Split(name, "/"), ".."):
		return bad(`file name has a ".." element`)
	case path.Clean(name) != name || name == "." || !filepath.IsLocal(filepath.FromSlash(name)):
		return bad("file name is not a clean relative path")
	}
	return nil
}

// newPlan returns an empty plan for writing into dir; [plan.open] looks at
// dir.
func newPlan(dir string) *plan {
	return &plan{dir: dir, root: dir, byName: map[string]bool{}, parents: map[string]bool{}}
}

// checkFile checks the name and header of f against the rules and the
// files checked before it, and records its name.
func (p *plan) checkFile(f file.File) error {
	if err := checkName(f.Name); err != nil {
		return err
	}
	if p.byName[f.Name] {
		return fmt.Errorf("%s: generated twice", p.show(f.Name))
	}
	if p.parents[f.Name] {
		return fmt.Errorf("%s: generated both as a file and as a directory", p.show(f.Name))
	}
	for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
		if p.byName[d] {
			return fmt.Errorf("%s: generated both as a file and as a directory", p.show(d))
		}
	}
	switch {
	case inOwned(f.Name):
	case !strings.HasSuffix(f.Name, ".go"):
		return fmt.Errorf("%s: a generated file that is not Go source must be under %s/", p.show(f.Name), OwnedDir)
	case !IsGenerated(f.Data):
		return fmt.Errorf("%s: generated Go file lacks the line %q", p.show(f.Name), file.Header)
	}
	p.byName[f.Name] = true
	for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
		p.parents[d] = true
	}
	return nil
}

// open looks at the output directory: whether it exists, and where it is
// when it is a symbolic link.
func (p *plan) open() error {
	if p.dir == "" {
		return errors.New("write: empty output directory name")
	}
	// The output directory itself may be a symbolic link (a checkout
	// layout choice); everything inside it is checked by inspect.
	switch fi, err := os.Lstat(p.dir); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return p.ioErr("", err)
	default:
		if fi.Mode()&fs.ModeSymlink != 0 {
			if p.root, err = filepath.EvalSymlinks(p.dir); err != nil {
				return p.ioErr("", err)
			}
			if fi, err = os.Stat(p.root); err != nil {
				return p.ioErr("", err)
			}
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s: not a directory", p.dir)
		}
		p.exists = true
	}
	return nil
}

// finish sorts the files by name and finds the stale ones, once every file
// is planned.
func (p *plan) finish() error {
	slices.SortFunc(p.files, func(a, b *planned) int { return strings.Compare(a.name, b.name) })
	if !p.exists {
		return nil
	}
	return p.findStale(p.byName)
}

// inspect finds out what writing f would do, walking its path one element
// at a time with Lstat so that no symbolic link is followed.
func (p *plan) inspect(f *planned) error {
	elems := strings.Split(f.name, "/")
	for i := range elems {
		rel := strings.Join(elems[:i+1], "/")
		last := i == len(elems)-1
		fi, err := os.Lstat(p.path(rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			f.state = missing
			return nil
		case err != nil:
			return p.ioErr(rel, err)
		case fi.Mode()&fs.ModeSymlink != 0:
			return &UnsafePathError{Path: p.show(rel), Reason: "symbolic link; refusing to write through it"}
		case !last && !fi.IsDir():
			return fmt.Errorf("%s: not a directory, but %s is generated inside it", p.show(rel), f.name)
		case last && !fi.Mode().IsRegular():
			return fmt.Errorf("%s: not a regular file", p.show(rel))
		}
	}
	old, err := os.ReadFile(p.path(f.name))
	if err != nil {
		return p.ioErr(f.name, err)
	}
	if !inOwned(f.name) && !IsGenerated(old) {
		return &HandWrittenError{Path: p.show(f.name)}
	}
	if bytes.Equal(old, f.data) {
		f.state = unchanged
	} else {
		f.state = changed
	}
	return nil
}

// findStale lists the files of ours that are not in generated: .go files
// carrying [Header] in the output directory and in every directory that
// holds a generated .go file, and everything under [OwnedDir]. It looks
// no deeper, so another package generated into a subdirectory is left
// alone.
func (p *plan) findStale(generated map[string]bool) error {
	goDirs := map[string]bool{".": true}
	for _, f := range p.files {
		if !inOwned(f.name) {
			goDirs[path.Dir(f.name)] = true
		}
	}
	for _, d := range slices.Sorted(maps.Keys(goDirs)) {
		if d != "." && !p.isRealDir(d) {
			continue // created by this run, or a link we do not follow
		}
		entries, err := os.ReadDir(p.path(d))
		if err != nil {
			return p.ioErr(d, err)
		}
		for _, e := range entries {
			name := path.Join(d, e.Name())
			if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || generated[name] || inOwned(name) {
				continue
			}
			data, err := os.ReadFile(p.path(name))
			if err != nil {
				return p.ioErr(name, err)
			}
			if IsGenerated(data) {
				p.stale = append(p.stale, name)
			}
		}
	}

	// Only a real OwnedDir is ours: when testdata or testdata/zcrmgen is a
	// symbolic link, its target is somewhere else and is left alone (and
	// writing into it failed in inspect).
	if p.isRealDir("testdata") && p.isRealDir(OwnedDir) {
		err := filepath.WalkDir(p.path(OwnedDir), func(full string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(p.root, full)
			if err != nil {
				return err
			}
			if name := filepath.ToSlash(rel); !generated[name] {
				p.stale = append(p.stale, name)
			}
			return nil
		})
		if err != nil {
			return p.ioErr(OwnedDir, err)
		}
	}
	slices.Sort(p.stale)
	return nil
}

// isRealDir reports whether name is a directory reached without following
// a symbolic link.
func (p *plan) isRealDir(name string) bool {
	elems := strings.Split(name, "/")
	for i := range elems {
		fi, err := os.Lstat(p.path(strings.Join(elems[:i+1], "/")))
		if err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}
