package model

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"slices"
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
// Operation names come from the item name ("Create Bulk Read Job (ICS)"
// becomes CreateBulkReadJobICS); see operationNames for how items that
// clean to the same name are told apart by the shortest folder context.
// A name changes only when an item of the same name is added, removed or
// moved, so renaming or adding an item renames nothing outside the group
// of items that share its name.

// reservedNames are the package-level names the generated package takes
// for itself: the runtime's declarations, the universe, the names the
// emitted files declare, and the names that would read as the runtime's
// (see lookalikes). It is the one list of reserved package-level names;
// every operation and type name is claimed after them.
func reservedNames() []string {
	names := append([]string{}, types.Universe.Names()...)
	names = append(names, NameNewClient, NameDefaultBaseURL)
	for _, n := range runtimeNames() {
		// Methods of Client share the namespace of operation methods,
		// so they are reserved too; the methods of the runtime's other
		// types (Record.Owner, Date.String) take no package-level name.
		if recv, method, ok := strings.Cut(n, "."); ok {
			if recv != NameClient {
				continue
			}
			n = method
		}
		names = append(names, n)
	}
	fset := token.NewFileSet()
	for _, f := range templates.RuntimeFiles() {
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			panic("zcrmgen: runtime file " + f.Name + " does not parse: " + err.Error() + " (a bug)")
		}
		names = append(names, lookalikes(file)...)
	}
	return names
}

// runtimeNames lists the package-level names of the runtime's files, its
// test files included, methods as Type.Method.
func runtimeNames() []string {
	var names []string
	fset := token.NewFileSet()
	for _, f := range append(templates.RuntimeFiles(), templates.RuntimeTestFiles()...) {
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			panic("zcrmgen: runtime file " + f.Name + " does not parse: " + err.Error() + " (a bug)")
		}
		names = append(names, TopLevelNames(file)...)
	}
	return names
}

// lookalikes are the names that would read as one of the runtime's
// exported types in a file of it: each type's plural (a type Options
// beside the runtime's Option), and for the error types (names ending in
// Error) the bare Error and Errors. Reserving them makes a body type that
// wants such a name take a name from its context instead (the elements of
// an "errors" list found in several bodies become SinglePostResponseError,
// not Error).
func lookalikes(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			n := s.(*ast.TypeSpec).Name.Name
			if !token.IsExported(n) {
				continue
			}
			names = append(names, n+"s")
			if strings.HasSuffix(n, "Error") {
				names = append(names, "Error", "Errors")
			}
		}
	}
	return names
}

