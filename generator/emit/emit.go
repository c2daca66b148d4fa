// Package emit is the emit stage of zcrmgen: it renders the model of a
// client ([model.API], with its inferred types) as the files of a Go
// package with jennifer, one function per kind of file (client.go,
// types.go with generator/gotype, one ops_*.go and one ops_*_test.go per
// folder, the tests' testdata), copies the runtime files the package needs
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
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/templates"
)

// Files renders every file of the package api describes, sorted by name:
// client.go, types.go, one source and one test file per folder of
// operations, their testdata, and the runtime files the package needs (see
// [templates.Copied]), trimmed of what it does not use. An error is a bug
// of zcrmgen, never of the input.
func Files(api *model.API) ([]file.File, error) {
	out := map[string][]byte{}
	jobs := []renderJob{{name: "client.go", build: func() *jen.File { return emitClientFile(api) }}}
	jobs = append(jobs, renderJob{name: "types.go", build: func() *jen.File {
		decls := gotype.Decls(api.Types)
		if len(decls) == 0 {
			return nil
		}
		f := newFile(api.Package)
		for _, d := range decls {
			f.Add(d)
			f.Line()
		}
		return f
	}})
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
