package emit

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/templates"
)

// shakeCase runs shake on one package file and runtime sources written as
// files of package runtime, copied as emit copies them.
func shakeCase(t *testing.T, pkgSrc string, runtime map[string]string) map[string]string {
	t.Helper()
	pkg := []file.File{{Name: "client.go", Data: []byte("package p\n\n" + pkgSrc)}}
	var rt []file.File
	for _, name := range slices.Sorted(maps.Keys(runtime)) {
		rt = append(rt, file.File{Name: runtimePrefix + name, Data: runtimeCopy("p", []byte("package runtime\n"+runtime[name]))})
	}
	out, err := shake(pkg, rt)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range out {
		formatted, err := format.Source(f.Data)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f.Name, err, f.Data)
		}
		if !bytes.Equal(formatted, f.Data) {
			t.Errorf("%s is not gofmt'd:\n%s", f.Name, f.Data)
		}
		if !bytes.HasPrefix(f.Data, []byte(file.Header+"\n\npackage p\n")) {
			t.Errorf("%s does not start with the header and package clause:\n%s", f.Name, f.Data)
		}
		got[strings.TrimPrefix(f.Name, runtimePrefix)] = string(f.Data)
	}
	return got
}

const shakeHeader = file.Header + "\n\npackage p\n"

func TestShakeDropsUnreached(t *testing.T) {
	got := shakeCase(t, "func New() { used() }\n", map[string]string{"a.go": `
import (
	"fmt"
	"strings"
)

// used is called by the package.
func used() { fmt.Println(helper()) }

// helper is called by used.
func helper() string { return "x" }

// onlyDropped is called only by dropped.
func onlyDropped() string { return strings.ToUpper("x") }

// dropped is called by nothing.
func dropped() { _ = onlyDropped() }

// Exported is part of the package's API.
func Exported() {}
`})
	want := shakeHeader + `
import (
	"fmt"
)

// used is called by the package.
func used() { fmt.Println(helper()) }

// helper is called by used.
func helper() string { return "x" }

// Exported is part of the package's API.
func Exported() {}
`
	if got["a.go"] != want {
		t.Errorf("got:\n%s\nwant:\n%s", got["a.go"], want)
	}
}

func TestShakeMethods(t *testing.T) {
	got := shakeCase(t, "func f(x *thing) { x.called() }\n", map[string]string{"a.go": `
// thing is used by the package.
type thing struct{ n int }

// called is used through a selector.
func (t *thing) called() {}

// uncalled is not.
func (t *thing) uncalled() {}

// String may implement an interface: exported methods of kept types stay.
func (t *thing) String() string { return t.viaString() }

// viaString is used by String.
func (t *thing) viaString() string { return "" }

// gone is used by nothing, so its methods go too, exported or not.
type gone struct{}

// String goes with gone.
func (gone) String() string { return "" }

// sum is an interface the package does not use; its method name is no use.
type sum interface{ called() }
`})
	want := shakeHeader + `
// thing is used by the package.
type thing struct{ n int }

// called is used through a selector.
func (t *thing) called() {}

// String may implement an interface: exported methods of kept types stay.
func (t *thing) String() string { return t.viaString() }

// viaString is used by String.
func (t *thing) viaString() string { return "" }
`
	if got["a.go"] != want {
		t.Errorf("got:\n%s\nwant:\n%s", got["a.go"], want)
	}
}

// TestShakeInterfaceMethods: a kept interface keeps the methods that
// implement it, generic receivers included.
func TestShakeInterfaceMethods(t *testing.T) {
	src := `
type opener interface{ open() error }

type box[T any] struct{ v T }

func (b *box[T]) open() error { return nil }

func use(o opener) error { return o.open() }
`
	got := shakeCase(t, "var _ = use(&box[int]{})\n", map[string]string{"a.go": src})
	if want := shakeHeader + src; got["a.go"] != want {
		t.Errorf("got:\n%s\nwant:\n%s", got["a.go"], want)
	}
}

