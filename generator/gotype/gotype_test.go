package gotype_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
)

func graphOf(t testing.TB, samples ...string) (*infer.Graph, *infer.Type) {
	t.Helper()
	g := infer.NewGraph(naming.New(), naming.NewScope())
	var bs [][]byte
	for _, s := range samples {
		bs = append(bs, []byte(s))
	}
	root, err := g.Add("0", "Root", "", bs)
	if err != nil {
		t.Fatal(err)
	}
	g.Finish()
	return g, root
}

func TestExpr(t *testing.T) {
	for _, tc := range []struct {
		samples []string
		want    string
	}{
		{[]string{`{}`}, "Root"},
		{[]string{`{}`, `null`}, "*Root"},
		{[]string{`"x"`, `{}`}, "Root"},
		{[]string{`[1]`}, "[]int64"},
		{[]string{`[1, null]`}, "[]*int64"},
		{[]string{`[[1], null]`}, "[][]int64"},
		{[]string{`[{}]`}, "[]RootItem"},
		{[]string{`[]`}, "[]json.RawMessage"},
		{[]string{`[null]`}, "[]json.RawMessage"},
		{[]string{`null`}, "json.RawMessage"},
		{nil, "json.RawMessage"},
		{[]string{`true`}, "bool"},
		{[]string{`1`, `null`}, "*int64"},
		{[]string{`1.5`}, "float64"},
		{[]string{`1e400`}, "json.Number"},
		{[]string{`"2024-01-02T03:04:05Z"`}, "Time"},
		{[]string{`"2024-01-02"`}, "string"},
		{[]string{`"<date>"`, `"2024-01-02"`}, "Date"},
		{[]string{`"<integer>"`}, "int64"},
		{[]string{`"<number>"`, `2`}, "float64"},
		{[]string{`"<string,null>"`}, "*string"},
		{[]string{`"<object>"`, `{"a":1}`}, "json.RawMessage"},
	} {
		_, root := graphOf(t, tc.samples...)
		if got := fmt.Sprintf("%#v", gotype.Expr(root)); got != tc.want {
			t.Errorf("Expr(%q) = %s, want %s", tc.samples, got, tc.want)
		}
	}
}

func TestFieldExpr(t *testing.T) {
	_, root := graphOf(t,
		`{"req":1,"reqNull":null,"opt":1,"optNull":null,"l":[],"lNull":null,"lOpt":[],"lBoth":null,"raw":null,"rawOpt":null,"o":{},"oBoth":null,"t":"2024-01-02T03:04:05Z"}`,
		`{"req":1,"reqNull":1,"optNull":1,"l":[],"lNull":[1],"lBoth":[1],"raw":null,"o":{},"oBoth":{"z":1},"t":"2024-01-02T03:04:05Z"}`,
		`{"req":1,"reqNull":1,"l":[],"lNull":[1],"raw":null,"o":{},"t":"2024-01-02T03:04:05Z"}`,
	)
	want := map[string]string{
		"req":     "*int64",
		"reqNull": "Nullable[int64]",
		"opt":     "*int64",
		"optNull": "Nullable[int64]",
		"l":       "[]json.RawMessage",
		"lNull":   "Nullable[[]int64]",
		"lOpt":    "[]json.RawMessage",
		"lBoth":   "Nullable[[]int64]",
		"raw":     "json.RawMessage",
		"rawOpt":  "json.RawMessage",
		"o":       "*RootO",
		"oBoth":   "Nullable[RootOBoth]",
		"t":       "*Time",
	}
	for _, f := range root.Fields {
		if got := fmt.Sprintf("%#v", gotype.FieldExpr(f)); got != want[f.Key] {
			t.Errorf("%s: %s, want %s", f.Key, got, want[f.Key])
		}
	}
}

