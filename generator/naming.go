package generator

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/templates"
)

// The name stage gives every Go identifier of the package, once, in a fixed
// order: package-level names reserved by the runtime and the universe
// first, then operations in collection order, then the names derived from
// each operation. Inferred types are named after that by the infer stage,
// in the same scope.
//
// Operation names come from the item name alone ("Create Bulk Read Job
// (ICS)" becomes CreateBulkReadJobICS). Only when two items clean to the
// same name is the folder path put in front of each ("Leads Get", "Deals
// Get"); if that still collides, the later ones in collection order get 2,
// 3, .... So renaming or adding an item renames nothing outside the group
// of items that share its name.

// reservedNames are the package-level names the generated package takes
// for itself: the runtime's declarations, the universe, and the names the
// emitted files declare.
func reservedNames() []string {
	names := append([]string{}, types.Universe.Names()...)
	names = append(names, "NewClient", "DefaultBaseURL")
	fset := token.NewFileSet()
	for _, f := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			panic("zcrmgen: runtime file " + f.Name + " does not parse: " + err.Error() + " (a bug)")
		}
		for _, n := range topLevelNames(file) {
			// Methods of Client share the namespace of operation methods,
			// so they are reserved too.
			if _, method, ok := strings.Cut(n, "."); ok {
				n = method
			}
			names = append(names, n)
		}
	}
	return names
}

// topLevelNames lists a file's package-level names in declaration order,
// methods as Type.Method.
func topLevelNames(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				names = append(names, recvType(d)+"."+d.Name.Name)
				continue
			}
			names = append(names, d.Name.Name)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// recvType is the name of a method's receiver type.
func recvType(d *ast.FuncDecl) string {
	e := d.Recv.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ix.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}

// funcReserved are names a generated method body uses for itself, so no
// parameter may take them.
var funcReserved = []string{"c", "ctx", "params", "body", "form", "r", "err", "out", "resp", "rc", "path", "query"}

// nameAll names operations, their parameters, params and form structs,
// examples, and operation files.
func nameAll(api *API, n *naming.Namer, pkg *naming.Scope) {
	groups := map[string]int{}
	base := make([]string, len(api.Operations))
	for i, op := range api.Operations {
		base[i] = n.Exported(op.Name)
		groups[base[i]]++
	}
	for i, op := range api.Operations {
		name := base[i]
		if groups[name] > 1 && len(op.Folder) > 0 {
			name = n.Exported(strings.Join(op.Folder, " ") + " " + op.Name)
		}
		op.GoName = pkg.Claim(name)
	}
	tests := naming.NewScope()
	for _, op := range api.Operations {
		nameOperation(op, n, pkg, tests)
	}
	nameFiles(api, n)
}

func nameOperation(op *Operation, n *naming.Namer, pkg, tests *naming.Scope) {
	args := naming.NewScope(funcReserved...)
	for _, p := range op.PathParams {
		p.GoName = args.Claim(n.Unexported(p.Wire))
	}
	if len(op.Query)+len(op.HeaderParams) > 0 {
		op.ParamsType = pkg.Claim(op.GoName + "Params")
		fields := naming.NewScope()
		for _, p := range op.Query {
			p.GoName = fields.Claim(n.Exported(p.Wire))
		}
		for _, p := range op.HeaderParams {
			p.GoName = fields.Claim(n.Exported(p.Wire))
		}
	}
	if op.Body != nil && (op.Body.Kind == BodyForm || op.Body.Kind == BodyMultipart) {
		op.Body.GoType = pkg.Claim(op.GoName + "Form")
		// One scope for every field of the struct: the fields named after
		// the form's keys first, then the file name each file part carries,
		// so that a key "file_name" beside a file "file" keeps FileName
		// and the file's name field takes the next free name.
		fields := naming.NewScope()
		for _, f := range op.Body.Fields {
			f.GoName = fields.Claim(n.Exported(f.Wire))
		}
		for _, f := range op.Body.Fields {
			if f.File {
				f.FileNameGo = fields.Claim(f.GoName + "Name")
			}
		}
	}
	for _, ex := range op.Examples {
		ex.GoName = tests.Claim("Test" + op.GoName + "_" + n.Exported(ex.Name))
		ex.TestdataBase = fmt.Sprintf("zcrmgen/%s/%s", op.GoName, strings.TrimPrefix(ex.GoName, "Test"+op.GoName+"_"))
	}
}

// nameFiles groups operations into one file per top-level folder, named
// from the folder ("Bulk Read" -> bulk_read.go); items outside any folder
// go to operations.go.
func nameFiles(api *API, n *naming.Namer) {
	byFolder := map[string]*OpFile{}
	used := map[string]bool{"client": true, "types": true, "doc": true}
	for _, op := range api.Operations {
		folder := ""
		if len(op.Folder) > 0 {
			folder = op.Folder[0]
		}
		f := byFolder[folder]
		if f == nil {
			b := "operations"
			if folder != "" {
				b = snake(n.Exported(folder))
			}
			b = uniqueBase(b, used)
			f = &OpFile{Base: b, Folder: folder}
			byFolder[folder] = f
			api.Files = append(api.Files, f)
		}
		f.Operations = append(f.Operations, op)
	}
}

func uniqueBase(b string, used map[string]bool) string {
	b = "ops_" + b
	name := b
	for i := 2; used[name] || constrained(name); i++ {
		name = fmt.Sprintf("%s%d", b, i)
	}
	used[name] = true
	return name
}

// constrained reports whether the go tool would not build name.go into
// every build of the package: a _test file, or one whose name ends in a
// GOOS or GOARCH ("ops_linux", "ops_windows_arm64"). It asks go/build with
// an operating system and architecture that match no suffix, so no list of
// them is kept here.
func constrained(name string) bool {
	if strings.HasSuffix(name, "_test") {
		return true
	}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "zcrmgenos", "zcrmgenarch"
	ctx.OpenFile = func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader("package p\n")), nil
	}
	ok, err := ctx.MatchFile(".", name+".go")
	return err != nil || !ok
}

// namePagers finds the Zoho list endpoints that get a page iterator and
// names each <Op>All, after every other package-level name is taken.
func namePagers(api *API, pkg *naming.Scope) {
	for _, op := range api.Operations {
		if p := findPager(op); p != nil {
			p.goName = pkg.Claim(op.GoName + "All")
			op.Pager = p
		}
	}
}

// snake turns a Go identifier into a lower-case file name: BulkRead ->
// bulk_read, CRMRecords -> crm_records.
func snake(id string) string {
	var sb strings.Builder
	rs := []rune(id)
	for i, r := range rs {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 {
			prevLower := rs[i-1] >= 'a' && rs[i-1] <= 'z' || rs[i-1] >= '0' && rs[i-1] <= '9'
			nextLower := i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z'
			if prevLower || nextLower && rs[i-1] >= 'A' && rs[i-1] <= 'Z' {
				sb.WriteByte('_')
			}
		}
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || upper) {
			sb.WriteRune(r | 0x20)
		}
	}
	if sb.Len() == 0 {
		return "folder"
	}
	return sb.String()
}
