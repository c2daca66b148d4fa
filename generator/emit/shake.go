package emit

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/file"
)

// runtimePrefix starts the name of every runtime copy in a generated
// package. Operation files start with "ops_", so no other file has it.
const runtimePrefix = "zcrmgen_"

// IsRuntime reports whether name, a file of a generated package, is a copy
// of the runtime (templates/runtime) rather than code generated for the
// collection.
func IsRuntime(name string) bool {
	return strings.HasPrefix(name, runtimePrefix) && !strings.Contains(name, "/")
}

// shake returns the runtime files of a generated package without the
// unexported top-level declarations that nothing in the package reaches, so
// that every package carries only the runtime it uses and linters report no
// unused code in it. pkg holds the package's own files, runtime the copies
// of the runtime files (tests included); the result keeps runtime's order
// and leaves out files with no declaration left.
//
// Reachability goes by name, without type checking, and errs on the side
// of keeping. The roots are every declaration of pkg, every exported
// runtime declaration (the package's API), init functions and blank
// declarations. A kept declaration keeps every runtime declaration whose
// name appears among its identifiers, until nothing changes. A method is
// kept when its receiver type is kept and it is exported (it may implement
// an interface, such as json.Marshaler or error) or its name is used,
// whatever the receiver: x.m and an interface method m both count. A const
// block is kept or dropped whole, as iota and implicit repetition tie its
// constants together (staticcheck treats a block the same way).
//
// A file that loses nothing is returned byte for byte. One that loses
// declarations loses their comments too (the comments [ast.CommentMap]
// gives them), and the imports only they used; the rest of its text is kept
// as it was, then formatted.
func shake(pkg []file.File, runtime []file.File) ([]file.File, error) {
	used := map[string]bool{}
	for _, f := range pkg {
		if err := pkgRefs(used, f); err != nil {
			return nil, err
		}
	}
	return shakeUsed(used, runtime)
}

// pkgRefs adds to used every name that f, one of the package's own files,
// refers to: the roots of [shake].
func pkgRefs(used map[string]bool, f file.File) error {
	af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	for _, d := range af.Decls {
		addRefs(used, d, nil)
	}
	return nil
}

// shakeUsed is [shake] with the names the package's own files refer to
// gathered beforehand (see pkgRefs), so that those files need not be in
// memory together. It adds to used.
func shakeUsed(used map[string]bool, runtime []file.File) ([]file.File, error) {
	fset := token.NewFileSet()
	files := make([]*shakeFile, len(runtime))
	var units []*shakeUnit
	declared := map[string]*shakeUnit{} // non-method names of runtime units
	for i, f := range runtime {
		sf, err := parseShakeFile(fset, f)
		if err != nil {
			return nil, err
		}
		files[i] = sf
		units = append(units, sf.units...)
		for _, u := range sf.units {
			if u.recv == "" {
				for _, n := range u.names {
					declared[n] = u
				}
			}
		}
	}
	// typeKept reports whether a receiver type stays: a runtime type that
	// is kept, or a type declared elsewhere (in pkg).
	typeKept := func(name string) bool {
		u, ok := declared[name]
		return !ok || u.kept
	}
	for changed := true; changed; {
		changed = false
		for _, u := range units {
			if u.kept || !u.live(used, typeKept) {
				continue
			}
			u.kept, changed = true, true
			for n := range u.refs {
				used[n] = true
			}
		}
	}
	var out []file.File
	for i, sf := range files {
		data, keep, err := sf.print()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", runtime[i].Name, err)
		}
		if keep {
			out = append(out, file.File{Name: runtime[i].Name, Data: data})
		}
	}
	return out, nil
}

// shakeUnit is what shake keeps or drops as one: a function, a method, a
// type or var spec, or a whole const block.
type shakeUnit struct {
	node  ast.Node // an ast.Decl, or an ast.Spec of a declaration with several
	names []string // the names it declares
	recv  string   // the receiver's type name, for a method
	refs  map[string]bool
	kept  bool
}

