package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/generator/synth"
	"github.com/zcrmgen/zcrmgen/templates"
)

// Safety tests: text from a collection reaches the output only inside
// escaped literals, sanitised identifiers and comments it cannot close;
// literal credentials never reach it; and the output is the same on every
// run.

// safetyInputs are every collection the generator is tested on: the golden
// cases (testdata/injection holds the hostile text) and collections/.
func safetyInputs(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, p := range []string{filepath.Join("testdata", "*", "collection.json"), filepath.Join("..", "collections", "*.json")} {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if !slices.Contains(paths, filepath.Join("testdata", "injection", "collection.json")) {
		t.Fatal("testdata/injection/collection.json is missing")
	}
	return paths
}

func generatePath(t *testing.T, path string) (*Result, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Generate(model.Options{Name: filepath.ToSlash(path), Data: data, Package: "pkg"})
}

// TestNoInjection parses every generated Go file and checks that nothing
// but the declarations the generator means to write is there:
//
//   - a runtime copy (zcrmgen_*.go) declares exactly what its template in
//     templates/runtime declares;
//   - client.go declares the const DefaultBaseURL and the func NewClient;
//   - an operations file (ops_*.go) declares methods of Client (the
//     operations and their iterators), types named after one of them plus
//     Params or Form, and those types' apply, values or parts methods;
//   - its _test.go declares the func TestReplay_<folder> (ops_<folder>)
//     and ExampleClient_<Operation> functions;
//   - types.go declares types and their MarshalJSON, UnmarshalJSON and
//     jsonFields or jsonVariants methods;
//
// and every name is an ASCII identifier, exported unless the runtime or the
// list above makes it otherwise, that no other file declares. No function
// is called init. Every comment is a // line that holds no line break,
// U+2028, U+2029, NUL or bidirectional control, and every string literal
// is one line with no such character.
func TestNoInjection(t *testing.T) {
	runtimeDecls := map[string][]string{}
	for _, f := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		names := model.TopLevelNames(file)
		slices.Sort(names)
		runtimeDecls["zcrmgen_"+f.Name] = names
	}
	for _, path := range safetyInputs(t) {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			res, err := generatePath(t, path)
			if err != nil {
				if strings.ContainsAny(err.Error(), "\n\r") {
					t.Errorf("error is not one line: %q", err)
				}
				return
			}
			checkDeclarations(t, res.Files, runtimeDecls)
		})
	}
}

// asciiIdent reports whether s is a Go identifier written in ASCII, as
// every name the Namer forms is.
func asciiIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return token.IsIdentifier(s)
}

func checkDeclarations(t *testing.T, files []File, runtimeDecls map[string][]string) {
	t.Helper()
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parsed[f.Name] = file
	}

	// The operations are the methods of Client outside the runtime.
	var ops []string
	for name, file := range parsed {
		if strings.HasPrefix(name, "ops_") && !strings.HasSuffix(name, "_test.go") {
			for _, d := range file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && model.RecvType(fd) == "Client" {
					ops = append(ops, fd.Name.Name)
				}
			}
		}
	}
	slices.Sort(ops)
	opPrefixed := func(name, before string, after *regexp.Regexp) bool {
		for _, op := range ops {
			if rest, ok := strings.CutPrefix(name, before+op); ok && after.MatchString(rest) {
				return true
			}
		}
		return false
	}
	nothing := regexp.MustCompile(`^$`)
	paramsOrForm := regexp.MustCompile(`^(Params|Form)[0-9]*$`)

	declaredIn := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(parsed)) {
		file := parsed[name]
		names := model.TopLevelNames(file)
		slices.Sort(names)
		for _, n := range names {
			if prev, ok := declaredIn[n]; ok && !strings.Contains(n, ".") {
				t.Errorf("%s and %s both declare %s", prev, name, n)
			}
			declaredIn[n] = name
			base := n[strings.LastIndexByte(n, '.')+1:]
			if base == "init" || base == "main" {
				t.Errorf("%s declares %s", name, n)
			}
		}
		if want, ok := runtimeDecls[name]; ok {
			// shake drops what the package does not use, nothing more.
			for _, n := range names {
				if _, found := slices.BinarySearch(want, n); !found {
					t.Errorf("%s declares %s, which its template does not", name, n)
				}
			}
			continue
		}
		if !strings.HasPrefix(name, "zcrmgen_") {
			checkComments(t, fset, name, file)
		}
		types, inferred := map[string]bool{}, map[string]bool{}
		for _, n := range names {
			if !strings.Contains(n, ".") {
				types[n] = true
			}
		}
		// The types inferred from the bodies, which have a MarshalJSON of
		// their own or are aliases.
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == infer.MarshalMethod {
				inferred[model.RecvType(fd)] = true
			}
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, sp := range gd.Specs {
					if ts := sp.(*ast.TypeSpec); ts.Assign.IsValid() {
						inferred[ts.Name.Name] = true
					}
				}
			}
		}
		for _, d := range file.Decls {
			for _, problem := range declProblems(name, d, types, inferred, opPrefixed, nothing, paramsOrForm) {
				t.Errorf("%s: %s", name, problem)
			}
		}
	}
}

