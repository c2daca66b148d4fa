package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordSource is a stand-in for the type inference that echoes its input.
func recordSource(pkg, name string, samples [][]byte, _ bool) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\ntype %s struct{} // %d samples\n", pkg, name, len(samples))
	for _, s := range samples {
		fmt.Fprintf(&b, "// %s\n", bytes.TrimSpace(s))
	}
	return []byte(b.String()), nil
}

func runTypes(source func(string, string, [][]byte, bool) ([]byte, error), stdin string, args ...string) result {
	var stdout, stderr bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, typeSource: source}
	code := c.run(append([]string{"types"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestTypesArguments(t *testing.T) {
	dir := t.TempDir()
	a := writeInput(t, dir, "a.json", `{"id": 1}`)
	b := writeInput(t, dir, "b.json", `{"id": 2, "name": "x"}`)

	r := runTypes(recordSource, `{"stdin": true}`, a, "-", b)
	want := "package main\n\ntype Root struct{} // 3 samples\n// {\"id\": 1}\n// {\"stdin\": true}\n// {\"id\": 2, \"name\": \"x\"}\n"
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want)
	}

	r = runTypes(recordSource, "", "-name", "Lead", "-package=crm", a)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "package crm\n\ntype Lead struct{} // 1 samples\n") {
		t.Errorf("-name, -package: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	r = runTypes(recordSource, "", a, filepath.Join(dir, "missing.json"))
	if want := "zcrmgen: " + filepath.Join(dir, "missing.json") + ": no such file or directory\n"; r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("missing file: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	failing := func(string, string, [][]byte, bool) ([]byte, error) {
		return nil, errors.New("sample 2: not an object")
	}
	r = runTypes(failing, "[]", a, "-")
	if want := "zcrmgen: " + a + ", standard input: sample 2: not an object\n"; r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("inference error: exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want)
	}
}

func TestTypesCommand(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"a.json": `{"id": "1", "name": "Acme", "tags": ["x"]}`,
		"b.json": `{"id": "2", "name": "Beta", "owner": {"id": "7"}}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	r := zcrmgen(t, dir, "", "types", "-name", "Account", "-package", "crm", "a.json", "b.json")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("two files: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"package crm", "type Account ", "Name", "Owner", "Tags"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("two files: output lacks %q:\n%s", want, r.stdout)
		}
	}
	// The types alone by default; -runtime adds the JSON runtime.
	if strings.Contains(r.stdout, "func unmarshalObject") {
		t.Errorf("two files: output carries the runtime without -runtime:\n%s", r.stdout)
	}
	rr := zcrmgen(t, dir, "", "types", "-runtime", "-name", "Account", "a.json", "b.json")
	if rr.code != 0 || !strings.Contains(rr.stdout, "func unmarshalObject") || !strings.Contains(rr.stdout, "type Account ") {
		t.Errorf("-runtime: exit %d, stderr %q, output lacks the type or the runtime", rr.code, rr.stderr)
	}

	r = zcrmgen(t, dir, `{"id": 1, "active": true}`, "types", "-")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("stdin: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"package main", "type Root ", "Active"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdin: output lacks %q:\n%s", want, r.stdout)
		}
	}

	r = zcrmgen(t, dir, "{oops", "types", "-")
	if got := lines(r.stderr); r.code != 1 || r.stdout != "" || len(got) != 1 || got[0] != "zcrmgen: standard input:1:2: invalid character 'o' looking for beginning of object key string" {
		t.Errorf("bad JSON on stdin: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	// A file that is not JSON is reported the way the main command reports
	// the same file.
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	typesErr := zcrmgen(t, dir, "", "types", bad)
	genErr := zcrmgen(t, dir, "", "-in", bad, "-out", filepath.Join(dir, "out"))
	if typesErr.code != 1 || genErr.code != 1 || typesErr.stderr != genErr.stderr {
		t.Errorf("not JSON: types says %q (exit %d), the main command %q (exit %d)", typesErr.stderr, typesErr.code, genErr.stderr, genErr.code)
	}
}
