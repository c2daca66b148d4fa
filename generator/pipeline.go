package generator

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/generator/parse"
	"github.com/zcrmgen/zcrmgen/templates"
)

func generate(opts Options) (*Result, error) {
	api, err := buildModel(opts)
	if err != nil {
		return nil, err
	}
	files, err := emit(api)
	if err != nil {
		return nil, &BugError{Name: opts.Name, Err: err}
	}
	ops, err := summarize(api)
	if err != nil {
		return nil, &BugError{Name: opts.Name, Err: err}
	}
	res := &Result{Files: files, Warnings: api.Warnings, Operations: ops}
	res.Stats.Endpoints = len(api.Operations)
	res.Stats.Types = len(api.Types.Named())
	for _, op := range api.Operations {
		res.Stats.Tests += len(op.Examples)
	}
	nameStats(api, &res.Stats)
	return res, nil
}

// buildModel runs every stage before emit: parse, model, name and infer.
func buildModel(opts Options) (*API, error) {
	col, pw, err := parse.Parse(opts.Name, opts.Data)
	if err != nil {
		return nil, err
	}
	b := &builder{name: opts.Name, col: col, vars: map[string]string{}, secret: map[string]bool{}, api: &API{Package: opts.Package}}
	for _, w := range pw {
		b.warnings = append(b.warnings, Warning{Where: w.Where, Msg: w.Msg})
	}
	for _, v := range col.Postman.Variables {
		if v == nil || v.Key == "" {
			continue
		}
		b.vars[v.Key] = v.Value
		if parse.IsSecretName(v.Key) || looksSecret(v.Value) {
			b.secret[v.Key] = true
		}
	}
	if len(opts.Env) > 0 {
		values, secret, err := parse.Env(orDefault(opts.EnvName, "environment"), opts.Env)
		if err != nil {
			return nil, err
		}
		for _, k := range sortedKeys(values) {
			b.vars[k] = values[k]
			if secret[k] || parse.IsSecretName(k) || looksSecret(values[k]) {
				b.secret[k] = true
			}
		}
	}
	api := b.api
	b.build()
	b.baseURL()
	api.AuthKinds = authKinds(api.Operations)
	api.Zoho = targetsZoho(api)

	namer := naming.NewWith(naming.DefaultInitialisms(), methodNames())
	pkg := naming.NewScope(reservedNames()...)
	nameAll(api, namer, pkg)
	b.inferTypes(api, infer.NewGraph(namer, pkg))
	if api.Zoho {
		namePagers(api, pkg)
	}
	api.numbered = pkg.Numbered()
	api.Warnings = b.warnings
	return api, nil
}

// baseURL picks the host most requests use (the first in collection order
// on a tie) as the client's base URL. A host that is a {{variable}} takes
// the variable's value as the default, unless it holds a credential.
func (b *builder) baseURL() {
	count := map[string]int{}
	var order []string
	for _, op := range b.api.Operations {
		if op.Host == "" {
			continue
		}
		if count[op.Host] == 0 {
			order = append(order, op.Host)
		}
		count[op.Host]++
	}
	best := ""
	for _, h := range order {
		if count[h] > count[best] {
			best = h
		}
	}
	b.api.Hosts = append([]string{}, order...)
	sort.Strings(b.api.Hosts)
	if best == "" {
		return
	}
	pieces := splitVars(best)
	if len(pieces) == 1 && pieces[0].isVar {
		b.api.BaseURLVar = pieces[0].text
	}
	resolved := b.resolve(best)
	if strings.Contains(resolved, "{{") {
		return
	}
	if !strings.Contains(resolved, "://") {
		resolved = "https://" + resolved
	}
	b.api.BaseURL = strings.TrimRight(resolved, "/")
	for _, op := range b.api.Operations {
		if op.Host == "" || op.Host == best {
			continue
		}
		host := b.resolve(op.Host)
		if strings.Contains(host, "{{") {
			b.warn(op.Where, "host %q differs from the client's base URL host %q and has no value; requests go to the base URL", op.Host, best)
			continue
		}
		if !strings.Contains(host, "://") {
			host = "https://" + host
		}
		op.HostURL = strings.TrimRight(host, "/")
	}
}

func hasPager(api *API) bool {
	for _, op := range api.Operations {
		if op.Pager != nil {
			return true
		}
	}
	return false
}

// targetsZoho reports a collection for Zoho's APIs: a Zoho host, or a
// Zoho-oauthtoken auth prefix.
func targetsZoho(api *API) bool {
	if strings.Contains(api.BaseURL, ".zohoapis.") {
		return true
	}
	for _, op := range api.Operations {
		if strings.EqualFold(op.Auth.Prefix, "Zoho-oauthtoken") {
			return true
		}
	}
	return false
}

func authKinds(ops []*Operation) []AuthKind {
	seen := map[AuthKind]bool{}
	var out []AuthKind
	for _, op := range ops {
		if op.Auth.Kind != AuthNone && !seen[op.Auth.Kind] {
			seen[op.Auth.Kind] = true
			out = append(out, op.Auth.Kind)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// emit renders every file of the package, sorted by name.
func emit(api *API) ([]File, error) {
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
	files := make([]File, 0, len(out))
	for _, name := range sortedKeys(out) {
		files = append(files, File{Name: name, Data: out[name]})
	}
	return files, nil
}

// copied reports whether the runtime file rf goes into the package of api,
// by its row in [templates.Copied]: uses holds the runtime files the types
// need, tests whether the package has generated tests.
func copied(rf templates.File, api *API, uses map[string]bool, tests bool) bool {
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
