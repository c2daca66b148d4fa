package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/emit"
)

// summaryCollection has a base URL variable that carries part of the path,
// path parameters written three ways, a JSON body, replies that are an
// object, an array and a PNG, and a request to another host.
const summaryCollection = `{"info": {"name": "Shop", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "variable": [{"key": "baseUrl", "value": "https://api.example.com/v2"}, {"key": "shop", "value": "main"}],
 "item": [
  {"name": "Get item", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/shops/{{shop}}/items/:item_id", "host": ["{{baseUrl}}"], "path": ["shops", "{{shop}}", "items", ":item_id"]}},
   "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "{\"id\": 7, \"name\": \"Ada\"}"}]},
  {"name": "List items", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/items", "host": ["{{baseUrl}}"], "path": ["items"]}},
   "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "[{\"id\": 7}]"}]},
  {"name": "Create item", "request": {"method": "post", "url": {"raw": "{{baseUrl}}/items", "host": ["{{baseUrl}}"], "path": ["items"]},
    "header": [{"key": "Content-Type", "value": "application/json"}],
    "body": {"mode": "raw", "raw": "{\"name\": \"Ada\"}", "options": {"raw": {"language": "json"}}}},
   "response": [{"name": "created", "code": 201, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "{\"id\": 8}"}]},
  {"name": "Get photo", "request": {"method": "GET", "url": {"raw": "https://cdn.example.com/photos/{id}", "protocol": "https", "host": ["cdn", "example", "com"], "path": ["photos", "{id}"]}},
   "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "image/png"}], "body": ""}]}
 ]}`

func TestResultOperations(t *testing.T) {
	res, err := generator.Generate(generator.Options{Name: "shop.json", Data: []byte(summaryCollection), Package: "shop"})
	if err != nil {
		t.Fatal(err)
	}
	var source, types strings.Builder
	for _, f := range res.Files {
		if strings.HasSuffix(f.Name, ".go") && !strings.HasSuffix(f.Name, "_test.go") {
			source.Write(f.Data)
		}
		if emit.DeclaresTypes(f.Name) {
			types.Write(f.Data)
		}
	}
	ops := res.Operations
	if len(ops) != 4 {
		t.Fatalf("%d operations, want 4: %+v", len(ops), ops)
	}
	want := []struct{ method, baseURL, path string }{
		{"GET", "https://api.example.com/v2", "/shops/{shop}/items/{item_id}"},
		{"GET", "https://api.example.com/v2", "/items"},
		{"POST", "https://api.example.com/v2", "/items"},
		{"GET", "https://cdn.example.com", "/photos/{id}"},
	}
	for i, w := range want {
		op := ops[i]
		if op.Method != w.method || op.BaseURL != w.baseURL || op.Path != w.path {
			t.Errorf("operation %d = %s %s %s, want %s %s %s", i, op.Method, op.BaseURL, op.Path, w.method, w.baseURL, w.path)
		}
		if !regexp.MustCompile(`func \(c \*Client\) ` + op.GoName + `\(`).MatchString(source.String()) {
			t.Errorf("operation %d: no method %s in the generated code", i, op.GoName)
		}
	}
	declared := func(name string) bool {
		return regexp.MustCompile(`(?m)^type ` + regexp.QuoteMeta(name) + ` `).MatchString(types.String())
	}
	// A named result is returned by pointer, others by value.
	for _, i := range []int{0, 2} {
		if op := ops[i]; !declared(op.Result) || !strings.Contains(source.String(), "(*"+op.Result+", error)") {
			t.Errorf("%s: Result %q is not a declared type the method returns by pointer", op.GoName, op.Result)
		}
	}
	if elem, ok := strings.CutPrefix(ops[1].Result, "[]"); !ok || !declared(elem) || !strings.Contains(source.String(), "("+ops[1].Result+", error)") {
		t.Errorf("%s: Result %q, want the slice of a declared type the method returns", ops[1].GoName, ops[1].Result)
	}
	if ops[3].Result != "" {
		t.Errorf("%s: Result %q for a PNG reply, want none", ops[3].GoName, ops[3].Result)
	}
	for i, op := range ops {
		if (op.Body != "") != (i == 2) {
			t.Errorf("%s: Body %q", op.GoName, op.Body)
		}
	}
	if body := ops[2].Body; !declared(body) || !strings.Contains(source.String(), "body *"+body+")") {
		t.Errorf("%s: Body %q is not a declared type the method takes by pointer", ops[2].GoName, body)
	}
}