func TestUses(t *testing.T) {
	for _, tc := range []struct {
		samples []string
		want    string
	}{
		{[]string{`[1]`}, ""},
		{[]string{`"2024-01-02T03:04:05Z"`}, "json.go json_mismatch.go json_reader.go json_time.go json_writer.go"},
		{[]string{`{}`}, "json.go json_mismatch.go json_object.go json_reader.go json_writer.go"},
		{[]string{`[1, "x"]`}, "json.go json_mismatch.go json_object.go json_reader.go json_union.go json_writer.go"},
		{[]string{`{"a":null}`, `{}`}, "json.go json_mismatch.go json_object.go json_reader.go json_writer.go"},
		{[]string{`{"a":1}`, `{"a":null}`}, "json.go json_mismatch.go json_nullable.go json_object.go json_reader.go json_writer.go"},
		{[]string{`{"a":[1]}`, `{}`}, "json.go json_mismatch.go json_object.go json_reader.go json_writer.go"},
		{[]string{`[{"t":["2024-01-02T03:04:05Z"]}, 1]`}, "json.go json_mismatch.go json_object.go json_reader.go json_time.go json_union.go json_writer.go"},
		{[]string{`"<date>"`}, "json.go json_date.go json_mismatch.go json_reader.go json_writer.go"},
		{[]string{`[{"d":"<date,null>"}]`}, "json.go json_date.go json_mismatch.go json_nullable.go json_object.go json_reader.go json_writer.go"},
		{[]string{`["<date>", 1]`}, "json.go json_date.go json_mismatch.go json_object.go json_reader.go json_union.go json_writer.go"},
	} {
		g, _ := graphOf(t, tc.samples...)
		if got := strings.Join(gotype.Uses(g), " "); got != tc.want {
			t.Errorf("Uses(%q) = %q, want %q", tc.samples, got, tc.want)
		}
	}
}

func TestDeclsDeterministic(t *testing.T) {
	render := func() string {
		g, _ := graphOf(t, `{"b":{"x":1},"a":[{"y":"s"}],"m":"x"}`, `{"m":{"k":1},"b":{"x":2}}`)
		var b strings.Builder
		for _, d := range gotype.Decls(g) {
			fmt.Fprintf(&b, "%#v\n", d)
		}
		return b.String()
	}
	first := render()
	for range 10 {
		if render() != first {
			t.Fatal("Decls is not deterministic")
		}
	}
}

func TestSourceErrors(t *testing.T) {
	for _, tc := range []struct {
		pkg, name string
		samples   []string
		want      string
	}{
		{"p", "Root", []string{`{"a":`}, "sample 0: invalid JSON"},
		{"p q", "Root", nil, "package name"},
		{"p", "root", nil, "not an exported Go identifier"},
		{"p", "Time", nil, "taken by the runtime"},
		{"p", "Date", nil, "taken by the runtime"},
		{"p", "Nullable", nil, "taken by the runtime"},
		{"p", infer.ExtraType, nil, "taken by the runtime"},
	} {
		var bs [][]byte
		for _, s := range tc.samples {
			bs = append(bs, []byte(s))
		}
		_, err := gotype.Source(tc.pkg, tc.name, bs, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Source(%q, %q) error = %v, want %q", tc.pkg, tc.name, err, tc.want)
		}
	}
	_, err := gotype.Source("p", "Root", [][]byte{[]byte(strings.Repeat("[", 600) + strings.Repeat("]", 600))}, true)
	var se *infer.SampleError
	if !errors.As(err, &se) {
		t.Errorf("deep sample: err = %v, want a *infer.SampleError", err)
	}
}

