package gotype

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// objectDecls declares an object type and its two methods.
func objectDecls(t *infer.Type) []jen.Code {
	r := receiver(t)
	var fields []jen.Code
	for _, f := range t.Fields {
		field := jen.Id(f.GoName).Add(FieldExpr(f))
		if tagged(f.Key) {
			field.Tag(map[string]string{"json": f.Key + ",omitempty"})
		} else {
			field.Comment("key " + strconv.QuoteToASCII(f.Key))
		}
		fields = append(fields, field)
	}
	fields = append(fields, jen.Add(docComment(
		infer.ExtraField+" holds the members whose keys match no field of "+t.Name+", and",
		"those that were null or did not fit their field's type when decoded,",
		"so that encoding writes them back.",
	)).Id(infer.ExtraField).Map(jen.String()).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": "-"}))
	fields = append(fields, jen.Add(docComment(
		infer.MismatchesField+" lists the members that did not fit when decoded.",
	)).Id(infer.MismatchesField).Index().Id("Mismatch"))
	decl := jen.Add(docComment(t.Doc...)).Type().Id(t.Name).Struct(fields...)

	var marshal []jen.Code
	marshal = append(marshal, jen.Var().Id("enc").Id("objectEncoder"))
	for _, f := range t.Fields {
		v := jen.Id(r).Dot(f.GoName)
		write := jen.Id("enc").Dot("field").Call(jen.Lit(f.Key), v.Clone())
		if fieldSetter(f) == "setNullable" {
			marshal = append(marshal, jen.If(v.Clone().Dot("Present").Call()).Block(write))
		} else {
			marshal = append(marshal, jen.If(v.Clone().Op("!=").Nil()).Block(write))
		}
	}
	marshal = append(marshal, jen.Return(jen.Id("enc").Dot("end").Call(jen.Id(r).Dot(infer.ExtraField))))

	var cases []jen.Code
	for _, f := range t.Fields {
		dst := jen.Op("&").Id(r).Dot(f.GoName)
		var set jen.Code
		if setter := fieldSetter(f); setter == "setRaw" {
			set = jen.Id(setter).Call(jen.Id("mem"), dst)
		} else {
			set = setterID(setter, f.Type).Call(jen.Id("mem"), dst, jen.Lit(fmt.Sprintf("%#v", fieldExpr(f))), decoderExpr(f.Type))
		}
		cases = append(cases, jen.Case(jen.Lit(f.Key)).Block(set))
	}
	var fn *jen.Statement
	if len(cases) == 0 {
		fn = jen.Func().Params(jen.Op("*").Id("member")).Block()
	} else {
		fn = jen.Func().Params(jen.Id("mem").Op("*").Id("member")).Block(
			jen.Switch(jen.Id("mem").Dot("key")).Block(cases...),
		)
	}

	return []jen.Code{
		decl,
		jen.Add(docComment(
			infer.MarshalMethod+" encodes "+r+" as a JSON object: its fields in order, leaving out absent",
			"ones, then the members of ["+t.Name+"."+infer.ExtraField+"] sorted by key.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Block(marshal...),
		jen.Add(docComment(
			infer.UnmarshalMethod+" decodes a JSON object into "+r+", matching keys exactly. Members with",
			"other keys, null members of fields that cannot hold null and members that do",
			"not fit their field's type go to ["+t.Name+"."+infer.ExtraField+"]; see [Mismatches].",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id(r).Op("=").Id(t.Name).Values(),
			jen.Return(jen.Id("decodeObject").Call(jen.Id("data"), jen.Op("&").Id(r).Dot(infer.ExtraField), jen.Op("&").Id(r).Dot(infer.MismatchesField), fn)),
		),
		mismatchesMethod(t),
	}
}

// mismatchesMethod declares the jsonMismatches method of an object or union
// type, which the runtime's Mismatches and decodeNamed call.
func mismatchesMethod(t *infer.Type) jen.Code {
	r := receiver(t)
	return jen.Add(docComment(
		infer.MismatchesMethod + " returns the members that did not fit when " + r + " was decoded.",
	)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.MismatchesMethod).Params().Index().Id("Mismatch").Block(
		jen.Return(jen.Id(r).Dot(infer.MismatchesField)),
	)
}

// tagged reports whether a key can be written in a json struct tag that
// encoding/json reads back as the same key and go vet accepts: no
// characters outside those encoding/json allows, not empty, not "-", and no
// spaces (which vet calls suspicious).
func tagged(key string) bool {
	if key == "" || key == "-" {
		return false
	}
	for _, c := range key {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