// live reports whether u must stay, given the names in use.
func (u *shakeUnit) live(used map[string]bool, typeKept func(string) bool) bool {
	if u.recv != "" {
		return typeKept(u.recv) && (token.IsExported(u.names[0]) || used[u.names[0]])
	}
	for _, n := range u.names {
		if token.IsExported(n) || n == "init" || n == "_" || used[n] {
			return true
		}
	}
	return false
}

// shakeFile is one parsed runtime file.
type shakeFile struct {
	fset  *token.FileSet
	src   []byte
	file  *ast.File
	cmap  ast.CommentMap
	units []*shakeUnit
}

func parseShakeFile(fset *token.FileSet, f file.File) (*shakeFile, error) {
	af, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	sf := &shakeFile{fset: fset, src: f.Data, file: af, cmap: ast.NewCommentMap(fset, af, af.Comments)}
	for _, d := range af.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			u := &shakeUnit{node: d, names: []string{d.Name.Name}, refs: map[string]bool{}}
			if d.Recv != nil && len(d.Recv.List) == 1 {
				u.recv = baseTypeName(d.Recv.List[0].Type)
			}
			addRefs(u.refs, d, map[*ast.Ident]bool{d.Name: true})
			sf.units = append(sf.units, u)
		case *ast.GenDecl:
			sf.units = append(sf.units, genUnits(d)...)
		}
	}
	return sf, nil
}

// genUnits splits a declaration into units: one per spec of a var or type
// declaration with several, else the declaration itself. Imports are no
// unit: print drops those no kept code uses.
func genUnits(d *ast.GenDecl) []*shakeUnit {
	if d.Tok == token.IMPORT {
		return nil
	}
	unit := func(node ast.Node, specs []ast.Spec) *shakeUnit {
		u := &shakeUnit{node: node, refs: map[string]bool{}}
		own := map[*ast.Ident]bool{}
		for _, s := range specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				u.names = append(u.names, s.Name.Name)
				own[s.Name] = true
			case *ast.ValueSpec:
				for _, n := range s.Names {
					u.names = append(u.names, n.Name)
					own[n] = true
				}
			}
		}
		addRefs(u.refs, node, own)
		return u
	}
	if d.Tok == token.CONST || len(d.Specs) == 1 {
		return []*shakeUnit{unit(d, d.Specs)}
	}
	var us []*shakeUnit
	for _, s := range d.Specs {
		us = append(us, unit(s, []ast.Spec{s}))
	}
	return us
}

// addRefs adds to refs the name of every identifier under n but those in
// skip and the names of struct fields, which a selector names anyway when
// they are used. Interface methods are kept: they keep the methods that
// implement them.
func addRefs(refs map[string]bool, n ast.Node, skip map[*ast.Ident]bool) {
	if skip == nil {
		skip = map[*ast.Ident]bool{}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, name := range f.Names {
					skip[name] = true
				}
			}
		case *ast.Ident:
			if !skip[n] {
				refs[n.Name] = true
			}
		}
		return true
	})
}

