package gotype

import (
	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// variant names a union variant's field and gives the jsonKind byte of its
// JSON kind.
func variant(k infer.Kind) (name string, kind byte) {
	switch k {
	case infer.Bool:
		return "Bool", 't'
	case infer.Int:
		return "Int", '0'
	case infer.Float:
		return "Float", '0'
	case infer.BigNumber:
		return "Number", '0'
	case infer.String:
		return "String", '"'
	case infer.Time:
		return "Time", '"'
	case infer.Date:
		return "Date", '"'
	case infer.Object:
		return "Object", '{'
	case infer.Array:
		return "Array", '['
	}
	panic("gotype: union variant of kind " + k.String() + " (a bug in package infer)")
}

// unionDecls declares a union type and its two methods.
func unionDecls(t *infer.Type) []jen.Code {
	r := receiver(t)
	var fields, marshal, unmarshal []jen.Code
	for _, v := range t.Variants {
		name, kind := variant(v.Kind)
		typ := baseExpr(v)
		if v.Kind != infer.Array {
			typ = jen.Op("*").Add(typ)
		}
		fields = append(fields, jen.Id(name).Add(typ))
		marshal = append(marshal, jen.Case(jen.Id(r).Dot(name).Op("!=").Nil()).Block(
			jen.Return(jen.Qual(jsonPkg, "Marshal").Call(jen.Id(r).Dot(name))),
		))
		set := "setVariant"
		if v.Kind == infer.Array {
			set = "setArrayVariant"
		}
		unmarshal = append(unmarshal, jen.Case(jen.LitRune(rune(kind))).Block(
			jen.If(setterID(set, v).Call(jen.Op("&").Id(r).Dot(name), jen.Op("&").Id(r).Dot(infer.MismatchesField), jen.Id("data"), decoderExpr(v))).Block(
				jen.Return(jen.Nil()),
			),
		))
	}
	fields = append(fields, jen.Add(docComment(
		infer.MismatchesField+" lists the members that did not fit when decoded.",
	)).Id(infer.MismatchesField).Index().Id("Mismatch"))
	doc := append(append([]string{}, t.Doc...),
		"Exactly one field is set, the one for the kind of JSON value; a "+t.Name,
		"with none set encodes as null.",
	)
	unmarshal = append([]jen.Code{jen.Case(jen.LitRune('n')).Block(jen.Return(jen.Nil()))}, unmarshal...)
	return []jen.Code{
		jen.Add(docComment(doc...)).Type().Id(t.Name).Struct(fields...),
		jen.Add(docComment(
			infer.MarshalMethod+" encodes the field of "+r+" that is set, or null when none is.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Switch().Block(marshal...),
			jen.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil()),
		),
		jen.Add(docComment(
			infer.UnmarshalMethod+" sets the field of "+r+" for the kind of JSON value in data; null",
			"sets none. A value that fits no field is an error.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id(r).Op("=").Id(t.Name).Values(),
			jen.Switch(jen.Id("jsonKind").Call(jen.Id("data"))).Block(unmarshal...),
			jen.Return(jen.Id("unionError").Call(jen.Lit(t.Name), jen.Id("data"))),
		),
		mismatchesMethod(t),
	}
}
