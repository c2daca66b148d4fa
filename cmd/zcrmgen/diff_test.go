package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/apidiff"
)

// pairs is where the apidiff tests keep their collection pairs.
var pairs = filepath.Join("..", "..", "generator", "apidiff", "testdata")

// TestDiffCommand runs the real command on collection pairs and checks
// its exit status and output in every format.
func TestDiffCommand(t *testing.T) {
	abs, err := filepath.Abs(pairs)
	if err != nil {
		t.Fatal(err)
	}
	breaking := []string{filepath.Join(abs, "pipedrive", "old.json"), filepath.Join(abs, "pipedrive", "new.json")}
	additive := []string{filepath.Join(abs, "adyen-payout-v51-v52", "old.json"), filepath.Join(abs, "adyen-payout-v51-v52", "new.json")}
	dir := t.TempDir()

	r := zcrmgen(t, dir, "", append([]string{"diff"}, breaking...)...)
	if r.code != exitBreaking || r.stderr != "" || !strings.Contains(r.stdout, "breaking  operation removed: DELETE /activityTypes/{id}") {
		t.Errorf("breaking pair: exit %d, stderr %q, stdout:\n%s", r.code, r.stderr, r.stdout)
	}
	r = zcrmgen(t, dir, "", append([]string{"diff", "-format=markdown"}, breaking...)...)
	if r.code != exitBreaking || !strings.HasPrefix(r.stdout, "### API changes: 8 breaking") || !strings.Contains(r.stdout, "#### Breaking changes (8)") {
		t.Errorf("markdown: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	r = zcrmgen(t, dir, "", append([]string{"diff", "--format", "json"}, additive...)...)
	var got struct {
		Breaking, Additive int
		Changes            []struct{ Class, Kind string }
	}
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &got) != nil || got.Breaking != 0 || got.Additive != 2 || len(got.Changes) != 3 {
		t.Errorf("json, additive pair: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	r = zcrmgen(t, dir, "", "diff", breaking[0], breaking[0])
	if r.code != exitOK || !strings.HasSuffix(r.stdout, ": no API changes\n") {
		t.Errorf("same file: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestDiffErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeInput(t, dir, "good.json", `{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}`)
	bad := writeInput(t, dir, "bad.json", `{"info": `)
	missing := filepath.Join(dir, "missing.json")
	hint := "run 'zcrmgen diff -h' for usage"
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"diff", good}, exitUsage, "zcrmgen: diff: want two collections, OLD and NEW; got 1 argument\n" + hint + "\n"},
		{[]string{"diff", "-format", "html", good, good}, exitUsage, `zcrmgen: diff: -format "html": want one of text, markdown, json` + "\n" + hint + "\n"},
		{[]string{"diff", "-q", good, good}, exitUsage, "zcrmgen: unknown shorthand flag: 'q' in -q\n" + hint + "\n"},
		{[]string{"diff", good, missing}, exitFail, "zcrmgen: " + missing + ": no such file or directory\n"},
	} {
		r := runIn(nil, "", tc.args...)
		if r.code != tc.code || r.stdout != "" || r.stderr != tc.want {
			t.Errorf("zcrmgen %q: exit %d, stdout %q, stderr %q; want exit %d, stderr %q", tc.args, r.code, r.stdout, r.stderr, tc.code, tc.want)
		}
	}
	r := zcrmgen(t, dir, "", "diff", good, bad)
	if got := lines(r.stderr); r.code != exitFail || r.stdout != "" || len(got) != 1 || !strings.HasPrefix(got[0], "zcrmgen: "+bad+":") {
		t.Errorf("bad collection: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestDiffWriteError checks that a failed write to standard output is an
// error, not a report.
func TestDiffWriteError(t *testing.T) {
	dir := t.TempDir()
	a := writeInput(t, dir, "a.json", "{}")
	c := &cli{stdout: failWriter{}, stderr: &strings.Builder{}, compare: func(o, n apidiff.Input) (*apidiff.Report, error) {
		return &apidiff.Report{Old: o.Name, New: n.Name}, nil
	}}
	if code := c.run([]string{"diff", a, a}); code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	if got := c.stderr.(*strings.Builder).String(); got != "zcrmgen: standard output: disk full\n" {
		t.Errorf("stderr %q", got)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestCheckSummary checks that -check on a package generated from one
// version of a collection, given the next, sums up the changes to the
// exported API on one line.
func TestCheckSummary(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join(pairs, "pipedrive"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if r := zcrmgen(t, dir, "", "-q", "-in", filepath.Join(abs, "old.json"), "-out", "pkg"); r.code != 0 {
		t.Fatalf("generate: exit %d, stderr %q", r.code, r.stderr)
	}
	r := zcrmgen(t, dir, "", "-check", "-in", filepath.Join(abs, "new.json"), "-out", "pkg")
	// The pair removes one request and renames another (2 methods
	// removed), and adds one (with the renamed one, 2 methods added).
	want := "zcrmgen: -check: exported API: 2 methods removed, 2 methods added, "
	var found bool
	for _, l := range lines(r.stderr) {
		found = found || strings.HasPrefix(l, want)
	}
	if r.code != exitFail || !found {
		t.Errorf("-check: exit %d, no line starting %q in stderr:\n%s", r.code, want, r.stderr)
	}
}
