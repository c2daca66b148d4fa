package gotype

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/templates"
)

// Source returns a gofmt'd Go file of package pkg that declares the type
// name inferred from samples and the types it uses, with their JSON
// methods. With withRuntime it also holds the runtime JSON helpers those
// methods call (decodeObject, Time, Nullable, ...), so that the file
// compiles on its own with the standard library; without, it holds the
// types alone, for reading or for a package that has the runtime already.
// A root that is an object or a union is declared as a struct; any other
// root as an alias of its Go type (type Name = []NameItem).
func Source(pkg, name string, samples [][]byte, withRuntime bool) ([]byte, error) {
	if !token.IsIdentifier(pkg) {
		return nil, fmt.Errorf("package name %q is not a Go identifier", pkg)
	}
	if !token.IsIdentifier(name) || !token.IsExported(name) {
		return nil, fmt.Errorf("type name %q is not an exported Go identifier", name)
	}
	runtime, err := runtimeJSON()
	if err != nil {
		return nil, err
	}
	taken := naming.NewScope()
	for _, f := range runtime {
		taken.Reserve(f.names...)
	}
	if taken.Has(name) {
		return nil, fmt.Errorf("type name %q is taken by the runtime", name)
	}
	g := infer.NewGraph(naming.New(), taken)
	root, err := g.Add("0", name, "", samples)
	if err != nil {
		return nil, err
	}
	g.Finish()

	f := jen.NewFile(pkg)
	f.HeaderComment(file.Header)
	if !root.Named() {
		f.Add(jen.Add(docComment(name + " is the type of the JSON samples it was inferred from.")).Type().Id(name).Op("=").Add(Expr(root)))
	}
	for _, d := range Decls(g) {
		f.Add(d)
		f.Line()
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("render: %w (a bug in package gotype)", err)
	}
	parts := []part{}
	main, err := splitImports("generated.go", buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w (a bug in package gotype)", err)
	}
	parts = append(parts, main)
	if !withRuntime {
		return join(pkg, parts)
	}
	for _, file := range Uses(g) {
		i := slices.IndexFunc(runtime, func(p part) bool { return p.name == file })
		if i < 0 {
			return nil, fmt.Errorf("runtime file %s not found in package templates", file)
		}
		parts = append(parts, runtime[i])
	}
	return join(pkg, parts)
}

// part is a Go file cut after its imports.
type part struct {
	name    string
	imports []string // import paths
	body    []byte   // everything after the package clause and imports
	names   []string // top-level names it declares
}

// runtimeJSON returns the runtime's JSON files, cut.
func runtimeJSON() ([]part, error) {
	var parts []part
	for _, f := range templates.RuntimeFiles() {
		if len(f.Name) < 4 || f.Name[:4] != "json" {
			continue
		}
		p, err := splitImports(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, errors.New("package templates has no runtime JSON files")
	}
	return parts, nil
}

// splitImports parses a Go file and cuts it after its imports.
func splitImports(name string, src []byte) (part, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return part{}, fmt.Errorf("parse %s: %w", name, err)
	}
	p := part{name: name}
	end := file.Name.End()
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if ok && gd.Tok == token.IMPORT {
			end = gd.End()
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				p.names = append(p.names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					p.names = append(p.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						p.names = append(p.names, n.Name)
					}
				}
			}
		}
	}
	for _, imp := range file.Imports {
		if imp.Name != nil {
			return part{}, fmt.Errorf("%s: named import %s is not supported", name, imp.Name.Name)
		}
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return part{}, fmt.Errorf("%s: %w", name, err)
		}
		p.imports = append(p.imports, path)
	}
	p.body = src[fset.Position(end).Offset:]
	return p, nil
}

// join writes one file of package pkg from parts: the header, the package
// clause, the union of their imports, then each body in order.
func join(pkg string, parts []part) ([]byte, error) {
	var imports []string
	for _, p := range parts {
		imports = append(imports, p.imports...)
	}
	slices.Sort(imports)
	imports = slices.Compact(imports)
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n\npackage %s\n", file.Header, pkg)
	if len(imports) > 0 {
		b.WriteString("\nimport (\n")
		for _, imp := range imports {
			fmt.Fprintf(&b, "\t%s\n", strconv.Quote(imp))
		}
		b.WriteString(")\n")
	}
	for _, p := range parts {
		b.WriteString("\n")
		b.Write(bytes.TrimSpace(p.body))
		b.WriteString("\n")
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format: %w (a bug in package gotype)\n%s", err, numbered(b.Bytes()))
	}
	return out, nil
}

// numbered returns src with line numbers, for reporting a format failure.
func numbered(src []byte) []byte {
	var b bytes.Buffer
	for i, l := range bytes.Split(src, []byte("\n")) {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.Bytes()
}
