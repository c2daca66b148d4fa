package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/file"
)

var update = flag.Bool("update", false, "rewrite testdata/usage.golden")

func TestParseArgs(t *testing.T) {
	cfg, err := parseArgs(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.dirs, []string{"../shared/corpus"}) || cfg.names || cfg.run != nil || cfg.keep || cfg.jobs != 1 || cfg.timeout != 10*time.Minute {
		t.Errorf("defaults = %+v", cfg)
	}
	cfg, err = parseArgs([]string{"-dir", "c", "-run", "^a", "-keep", "-j", "2", "-timeout", "90s", "-dir", "d", "-names"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.dirs, []string{"c", "d"}) || !cfg.names || cfg.run.String() != "^a" || !cfg.keep || cfg.jobs != 2 || cfg.timeout != 90*time.Second {
		t.Errorf("parsed = %+v", cfg)
	}
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}} {
		if _, err := parseArgs(args); !errors.Is(err, pflag.ErrHelp) {
			t.Errorf("parseArgs(%q): err = %v, want ErrHelp", args, err)
		}
	}
	for args, want := range map[string]string{
		"-j 0":         "-j 0: must be at least 1",
		"-timeout 0s":  "-timeout 0s: must be positive",
		"-run (":       "-run: error parsing regexp: missing closing ): `(`",
		"-dir":         "flag needs an argument: -dir",
		"extra":        `unexpected argument "extra"`,
		"-timeout 10x": `invalid argument "10x" for "-timeout" flag: must be a duration like "30s" or "5m"`,
	} {
		_, err := parseArgs(strings.Fields(args))
		if err == nil || err.Error() != want {
			t.Errorf("parseArgs(%s): err = %v, want %q", args, err, want)
		}
	}
}

func TestUsageGolden(t *testing.T) {
	golden := filepath.Join("testdata", "usage.golden")
	got := usage()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with: go test ./cmd/zcrmgen-corpus -run TestUsageGolden -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; if the new text is right, run: go test ./cmd/zcrmgen-corpus -run TestUsageGolden -update\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &stdout, &stderr); code != exitOK || stdout.String() != usage() || stderr.Len() != 0 {
		t.Errorf("-h: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"-bogus"}, &stdout, &stderr); code != exitUsage || stdout.Len() != 0 ||
		!strings.HasPrefix(stderr.String(), "zcrmgen-corpus: unknown flag: -bogus\nusage:") {
		t.Errorf("-bogus: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestRunNoCollections(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-dir", filepath.Join(dir, "missing")},
		{"-dir", dir},
	} {
		var stdout, stderr bytes.Buffer
		code := runWith(context.Background(), args, &stdout, &stderr, nil)
		if code != exitOK || stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), "zcrmgen-corpus: ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout.String(), stderr.String())
		}
	}
}

func TestGenerateTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	r := &runner{timeout: 20 * time.Millisecond, generate: func(generator.Options) (*generator.Result, error) {
		<-release
		return &generator.Result{}, nil
	}}
	if _, err := r.generateTimed(context.Background(), generator.Options{}); err == nil || err.Error() != "timed out after 20ms" {
		t.Errorf("err = %v, want a time-out", err)
	}
	r.generate = func(generator.Options) (*generator.Result, error) { panic("invariant broken") }
	if _, err := r.generateTimed(context.Background(), generator.Options{}); err == nil || !strings.HasPrefix(err.Error(), "panic: invariant broken\n") {
		t.Errorf("err = %v, want the panic", err)
	}
}