// baseTypeName returns T for a receiver type T, *T, T[P] or *T[P].
func baseTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// print returns the file without its dropped units and the imports no kept
// unit uses; keep is false when no declaration is left.
func (sf *shakeFile) print() (data []byte, keep bool, err error) {
	var cut []ast.Node
	pkgNames := map[string]bool{} // X of every X.Sel in kept units
	anyKept := false
	for _, u := range sf.units {
		if !u.kept {
			cut = append(cut, u.node)
			continue
		}
		anyKept = true
		ast.Inspect(u.node, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := s.X.(*ast.Ident); ok {
					pkgNames[id.Name] = true
				}
			}
			return true
		})
	}
	if !anyKept {
		return nil, false, nil
	}
	if len(cut) == 0 {
		return sf.src, true, nil
	}
	// A declaration whose specs are all cut goes whole, with its doc.
	for _, d := range sf.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || len(g.Specs) < 2 || g.Tok == token.IMPORT || g.Tok == token.CONST {
			continue
		}
		all := true
		for _, s := range g.Specs {
			all = all && containsNode(cut, s)
		}
		if all {
			cut = append(cut, g)
		}
	}
	for _, d := range sf.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		var drop []ast.Node
		for _, s := range g.Specs {
			if is := s.(*ast.ImportSpec); !pkgNames[importName(is)] && !(is.Name != nil && (is.Name.Name == "_" || is.Name.Name == ".")) {
				drop = append(drop, is)
			}
		}
		if len(drop) == len(g.Specs) {
			drop = []ast.Node{g}
		}
		cut = append(cut, drop...)
	}
	var spans [][2]int
	for _, n := range cut {
		spans = append(spans, sf.span(n)...)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var buf []byte
	at := 0
	for _, s := range spans {
		if s[0] > at {
			buf = append(buf, sf.src[at:s[0]]...)
		}
		at = max(at, s[1])
	}
	buf = append(buf, sf.src[at:]...)
	data, err = format.Source(buf)
	if err != nil {
		return nil, false, fmt.Errorf("format after removing code: %w", err)
	}
	return data, true, nil
}

func containsNode(ns []ast.Node, n ast.Node) bool {
	for _, m := range ns {
		if m == n {
			return true
		}
	}
	return false
}

// span returns the byte ranges of n and of the comments that belong to it,
// each widened to whole lines when nothing else shares them.
func (sf *shakeFile) span(n ast.Node) [][2]int {
	lo, hi := n.Pos(), n.End()
	var groups []*ast.CommentGroup
	for node, gs := range sf.cmap {
		if node.Pos() >= lo && node.End() <= hi {
			groups = append(groups, gs...)
		}
	}
	switch n := n.(type) {
	case *ast.FuncDecl:
		groups = append(groups, n.Doc)
	case *ast.GenDecl:
		groups = append(groups, n.Doc)
	case *ast.TypeSpec:
		groups = append(groups, n.Doc, n.Comment)
	case *ast.ValueSpec:
		groups = append(groups, n.Doc, n.Comment)
	case *ast.ImportSpec:
		groups = append(groups, n.Doc, n.Comment)
	}
	spans := [][2]int{sf.lines(lo, hi)}
	for _, g := range groups {
		if g == nil {
			continue
		}
		spans = append(spans, sf.lines(g.Pos(), g.End()))
	}
	return spans
}

// lines turns [pos, end) into byte offsets, widened to the start of its
// first line and past the newline of its last when only blanks are beyond.
func (sf *shakeFile) lines(pos, end token.Pos) [2]int {
	tf := sf.fset.File(pos)
	lo, hi := tf.Offset(pos), tf.Offset(end)
	i := lo
	for i > 0 && (sf.src[i-1] == ' ' || sf.src[i-1] == '\t') {
		i--
	}
	if i == 0 || sf.src[i-1] == '\n' {
		lo = i
	}
	j := hi
	for j < len(sf.src) && (sf.src[j] == ' ' || sf.src[j] == '\t' || sf.src[j] == '\r') {
		j++
	}
	if j == len(sf.src) || sf.src[j] == '\n' {
		hi = min(j+1, len(sf.src))
	}
	return [2]int{lo, hi}
}

// majorVersion matches the last element of a path like math/rand/v2.
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// importName is the name an import is used by: its explicit name, or the
// package name its path suggests (the runtime imports the standard library
// only, whose package names are the last element of the path).
func importName(is *ast.ImportSpec) string {
	if is.Name != nil {
		return is.Name.Name
	}
	path, err := strconv.Unquote(is.Path.Value)
	if err != nil {
		return ""
	}
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion.MatchString(name) {
		name = elems[len(elems)-2]
	}
	name, _, _ = strings.Cut(name, ".")
	return strings.TrimPrefix(name, "go-")
}
