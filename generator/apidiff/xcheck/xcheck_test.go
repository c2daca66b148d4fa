package xcheck

import (
	"encoding/json"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
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

// TestAliasTransitions checks, on collections made for it, how both judges
// see bodies of one shape, which the client declares as aliases of one
// type: a body that stops being the same type as another breaks code that
// used one for the other; a new body of the shape whose name sorts first
// (which becomes the declared type) and two types that become the same
// break nothing.
func TestAliasTransitions(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks generated packages")
	}
	const lead, leadMore = `{"id":"1","name":"Ada"}`, `{"id":"1","name":"Ada","phone":"1"}`
	for _, tc := range []struct {
		name     string
		old, new map[string]string // reply body by request name
		breaking bool              // by both judges
		split    bool              // the report has a type-split change
	}{
		{"one body changes shape", map[string]string{"Get b": lead, "Get c": lead}, map[string]string{"Get b": lead, "Get c": leadMore}, true, true},
		{"a body that sorts first joins", map[string]string{"Get b": lead, "Get c": lead}, map[string]string{"Get a": lead, "Get b": lead, "Get c": lead}, false, false},
		{"two bodies become the same", map[string]string{"Get b": leadMore, "Get c": lead}, map[string]string{"Get b": leadMore, "Get c": leadMore}, false, false},
		{"nothing changes", map[string]string{"Get b": lead, "Get c": lead}, map[string]string{"Get b": lead, "Get c": lead}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := apidiff.Input{Name: "old.json", Data: replies(tc.old)}
			n := apidiff.Input{Name: "new.json", Data: replies(tc.new)}
			rep, err := apidiff.Collections(o, n)
			if err != nil {
				t.Fatal(err)
			}
			fset := token.NewFileSet()
			imp := importer.Default()
			var incompatible []string
			for _, c := range xapidiff.Changes(typeCheck(t, fset, imp, o), typeCheck(t, fset, imp, n)).Changes {
				if !c.Compatible {
					incompatible = append(incompatible, c.Message)
				}
			}
			split := false
			for _, c := range rep.Changes {
				split = split || c.Kind == apidiff.TypeSplit
			}
			if got := len(incompatible) > 0; got != tc.breaking {
				t.Errorf("x/exp/apidiff incompatible: %q, want breaking %v", incompatible, tc.breaking)
			}
			if rep.Breaking() != tc.breaking || split != tc.split {
				t.Errorf("report breaking %v, split %v; want %v, %v:\n%+v", rep.Breaking(), split, tc.breaking, tc.split, rep.Changes)
			}
		})
	}
}

// replies returns a collection of one GET request per name, in name
// order, each with a saved 200 reply of the given JSON body.
func replies(bodies map[string]string) []byte {
	var items []map[string]any
	for _, name := range slices.Sorted(maps.Keys(bodies)) {
		path := strings.ReplaceAll(strings.ToLower(name), " ", "-")
		url := map[string]any{"raw": "https://api.example.test/" + path, "host": []string{"api", "example", "test"}, "path": []string{path}, "protocol": "https"}
		items = append(items, map[string]any{
			"name":    name,
			"request": map[string]any{"method": "GET", "url": url},
			"response": []map[string]any{{
				"name": "ok", "code": 200, "body": bodies[name],
				"header": []map[string]string{{"key": "Content-Type", "value": "application/json"}},
			}},
		})
	}
	data, err := json.Marshal(map[string]any{
		"info": map[string]string{"name": "Aliases", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
		"item": items,
	})
	if err != nil {
		panic(err) // maps of strings always encode
	}
	return data
}