// fakeGenerate stands in for the generator: what it produces depends on
// the collection's file name.
func fakeGenerate(opts generator.Options) (*generator.Result, error) {
	file := func(name, src string) generator.File {
		return generator.File{Name: name, Data: []byte(file.Header + "\n\npackage " + opts.Package + "\n\n" + src)}
	}
	lib := file("lib.go", "func Add(a, b int) int { return a + b }\n")
	pass := file("lib_test.go", "import \"testing\"\n\n"+
		"func TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal(\"Add\")\n\t}\n}\n\n"+
		"func TestSkip(t *testing.T) { t.Skip(\"later\") }\n")
	res := &generator.Result{Stats: generator.Stats{Endpoints: 1, Tests: 2}, Warnings: []generator.Warning{{Msg: "w"}}}
	switch filepath.Base(opts.Name) {
	case "good.json":
		res.Files = []generator.File{lib, pass}
	case "vet.json":
		res.Files = []generator.File{
			file("lib.go", "import \"fmt\"\n\nfunc Add(a, b int) int { fmt.Printf(\"%d\\n\", \"x\"); return a + b }\n"),
			pass,
		}
	case "test.json":
		res.Files = []generator.File{lib, file("lib_test.go", "import \"testing\"\n\n"+
			"func TestAdd(t *testing.T) {\n\tif Add(1, 2) != 4 {\n\t\tt.Errorf(\"Add(1, 2) = %d, want 4\", Add(1, 2))\n\t}\n}\n\n"+
			"func TestOK(t *testing.T) {}\n")}
	case "testtypes.json":
		res.Files = []generator.File{lib, file("lib_test.go", "var _ string = Add(1, 2)\n")}
	case "compile.json":
		res.Files = []generator.File{file("lib.go", "func Add() int { return undefined }\n")}
	default:
		return nil, errors.New(opts.Name + ": not a Postman collection")
	}
	return res, nil
}

// TestRunGoTool runs the whole command, with the stand-in generator and
// the real go command, on a directory of six collections.
func TestRunGoTool(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	if testing.Short() {
		t.Skip("builds three packages")
	}
	dir := t.TempDir()
	for _, name := range []string{"good.json", "vet.json", "test.json", "compile.json", "testtypes.json", "junk.json", "MANIFEST.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(`{"item": [{"response": [{}]}]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := runWith(context.Background(), []string{"-dir", dir, "-j", "2"}, &stdout, &stderr, fakeGenerate)
	out := stdout.String()
	if code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			rows[f[0]] = f
		}
	}
	for name, want := range map[string]string{
		"compile":   "compile 1 1 2 - 1 FAIL: types",
		"good":      "good 1 1 2 1 1 ok",
		"junk":      "junk - 1 - - - FAIL: generate",
		"test":      "test 1 1 2 1 1 FAIL: test",
		"vet":       "vet 1 1 2 1 1 FAIL: vet",
		"testtypes": "testtypes 1 1 2 - 1 FAIL: types",
		"total":     "total (6) 5 6 10 3 5 1 ok, 5 FAIL",
	} {
		if got := strings.Join(rows[name], " "); !strings.HasPrefix(got, want+" ") {
			t.Errorf("row %q = %q, want %q and the time", name, got, want)
		}
	}
	for _, want := range []string{
		"tests: 3 passed, 1 failed, 2 skipped\n",
		"\n--- junk: generate\n    " + filepath.Join(dir, "junk.json") + ": not a Postman collection\n",
		"\n--- vet: go vet\n",
		"fmt.Printf format %d has arg \"x\" of wrong type string",
		"\n--- test: go test (2 run, 1 passed, 1 failed, 0 skipped)\n",
		"lib_test.go:9: Add(1, 2) = 3, want 4\n    --- FAIL: TestAdd",
		"\n--- compile: go/types\n    lib.go:5:25: undefined: undefined\n",
		"\n--- testtypes: go/types\n    lib_test.go:5:16: cannot use Add(1, 2) (value of type int) as string value in variable declaration\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", out, stderr.String())
	}
	if n := strings.Count(stderr.String(), "\n"); n != 6 {
		t.Errorf("stderr has %d lines, want one a collection:\n%s", n, stderr.String())
	}
}

func TestRunNames(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.json", "b.json", "bad.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gen := func(opts generator.Options) (*generator.Result, error) {
		switch filepath.Base(opts.Name) {
		case "a.json":
			return &generator.Result{Stats: generator.Stats{Endpoints: 2, Types: 3, NumberedTypes: []string{"Data2"}, LongestMethod: "GetRecords"}}, nil
		case "b.json":
			return &generator.Result{Stats: generator.Stats{Endpoints: 1, Types: 1, NumberedMethods: []string{"Get2"}, LongestMethod: "Get2"}}, nil
		}
		return nil, errors.New("bad.json: not a collection\nmore")
	}
	var stdout, stderr bytes.Buffer
	code := runWith(context.Background(), []string{"-names", "-dir", dir}, &stdout, &stderr, gen)
	if code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	for _, want := range []string{
		"a               3         1        2         0  GetRecords (10)\n",
		"bad             -         -        -         -  FAIL: bad.json: not a collection\n",
		"total (3)       4         1        3         1  GetRecords (10) in a\n",
		"\na:\n  types:   Data2\n",
		"\nb:\n  methods: Get2\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "bad: bad.json: not a collection") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