// typeMethods are the methods of the named types inferred from the
// bodies, which types.go and the operations files declare.
var typeMethods = []string{infer.MarshalMethod, infer.UnmarshalMethod, infer.FieldsMethod, infer.VariantsMethod}

// declProblems says what is wrong with one top-level declaration of a
// generated file.
func declProblems(file string, d ast.Decl, types, inferred map[string]bool, opPrefixed func(string, string, *regexp.Regexp) bool, nothing, paramsOrForm *regexp.Regexp) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	exported := func(n string) bool { return asciiIdent(n) && token.IsExported(n) }
	switch {
	case file == "client.go":
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil || d.Name.Name != "NewClient" {
				bad("unexpected func %s", d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					if d.Tok != token.CONST || len(s.Names) != 1 || s.Names[0].Name != "DefaultBaseURL" {
						bad("unexpected %s %s", d.Tok, s.Names[0].Name)
					}
				case *ast.TypeSpec:
					bad("unexpected type %s", s.Name.Name)
				}
			}
		}
	case file == "types.go":
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || !types[model.RecvType(d)] || !slices.Contains(typeMethods, d.Name.Name) {
				bad("unexpected func %s", d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !exported(s.Name.Name) {
						bad("type %q is not an exported ASCII identifier", s.Name.Name)
					}
				case *ast.ValueSpec:
					bad("unexpected %s %s", d.Tok, s.Names[0].Name)
				}
			}
		}
	case strings.HasPrefix(file, "ops_") && strings.HasSuffix(file, "_test.go"):
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil || !exported(d.Name.Name) || d.Name.Name != replayTestName(file) && !opPrefixed(d.Name.Name, "ExampleClient_", nothing) {
				bad("func %s is neither %s nor ExampleClient_<Operation>", d.Name.Name, replayTestName(file))
			}
		case *ast.GenDecl:
			if d.Tok != token.IMPORT {
				bad("unexpected %s declaration", d.Tok)
			}
		}
	case strings.HasPrefix(file, "ops_"):
		switch d := d.(type) {
		case *ast.FuncDecl:
			switch {
			case d.Recv == nil:
				bad("unexpected func %s", d.Name.Name)
			case model.RecvType(d) == "Client":
				if !exported(d.Name.Name) {
					bad("operation %q is not an exported ASCII identifier", d.Name.Name)
				}
			case !types[model.RecvType(d)] || !slices.Contains(append([]string{"apply", "values", "parts"}, typeMethods...), d.Name.Name):
				bad("unexpected method %s.%s", model.RecvType(d), d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					switch {
					case !exported(s.Name.Name):
						bad("type %q is not an exported ASCII identifier", s.Name.Name)
					case !inferred[s.Name.Name] && !opPrefixed(s.Name.Name, "", paramsOrForm):
						bad("type %s is not <Operation>Params or <Operation>Form, nor a type inferred from a body", s.Name.Name)
					}
				case *ast.ValueSpec:
					bad("unexpected %s %s", d.Tok, s.Names[0].Name)
				}
			}
		}
	default:
		bad("a generated file the safety test does not know; teach checkDeclarations what it may declare")
	}
	return out
}

// unsafeRune reports a rune that must not appear raw in a comment or a
// string literal: it would end the line for some reader, or reorder the
// text around it.
func unsafeRune(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == 0 || r == utf8.RuneError ||
		unicode.Is(unicode.Bidi_Control, r) || r == '\uFEFF'
}

