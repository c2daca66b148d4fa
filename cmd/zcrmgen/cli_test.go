package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/write"
)

// These tests run the command as a separate process, for its exit codes
// and output streams.

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "-version"} {
		r := zcrmgen(t, t.TempDir(), "", arg)
		if r.code != 0 || !regexp.MustCompile(`^zcrmgen \S+\n$`).MatchString(r.stdout) || r.stderr != "" {
			t.Errorf("zcrmgen %s: exit %d, stdout %q, stderr %q", arg, r.code, r.stdout, r.stderr)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	const hint = "run 'zcrmgen -h' for usage"
	const typesHint = "run 'zcrmgen types -h' for usage"
	for _, tc := range []struct {
		args      []string
		msg, hint string
	}{
		{nil, "zcrmgen: missing -in: the Postman collection to read", hint},
		{[]string{"-out", "pkg"}, "zcrmgen: missing -in: the Postman collection to read", hint},
		{[]string{"-in", "c.json"}, "zcrmgen: missing -out: the directory to write the package into", hint},
		{[]string{"-in", "c.json", "-out", "pkg", "extra"}, `zcrmgen: unexpected argument "extra"`, hint},
		{[]string{"-q", "types", "a.json"}, `zcrmgen: unexpected argument "types": the types subcommand comes first`, hint},
		{[]string{"-in", "c.json", "-out", "pkg", "-bogus"}, "zcrmgen: unknown flag: -bogus", hint},
		{[]string{"-in", "c.json", "--bogus"}, "zcrmgen: unknown flag: -bogus", hint},
		{[]string{"-out", "pkg", "-in"}, "zcrmgen: flag needs an argument: -in", hint},
		{[]string{"-in", "c.json", "-out", "pkg", "-package", "zoho-crm"}, `zcrmgen: -package "zoho-crm": not a Go package name`, hint},
		{[]string{"types"}, "zcrmgen: types: missing FILE: a JSON sample to read, or - for standard input", typesHint},
		{[]string{"types", "-name", "not ok", "a.json"}, `zcrmgen: types: -name "not ok": not an exported Go identifier`, typesHint},
		{[]string{"types", "-name", "lead", "a.json"}, `zcrmgen: types: -name "lead": not an exported Go identifier`, typesHint},
		{[]string{"types", "-package", "func", "a.json"}, `zcrmgen: types: -package "func": not a Go package name`, typesHint},
		{[]string{"types", "-", "-"}, `zcrmgen: types: "-" given twice; standard input holds one sample`, typesHint},
		{[]string{"types", "-in", "a.json"}, "zcrmgen: unknown flag: -in", typesHint},
	} {
		r := zcrmgen(t, t.TempDir(), "", tc.args...)
		want := tc.msg + "\n" + tc.hint + "\n"
		if r.code != 2 || r.stdout != "" || r.stderr != want {
			t.Errorf("zcrmgen %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, r.code, r.stdout, r.stderr, want)
		}
	}
}

func TestMissingInput(t *testing.T) {
	dir := t.TempDir()
	r := zcrmgen(t, dir, "", "-in", "nope.json", "-out", "pkg")
	if r.code != 1 || r.stdout != "" || r.stderr != "zcrmgen: nope.json: no such file or directory\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, "pkg")); err == nil {
		t.Errorf("pkg created")
	}
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = zcrmgen(t, dir, "", "-in", "c.json", "-env", "env.json", "-out", "pkg")
	if r.code != 1 || r.stderr != "zcrmgen: env.json: no such file or directory\n" {
		t.Errorf("missing -env: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestBadJSON checks that a collection that is not JSON fails with one line
// naming it, and leaves an existing output directory exactly as it was.
func TestBadJSON(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{\"info\": {\n  \"name\": oops\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pkg")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	old := []byte(file.Header + "\n\npackage pkg\n")
	if err := os.WriteFile(filepath.Join(out, "client.go"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(out, "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	r := zcrmgen(t, dir, "", "-in", "bad.json", "-out", "pkg")
	if got := lines(r.stderr); r.code != 1 || r.stdout != "" || len(got) != 1 || !strings.HasPrefix(got[0], "zcrmgen: bad.json:") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line naming bad.json", r.code, r.stdout, r.stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(filepath.Join(out, "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, "client.go"))
	if len(entries) != 1 || string(data) != string(old) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("output directory changed")
	}
}

// TestEndToEnd generates the seed collection, checks it, and runs -check
// on the result.
func TestEndToEnd(t *testing.T) {
	seedAbs, err := filepath.Abs(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := zcrmgen(t, dir, "", "-in", seedAbs, "-out", "seed-client")
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	got := lines(r.stderr)
	if !summary.MatchString(got[len(got)-1]) {
		t.Errorf("last line %q is not the summary", got[len(got)-1])
	}
	for _, l := range got[:len(got)-1] {
		if !strings.HasPrefix(l, "zcrmgen: warning: ") && !regexp.MustCompile(`^zcrmgen: \d+ warnings: `).MatchString(l) {
			t.Errorf("unexpected line %q", l)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "seed-client", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files written (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !write.IsGenerated(data) || !regexp.MustCompile(`(?m)^package seedclient$`).Match(data) {
			t.Errorf("%s: no header or not package seedclient", f)
		}
	}

	r = zcrmgen(t, dir, "", "-check", "-in", seedAbs, "-out", "seed-client")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("-check after writing: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = zcrmgen(t, dir, "", "-q", "-in", seedAbs, "-out", "seed-client")
	if r.code != 0 || strings.Contains(r.stderr, "wrote") {
		t.Errorf("-q: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	r = zcrmgen(t, dir, "", "-check", "-in", seedAbs, "-out", "seed-client")
	if want := "zcrmgen: -check: missing: " + filepath.Base(files[0]) + "\n"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("-check with a file missing: exit %d, stderr:\n%s\nwant a line %q", r.code, r.stderr, want)
	}
}
