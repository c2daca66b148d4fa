package generator_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/emit"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// TestPlaceholdersRealized generates the OpenAPI-import case and checks
// that no type placeholder reaches what the generated tests and examples
// send, serve or expect: every testdata body is valid JSON without one, and
// no string literal of the Go code is one. The types come from the
// placeholders.
func TestPlaceholdersRealized(t *testing.T) {
	res, err := generateCase(t, "openapi")
	if err != nil {
		t.Fatal(err)
	}
	bodies := 0
	for _, f := range res.Files {
		switch {
		case strings.HasPrefix(f.Name, "testdata/"):
			bodies++
			if !json.Valid(f.Data) {
				t.Errorf("%s is not JSON", f.Name)
				continue
			}
			if p := placeholderIn(t, f.Data); p != "" {
				t.Errorf("%s holds the placeholder %s", f.Name, p)
			}
		case strings.HasSuffix(f.Name, ".go"):
			file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.SkipObjectResolution)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						if _, ok := infer.ParsePlaceholder(s); ok {
							t.Errorf("%s: string literal %s is a placeholder", f.Name, lit.Value)
						}
					}
				}
				return true
			})
		}
	}
	if bodies == 0 {
		t.Fatal("no testdata bodies")
	}
	// The kind each placeholder gives, whatever pointer or Nullable
	// wraps it.
	got := fieldTypes(t, res.Files)
	for field, want := range map[string]string{
		"InsertRecordsRequestData.NoOfEmployees":        "int64",   // <integer> and 12
		"InsertRecordsRequestData.AnnualRevenue":        "float64", // <number> and 1200
		"InsertRecordsRequestData.EmailOptOut":          "bool",
		"InsertRecordsRequestData.DateOfBirth":          "Date", // <date> and "1990-04-01"
		"InsertRecordsRequestData.Email":                "string",
		"InsertRecordsRequestData.Description":          "string", // <string,null> and null
		"InsertRecordsRequestData.Approval":             "json.RawMessage",
		"InsertRecordsRequestDataTag.ID":                "int64",
		"InsertRecordsResponseDataDetails.ID":           "int64", // <long> and a real integer
		"InsertRecordsResponseDataDetails.ModifiedTime": "Time",
		"InsertRecordsErrorDataDetails.JSONPath":        "string",
		"GetFilterResponseFilter.CreatedOn":             "Date",
		"GetFilterResponseFilter.ModifiedTime":          "Time",
		"GetFilterResponseFilter.Count":                 "int64",
		"GetFilterResponseFilter.Ratio":                 "float64",
		"GetFilterResponseFilter.Owner":                 "json.RawMessage",
		"GetFilterResponseFilter.Layout":                "json.RawMessage",
		"GetFilterResponseFilterCriteria.Value":         "json.RawMessage",
		"GetFilterResponseFilterCriteria.Group":         "[]json.RawMessage",
		"GetFilterResponseFilterCriteria.GroupOperator": "string",
		"GetFilterError.Details":                        "json.RawMessage",
	} {
		if got[field] != want {
			t.Errorf("%s is %q, want %s", field, got[field], want)
		}
	}
}

// fieldTypes returns the Go type of every struct field declared in the
// types files, keyed by type and field name, without the pointer or
// Nullable around it.
func fieldTypes(t *testing.T, files []generator.File) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range files {
		if !emit.DeclaresTypes(f.Name) {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return false
			}
			for _, fl := range st.Fields.List {
				typ := types.ExprString(fl.Type)
				typ = strings.TrimPrefix(typ, "*")
				if inner, ok := strings.CutPrefix(typ, "Nullable["); ok {
					typ = strings.TrimSuffix(inner, "]")
				}
				for _, id := range fl.Names {
					out[ts.Name.Name+"."+id.Name] = typ
				}
			}
			return false
		})
	}
	if len(out) == 0 {
		t.Fatal("no struct fields in the types files")
	}
	return out
}

// placeholderIn returns the first string value of a JSON text that is a
// placeholder, or "".
func placeholderIn(t *testing.T, data []byte) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var find func(v any) string
	find = func(v any) string {
		switch v := v.(type) {
		case string:
			if _, ok := infer.ParsePlaceholder(v); ok {
				return v
			}
		case []any:
			for _, e := range v {
				if p := find(e); p != "" {
					return p
				}
			}
		case map[string]any:
			for _, e := range v {
				if p := find(e); p != "" {
					return p
				}
			}
		}
		return ""
	}
	return find(v)
}
