package generator_test

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/internal/textdiff"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/generator/write"
	"github.com/zcrmgen/zcrmgen/internal/gotool"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases lists generator/testdata/<case>/ directories.
func goldenCases(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "collection.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, d := range dirs {
		cases = append(cases, filepath.Base(filepath.Dir(d)))
	}
	sort.Strings(cases)
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/")
	}
	return cases
}

// casePackage is the Go package name of a golden case.
func casePackage(name string) string {
	return strings.NewReplacer("-", "", "_", "").Replace(name)
}

func generateCase(t *testing.T, name string) (*generator.Result, error) {
	t.Helper()
	opts := generator.CaseOptions(t, name)
	opts.Package = casePackage(name)
	return generator.Generate(opts)
}

// TestGolden generates every case in memory and compares the files with
// testdata/<case>/want/ (or the error with want_error.txt), showing a
// unified diff for each file that changed. want/ holds what is generated
// for the collection; the runtime copies are tested where they stand
// (templates/runtime), so runtime.txt beside want/ only lists which of
// their declarations the case keeps. Refresh with
// go test ./generator -run TestGolden -update.
func TestGolden(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			res, err := generateCase(t, name)
			dir := filepath.Join("testdata", name)
			if err != nil {
				checkGolden(t, filepath.Join(dir, "want_error.txt"), []byte(err.Error()+"\n"))
				return
			}
			var warnings bytes.Buffer
			for _, w := range res.Warnings {
				fmt.Fprintln(&warnings, w)
			}
			checkGolden(t, filepath.Join(dir, "warnings.txt"), warnings.Bytes())
			var files, runtime []generator.File
			for _, f := range res.Files {
				if generator.IsRuntime(f.Name) {
					runtime = append(runtime, f)
				} else {
					files = append(files, f)
				}
			}
			checkGolden(t, filepath.Join(dir, "runtime.txt"), runtimeSummary(t, runtime))
			want := filepath.Join(dir, "want")
			if *update {
				if _, err := write.Dir(want, files); err != nil {
					t.Fatal(err)
				}
				return
			}
			diffs, err := write.Check(want, files)
			if err != nil {
				t.Fatal(err)
			}
			byName := map[string][]byte{}
			for _, f := range files {
				byName[f.Name] = f.Data
			}
			for _, d := range diffs {
				kind, file, _ := strings.Cut(d, ": ")
				if kind != "changed" {
					t.Errorf("%s: %s", want, d)
					continue
				}
				old, err := os.ReadFile(filepath.Join(want, filepath.FromSlash(file)))
				if err != nil {
					t.Fatal(err)
				}
				t.Errorf("%s: %s changed:\n%s", want, file, textdiff.Unified(file, old, byName[file]))
			}
			if len(diffs) > 0 {
				t.Log("run: go test ./generator -run TestGolden -update")
			}
		})
	}
}

// runtimeSummary lists, for each runtime copy, the top-level declarations
// it keeps, one file a line: "zcrmgen_client.go: Client NewClient ...".
func runtimeSummary(t *testing.T, files []generator.File) []byte {
	t.Helper()
	var b bytes.Buffer
	fset := token.NewFileSet()
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			fmt.Fprintln(&b, f.Name)
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		names := model.TopLevelNames(af)
		sort.Strings(names)
		fmt.Fprintf(&b, "%s: %s\n", f.Name, strings.Join(names, " "))
	}
	return b.Bytes()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if len(got) == 0 {
			os.Remove(path)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n got: %s\nwant: %s\nrun: go test ./generator -run TestGolden -update", path, got, want)
	}
}

// TestGoldenCompiles generates every successful case into one temporary
// module and runs go vet and go test there: the generated packages build,
// and their generated tests replay every saved example.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated code")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module golden\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, name := range goldenCases(t) {
		res, err := generateCase(t, name)
		if err != nil {
			continue
		}
		if _, err := write.Dir(filepath.Join(mod, casePackage(name)), res.Files); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, "./"+casePackage(name))
	}
	run := func(args ...string) {
		cmd := exec.Command(gobin, args...)
		cmd.Dir = mod
		cmd.Env = gotool.Env(os.Environ())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run(append([]string{"vet"}, pkgs...)...)
	run(append([]string{"test", "-count=1"}, pkgs...)...)
}

// generateArgs are the zcrmgen flags of one //go:generate line of
// generated/generate.go.
type generateArgs struct {
	// in is the first -in, overlays the later ones.
	in, out, pkg, env string
	overlays          []string
}

