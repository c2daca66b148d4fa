package gotype

import (
	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// aliasDecl declares a type that is the same as another of another name
// (see [infer.Type.Alias]) as a Go alias of it, with its doc comment and no
// methods of its own: the type it names has them.
//
//	// AddCurrenciesError is a JSON object; it is the same type as [GetCurrenciesError].
//	type AddCurrenciesError = GetCurrenciesError
func aliasDecl(t *infer.Type) jen.Code {
	return jen.Add(docComment(t.Doc...)).Type().Id(t.Name).Op("=").Id(t.Alias.Name)
}
