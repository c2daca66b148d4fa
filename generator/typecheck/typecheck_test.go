package typecheck_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/typecheck"
)

func file(name, src string) generator.File {
	return generator.File{Name: name, Data: []byte(src)}
}

func TestCheckGenerated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "collection.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := generator.Generate(generator.Options{Name: "seed.json", Data: data, Package: "seed"})
	if err != nil {
		t.Fatal(err)
	}
	if err := typecheck.New().Check("example.com/seed", res.Files); err != nil {
		t.Fatal(err)
	}
}

func TestCheckErrors(t *testing.T) {
	lib := file("lib.go", "package p\n\nimport \"strconv\"\n\n// Itoa formats n.\nfunc Itoa(n int) string { return strconv.Itoa(n) }\n")
	c := typecheck.New()
	for _, tc := range []struct {
		name  string
		files []generator.File
		want  string // "" for no error
	}{
		{"ok", []generator.File{lib, file("testdata/x.go", "not Go"), file("README", "text")}, ""},
		{"internal test", []generator.File{lib, file("lib_test.go", "package p\n\nimport \"testing\"\n\nfunc TestItoa(t *testing.T) { _ = Itoa(1) }\n")}, ""},
		{"external test", []generator.File{lib, file("x_test.go", "package p_test\n\nimport \"example.com/p\"\n\nvar _ string = p.Itoa(1)\n")}, ""},
		{"type error", []generator.File{lib, file("b.go", "package p\n\nvar page int\n\nvar _ string = page\n\nvar _ = undefined\n")},
			"b.go:5:16: cannot use page (variable of type int) as string value in variable declaration (and 1 more errors)"},
		{"error in a test only", []generator.File{lib, file("lib_test.go", "package p\n\nvar _ int = Itoa(1)\n")},
			"lib_test.go:3:13: cannot use Itoa(1) (value of type string) as int value in variable declaration"},
		{"error in an external test", []generator.File{lib, file("x_test.go", "package p_test\n\nimport \"example.com/p\"\n\nvar _ = p.Atoi\n")},
			"x_test.go:5:11: undefined: p.Atoi"},
		{"parse error", []generator.File{lib, file("c.go", "package p\n\nfunc {\n")}, "c.go: does not parse: c.go:3:6: expected 'IDENT', found '{'"},
		{"no files", []generator.File{file("testdata/x.json", "{}")}, "example.com/p: no Go files to check"},
	} {
		err := c.Check("example.com/p", tc.files)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: err = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestErrorLines(t *testing.T) {
	var src strings.Builder
	src.WriteString("package p\n\n")
	for range 25 {
		src.WriteString("var _ int = \"x\"\n")
	}
	err := typecheck.New().Check("p", []generator.File{file("a.go", src.String())})
	var te *typecheck.Error
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *typecheck.Error", err)
	}
	if len(te.Lines) != 21 || te.Lines[20] != "... 5 more errors" || te.Count != 25 || !strings.HasPrefix(te.Lines[0], "a.go:3:13: ") {
		t.Errorf("lines = %q", te.Lines)
	}
}
