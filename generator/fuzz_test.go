package generator_test

import (
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
