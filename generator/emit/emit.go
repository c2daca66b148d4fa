// Package emit is the emit stage of zcrmgen: it renders the model of a
// client ([model.API], with its inferred types) as the files of a Go
// package with jennifer, one function per kind of file (client.go, the
// types with generator/gotype in types.go and types_*.go, one ops_*.go and
// one ops_*_test.go per folder, the tests' testdata), copies the runtime files the package needs
// by the table of [templates.Copied], and trims from them what the package
// does not use (shake.go). [Files] runs it all; it reads the model and
// never changes it, and never invents a name: every Go name comes from the
// model.
package emit

import (
	"bytes"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/templates"
)

// Files renders every file of the package api describes, sorted by name:
// client.go, the types (see planTypes), one source and one test file per folder of
// operations, their testdata, and the runtime files the package needs (see
// [templates.Copied]), trimmed of what it does not use. An error is a bug
// of zcrmgen, never of the input.
func Files(api *model.API) ([]file.File, error) {
	out := map[string][]byte{}
	jobs := []renderJob{{name: "client.go", build: func() *jen.File { return emitClientFile(api) }}}
	for _, tf := range planTypes(api) {
		jobs = append(jobs, renderJob{name: tf.name, build: func() *jen.File {
			f := newFile(api.Package)
			for _, t := range tf.types {
				for _, d := range gotype.TypeDecls(t) {
					f.Add(d)
					f.Line()
				}
			}
			return f
		}})
	}
	// Each test file collects the testdata of its own examples, so the
	// files can be built on any core; they are merged in file order.
	perFile := make([]map[string][]byte, len(api.Files))
	for i, of := range api.Files {
		perFile[i] = map[string][]byte{}
		jobs = append(jobs,
			renderJob{name: of.Base + ".go", build: func() *jen.File { return emitOpsFile(api, of) }},
			renderJob{name: of.Base + "_test.go", build: func() *jen.File { return emitTestFile(api, of, perFile[i]) }})
	}
	if err := renderAll(jobs, out); err != nil {
		return nil, err
	}
	testdata := map[string][]byte{}
	for _, m := range perFile {
		for name, data := range m {
			testdata[name] = data
		}
	}
	for name, data := range testdata {
		out[name] = data
	}
	uses := map[string]bool{}
	for _, u := range gotype.Uses(api.Types) {
		uses[u] = true
	}
	for _, rf := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		if copied(rf, api, uses, len(testdata) > 0) {
			out["zcrmgen_"+rf.Name] = runtimeCopy(api.Package, rf.Data)
		}
	}
	if err := shakeRuntime(out); err != nil {
		return nil, err
	}
	files := make([]file.File, 0, len(out))
	for _, name := range slices.Sorted(maps.Keys(out)) {
		files = append(files, file.File{Name: name, Data: out[name]})
	}
	return files, nil
}

// typesFile is one file of type declarations and the named types it
// declares, in name order.
type typesFile struct {
	name  string
	types []*infer.Type
}

// Files of type declarations: types.go holds the named types that are not
// one folder's own, types_<folder>.go those of one folder.
const (
	sharedTypesFile = "types.go"
	typesPrefix     = "types_"
)

// IsTypesFile reports whether name, a file of a generated package, is one
// of its files of type declarations: types.go or a types_<folder>.go (see
// planTypes).
func IsTypesFile(name string) bool {
	return name == sharedTypesFile || strings.HasPrefix(name, typesPrefix) && strings.HasSuffix(name, ".go") && !strings.Contains(name, "/")
}

// planTypes spreads the named types of api over files, so that no one file
// (and no one jen tree or syntax tree of it) grows with the whole
// collection. A type that only the bodies of one operations file reach,
// at any depth, is declared in that file's types file, named after it
// (ops_bulk_read.go, types_bulk_read.go); a type that the bodies of
// several operations files reach, or none, is declared in types.go. The
// files come in the order of api.Files with types.go first, each holding
// its types in name order; a file without types is left out.
func planTypes(api *model.API) []typesFile {
	const shared = -1
	home := map[string]int{} // type name -> index in api.Files, or shared
	for i, of := range api.Files {
		for _, op := range of.Operations {
			roots := []*infer.Type{op.Result.Type, op.ErrorType}
			if op.Body != nil {
				roots = append(roots, op.Body.Type)
			}
			for _, r := range roots {
				visitNamed(r, func(name string) {
					if h, ok := home[name]; !ok {
						home[name] = i
					} else if h != i {
						home[name] = shared
					}
				})
			}
		}
	}
	files := make([]typesFile, len(api.Files)+1)
	files[0].name = sharedTypesFile
	for i, of := range api.Files {
		files[i+1].name = typesPrefix + strings.TrimPrefix(of.Base, "ops_") + ".go"
	}
	for _, t := range api.Types.Named() {
		h, ok := home[t.Name]
		if !ok {
			h = shared
		}
		files[h+1].types = append(files[h+1].types, t)
	}
	return slices.DeleteFunc(files, func(f typesFile) bool { return len(f.types) == 0 })
}

// visitNamed calls fn with the name of every named type in t, t included.
func visitNamed(t *infer.Type, fn func(name string)) {
	if t == nil {
		return
	}
	if t.Named() && t.Name != "" {
		fn(t.Name)
	}
	for _, f := range t.Fields {
		visitNamed(f.Type, fn)
	}
	visitNamed(t.Elem, fn)
	for _, v := range t.Variants {
		visitNamed(v, fn)
	}
}

// hasPager reports whether some operation of api gets a page iterator.
func hasPager(api *model.API) bool {
	for _, op := range api.Operations {
		if op.Pager != nil {
			return true
		}
	}
	return false
}

// copied reports whether the runtime file rf goes into the package of api,
// by its row in [templates.Copied]: uses holds the runtime files the types
// need, tests whether the package has generated tests.
func copied(rf templates.File, api *model.API, uses map[string]bool, tests bool) bool {
	switch rf.When {
	case templates.Always:
		return true
	case templates.IfTypesUse:
		return uses[rf.Name]
	case templates.IfZoho:
		return api.Zoho
	case templates.IfZohoPager:
		return api.Zoho && hasPager(api)
	case templates.IfTests:
		return tests
	}
	return false
}

// renderJob is one file to build with jennifer and render.
type renderJob struct {
	name string
	// build returns the file, or nil when there is nothing to write.
	build func() *jen.File
}

// renderAll builds and renders the files on every core. Each file's jen
// tree is built, rendered (jennifer runs gofmt) and dropped by one worker,
// so only as many trees as there are cores are in memory at once, and the
// output is the same whatever order the workers finish in. The first
// failing file in job order is the one reported, so errors are
// deterministic too.
func renderAll(jobs []renderJob, out map[string][]byte) error {
	results := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := jobs[i].build()
				if f == nil {
					continue
				}
				var buf bytes.Buffer
				if err := f.Render(&buf); err != nil {
					errs[i] = fmt.Errorf("render %s: %w", jobs[i].name, err)
					continue
				}
				results[i] = buf.Bytes()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			return errs[i]
		}
		if results[i] != nil {
			out[j.name] = results[i]
		}
	}
	return nil
}

// runtimeCopy turns a runtime source file into a file of the generated
// package: the header first, the package clause renamed, nothing else.
func runtimeCopy(pkg string, src []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString(file.Header + "\n\n")
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("package runtime")) {
			buf.WriteString("package " + pkg + "\n")
			for _, rest := range lines[i+1:] {
				buf.Write(rest)
			}
			return buf.Bytes()
		}
		buf.Write(l)
	}
	panic("zcrmgen: runtime file without a package clause (a bug)")
}
