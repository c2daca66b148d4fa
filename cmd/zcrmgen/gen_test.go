package main

import (
	"errors"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/file"
	postmanparse "github.com/zcrmgen/zcrmgen/generator/parse"
)

func TestPackageName(t *testing.T) {
	for out, want := range map[string]string{
		"zohocrm":                           "zohocrm",
		"zoho-crm":                          "zohocrm",
		"Zoho_CRM":                          "zohocrm",
		"gen/zoho.crm.v8":                   "zohocrmv8",
		"2x":                                "x2x",
		"type":                              "typepkg",
		"func":                              "funcpkg",
		"main":                              "mainpkg",
		"---":                               "client",
		"ünïcode":                           "ncode",
		"a/b/":                              "b",
		filepath.Join("x", "y", "..", "go"): "gopkg",
	} {
		got := packageName(out)
		if got != want {
			t.Errorf("packageName(%q) = %q, want %q", out, got, want)
		}
		if !token.IsIdentifier(got) {
			t.Errorf("packageName(%q) = %q, not an identifier", out, got)
		}
	}
	// "." is the current directory, named by its own base name.
	if got := packageName("."); got == "" || !token.IsIdentifier(got) {
		t.Errorf(`packageName(".") = %q`, got)
	}
}

func genFile(name, body string) generator.File {
	return generator.File{Name: name, Data: []byte(file.Header + "\n\npackage p\n" + body)}
}

// fakeGenerate returns a stand-in for generator.GenerateTo that hands over
// the files of res, returns res and records the options it was called
// with.
func fakeGenerate(res *generator.Result, got *generator.Options) func(generator.Options, func(generator.File) error) (*generator.Result, error) {
	return func(o generator.Options, put func(generator.File) error) (*generator.Result, error) {
		if got != nil {
			*got = o
		}
		for _, f := range res.Files {
			if err := put(f); err != nil {
				return nil, err
			}
		}
		return res, nil
	}
}

