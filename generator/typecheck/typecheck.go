// Package typecheck type-checks a generated package in memory with
// go/types, without writing it out: the package's own files first, then
// the package with its tests. Generated packages import only the standard
// library, which the checker reads from export data (importer "gc"). One
// `go list -export` finds the export data of every package a check imports
// that the Checker has not seen yet (the go command builds it once and
// keeps it in its cache); that is much faster than the importer's own
// lookup, one go command per package, and than type-checking the standard
// library from source.
package typecheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/zcrmgen/zcrmgen/generator"
)

// maxErrors is how many type errors an [Error] keeps.
const maxErrors = 20

// Checker type-checks generated packages. It keeps the standard-library
// packages it has imported, so checking many packages with one Checker
// reads each of them once. It is safe for concurrent use; checks run one
// at a time. The zero value is not usable; call [New].
type Checker struct {
	mu  sync.Mutex
	imp types.Importer
	// exports maps an import path to its export data file, "" when the
	// go command found none.
	exports map[string]string
}

// New returns a Checker with an empty cache of imported packages.
func New() *Checker {
	c := &Checker{exports: map[string]string{}}
	c.imp = importer.ForCompiler(token.NewFileSet(), "gc", c.lookup)
	return c
}

// lookup opens the export data of the package at path, as listed by
// [Checker.list].
func (c *Checker) lookup(path string) (io.ReadCloser, error) {
	file := c.exports[path]
	if file == "" {
		return nil, fmt.Errorf("no export data for %q (generated code imports only the standard library)", path)
	}
	return os.Open(file)
}

// list asks the go command, once, for the export data of every path that
// is not known yet.
func (c *Checker) list(paths []string) error {
	var todo []string
	for _, p := range paths {
		if _, ok := c.exports[p]; !ok && p != "unsafe" {
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	sort.Strings(todo)
	cmd := exec.Command("go", append([]string{"list", "-e", "-export", "-f", "{{.ImportPath}}\t{{.Export}}", "--"}, todo...)...)
	// Outside any module and workspace, so only the standard library is
	// found, whatever the current directory holds.
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list -export: %v: %s", err, firstLine(stderr.String()))
	}
	for _, p := range todo {
		c.exports[p] = ""
	}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok {
			c.exports[path] = file
		}
	}
	return nil
}

// Error lists the type errors of a package, each as "file:line:col: message"
// in file and position order, at most the first 20.
type Error struct {
	// Lines holds one line per error; past the 20th, a last line says how
	// many more there were.
	Lines []string
	// Count is the number of errors.
	Count int
}

// Error returns the first error, and how many others there are.
func (e *Error) Error() string {
	if e.Count == 1 {
		return e.Lines[0]
	}
	return fmt.Sprintf("%s (and %d more errors)", e.Lines[0], e.Count-1)
}

// Check type-checks the package made of the Go files among files: those
// whose name has no slash and ends in .go, others are ignored. It checks the
// files that are not tests first, then the package again with its internal
// _test.go files, then the external test package (package <name>_test),
// which imports the package under importPath. It returns nil, an [*Error]
// with the type errors of the first check that failed, or an error naming
// the file that does not parse.
func (c *Checker) Check(importPath string, files []generator.File) error {
	fset := token.NewFileSet()
	var lib, internal, external []*ast.File
	for _, f := range files {
		if strings.Contains(f.Name, "/") || !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("%s: does not parse: %v", f.Name, firstLine(err.Error()))
		}
		switch {
		case !strings.HasSuffix(f.Name, "_test.go"):
			lib = append(lib, af)
		case strings.HasSuffix(af.Name.Name, "_test"):
			external = append(external, af)
		default:
			internal = append(internal, af)
		}
	}
	if len(lib) == 0 {
		return fmt.Errorf("%s: no Go files to check", importPath)
	}
	var imports []string
	for _, f := range append(append(append([]*ast.File{}, lib...), internal...), external...) {
		for _, spec := range f.Imports {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil && p != importPath {
				imports = append(imports, p)
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.list(imports); err != nil {
		return err
	}
	if _, err := c.check(fset, importPath, lib, nil); err != nil {
		return err
	}
	if len(internal)+len(external) == 0 {
		return nil
	}
	pkg, err := c.check(fset, importPath, append(lib, internal...), nil)
	if err != nil || len(external) == 0 {
		return err
	}
	_, err = c.check(fset, importPath+"_test", external, pkg)
	return err
}

// check type-checks one package. Imports of self's path resolve to self.
func (c *Checker) check(fset *token.FileSet, path string, files []*ast.File, self *types.Package) (*types.Package, error) {
	var errs []types.Error
	conf := types.Config{
		Importer: importerFunc(func(p string) (*types.Package, error) {
			if self != nil && p == self.Path() {
				return self, nil
			}
			return c.imp.Import(p)
		}),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				errs = append(errs, te)
			}
		},
	}
	pkg, _ := conf.Check(path, fset, files, nil)
	if len(errs) == 0 {
		return pkg, nil
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := fset.Position(errs[i].Pos), fset.Position(errs[j].Pos)
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	e := &Error{Count: len(errs)}
	for i, te := range errs {
		if i == maxErrors {
			e.Lines = append(e.Lines, fmt.Sprintf("... %d more errors", len(errs)-maxErrors))
			break
		}
		e.Lines = append(e.Lines, fmt.Sprintf("%s: %s", fset.Position(te.Pos), firstLine(te.Msg)))
	}
	return nil, e
}

// importerFunc is a function as a [types.Importer].
type importerFunc func(path string) (*types.Package, error)

// Import imports the package at path.
func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// firstLine is the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
