// Package emit is the emit stage of zcrmgen: it renders the model of a
// client ([model.API], with its inferred types) as the files of a Go
// package with jennifer, one function per kind of file (client.go, the
// types shared by folders with generator/gotype in types.go, one ops_*.go
// per folder with its operations and its own types, one ops_*_test.go per
// folder, the tests' testdata), copies the runtime
// files the package needs by the table of [templates.Copied], and trims
// from them what the package does not use (shake.go). [Stream] runs it all,
// handing each file over as soon as it is rendered; it reads the model and
// never changes it, and never invents a name: every Go name comes from the
// model.
package emit

import (
	"bytes"
	"errors"
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

// Stream renders every file of the package api describes: client.go, the
// types (see planTypes), one source and one test file per folder of
// operations, their testdata, and the runtime files the package needs (see
// [templates.Copied]), trimmed of what it does not use. It hands each file
// to put as soon as it is ready, so that only the few files being rendered
// are in memory at once: client.go, types.go, each folder's source file,
// then its test file followed by the testdata it adds (each name
// once, in name order), and last the runtime files in name order. The
// order is the same on every run, and put is called from one goroutine.
// Stream stops at the first error, in that order: put's error as put
// returned it, or a bug of zcrmgen.
func Stream(api *model.API, put func(file.File) error) error {
	shared, own := planTypes(api)
	jobs := []renderJob{{name: "client.go", build: func(map[string][]byte) *jen.File { return emitClientFile(api) }}}
	if len(shared) > 0 {
		jobs = append(jobs, renderJob{name: sharedTypesFile, build: func(map[string][]byte) *jen.File {
			f := newFile(api.Package)
			addTypes(f, shared)
			return f
		}})
	}
	for i, of := range api.Files {
		jobs = append(jobs,
			renderJob{name: of.Base + ".go", build: func(map[string][]byte) *jen.File {
				f := emitOpsFile(api, of)
				addTypes(f, own[i])
				return f
			}},
			renderJob{name: of.Base + "_test.go", build: func(testdata map[string][]byte) *jen.File { return emitTestFile(api, of, testdata) }})
	}
	// used gathers the names the package's own files refer to, for the
	// shake of the runtime; seen the testdata already handed over.
	used, seen := map[string]bool{}, map[string]bool{}
	testdata := false
	err := renderAll(jobs, func(r rendered) error {
		testdata = testdata || r.testdata
		for n := range r.refs {
			used[n] = true
		}
		for _, f := range r.files {
			if seen[f.Name] {
				continue // stored under a name made from its content
			}
			seen[f.Name] = true
			if err := put(f); err != nil {
				return &putError{err}
			}
		}
		return nil
	})
	if err != nil {
		if pe, ok := errors.AsType[*putError](err); ok {
			return pe.err
		}
		return err
	}

	uses := map[string]bool{}
	for _, u := range gotype.Uses(api.Types) {
		uses[u] = true
	}
	var rt []file.File
	for _, rf := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		if copied(rf, api, uses, testdata) {
			rt = append(rt, file.File{Name: runtimePrefix + rf.Name, Data: runtimeCopy(api.Package, rf.Data)})
		}
	}
	slices.SortFunc(rt, func(a, b file.File) int { return strings.Compare(a.Name, b.Name) })
	kept, err := shakeUsed(used, rt)
	if err != nil {
		return fmt.Errorf("shake runtime: %w", err)
	}
	for _, f := range kept {
		if err := put(f); err != nil {
			return err
		}
	}
	return nil
}

// putError carries an error of Stream's put through renderAll, so that it
// is returned as put gave it.
type putError struct{ err error }

func (e *putError) Error() string { return e.err.Error() }

// sharedTypesFile holds the named types that are not one folder's own;
// those of one folder are declared in its operations file, after the
// operations (see planTypes).
const sharedTypesFile = "types.go"

// DeclaresTypes reports whether name, a file of a generated package, may
// declare named types inferred from the bodies: types.go, or a folder's
// operations file (ops_<folder>.go, not its test).
func DeclaresTypes(name string) bool {
	if strings.Contains(name, "/") || !strings.HasSuffix(name, ".go") {
		return false
	}
	return name == sharedTypesFile || strings.HasPrefix(name, model.OpsFilePrefix) && !strings.HasSuffix(name, "_test.go")
}

// planTypes spreads the named types of api over files, so that no one file
// (and no one jen tree or syntax tree of it) grows with the whole
// collection. A type that only the bodies of one operations file reach,
// at any depth, is declared in that file, after its operations; a type
// that the bodies of several operations files reach, or none, is declared
// in types.go. It returns the types of types.go, and those of each file of
// api.Files by its index, each in name order.
func planTypes(api *model.API) (shared []*infer.Type, own [][]*infer.Type) {
	const sharedHome = -1
	home := map[string]int{} // type name -> index in api.Files, or sharedHome
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
						home[name] = sharedHome
					}
				})
			}
		}
	}
	own = make([][]*infer.Type, len(api.Files))
	for _, t := range api.Types.Named() {
		if h, ok := home[t.Name]; ok && h != sharedHome {
			own[h] = append(own[h], t)
		} else {
			shared = append(shared, t)
		}
	}
	return shared, own
}

// addTypes adds the declarations of the named types ts to f.
func addTypes(f *jen.File, ts []*infer.Type) {
	for _, t := range ts {
		for _, d := range gotype.TypeDecls(t) {
			f.Add(d)
			f.Line()
		}
	}
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
	// build returns the file, or nil when there is nothing to write; a
	// test file adds its testdata to the map, by name.
	build func(testdata map[string][]byte) *jen.File
}

// rendered is what one job gives: its file followed by its testdata in
// name order, and the names its file refers to.
type rendered struct {
	files    []file.File
	testdata bool // whether files holds testdata
	refs     map[string]bool
	err      error
}

// run builds, renders and reads the references of one job. The jen tree is
// dropped as soon as it is rendered (jennifer runs gofmt).
func (j renderJob) run() rendered {
	testdata := map[string][]byte{}
	r := rendered{refs: map[string]bool{}}
	if f := j.build(testdata); f != nil {
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return rendered{err: fmt.Errorf("render %s: %w", j.name, err)}
		}
		src := file.File{Name: j.name, Data: buf.Bytes()}
		if err := pkgRefs(r.refs, src); err != nil {
			return rendered{err: fmt.Errorf("shake runtime: %w", err)}
		}
		r.files = append(r.files, src)
	}
	r.testdata = len(testdata) > 0
	for _, name := range slices.Sorted(maps.Keys(testdata)) {
		r.files = append(r.files, file.File{Name: name, Data: testdata[name]})
	}
	return r
}

// renderAll runs the jobs on every core and hands their results to done in
// job order, from the calling goroutine, so the output is the same
// whatever order the workers finish in. Workers run at most two jobs per
// core ahead of done, so only that many files and one jen tree per core
// are in memory at once. It stops at the first failing job in job order,
// or the first error of done, and returns it; the jobs after it are left
// unrun.
func renderAll(jobs []renderJob, done func(rendered) error) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	results := make([]chan rendered, len(jobs))
	for i := range results {
		results[i] = make(chan rendered, 1)
	}
	ahead := make(chan struct{}, 2*workers) // a token per job run but not yet done
	next := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(stop)
	wg.Go(func() {
		defer close(next)
		for i := range jobs {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for i := range next {
				results[i] <- jobs[i].run()
			}
		})
	}
	for i := range jobs {
		r := <-results[i]
		<-ahead
		if r.err != nil {
			return r.err
		}
		if err := done(r); err != nil {
			return err
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
