package gotype_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/templates"
)

// collectionBodies returns the raw JSON-looking bodies in
// collections/*.json, requests and responses alike.
func collectionBodies(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "collections", "*.json"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		var visit func(v any)
		visit = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if raw, ok := v["raw"].(string); ok && v["mode"] == "raw" {
					out = append(out, raw)
				}
				if b, ok := v["body"].(string); ok && b != "" {
					out = append(out, b)
				}
				for _, k := range sortedKeys(v) {
					visit(v[k])
				}
			case []any:
				for _, e := range v {
					visit(e)
				}
			}
		}
		visit(doc)
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// runtimeScope returns a package scope with every top-level name of the
// runtime files reserved.
func runtimeScope() *naming.Scope {
	s := naming.NewScope()
	fset := token.NewFileSet()
	for _, f := range templates.RuntimeFiles() {
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			panic(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					s.Reserve(d.Name.Name)
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						s.Reserve(sp.Name.Name)
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							s.Reserve(n.Name)
						}
					}
				}
			}
		}
	}
	return s
}

// exportedWithoutDoc parses src and lists the exported types, functions
// and methods whose doc comment does not start with their name.
func exportedWithoutDoc(t *testing.T, src []byte) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var bad []string
	ok := func(name string, doc *ast.CommentGroup) {
		if token.IsExported(name) && (doc == nil || !strings.HasPrefix(doc.Text(), name+" ")) {
			bad = append(bad, name)
		}
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			ok(d.Name.Name, d.Doc)
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				if ts, isType := sp.(*ast.TypeSpec); isType {
					doc := ts.Doc
					if doc == nil {
						doc = d.Doc
					}
					ok(ts.Name.Name, doc)
				}
			}
		}
	}
	return bad
}
