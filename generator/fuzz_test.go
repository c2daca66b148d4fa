package generator_test

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
)

// FuzzGenerate runs the whole pipeline on arbitrary collection bytes. It
// must not panic, and it must either fail with a one-line error or return
// files that go/parser accepts, plus testdata files that stay below
// testdata/zcrmgen/. A crasher found by `make fuzz` is committed under
// testdata/fuzz/FuzzGenerate/, so a plain go test replays it.
//
// The seeds are the collections of ../collections and every golden case's
// collection.
func FuzzGenerate(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		filepath.Join("..", "collections", "*.json"),
		filepath.Join("testdata", "*", "collection.json"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, m...)
	}
	if len(seeds) == 0 {
		f.Fatal("no seed collections")
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := generator.Generate(generator.Options{Name: "fuzz.json", Data: data, Package: "fuzz"})
		if err != nil {
			checkErrorLine(t, err)
			return
		}
		checkFiles(t, res.Files)
	})
}

// checkErrorLine fails unless err reads as one non-empty line.
func checkErrorLine(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if msg == "" || strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("error is not one line: %q", msg)
	}
}

// checkFiles fails unless every .go file parses and every other file is
// testdata below testdata/zcrmgen/, each named by a clean relative path.
func checkFiles(t *testing.T, files []generator.File) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("no error and no files")
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if f.Name == "" || path.Clean(f.Name) != f.Name || path.IsAbs(f.Name) || strings.HasPrefix(f.Name, "../") || strings.Contains(f.Name, "\\") {
			t.Fatalf("file name %q is not a clean relative path", f.Name)
		}
		if strings.HasSuffix(f.Name, ".go") && !strings.Contains(f.Name, "/") {
			if _, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments|parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v\n%s", f.Name, err, f.Data)
			}
			continue
		}
		if !strings.HasPrefix(f.Name, "testdata/zcrmgen/") {
			t.Fatalf("file %q is neither Go source of the package nor below testdata/zcrmgen/", f.Name)
		}
	}
}

// FuzzGenerateText puts arbitrary text in every place of a small
// collection that reaches a name, a comment, a literal or a type: item,
// folder and example names, descriptions, header, query, path and form
// keys and values, JSON keys and values, and the example's status, content
// type and body. Mutating JSON bytes rarely gets this deep; the checks are
// FuzzGenerate's.
func FuzzGenerateText(f *testing.F) {
	f.Add("List Leads", "per_page", "200", `{"data": [{"id": "1", "Owner": {"name": "x"}}]}`, 200)
	f.Add("*/ func init() { panic(\"x\") } /*", "`k`", "{{var}}", `{"a b": 1, "": [true, null, 1.5]}`, 404)
	f.Add("\u2028\x00", "Authorization", "Bearer sk_live_abcdefghijkl", `[{"$x": {"y": []}}, 2]`, 201)
	f.Add("type", "2fa", "\xff", `{"id": {{id}}}`, 0)
	f.Add("Insert", "count", "<integer>", `{"n":"<integer>","d":"<date,null>","o":"<object>","t":["<dateTime>"]}`, 201)
	f.Fuzz(func(t *testing.T, name, key, value, body string, status int) {
		col := map[string]any{
			"info": map[string]any{
				"name":        name,
				"description": value,
				"schema":      "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
			},
			"variable": []any{map[string]any{"key": key, "value": value}},
			"item": []any{map[string]any{
				"name":        name,
				"description": value,
				"item": []any{
					map[string]any{
						"name":        name,
						"description": value,
						"request": map[string]any{
							"method": "POST",
							"header": []any{
								map[string]any{"key": key, "value": value, "description": value},
								map[string]any{"key": "Content-Type", "value": "application/json"},
							},
							"body": map[string]any{"mode": "raw", "raw": body},
							"url": map[string]any{
								"raw":      "https://api.example.com/" + key + "/:" + key + "?" + key + "=" + value,
								"protocol": "https",
								"host":     []any{"api", "example", "com"},
								"path":     []any{key, ":" + key, value},
								"query":    []any{map[string]any{"key": key, "value": value, "description": value}},
								"variable": []any{map[string]any{"key": key, "value": value, "description": value}},
							},
						},
						"response": []any{map[string]any{
							"name":   name,
							"code":   status,
							"header": []any{map[string]any{"key": "Content-Type", "value": value}},
							"body":   body,
						}},
					},
					map[string]any{
						"name": value,
						"request": map[string]any{
							"method": "PUT",
							"body": map[string]any{"mode": "urlencoded", "urlencoded": []any{
								map[string]any{"key": key, "value": value, "description": value},
								map[string]any{"key": name, "value": body},
							}},
							"url": map[string]any{"raw": "https://api.example.com/f", "host": []any{"api", "example", "com"}, "path": []any{"f"}},
						},
						"response": []any{map[string]any{"name": value, "code": 200, "body": body}},
					},
				},
			}},
		}
		data, err := json.Marshal(col)
		if err != nil {
			t.Skip(err)
		}
		res, err := generator.Generate(generator.Options{Name: "fuzz.json", Data: data, Package: "fuzz"})
		if err != nil {
			checkErrorLine(t, err)
			return
		}
		checkFiles(t, res.Files)
	})
}
