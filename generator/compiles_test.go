package generator_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/generator/typecheck"
)

// localLikeNames are the names the collection of TestLocalNamesCompile
// gives its path variables, query parameters, headers and form fields:
// every name emitted methods keep off, and the short names other emitted
// functions use for themselves.
func localLikeNames() []string {
	names := append(model.MethodNames(), "q", "u", "v", "p", "t", "parts", "apply", "values", "Client", "Option")
	slices.Sort(names)
	return slices.Compact(names)
}

// everyNameCollection is a Zoho collection whose requests each take every
// name of localLikeNames as a path variable, and as a query parameter,
// header and form field where the request has those: a list endpoint
// with a page iterator, and requests with a JSON, urlencoded, multipart
// and file body and a JSON array (of values, of times, of dates), number,
// text, binary and empty reply.
func everyNameCollection(names []string) []byte {
	segs := []any{"crm", "v8"}
	var vars, query, headers, form []any
	for _, n := range names {
		segs = append(segs, ":"+n)
		vars = append(vars, map[string]any{"key": n, "value": "x"})
		query = append(query, map[string]any{"key": n, "value": "1"})
		headers = append(headers, map[string]any{"key": "X-" + n, "value": "1"})
		form = append(form, map[string]any{"key": n, "value": "1", "type": "text"})
	}
	if !slices.Contains(names, "page") {
		query = append(query, map[string]any{"key": "page", "value": "1"})
	}
	query = append(query, map[string]any{"key": "page_token", "value": "abc"})
	item := func(name, method string, body map[string]any, status int, contentType, reply string) any {
		url := map[string]any{
			"host": []any{"{{api-domain}}"}, "path": segs, "variable": vars, "query": query,
		}
		req := map[string]any{"method": method, "url": url, "header": headers}
		if body != nil {
			req["body"] = body
		}
		resp := map[string]any{"name": "ok", "code": status, "body": reply}
		if contentType != "" {
			resp["header"] = []any{map[string]any{"key": "Content-Type", "value": contentType}}
		}
		return map[string]any{"name": name, "request": req, "response": []any{resp}}
	}
	raw := func(s string) map[string]any {
		return map[string]any{"mode": "raw", "raw": s, "options": map[string]any{"raw": map[string]any{"language": "json"}}}
	}
	const list = `{"data": [{"id": "1", "n": 2.5}], "info": {"more_records": false, "next_page_token": "t", "page": 1}}`
	col := map[string]any{
		"info":     map[string]any{"name": "Every name", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
		"variable": []any{map[string]any{"key": "api-domain", "value": "https://www.zohoapis.com"}},
		"auth":     map[string]any{"type": "bearer", "bearer": []any{map[string]any{"key": "token", "value": "{{access-token}}"}}},
		"item": []any{
			item("Get", "GET", nil, 200, "application/json", list),
			item("Search", "POST", raw(`{"criteria": {"value": 1}, "ids": ["1"]}`), 200, "application/json", list),
			item("Mixed", "POST", raw(`[1, "a", {"b": null}]`), 200, "application/json", `[1, "a", true, null, {"x": [1]}]`),
			item("Form", "PUT", map[string]any{"mode": "urlencoded", "urlencoded": form}, 200, "text/plain", "done"),
			item("Upload", "POST", map[string]any{"mode": "formdata", "formdata": append(slices.Clone(form),
				map[string]any{"key": "file", "type": "file", "src": "a.txt"})}, 200, "application/octet-stream", "\x00\x01"),
			item("Put File", "PUT", map[string]any{"mode": "file", "file": map[string]any{"src": "a.bin"}}, 200, "application/json", `{"ok": true}`),
			item("Delete", "DELETE", nil, 204, "", ""),
			item("Number", "GET", nil, 200, "application/json", `12`),
			item("Times", "GET", nil, 200, "application/json", `["2019-08-26T16:41:43+05:30"]`),
			item("Placeholders", "PATCH", raw(`{"n": "<integer>", "d": "<date>", "t": "<dateTime>"}`), 200, "application/json", `["<date>"]`),
		},
	}
	data, err := json.Marshal(col)
	if err != nil {
		panic(err)
	}
	return data
}

// TestLocalNamesCompile generates a collection whose path variables and
// parameters take every name that emitted code uses for itself, and
// type-checks the package and its tests.
func TestLocalNamesCompile(t *testing.T) {
	res, err := generator.Generate(generator.Options{Name: "every.json", Data: everyNameCollection(localLikeNames()), Package: "every"})
	if err != nil {
		t.Fatal(err)
	}
	var pager bool
	for _, f := range res.Files {
		if strings.HasPrefix(f.Name, "ops_") && strings.Contains(string(f.Data), ") GetAll(") {
			pager = true
		}
	}
	if !pager {
		t.Error("no page iterator GetAll: the collection does not exercise it")
	}
	if err := typecheck.New().Check("example.com/every", res.Files); err != nil {
		t.Fatal(err)
	}
}

// TestMethodNamesCoverEmittedCode checks the list of names methods keep
// parameters off: every unexported name a method of Client (or a function
// in it) refers to is on the list, or is one of the method's parameters
// named from the collection.
func TestMethodNamesCoverEmittedCode(t *testing.T) {
	known := map[string]bool{"_": true}
	for _, n := range model.MethodNames() {
		known[n] = true
	}
	res, err := generator.Generate(generator.Options{Name: "every.json", Data: everyNameCollection([]string{"id", "module"}), Package: "every"})
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	methods := 0
	for _, f := range res.Files {
		if !strings.HasPrefix(f.Name, "ops_") || strings.HasSuffix(f.Name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !isClient(fd.Recv.List[0].Type) {
				continue
			}
			methods++
			params := map[string]bool{}
			for _, p := range fd.Type.Params.List {
				for _, n := range p.Names {
					if !known[n.Name] {
						params[n.Name] = true
					}
				}
			}
			for _, id := range bodyNames(fd) {
				if !known[id.Name] && !params[id.Name] && !token.IsExported(id.Name) {
					t.Errorf("%s: %s uses %q, which model.MethodNames does not list", fset.Position(id.Pos()), fd.Name.Name, id.Name)
				}
			}
		}
	}
	if methods < 11 {
		t.Errorf("checked %d methods of Client, want every request and the page iterator", methods)
	}
}

func isClient(e ast.Expr) bool {
	s, ok := e.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := s.X.(*ast.Ident)
	return ok && id.Name == "Client"
}

// bodyNames lists the identifiers in fd's receiver and body that name
// something in scope: not the field or method after a dot, not the field
// keys of a composite literal.
func bodyNames(fd *ast.FuncDecl) []*ast.Ident {
	skip := map[*ast.Ident]bool{}
	var out []*ast.Ident
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok {
						skip[k] = true
					}
				}
			}
		case *ast.Ident:
			if !skip[n] {
				out = append(out, n)
			}
		}
		return true
	})
	return append(out, fd.Recv.List[0].Names...)
}
