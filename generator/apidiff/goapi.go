package apidiff

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// GoSummary compares the exported API of two versions of a generated
// package, given as their files, and says in one line what callers would
// see change: "2 methods removed, 1 method added, 3 fields changed", or
// "" when nothing did. It reads only the package's own .go
// files (not tests, not testdata); a file that does not parse is left out.
// It serves when only the generated code of the old version is at hand,
// as with zcrmgen -check; [Collections] says more when both collections
// are.
func GoSummary(old, new []generator.File) string {
	od, nd := goDecls(old), goDecls(new)
	type count struct{ added, removed, changed int }
	counts := map[string]*count{}
	get := func(key string) *count {
		what, _, _ := strings.Cut(key, " ")
		if counts[what] == nil {
			counts[what] = &count{}
		}
		return counts[what]
	}
	// A method or field of a type that is added or removed goes with its
	// type and is not counted on its own.
	inBoth := func(key string) bool {
		what, name, _ := strings.Cut(key, " ")
		if what != "method" && what != "field" {
			return true
		}
		typ, _, _ := strings.Cut(name, ".")
		_, o := od["type "+typ]
		_, n := nd["type "+typ]
		return o && n
	}
	for k, v := range od {
		nv, ok := nd[k]
		switch {
		case !inBoth(k):
		case !ok:
			get(k).removed++
		case nv != v:
			get(k).changed++
		}
	}
	for k := range nd {
		if _, ok := od[k]; !ok && inBoth(k) {
			get(k).added++
		}
	}
	var parts []string
	for _, what := range [...]string{"method", "func", "type", "field", "const", "var"} {
		c := counts[what]
		if c == nil {
			continue
		}
		for _, p := range []struct {
			n    int
			verb string
		}{{c.removed, "removed"}, {c.changed, "changed"}, {c.added, "added"}} {
			if p.n == 1 {
				parts = append(parts, fmt.Sprintf("1 %s %s", what, p.verb))
			} else if p.n > 1 {
				parts = append(parts, fmt.Sprintf("%d %ss %s", p.n, what, p.verb))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// IsGoSource reports whether name, a file of a generated package, is one
// that [GoSummary] reads: a .go file of the package itself, not a test.
func IsGoSource(name string) bool {
	return path.Dir(name) == "." && path.Ext(name) == ".go" && !strings.HasSuffix(name, "_test.go")
}

// goDecls maps each exported declaration of the files ("method
// Client.GetLead", "field Lead.Name", "type Lead") to the text of its
// type, which changes when callers' code may stop compiling. An alias of a
// type of the package (type AddLeadError = GetLeadError) is recorded as
// that type under its own name, with its fields and methods, so that a
// type that becomes an alias of one of the same shape, or stops being
// one, is no change.
func goDecls(files []generator.File) map[string]string {
	fset := token.NewFileSet()
	decls := map[string]string{}
	aliases := map[string]string{}
	text := func(n ast.Node) string {
		var buf bytes.Buffer
		if printer.Fprint(&buf, fset, n) != nil {
			return ""
		}
		return buf.String()
	}
	for _, f := range files {
		if !IsGoSource(f.Name) {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					decls["func "+d.Name.Name] = text(d.Type)
				} else if recv := model.RecvType(d); ast.IsExported(recv) {
					decls["method "+recv+"."+d.Name.Name] = text(d.Type)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						if id, ok := s.Type.(*ast.Ident); ok && s.Assign.IsValid() {
							aliases[s.Name.Name] = id.Name
						}
						typeDecls(decls, s, text)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								// The value may change freely (a new
								// default base URL); the type may not.
								t := ""
								if s.Type != nil {
									t = text(s.Type)
								}
								decls[d.Tok.String()+" "+n.Name] = t
							}
						}
					}
				}
			}
		}
	}
	unalias(decls, aliases)
	return decls
}

// unalias records each alias of a type that decls holds as that type:
// "type A" with the text of "type T", and "field A.F" and "method A.M"
// for each field F and method M of T. An alias of an alias is followed to
// the type at the end.
func unalias(decls map[string]string, aliases map[string]string) {
	if len(aliases) == 0 {
		return
	}
	members := map[string][]string{} // type name -> its "field" and "method" keys
	for k := range decls {
		what, name, _ := strings.Cut(k, " ")
		if what == "field" || what == "method" {
			typ, _, _ := strings.Cut(name, ".")
			members[typ] = append(members[typ], k)
		}
	}
	for alias, target := range aliases {
		for range len(aliases) {
			next, ok := aliases[target]
			if !ok {
				break
			}
			target = next
		}
		t, ok := decls["type "+target]
		if !ok {
			continue
		}
		decls["type "+alias] = t
		for _, k := range members[target] {
			what, name, _ := strings.Cut(k, " ")
			_, member, _ := strings.Cut(name, ".")
			decls[what+" "+alias+"."+member] = decls[k]
		}
	}
}

// typeDecls records a type and, for a struct, each exported field.
func typeDecls(decls map[string]string, s *ast.TypeSpec, text func(ast.Node) string) {
	st, ok := s.Type.(*ast.StructType)
	if !ok {
		decls["type "+s.Name.Name] = text(s.Type)
		return
	}
	decls["type "+s.Name.Name] = "struct"
	for _, f := range st.Fields.List {
		// Embedded fields have no names and are not counted.
		t := text(f.Type)
		for _, n := range f.Names {
			if n.IsExported() {
				decls["field "+s.Name.Name+"."+n.Name] = t
			}
		}
	}
}