// parseGenerateLine reads a //go:generate line that runs ../cmd/zcrmgen.
// It knows every flag of the command that changes what is generated, and
// fails on anything else, so that no line is ever skipped: a flag it does
// not know would make the regeneration below differ from the real one.
func parseGenerateLine(line string) (generateArgs, error) {
	const prefix = "//go:generate go run ../cmd/zcrmgen "
	rest, ok := strings.CutPrefix(line, prefix)
	if !ok {
		return generateArgs{}, fmt.Errorf("%q does not start with %q", line, prefix)
	}
	var a generateArgs
	var ins []string
	values := map[string]*string{"out": &a.out, "package": &a.pkg, "env": &a.env}
	words := strings.Fields(rest)
	for i := 0; i < len(words); i++ {
		name := strings.TrimLeft(words[i], "-")
		if !strings.HasPrefix(words[i], "-") || name == "" {
			return generateArgs{}, fmt.Errorf("%q: unexpected argument %q", line, words[i])
		}
		name, value, hasValue := strings.Cut(name, "=")
		takes := name == "in" || values[name] != nil
		switch {
		case takes && !hasValue && i+1 < len(words):
			i++
			value = words[i]
		case takes && !hasValue:
			return generateArgs{}, fmt.Errorf("%q: flag %q has no value", line, words[i])
		case (name == "q" || name == "strict") && !hasValue:
			// Output and warnings only; the files are the same.
			continue
		case !takes:
			return generateArgs{}, fmt.Errorf("%q: flag %q is not understood here", line, words[i])
		}
		if name == "in" {
			// -in repeats: the later ones are overlays.
			ins = append(ins, value)
			continue
		}
		*values[name] = value
	}
	if len(ins) > 0 {
		a.in = ins[0]
		if len(ins) > 1 {
			a.overlays = ins[1:]
		}
	}
	if a.in == "" || a.out == "" {
		return generateArgs{}, fmt.Errorf("%q: -in and -out are required", line)
	}
	return a, nil
}

func TestParseGenerateLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want generateArgs
		err  bool
	}{
		{"//go:generate go run ../cmd/zcrmgen -q -in a.json -out pkg", generateArgs{in: "a.json", out: "pkg"}, false},
		{"//go:generate go run ../cmd/zcrmgen -in=a.json --out pkg -package p -env e.json -strict", generateArgs{in: "a.json", out: "pkg", pkg: "p", env: "e.json"}, false},
		{"//go:generate go run ../cmd/zcrmgen -in a.json -in b.json --in=c.json -out pkg", generateArgs{in: "a.json", out: "pkg", overlays: []string{"b.json", "c.json"}}, false},
		{"//go:generate go run ../cmd/zcrmgen -in a.json -out pkg -check", generateArgs{}, true},
		{"//go:generate go run ../cmd/zcrmgen -in a.json", generateArgs{}, true},
		{"//go:generate go tool zcrmgen -in a.json -out pkg", generateArgs{}, true},
		{"//go:generate go run ../cmd/zcrmgen -in a.json -out pkg extra", generateArgs{}, true},
	} {
		got, err := parseGenerateLine(tc.line)
		if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseGenerateLine(%q) = %+v, %v; want %+v, error %v", tc.line, got, err, tc.want, tc.err)
		}
	}
}

// TestGeneratedUpToDate regenerates every package that generated/generate.go
// lists and compares it byte for byte with the committed tree.
func TestGeneratedUpToDate(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "generated", "generate.go"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []generateArgs
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "//go:generate ") {
			continue
		}
		a, err := parseGenerateLine(line)
		if err != nil {
			t.Fatalf("generated/generate.go: %v", err)
		}
		lines = append(lines, a)
	}
	if len(lines) == 0 {
		t.Fatal("generated/generate.go has no //go:generate lines")
	}
	rel := func(name string) string { return filepath.Join("..", "generated", filepath.FromSlash(name)) }
	for _, a := range lines {
		in, out := rel(a.in), rel(a.out)
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		opts := generator.Options{Name: a.in, Data: data, Package: cmp.Or(a.pkg, filepath.Base(out))}
		for _, o := range a.overlays {
			data, err := os.ReadFile(rel(o))
			if err != nil {
				t.Fatal(err)
			}
			opts.Overlays = append(opts.Overlays, generator.Input{Name: o, Data: data})
		}
		if a.env != "" {
			if opts.Env, err = os.ReadFile(rel(a.env)); err != nil {
				t.Fatal(err)
			}
			opts.EnvName = a.env
		}
		res, err := generator.Generate(opts)
		if err != nil {
			t.Fatal(err)
		}
		diffs, err := write.Check(out, res.Files)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Errorf("%s: %s", out, d)
		}
		if len(diffs) > 0 {
			t.Error("generated/ is stale: run make generate")
		}
	}
}

// TestDeterministic generates the largest case twice and compares.
func TestDeterministic(t *testing.T) {
	for _, name := range goldenCases(t) {
		a, errA := generateCase(t, name)
		b, errB := generateCase(t, name)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("%s: errors differ: %v, %v", name, errA, errB)
		}
		if errA != nil {
			continue
		}
		if len(a.Files) != len(b.Files) {
			t.Fatalf("%s: %d files, then %d", name, len(a.Files), len(b.Files))
		}
		for i := range a.Files {
			if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
				t.Errorf("%s: %s differs between runs", name, a.Files[i].Name)
			}
		}
	}
}
