package write

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/file"
)

// existing fills dir with a package that a run replaces in part: a file
// that changes, one that stays, a stale one, a hand-written one and stale
// testdata.
func existing(t *testing.T, dir string) {
	t.Helper()
	put(t, dir, "a.go", file.Header+"\n\npackage p\n// old a\n")
	put(t, dir, "b.go", file.Header+"\n\npackage p\n")
	put(t, dir, "stale.go", file.Header+"\n\npackage p\n")
	put(t, dir, "hand.go", "package p\n")
	put(t, dir, "testdata/zcrmgen/old.json", "{}")
	age(t, dir)
}

// streamed are the files of a run, in the order a generator hands them
// over (not sorted).
var streamed = []file.File{
	goFile("b.go", ""),
	dataFile("testdata/zcrmgen/new/x.json", "[1]"),
	goFile("a.go", "// new a\n"),
	goFile("c.go", ""),
}

// TestWriterAsDir checks that files added one at a time to a Writer leave
// the same directory and report as Dir with all of them.
func TestWriterAsDir(t *testing.T) {
	viaDir, viaWriter := filepath.Join(t.TempDir(), "pkg"), filepath.Join(t.TempDir(), "pkg")
	existing(t, viaDir)
	existing(t, viaWriter)
	want, err := Dir(viaDir, streamed)
	if err != nil {
		t.Fatal(err)
	}
	w := addStreamed(t, NewWriter, viaWriter)
	got, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if !equalReport(got, want) {
		t.Errorf("Writer report %+v, Dir report %+v", got, want)
	}
	a, b := snapshot(t, viaDir), snapshot(t, viaWriter)
	if len(a) != len(b) {
		t.Errorf("Dir left %d entries, Writer %d", len(a), len(b))
	}
	for name, desc := range a {
		rel, _ := filepath.Rel(viaDir, name)
		other := b[filepath.Join(viaWriter, rel)]
		// Modification times differ between the two runs; the rest of
		// the description (mode and content) must not.
		if strip(desc) != strip(other) {
			t.Errorf("%s: Dir left %q, Writer %q", rel, desc, other)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(viaWriter)); len(entries) != 1 {
		t.Errorf("parent holds %d entries after Close, want only the output directory", len(entries))
	}
}

// strip drops the modification time from a snapshot description.
func strip(desc string) string {
	mode, rest, _ := cutSpace(desc)
	_, rest, _ = cutSpace(rest)
	return mode + " " + rest
}

func cutSpace(s string) (string, string, bool) {
	for i := range len(s) {
		if s[i] == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// TestWriterFailureMidway makes a run fail at a file after others were
// staged, by each kind of failure Add can meet, and checks that the
// output directory is as it was once the Writer is closed, with no
// temporary directory left.
func TestWriterFailureMidway(t *testing.T) {
	for name, bad := range map[string]file.File{
		"hand-written": goFile("hand.go", ""),
		"unsafe name":  goFile("../x.go", ""),
		"twice":        goFile("b.go", "// again\n"),
		"no header":    {Name: "d.go", Data: []byte("package p\n")},
	} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "pkg")
		existing(t, dir)
		before := snapshot(t, dir)
		w, err := NewWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		files := append(slices.Clone(streamed), bad, goFile("e.go", ""))
		var addErr error
		for _, f := range files {
			if addErr = w.Add(f); addErr != nil {
				break
			}
		}
		if addErr == nil {
			t.Fatalf("%s: every Add succeeded", name)
		}
		if _, err := w.Commit(); !errors.Is(err, addErr) {
			t.Errorf("%s: Commit after a failed Add = %v, want %v", name, err, addErr)
		}
		w.Close()
		sameSnapshot(t, before, snapshot(t, dir))
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Errorf("%s: parent holds %d entries, want only the output directory", name, len(entries))
		}
	}
}

// TestWriterStageFailure makes writing the second staged file fail.
func TestWriterStageFailure(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "pkg")
	existing(t, dir)
	before := snapshot(t, dir)
	n := 0
	w, err := newWriter(dir, false, fileOps{stage: func(name string, data []byte) error {
		if n++; n == 2 {
			return &os.PathError{Op: "write", Path: name, Err: errors.New("no space left on device")}
		}
		return writeFile(name, data)
	}, rename: os.Rename})
	if err != nil {
		t.Fatal(err)
	}
	var addErr error
	for _, f := range streamed {
		if addErr = w.Add(f); addErr != nil {
			break
		}
	}
	if want := filepath.Join(dir, "a.go") + ": no space left on device"; addErr == nil || addErr.Error() != want {
		t.Errorf("Add = %v, want %q", addErr, want)
	}
	w.Close()
	sameSnapshot(t, before, snapshot(t, dir))
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the output directory", len(entries))
	}
}

// TestChecker checks that a Writer that checks reports what Check does
// and writes nothing.
func TestChecker(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "pkg")
	existing(t, dir)
	before := snapshot(t, dir)
	want, err := Check(dir, streamed)
	if err != nil {
		t.Fatal(err)
	}
	w := addStreamed(t, NewChecker, dir)
	got, err := w.Diffs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("Diffs = %q, Check = %q", got, want)
	}
	if _, err := w.Commit(); err == nil {
		t.Error("Commit on a checking Writer succeeded")
	}
	sameSnapshot(t, before, snapshot(t, dir))
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the output directory", len(entries))
	}
}

// addStreamed opens a Writer on dir with open (NewWriter or NewChecker),
// closes it when the test ends and adds every file of streamed to it.
func addStreamed(t *testing.T, open func(string) (*Writer, error), dir string) *Writer {
	t.Helper()
	w, err := open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, f := range streamed {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	return w
}