// TopLevelNames lists a file's package-level names in declaration order,
// methods as Type.Method.
func TopLevelNames(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				names = append(names, RecvType(d)+"."+d.Name.Name)
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

// RecvType is the name of a method's receiver type: T for T, *T, T[P] and
// *T[P], "?" for anything else.
func RecvType(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return "?"
	}
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

// nameAll names operations, their parameters, params and form structs,
// examples, and operation files.
func nameAll(api *API, n *naming.Namer, pkg *naming.Scope) {
	operationNames(api.Operations, n, pkg)
	locals := MethodNames()
	for _, op := range api.Operations {
		nameOperation(op, n, pkg, locals)
	}
	nameFiles(api, n)
}

// The search for the shortest distinguishing context is bounded, so that
// a hostile collection cannot make it explode: it looks at sets of at most
// maxContextPick parts, and only for groups of at most maxContextGroup
// items whose parts number at most maxContextParts. Beyond that an item
// takes all of its distinguishing parts.
const (
	maxContextPick  = 3
	maxContextParts = 16
	maxContextGroup = 64
)

// operationNames names the operations, in three steps:
//
//  1. Each item's name gives its base name. Items whose base name no other
//     item has claim it first, in collection order.
//  2. Items that share a base name (a group) are told apart by their
//     folders. Each item's context parts are its folder names, each split
//     at "/" (OpenAPI imports name folders after paths, "crm/v8/{module}")
//     and spelled as Go names, outermost first, without repeats; the parts
//     every item of the group has are dropped. An item then takes the
//     fewest parts (at most three), and among as few the outermost, that no
//     other item of the group has all of: "Get Records" in folder "Record >
//     crm/v8/{module_api_name}" beside one in the COQL folder is
//     RecordGetRecords. An item whose parts another item all has takes all
//     of its parts (nothing when it has none, so an item outside the
//     folders of the others keeps the bare name).
//  3. When the name found is taken (by a reserved name, or because two
//     items have the same folders) the item tries all its distinguishing
//     parts, then, unless another item of the group is in the same folder,
//     its whole folder path, before the scope numbers it. Items in one
//     folder whose names clean to the same name ("Get-User", "get user")
//     are therefore GetUser, GetUser2, ... in collection order.
//
// Groups are handled in collection order, and each item's name depends
// only on the items of its group.
func operationNames(ops []*Operation, n *naming.Namer, pkg *naming.Scope) {
	base := make([]string, len(ops))
	groups := map[string][]int{}
	for i, op := range ops {
		base[i] = n.Exported(op.Name)
		groups[base[i]] = append(groups[base[i]], i)
	}
	var later []int
	for i, op := range ops {
		if len(groups[base[i]]) > 1 {
			later = append(later, i)
			continue
		}
		op.GoName = pkg.ClaimFirst(base[i], n.Exported(strings.Join(op.Folder, " ")+" "+op.Name))
	}
	// Each group's own parts, computed once per group.
	own := map[int][]string{}
	for _, i := range later {
		group := groups[base[i]]
		if i != group[0] {
			continue
		}
		all := make([][]string, len(group))
		count := map[string]int{}
		for k, j := range group {
			all[k] = contextParts(ops[j].Folder, n)
			for _, p := range all[k] {
				count[p]++
			}
		}
		for k, j := range group {
			// A part every item has tells none apart.
			for _, p := range all[k] {
				if count[p] < len(group) {
					own[j] = append(own[j], p)
				}
			}
		}
	}
	for _, i := range later {
		group := groups[base[i]]
		var ctx []string
		if len(group) <= maxContextGroup && len(own[i]) <= maxContextParts {
			var others []map[string]bool
			for _, j := range group {
				if j != i {
					others = append(others, setOf(own[j]))
				}
			}
			ctx = shortestContext(own[i], others)
		}
		if ctx == nil {
			ctx = own[i]
		}
		names := []string{strings.Join(ctx, "") + base[i], strings.Join(own[i], "") + base[i]}
		if !sameFolder(ops, group, i) {
			names = append(names, n.Exported(strings.Join(ops[i].Folder, " ")+" "+ops[i].Name))
		}
		ops[i].GoName = pkg.ClaimFirst(names...)
	}
}

func setOf(parts []string) map[string]bool {
	m := make(map[string]bool, len(parts))
	for _, p := range parts {
		m[p] = true
	}
	return m
}

// sameFolder reports whether another operation of group is in the same
// folder as ops[i]: nothing then tells them apart, and they are numbered.
func sameFolder(ops []*Operation, group []int, i int) bool {
	for _, j := range group {
		if j != i && slices.Equal(ops[j].Folder, ops[i].Folder) {
			return true
		}
	}
	return false
}

// contextParts splits a folder path into its parts as Go names, outermost
// first, without repeats or empty parts.
func contextParts(folders []string, n *naming.Namer) []string {
	var parts []string
	seen := map[string]bool{}
	for _, f := range folders {
		for _, p := range strings.Split(f, "/") {
			if strings.TrimSpace(p) == "" {
				continue
			}
			name := n.Exported(p)
			if !seen[name] {
				seen[name] = true
				parts = append(parts, name)
			}
		}
	}
	return parts
}

// shortestContext returns the fewest parts of own (at most
// maxContextPick), the outermost among as few, in order, such that no list
// of others holds them all; nil when there are none.
func shortestContext(own []string, others []map[string]bool) []string {
	if heldByAny(own, others) {
		// Every subset of own is held too.
		return nil
	}
	for k := 1; k <= min(len(own), maxContextPick); k++ {
		if found := firstCombination(own, k, others); found != nil {
			return found
		}
	}
	return nil
}

// firstCombination tries the k-part subsequences of own in lexicographic
// order of their positions and returns the first that no list of others
// holds entirely.
func firstCombination(own []string, k int, others []map[string]bool) []string {
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for {
		pick := make([]string, k)
		for i, j := range idx {
			pick[i] = own[j]
		}
		if !heldByAny(pick, others) {
			return pick
		}
		// Next combination.
		i := k - 1
		for i >= 0 && idx[i] == len(own)-k+i {
			i--
		}
		if i < 0 {
			return nil
		}
		idx[i]++
		for j := i + 1; j < k; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
}

// heldByAny reports whether some set of others holds every part of pick.
func heldByAny(pick []string, others []map[string]bool) bool {
	for _, o := range others {
		all := true
		for _, p := range pick {
			if !o[p] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// nameOperation names what belongs to one operation. Its path parameters
// keep off locals, the names its methods use for themselves.
func nameOperation(op *Operation, n *naming.Namer, pkg *naming.Scope, locals []string) {
	args := naming.NewScope(locals...)
	for _, p := range op.PathParams {
		p.GoName = args.Claim(n.Unexported(p.Wire))
	}
	if len(op.Query)+len(op.HeaderParams) > 0 {
		op.ParamsType = pkg.Claim(op.GoName + "Params")
		fields := naming.NewScope()
		for _, p := range op.Query {
			p.GoName = fields.Claim(n.Param(p.Wire))
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
			f.GoName = fields.Claim(n.Param(f.Wire))
		}
		for _, f := range op.Body.Fields {
			if f.File {
				f.FileNameGo = fields.Claim(f.GoName + "Name")
			}
		}
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

// OpsFilePrefix starts the name of every operations file (ops_leads.go and
// its test, ops_leads_test.go); no other file of a package has it.
const OpsFilePrefix = "ops_"

func uniqueBase(b string, used map[string]bool) string {
	b = OpsFilePrefix + b
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
			p.GoName = pkg.Claim(op.GoName + "All")
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