func writeInput(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var summary = regexp.MustCompile(`^zcrmgen: wrote (\S+): (\d+ endpoints?, \d+ types?, \d+ tests?, \d+ warnings?) \((\d+ written, \d+ unchanged, \d+ deleted)\) in \d+ms$`)

func TestGenerateWritesAndSummarizes(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "c.json", "{}")
	env := writeInput(t, dir, "env.json", `{"values":[]}`)
	out := filepath.Join(dir, "zoho-crm")
	res := &generator.Result{
		Files: []generator.File{genFile("client.go", ""), genFile("client_test.go", "")},
		Stats: generator.Stats{Endpoints: 1, Types: 2, Tests: 3},
	}
	var opts generator.Options
	r := runIn(fakeGenerate(res, &opts), "", "-in", in, "-out", out, "-env", env)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if opts.Name != in || string(opts.Data) != "{}" || opts.Package != "zohocrm" || opts.EnvName != env || string(opts.Env) != `{"values":[]}` {
		t.Errorf("Generate called with %+v", opts)
	}
	m := summary.FindStringSubmatch(strings.TrimSuffix(r.stderr, "\n"))
	if m == nil || m[1] != out || m[2] != "1 endpoint, 2 types, 3 tests, 0 warnings" || m[3] != "2 written, 0 unchanged, 0 deleted" {
		t.Errorf("stderr = %q, want the summary line", r.stderr)
	}

	// A second run changes nothing; -q prints nothing.
	r = runIn(fakeGenerate(res, nil), "", "-in", in, "-out", out)
	if m := summary.FindStringSubmatch(strings.TrimSuffix(r.stderr, "\n")); m == nil || m[3] != "0 written, 2 unchanged, 0 deleted" {
		t.Errorf("second run: stderr = %q", r.stderr)
	}
	r = runIn(fakeGenerate(res, nil), "", "-q", "-in", in, "-out", out, "-package", "crm")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("-q: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "c.json", "{}")
	out := filepath.Join(dir, "pkg")
	res := &generator.Result{
		Files: []generator.File{genFile("client.go", "")},
		Warnings: []generator.Warning{
			{Where: `item "B"`, Msg: "body is not JSON: invalid character 'x'"},
			{Where: `item "Z"`, Msg: "file body skipped"},
			{Where: `item "A"`, Msg: "body is not JSON: unexpected end"},
			{Msg: "collection has no base URL"},
			{Where: "item \"C\r\n*/\"", Msg: "body is not JSON: two\nlines"},
		},
	}
	want := []string{
		`zcrmgen: warning: item "A": body is not JSON: unexpected end`,
		`zcrmgen: warning: item "B": body is not JSON: invalid character 'x'`,
		`zcrmgen: warning: item "C */": body is not JSON: two lines`,
		`zcrmgen: 3 warnings: body is not JSON`,
		`zcrmgen: warning: collection has no base URL`,
		`zcrmgen: warning: item "Z": file body skipped`,
	}
	// The order of the warnings in the result does not matter.
	for range 3 {
		r := runIn(fakeGenerate(res, nil), "", "-in", in, "-out", out)
		got := lines(r.stderr)
		if r.code != 0 || len(got) != len(want)+1 || !slices.Equal(got[:len(want)], want) || !strings.Contains(got[len(want)], ", 5 warnings (") {
			t.Errorf("exit %d, stderr:\n%s\nwant:\n%s\n(and the summary)", r.code, r.stderr, strings.Join(want, "\n"))
		}
		slices.Reverse(res.Warnings)
		res.Warnings[0], res.Warnings[2] = res.Warnings[2], res.Warnings[0]
	}

	// -strict: the same warnings, then one error line; nothing written.
	r := runIn(fakeGenerate(res, nil), "", "-strict", "-in", in, "-out", filepath.Join(dir, "strict"))
	got := lines(r.stderr)
	if r.code != 1 || !slices.Equal(got[:len(want)], want) || len(got) != len(want)+1 || got[len(want)] != "zcrmgen: "+in+": 5 warnings with -strict; nothing written" {
		t.Errorf("-strict: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, "strict")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("-strict wrote the output directory: %v", err)
	}

	// -strict without warnings is an ordinary run.
	clean := &generator.Result{Files: res.Files}
	if r := runIn(fakeGenerate(clean, nil), "", "-strict", "-q", "-in", in, "-out", out); r.code != 0 || r.stderr != "" {
		t.Errorf("-strict, no warnings: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCheckFlag(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "c.json", "{}")
	out := filepath.Join(dir, "pkg")
	res := &generator.Result{
		Files: []generator.File{genFile("a.go", ""), genFile("b.go", ""), {Name: "testdata/zcrmgen/t.json", Data: []byte("1")}},
		Stats: generator.Stats{Endpoints: 2},
	}

	// Nothing there yet: every file is missing, and -check writes nothing.
	r := runIn(fakeGenerate(res, nil), "", "-check", "-in", in, "-out", out)
	want := []string{
		"zcrmgen: -check: missing: a.go",
		"zcrmgen: -check: missing: b.go",
		"zcrmgen: -check: missing: testdata/zcrmgen/t.json",
		"zcrmgen: -check: exported API: unchanged",
		"zcrmgen: -check: " + out + " is out of date: 3 differences; run zcrmgen without -check to update it",
	}
	if r.code != 1 || r.stdout != "" || !slices.Equal(lines(r.stderr), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, strings.Join(want, "\n"))
	}
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("-check created %s: %v", out, err)
	}

	// Up to date: exit 0 and one line (none with -q).
	if r := runIn(fakeGenerate(res, nil), "", "-q", "-in", in, "-out", out); r.code != 0 {
		t.Fatalf("write: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runIn(fakeGenerate(res, nil), "", "-check", "-in", in, "-out", out)
	if r.code != 0 || !regexp.MustCompile(`^zcrmgen: -check: \S+ is up to date: 2 endpoints, 0 types, 0 tests, 0 warnings \(3 files\) in \d+ms\n$`).MatchString(r.stderr) {
		t.Errorf("up to date: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runIn(fakeGenerate(res, nil), "", "-check", "-q", "-in", in, "-out", out); r.code != 0 || r.stderr != "" {
		t.Errorf("up to date, -q: exit %d, stderr %q", r.code, r.stderr)
	}

	// Changed and stale files are reported, and left as they are.
	if err := os.WriteFile(filepath.Join(out, "a.go"), []byte(file.Header+"\n// edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "old.go"), []byte(file.Header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runIn(fakeGenerate(res, nil), "", "-check", "-in", in, "-out", out)
	want = []string{
		"zcrmgen: -check: changed: a.go",
		"zcrmgen: -check: stale: old.go",
		"zcrmgen: -check: exported API: unchanged",
		"zcrmgen: -check: " + out + " is out of date: 2 differences; run zcrmgen without -check to update it",
	}
	if r.code != 1 || !slices.Equal(lines(r.stderr), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, strings.Join(want, "\n"))
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a.go")); !strings.Contains(string(b), "edited") {
		t.Errorf("-check rewrote a.go")
	}
}

func TestWriteErrorIsOneLine(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "c.json", "{}")
	out := filepath.Join(dir, "pkg")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writeInput(t, out, "client.go", "package pkg\n")
	res := &generator.Result{Files: []generator.File{genFile("client.go", "")}}
	r := runIn(fakeGenerate(res, nil), "", "-in", in, "-out", out)
	if got := lines(r.stderr); r.code != 1 || len(got) != 1 || !strings.HasPrefix(got[0], "zcrmgen: "+filepath.Join(out, "client.go")+": hand-written file") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "client.go")); string(b) != "package pkg\n" {
		t.Errorf("hand-written client.go changed to %q", b)
	}
}

func TestGenerateErrorKinds(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "c.json", "{}")
	for _, tc := range []struct {
		err  error
		code int
		want string
	}{
		{&postmanparse.Error{File: in, Line: 3, Col: 4, Msg: "invalid JSON"}, exitFail, "zcrmgen: " + in + ":3:4: invalid JSON"},
		{&generator.BugError{Name: in, Err: errors.New("render a.go: broken")}, exitBug, "zcrmgen: " + in + ": render a.go: broken (a zcrmgen bug: please report it with this input)"},
	} {
		gen := func(generator.Options, func(generator.File) error) (*generator.Result, error) { return nil, tc.err }
		r := runIn(gen, "", "-in", in, "-out", filepath.Join(dir, "pkg"))
		if got := lines(r.stderr); r.code != tc.code || len(got) != 1 || got[0] != tc.want {
			t.Errorf("Generate error %T: exit %d, stderr %q; want exit %d, %q", tc.err, r.code, r.stderr, tc.code, tc.want)
		}
	}
}