func TestShakeGroups(t *testing.T) {
	got := shakeCase(t, "var _ = []any{kindB, varA, typeA(0)}\n", map[string]string{"a.go": `
import "time"

// kind is an enumeration: a used constant keeps its block.
type kind int

const (
	kindA kind = iota
	kindB
	kindC
)

// unusedBlock is not used at all.
const (
	unusedA = 1
	unusedB = 2
)

var (
	// varA is used.
	varA = 1
	// varB is not.
	varB = time.Second // with a line comment
)

type (
	typeA int
	typeB int
)

// The blank identifier uses what it names.
var _ = blankUse

func blankUse() {}
`})
	want := shakeHeader + `
// kind is an enumeration: a used constant keeps its block.
type kind int

const (
	kindA kind = iota
	kindB
	kindC
)

var (
	// varA is used.
	varA = 1
)

type (
	typeA int
)

// The blank identifier uses what it names.
var _ = blankUse

func blankUse() {}
`
	if got["a.go"] != want {
		t.Errorf("got:\n%s\nwant:\n%s", got["a.go"], want)
	}
}

func TestShakeDropsEmptyFiles(t *testing.T) {
	got := shakeCase(t, "func f() { kept() }\n", map[string]string{
		"a.go":      "\nfunc kept() {}\n",
		"b.go":      "\nimport \"io\"\n\n// unused is not.\nfunc unused(io.Reader) {}\n",
		"c_test.go": "\nimport \"testing\"\n\nfunc helper(t *testing.T) {}\n",
	})
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, []string{"a.go"}) {
		t.Errorf("files = %q, want only a.go", keys)
	}
}

// TestShakeTestHelpers: the package's tests keep the test helpers they
// call, and only those.
func TestShakeTestHelpers(t *testing.T) {
	pkg := []file.File{
		{Name: "client.go", Data: []byte("package p\n\nfunc F() {}\n")},
		{Name: "ops_test.go", Data: []byte("package p\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { check(t) }\n")},
	}
	rt := []file.File{{Name: "zcrmgen_testing_test.go", Data: runtimeCopy("p", []byte(`package runtime

import (
	"errors"
	"testing"
)

func check(t *testing.T) { t.Helper() }

func checkError(t *testing.T, err error) {
	if !errors.Is(err, err) {
		t.Error(err)
	}
}
`))}}
	out, err := shake(pkg, rt)
	if err != nil {
		t.Fatal(err)
	}
	want := shakeHeader + "\nimport (\n\t\"testing\"\n)\n\nfunc check(t *testing.T) { t.Helper() }\n"
	if len(out) != 1 || string(out[0].Data) != want {
		t.Errorf("got %d files:\n%s\nwant:\n%s", len(out), out, want)
	}
}

// TestShakeKeepsUsedRuntime: a package that uses every name of the runtime
// gets it byte for byte.
func TestShakeKeepsUsedRuntime(t *testing.T) {
	var rt []file.File
	var names []string
	fset := token.NewFileSet()
	for _, f := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		data := runtimeCopy("p", f.Data)
		rt = append(rt, file.File{Name: runtimePrefix + f.Name, Data: data})
		af, err := parser.ParseFile(fset, f.Name, data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name != "_" {
				names = append(names, id.Name)
			}
			return true
		})
	}
	slices.Sort(names)
	pkg := []file.File{{Name: "client.go", Data: []byte("package p\n\nvar _ = []any{" + strings.Join(slices.Compact(names), ", ") + "}\n")}}
	out, err := shake(pkg, rt)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(rt) {
		t.Fatalf("got %d files, want %d", len(out), len(rt))
	}
	for i := range out {
		if out[i].Name != rt[i].Name || !bytes.Equal(out[i].Data, rt[i].Data) {
			t.Errorf("%s changed", rt[i].Name)
		}
	}
}

// TestShakeDeterministic: the same input gives the same bytes.
func TestShakeDeterministic(t *testing.T) {
	var rt []file.File
	for _, f := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		rt = append(rt, file.File{Name: runtimePrefix + f.Name, Data: runtimeCopy("p", f.Data)})
	}
	pkg := []file.File{{Name: "client.go", Data: []byte("package p\n\nfunc F(c *Client) { c.doJSON(nil, nil, nil) }\n")}}
	first, err := shake(pkg, rt)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := shake(pkg, rt)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(first, again, func(a, b file.File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) {
			t.Fatal("shake gave different output for the same input")
		}
	}
}