func checkComments(t *testing.T, fset *token.FileSet, name string, f *ast.File) {
	t.Helper()
	for _, g := range f.Comments {
		for _, c := range g.List {
			if !strings.HasPrefix(c.Text, "//") {
				t.Errorf("%s: %s: a /* */ comment: %q", name, fset.Position(c.Pos()), c.Text)
			}
			if strings.ContainsFunc(c.Text, unsafeRune) {
				t.Errorf("%s: %s: comment holds a line break or control: %q", name, fset.Position(c.Pos()), c.Text)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		if strings.ContainsFunc(lit.Value, unsafeRune) {
			t.Errorf("%s: %s: string literal holds a raw line break or control: %s", name, fset.Position(lit.Pos()), lit.Value)
		}
		if _, err := strconv.Unquote(lit.Value); err != nil {
			t.Errorf("%s: %s: string literal %s: %v", name, fset.Position(lit.Pos()), lit.Value, err)
		}
		return true
	})
}

// probe is the start of the text testdata/injection puts in every
// description and many names.
const probe = "*/ func init() {"

// TestInjectionCase makes sure the injection case still carries its hostile
// text, and that wherever the text reaches a Go file it is inside a comment
// or a string literal.
func TestInjectionCase(t *testing.T) {
	path := filepath.Join("testdata", "injection", "collection.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{probe + ` panic(\"x\") } /*`, "`", "{{var}}", `\n`, "\u2028", `\u0000`, "日本", "\u202e"} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("%s lost %q", path, s)
		}
	}
	res, err := generatePath(t, path)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		type span struct{ from, to int }
		var safe []span
		add := func(n ast.Node) {
			safe = append(safe, span{fset.Position(n.Pos()).Offset, fset.Position(n.End()).Offset})
		}
		for _, g := range file.Comments {
			add(g)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				add(lit)
			}
			return true
		})
		for off := 0; ; {
			i := bytes.Index(f.Data[off:], []byte(probe))
			if i < 0 {
				break
			}
			at := off + i
			found++
			if !slices.ContainsFunc(safe, func(s span) bool { return s.from <= at && at+len(probe) <= s.to }) {
				t.Errorf("%s: %s: hostile text outside a comment or literal", f.Name, fset.Position(file.FileStart+token.Pos(at)))
			}
			off = at + len(probe)
		}
	}
	if found == 0 {
		t.Error("the hostile text reaches no generated file; the case no longer tests it")
	}
}

// secretCase lists, for testdata/secrets, each literal credential in the
// collection and the place the warning must name.
var secretCase = []struct{ secret, where string }{
	{"sk_live_51H8CollectionBearer0001", `collection auth "bearer": token`},
	{"hunter2-folder-basic-password", `folder "Payments" auth "basic": password`},
	{"sk_live_51H8ItemApiKeyValue0003", `item "Search": auth "apikey": value`},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvYXV0aDIifQ.c2lnbmF0dXJlLW9hdXRoMi10b2tlbg", `item "Payments > Token": auth "oauth2": accessToken`},
	{"oauth2-client-secret-value-0005", `item "Payments > Token": auth "oauth2": clientSecret`},
	{"sk_live_51H8AuthorizationHdr0006", `item "Send Message": header "Authorization"`},
	{"cookie-secret-0007", `item "Payments > Charge": header "Cookie"`},
	{"setcookie-secret-0008", `item "Payments > Charge": header "Set-Cookie"`},
	{"apikey-header-secret-0009", `item "Payments > Charge": header "X-API-Key"`},
	{"query-apikey-secret-0010", `item "Payments > Charge": query parameter "api_key"`},
	{"abc123querytokensecret0011", `item "Payments > Charge": query parameter "access_token"`},
	{"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", `item "Send Message": URL path`},
	{"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", `item "Send Message": example "Sent": original request URL path`},
	{"sk_live_51H8OriginalAuthHdr0013", `item "Payments > Charge": example "Charged": original request header "Authorization"`},
	{"orig-cookie-secret-0014", `item "Payments > Charge": example "Charged": original request header "Cookie"`},
	{"orig-query-token-secret-0015", `item "Payments > Charge": example "Charged": original request query parameter "access_token"`},
	{"query-apikey-secret-0010", `item "Payments > Charge": example "Charged": original request query parameter "api_key"`},
	{"orig-apikey-secret-0016", `item "Payments > Charge": example "Charged": original request header "X-API-Key"`},
	{"sk_live_51H8CollectionVariable0017", `collection variable "apiToken"`},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyUmVmIn0.c2lnbmF0dXJlLXVzZXItcmVm", `collection variable "userRef"`},
	{"path-variable-token-0019", `item "Get User": path variable "token"`},
	{"path-variable-token-0019", `item "Get User": example "Found": original request path variable "token"`},
	{"form-client-secret-0020", `item "Payments > Token": body field "client_secret"`},
	{"json-body-password-0021", `item "Payments > Charge": body`},
	{"sk_live_51H8EmbeddedInText0027", `item "Payments > Charge": body`},
	{"userinfo-pass-0022", `item "Legacy Ping": URL host`},
	{"sk_live_51H8OriginalAuthBlock0023", `item "Payments > Charge": example "Charged": original request auth "bearer": token`},
	{"sk_live_51H8QueryApiKeyAuth0024", `item "Lookup": auth "apikey": value`},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0b20ifQ.c2lnbmF0dXJlLWN1c3RvbS1oZHI", `item "Payments > Charge": header "X-Custom"`},
	{"orig-json-body-secret-0026", `item "Payments > Charge": example "Charged": original request body`},
	{"sk_live_51H8CollectionDescr0028", `collection description`},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXNjciJ9.c2lnbmF0dXJlLWl0ZW0tZGVzY3I", `item "Payments > Charge": description`},
	{"sk_live_51H8HeaderDescription0030", `item "Payments > Charge": header "X-Trace" description`},
	{"querydescrsecret0031", `item "Payments > Charge": query parameter "expand" description`},
}

// TestSecretsRedacted generates testdata/secrets, which holds a literal
// credential in every place a collection can, and checks that no generated
// byte holds one, that a warning names each place, and that the
// {{variables}} next to them stay variables.
func TestSecretsRedacted(t *testing.T) {
	path := filepath.Join("testdata", "secrets", "collection.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := generatePath(t, path)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	all := strings.Join(warnings, "\n")
	for _, c := range secretCase {
		if !bytes.Contains(data, []byte(c.secret)) {
			t.Errorf("%s no longer holds %q", path, c.secret)
		}
		for _, f := range res.Files {
			if bytes.Contains(f.Data, []byte(c.secret)) {
				t.Errorf("%s holds the credential %q", f.Name, c.secret)
			}
		}
		if strings.Contains(all, c.secret) {
			t.Errorf("a warning holds the credential %q", c.secret)
		}
		if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, c.where+": ") }) {
			t.Errorf("no warning names %s (the place of %q); warnings:\n%s", c.where, c.secret, all)
		}
	}
	// Variables are references, never credentials: the collection sends
	// {{apiToken}} in a header and a query parameter, and Bearer
	// {{apiToken}} as Get User's Authorization; none of them is redacted.
	for _, where := range []string{`header "X-Var-Token"`, `query parameter "apikey"`, `item "Get User": header "Authorization"`} {
		if strings.Contains(all, where) {
			t.Errorf("a {{variable}} was treated as a credential: %s", where)
		}
	}
	client := fileData(res.Files, "ops_payments.go")
	for _, want := range []string{`"X-Var-Token"`, `"apikey"`} {
		if !strings.Contains(client, want) {
			t.Errorf("ops_payments.go lost the variable parameter %s", want)
		}
	}
}

func fileData(files []File, name string) string {
	for _, f := range files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// TestDeterministicLarge generates a synthetic collection of 1,000
// requests with GOMAXPROCS 1, 2 and 8 (emit renders files on as many
// goroutines) and compares every file and warning byte for byte: no map
// order, scheduling or run may change the output.
func TestDeterministicLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large collection several times")
	}
	data := synth.Collection(1000, 7)
	opts := model.Options{Name: "synthetic.json", Data: data, Package: "synthetic"}
	// GenerateTo hands the files over in one order whatever the number
	// of cores (Generate sorts the same files by name).
	var first *Result
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		var files []File
		res, err := GenerateTo(opts, func(f File) error {
			files = append(files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		res.Files = files
		if first == nil {
			if res.Stats.Endpoints < 1000 {
				t.Fatalf("%d endpoints, want about 1,000", res.Stats.Endpoints)
			}
			first = res
			continue
		}
		if len(res.Files) != len(first.Files) {
			t.Fatalf("GOMAXPROCS=%d: %d files, first run %d", procs, len(res.Files), len(first.Files))
		}
		for i, f := range res.Files {
			if f.Name != first.Files[i].Name || !bytes.Equal(f.Data, first.Files[i].Data) {
				t.Errorf("GOMAXPROCS=%d: file %d, %s, differs from the first run's %s", procs, i, f.Name, first.Files[i].Name)
			}
		}
		if !slices.Equal(res.Warnings, first.Warnings) {
			t.Errorf("GOMAXPROCS=%d: warnings differ from the first run's", procs)
		}
	}
}

// replayTestName is the name of the replay test of the operations test
// file ops_<folder>_test.go: TestReplay_<folder>.
func replayTestName(file string) string {
	return "TestReplay_" + strings.TrimSuffix(strings.TrimPrefix(file, "ops_"), "_test.go")
}
