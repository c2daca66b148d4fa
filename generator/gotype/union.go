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

// unionDecls declares a union type and its methods.
func unionDecls(t *infer.Type) []jen.Code {
	r := receiver(t)
	var fields, encode, decode []jen.Code
	for _, v := range t.Variants {
		name, kind := variant(v.Kind)
		typ := baseExpr(v)
		field := jen.Id(r).Dot(name)
		var set, enc *jen.Statement
		if v.Kind == infer.Array {
			set = setterID("setArrayVariant", v).Call(jen.Id("jr"), jen.Op("&").Add(field.Clone()), jen.Op("&").Id(r).Dot(infer.MismatchesField), elemDecoder(v.Elem))
			enc = setterID("encodeSlice", v).Call(jen.Id("jw"), field.Clone(), elemEncoder(v.Elem))
		} else {
			typ = jen.Op("*").Add(typ)
			set = jen.Id("setVariant").Call(jen.Id("jr"), jen.Op("&").Add(field.Clone()), jen.Op("&").Id(r).Dot(infer.MismatchesField), decoderExpr(v))
			enc = encoderExpr(v).Call(jen.Id("jw"), field.Clone())
		}
		fields = append(fields, jen.Id(name).Add(typ))
		encode = append(encode, jen.Case(field.Clone().Op("!=").Nil()).Block(enc))
		decode = append(decode, jen.Case(jen.LitRune(rune(kind))).Block(jen.Return(set)))
	}
	fields = append(fields, jen.Add(docComment(
		"mismatches lists the members that did not fit when decoded.",
	)).Id(infer.MismatchesField).Index().Id("Mismatch"))
	doc := append(append([]string{}, t.Doc...),
		"Exactly one field is set, the one for the kind of JSON value; a "+t.Name,
		"with none set encodes as null.",
	)
	encode = append(encode, jen.Default().Block(jen.Id("jw").Dot("null").Call()))
	decode = append([]jen.Code{jen.Case(jen.LitRune('n')).Block(jen.Return(jen.Id("jr").Dot("readNull").Call()))}, decode...)
	return []jen.Code{
		jen.Add(docComment(doc...)).Type().Id(t.Name).Struct(fields...),
		jen.Add(docComment(
			"MarshalJSON encodes the field of "+r+" that is set, or null when none is.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalJSON").Call(jen.Op("&").Id(r))),
		),
		jen.Add(docComment(
			"encodeJSON writes " + r + " as MarshalJSON does.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.EncodeMethod).Params(jen.Id("jw").Op("*").Id("jsonWriter")).Block(
			jen.Switch().Block(encode...),
		),
		jen.Add(docComment(
			"UnmarshalJSON sets the field of "+r+" for the kind of JSON value in data; null",
			"sets none. A value that fits no field is an error.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Id("unmarshalUnion").Call(jen.Id("data"), jen.Lit(t.Name), jen.Id(r).Dot(infer.DecodeMethod))),
		),
		jen.Add(docComment(
			"decodeJSON decodes the next JSON value of jr into "+r+" as UnmarshalJSON does and",
			"reports whether it fits.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.DecodeMethod).Params(jen.Id("jr").Op("*").Id("jsonReader")).Bool().Block(
			jen.Op("*").Id(r).Op("=").Id(t.Name).Values(),
			jen.Switch(jen.Id("jr").Dot("kind").Call()).Block(decode...),
			jen.Return(jen.False()),
		),
		mismatchesMethod(t),
	}
}
