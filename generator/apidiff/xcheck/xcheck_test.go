package xcheck

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xapidiff "golang.org/x/exp/apidiff"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/apidiff"
)

// TestAgainstGoAPIDiff generates the client package of both versions of
// every pair, type-checks them and asks golang.org/x/exp/apidiff, the
// judge of compile-breaking changes between Go packages: when it finds an
// incompatible change the report must be breaking, and when the report
// has a change of a kind that breaks compilation, it must find one.
func TestAgainstGoAPIDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks generated packages")
	}
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "*", "old.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no pairs under testdata: %v", err)
	}
	fset := token.NewFileSet()
	imp := importer.Default()
	for _, old := range dirs {
		dir := filepath.Dir(old)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			o, n := readPair(t, dir)
			rep, err := apidiff.Collections(o, n)
			if err != nil {
				t.Fatal(err)
			}
			op, np := typeCheck(t, fset, imp, o), typeCheck(t, fset, imp, n)
			var incompatible []string
			for _, c := range xapidiff.Changes(op, np).Changes {
				// A new value of a constant is incompatible to apidiff,
				// since constants can size arrays; a new default base
				// URL is info to the report.
				if !c.Compatible && !strings.HasPrefix(c.Message, "DefaultBaseURL: value changed") {
					incompatible = append(incompatible, c.Message)
				}
			}
			var ours []string
			for _, c := range rep.Changes {
				if c.Class == apidiff.Breaking && c.Kind.BreaksBuild() {
					ours = append(ours, c.Message)
				}
			}
			if len(incompatible) > 0 && !rep.Breaking() {
				t.Errorf("x/exp/apidiff finds incompatible changes, the report none:\n%s", strings.Join(incompatible, "\n"))
			}
			if len(ours) > 0 && len(incompatible) == 0 {
				t.Errorf("the report has compile-breaking changes, x/exp/apidiff none:\n%s", strings.Join(ours, "\n"))
			}
			t.Logf("x/exp/apidiff: %d incompatible; report: %d compile-breaking of %d breaking", len(incompatible), len(ours), rep.Count(apidiff.Breaking))
		})
	}
}

// typeCheck generates the client package of a collection and type-checks
// its non-test files.
func typeCheck(t *testing.T, fset *token.FileSet, imp types.Importer, in apidiff.Input) *types.Package {
	t.Helper()
	res, err := generator.Generate(generator.Options{Name: in.Name, Data: in.Data, Package: "client"})
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Name, ".go") || strings.HasSuffix(f.Name, "_test.go") || strings.Contains(f.Name, "/") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: generated %s: %v", in.Name, f.Name, err)
		}
		files = append(files, af)
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check("example.com/client", fset, files, nil)
	if err != nil {
		t.Fatalf("%s: generated package does not type-check: %v", in.Name, err)
	}
	return pkg
}

// readPair reads the two versions of a pair.
func readPair(t *testing.T, dir string) (apidiff.Input, apidiff.Input) {
	t.Helper()
	var in [2]apidiff.Input
	for i, name := range []string{"old.json", "new.json"} {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in[i] = apidiff.Input{Name: filepath.ToSlash(path), Data: data}
	}
	return in[0], in[1]
}
