// Package typecheck type-checks a generated package in memory with
// go/types, without writing it out or running the go command: the
// package's own files first, then the package with its tests. Generated
// packages import only the standard library, which the checker reads from
// export data the go command builds once and caches (importer "gc").
package typecheck

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
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
}

// New returns a Checker with an empty cache of imported packages.
func New() *Checker {
	return &Checker{imp: importer.ForCompiler(token.NewFileSet(), "gc", nil)}
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
			return fmt.Errorf("%s: does not parse: %v", f.Name, firstLine(err))
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
	c.mu.Lock()
	defer c.mu.Unlock()
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
		e.Lines = append(e.Lines, fmt.Sprintf("%s: %s", fset.Position(te.Pos), firstLine(fmt.Errorf("%s", te.Msg))))
	}
	return nil, e
}

// importerFunc is a function as a [types.Importer].
type importerFunc func(path string) (*types.Package, error)

// Import imports the package at path.
func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// firstLine is the first line of err's message.
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
