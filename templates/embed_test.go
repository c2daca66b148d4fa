package templates

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/internal/gotool"
)

func names(files []File) []string {
	var s []string
	for _, f := range files {
		s = append(s, f.Name)
	}
	return s
}

func TestRuntimeFiles(t *testing.T) {
	files := RuntimeFiles()
	got := names(files)
	if !slices.IsSorted(got) {
		t.Errorf("names not sorted: %q", got)
	}
	for _, want := range []string{"auth.go", "client.go", "errors.go", "request.go", "request_multipart.go", "retry.go"} {
		if !slices.Contains(got, want) {
			t.Errorf("RuntimeFiles() lacks %s: %q", want, got)
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f.Name, "_test.go") || !strings.HasSuffix(f.Name, ".go") || f.Name == "export.go" {
			t.Errorf("RuntimeFiles() has %s", f.Name)
		}
		disk, err := os.ReadFile(filepath.Join("runtime", f.Name))
		if err != nil || !bytes.Equal(disk, f.Data) {
			t.Errorf("%s: embedded data differs from runtime/%s (%v)", f.Name, f.Name, err)
		}
	}

	// Callers get their own copies.
	files[0].Data[0] = '#'
	if RuntimeFiles()[0].Data[0] == '#' {
		t.Error("RuntimeFiles shares its data between calls")
	}
}

func TestRuntimeTestFiles(t *testing.T) {
	got := names(RuntimeTestFiles())
	if !slices.Contains(got, "testing_test.go") {
		t.Errorf("RuntimeTestFiles() = %q, want testing_test.go among them", got)
	}
	if !slices.IsSorted(got) {
		t.Errorf("names not sorted: %q", got)
	}
	for _, name := range got {
		if !strings.HasPrefix(name, "testing_") || !strings.HasSuffix(name, "_test.go") {
			t.Errorf("RuntimeTestFiles() has %s", name)
		}
	}
}

// TestCopiedTable checks that the table of copied files is sorted, that
// each of its rows names a file of runtime/, and that every source file of
// runtime/ has a row, so that a new file cannot be left out by mistake.
func TestCopiedTable(t *testing.T) {
	rows := names(Copied())
	if !slices.IsSorted(rows) || len(slices.Compact(slices.Clone(rows))) != len(rows) {
		t.Errorf("Copied() not sorted or with a name twice: %q", rows)
	}
	entries, err := os.ReadDir("runtime")
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			sources = append(sources, e.Name())
		}
	}
	for _, name := range sources {
		if !slices.Contains(rows, name) {
			t.Errorf("runtime/%s has no row in Copied()", name)
		}
	}
	for _, row := range Copied() {
		if _, err := os.Stat(filepath.Join("runtime", row.Name)); err != nil {
			t.Errorf("Copied() row %s: %v", row.Name, err)
		}
		if row.When < Never || row.When > IfTests {
			t.Errorf("Copied() row %s: unknown condition %d", row.Name, row.When)
		}
	}
}

// TestRuntimeSource checks what copying relies on: every file is package
// runtime with no package comment (the generated package has its own) and
// no header yet, imports the standard library alone, and documents every
// exported name with a comment that starts with the name.
func TestRuntimeSource(t *testing.T) {
	fset := token.NewFileSet()
	for _, f := range append(RuntimeFiles(), RuntimeTestFiles()...) {
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		if file.Name.Name != "runtime" {
			t.Errorf("%s: package %s, want runtime", f.Name, file.Name.Name)
		}
		if file.Doc != nil {
			t.Errorf("%s: has a package comment", f.Name)
		}
		if bytes.Contains(f.Data, []byte("Code generated")) {
			t.Errorf("%s: already has a generated-code header", f.Name)
		}
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				t.Errorf("%s: imports %s; generated packages use the standard library only", f.Name, path)
			}
		}
		for _, miss := range undocumented(file) {
			t.Errorf("%s: %s", f.Name, miss)
		}
	}
}

// undocumented lists the exported names in file whose doc comment is
// missing or does not start with the name.
func undocumented(file *ast.File) []string {
	var out []string
	check := func(name string, doc *ast.CommentGroup) {
		if !ast.IsExported(name) {
			return
		}
		if doc == nil || !strings.HasPrefix(doc.Text(), name+" ") {
			out = append(out, name+": doc comment must start with "+strconv.Quote(name+" "))
		}
	}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && !exportedReceiver(d.Recv) {
				continue
			}
			check(d.Name.Name, d.Doc)
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				doc := d.Doc
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Doc != nil {
						doc = s.Doc
					}
					check(s.Name.Name, doc)
				case *ast.ValueSpec:
					if s.Doc != nil {
						doc = s.Doc
					}
					for _, n := range s.Names {
						check(n.Name, doc)
					}
				}
			}
		}
	}
	return out
}

func exportedReceiver(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// TestRuntimeCopies copies the runtime the way the generator does (new
// package clause, header on line 1) into a module of its own and runs go vet
// on it, proving the copy builds with the standard library alone under
// another package name.
func TestRuntimeCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/zcrm\n\ngo 1.25\n"))
	for _, f := range append(RuntimeFiles(), RuntimeTestFiles()...) {
		data, ok := bytes.CutPrefix(f.Data, []byte("package runtime\n"))
		if !ok {
			t.Fatalf("%s does not start with the package clause", f.Name)
		}
		write(f.Name, append([]byte("// Code generated by zcrmgen. DO NOT EDIT.\n\npackage zcrm\n"), data...))
	}
	// The test helpers are only vetted if some test compiles with them.
	write("use_test.go", []byte(`package zcrm

import "testing"

func TestHelpers(t *testing.T) {
	if ok, _, err := jsonEqual([]byte("1.0"), []byte("1")); !ok || err != nil {
		t.Fatal(ok, err)
	}
	_ = replayServer
	_ = readTestdata
	_ = assertJSONEqual
	_ = assertAPIError
	_ = runReplays
	_ = replayDecode
	_ = replayHeader
	_ = exampleServer
	_ = exampleRequest
	_ = exampleResult
}
`))
	cmd := exec.Command(goTool, "vet", ".")
	cmd.Dir = dir
	cmd.Env = gotool.Env(os.Environ())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet on the copied runtime: %v\n%s", err, out)
	}
}