func TestSourceNoUnusedRuntime(t *testing.T) {
	src, err := gotype.Source("p", "Root", [][]byte{[]byte(`[1, 2]`)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "func ") || strings.Contains(string(src), "import") {
		t.Errorf("a slice of int64 carries runtime code:\n%s", src)
	}
}

// TestSourceTypesAlone checks that without the runtime, Source writes the
// inferred types and their methods and none of the runtime's declarations,
// and that with it the same types come first, followed by the runtime.
func TestSourceTypesAlone(t *testing.T) {
	samples := [][]byte{[]byte(`{"id": 1, "name": "Ada", "at": "2024-01-02T03:04:05Z"}`)}
	alone, err := gotype.Source("p", "Lead", samples, false)
	if err != nil {
		t.Fatal(err)
	}
	full, err := gotype.Source("p", "Lead", samples, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"type Lead struct", "func (l Lead) MarshalJSON", "func (l *Lead) UnmarshalJSON"} {
		if !strings.Contains(string(alone), want) || !strings.Contains(string(full), want) {
			t.Errorf("%q missing:\nalone:\n%s", want, alone)
		}
	}
	for _, runtime := range []string{"func unmarshalObject", "type Time struct", "type jsonWriter struct"} {
		if strings.Contains(string(alone), runtime) {
			t.Errorf("types alone carry the runtime's %q", runtime)
		}
		if !strings.Contains(string(full), runtime) {
			t.Errorf("with the runtime, %q is missing", runtime)
		}
	}
	if lines, fullLines := strings.Count(string(alone), "\n"), strings.Count(string(full), "\n"); lines*3 > fullLines {
		t.Errorf("types alone: %d lines, with the runtime %d; want the types a small part", lines, fullLines)
	}
}

// FuzzSource checks that any body gives an error or a file that parses,
// has the header and documents every exported name.
func FuzzSource(f *testing.F) {
	for _, c := range roundTripCases {
		f.Add([]byte(strings.Join(c.samples, "\x00")))
	}
	f.Add([]byte(`{"x\n*/ var injected = 1 /*":1,"/*":{"//":2}}`))
	f.Add([]byte(`{"x\n*/ const injected = 1 /*":1}`))
	runtime := runtimeScope()
	f.Fuzz(func(t *testing.T, data []byte) {
		samples := slices.Collect(func(yield func([]byte) bool) {
			for _, s := range strings.Split(string(data), "\x00") {
				if !yield([]byte(s)) {
					return
				}
			}
		})
		if len(samples) > 8 {
			return
		}
		src, err := gotype.Source("p", "Root", samples, true)
		if err != nil {
			var se *infer.SampleError
			if !errors.As(err, &se) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		file, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, src)
		}
		if len(file.Decls) == 0 {
			t.Fatalf("no declarations:\n%s", src)
		}
		if bad := exportedWithoutDoc(t, src); len(bad) > 0 {
			t.Fatalf("no doc comment: %v\n%s", bad, src)
		}
		// A key that escaped its literal or comment would declare
		// something: only the type's own declarations, and the runtime's
		// constants and variables, may be there.
		for _, d := range file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && (g.Tok == token.VAR || g.Tok == token.CONST) {
				for _, sp := range g.Specs {
					for _, n := range sp.(*ast.ValueSpec).Names {
						if !runtime.Has(n.Name) {
							t.Fatalf("a key escaped into a %s declaration of %s:\n%s", g.Tok, n.Name, src)
						}
					}
				}
			}
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "init" {
				t.Fatalf("a key escaped into an init function:\n%s", src)
			}
		}
	})
}

// TestDeclsAlias checks that a type the same as one before it in name
// order is declared as a Go alias of it, with its doc comment and without
// methods, and that the type it names keeps its own declaration.
func TestDeclsAlias(t *testing.T) {
	g := infer.NewGraph(naming.New(), naming.NewScope())
	errBody := [][]byte{[]byte(`{"code":"INVALID_DATA","message":"m"}`)}
	for _, b := range []struct{ key, name string }{{"1", "GetCurrenciesError"}, {"2", "AddCurrenciesError"}, {"3", "UpdateCurrenciesError"}} {
		if _, err := g.Add(b.key, b.name, "", errBody); err != nil {
			t.Fatal(err)
		}
	}
	g.Finish()
	f := jen.NewFile("p")
	for _, d := range gotype.Decls(g) {
		f.Add(d)
	}
	src := fmt.Sprintf("%#v", f)
	for _, want := range []string{
		"// AddCurrenciesError is a JSON object; its aliases are [GetCurrenciesError] and [UpdateCurrenciesError].\ntype AddCurrenciesError struct {",
		"func (a AddCurrenciesError) MarshalJSON() ([]byte, error) {",
		"// GetCurrenciesError is a JSON object; it is the same type as [AddCurrenciesError].\ntype GetCurrenciesError = AddCurrenciesError\n",
		"// UpdateCurrenciesError is a JSON object; it is the same type as [AddCurrenciesError].\ntype UpdateCurrenciesError = AddCurrenciesError\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("missing %q in:\n%s", want, src)
		}
	}
	for _, alias := range []string{"GetCurrenciesError", "UpdateCurrenciesError"} {
		if strings.Contains(src, "*"+alias+")") || strings.Contains(src, " "+alias+")") || strings.Contains(src, alias+" struct") {
			t.Errorf("%s is declared or has methods of its own:\n%s", alias, src)
		}
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "types.go", src, parser.ParseComments); err != nil {
		t.Errorf("does not parse: %v\n%s", err, src)
	}
}
