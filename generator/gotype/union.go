package gotype

import (
	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// variant names a union variant's field after its Go kind.
func variant(k infer.Kind) string {
	switch k {
	case infer.Bool:
		return "Bool"
	case infer.Int:
		return "Int"
	case infer.Float:
		return "Float"
	case infer.BigNumber:
		return "Number"
	case infer.String:
		return "String"
	case infer.Time:
		return "Time"
	case infer.Date:
		return "Date"
	case infer.Object:
		return "Object"
	case infer.Array:
		return "Array"
	}
	panic("gotype: union variant of kind " + k.String() + " (a bug in package infer)")
}

// unionDecls declares a union type and its three methods: MarshalJSON
// and UnmarshalJSON, one-line calls into the runtime, and jsonVariants,
// which visits each variant for the runtime's codec.
func unionDecls(t *infer.Type) []jen.Code {
	r := receiver(t)
	fv := visitorName(r)
	var fields, visits []jen.Code
	for _, v := range t.Variants {
		name := variant(v.Kind)
		typ := baseExpr(v)
		if v.Kind != infer.Array {
			typ = jen.Op("*").Add(typ)
		}
		fields = append(fields, jen.Id(name).Add(typ))
		visits = append(visits, visitCall(fv, "", jen.Id(r).Dot(name), v, false))
	}
	doc := append(append([]string{}, t.Doc...),
		"Exactly one field is set, the one for the kind of JSON value; a "+t.Name,
		"with none set encodes as null.",
	)
	return []jen.Code{
		jen.Add(docComment(doc...)).Type().Id(t.Name).Struct(fields...),
		jen.Add(docComment(
			"MarshalJSON encodes the field of "+r+" that is set, or null when none is.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Add(
			oneLine(jen.Return(jen.Id("marshalUnion").Call(jen.Op("&").Id(r)))),
		),
		jen.Add(docComment(
			"UnmarshalJSON sets the field of " + r + " for the kind of JSON value in data (none for null); another kind is an error.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Add(
			oneLine(jen.Return(jen.Id("unmarshalUnion").Call(jen.Id("data"), jen.Id(r), jen.Lit(t.Name)))),
		),
		jen.Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.VariantsMethod).Params(jen.Id(fv).Op("*").Id("fieldVisitor")).Block(visits...),
	}
}
