package gotype

import (
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
			v := f.Key
			if f.Optional {
				v += ",omitempty"
			}
			field.Tag(map[string]string{"json": v})
		} else {
			field.Comment("key " + strconv.QuoteToASCII(f.Key))
		}
		fields = append(fields, field)
	}
	fields = append(fields, jen.Add(docComment(
		"Extra holds the members whose keys match no field of "+t.Name+",",
		"so that encoding writes them back.",
	)).Id("Extra").Map(jen.String()).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": "-"}))
	decl := jen.Add(docComment(t.Doc...)).Type().Id(t.Name).Struct(fields...)

	var marshal []jen.Code
	marshal = append(marshal, jen.Var().Id("enc").Id("objectEncoder"))
	for _, f := range t.Fields {
		v := jen.Id(r).Dot(f.GoName)
		write := jen.Id("enc").Dot("field").Call(jen.Lit(f.Key), v.Clone())
		switch {
		case !f.Optional && f.Type.Kind == infer.Array && !f.Nullable:
			// A slice that is never null nor missing encodes nil as [].
			marshal = append(marshal, jen.If(v.Clone().Op("==").Nil()).Block(
				jen.Id("enc").Dot("field").Call(jen.Lit(f.Key), baseExpr(f.Type).Values()),
			).Else().Block(write))
		case !f.Optional:
			marshal = append(marshal, write)
		case f.Nullable && f.Type.Kind != infer.Unknown:
			marshal = append(marshal, jen.If(v.Clone().Dot("Present").Call()).Block(write))
		default:
			marshal = append(marshal, jen.If(v.Clone().Op("!=").Nil()).Block(write))
		}
	}
	marshal = append(marshal, jen.Return(jen.Id("enc").Dot("end").Call(jen.Id(r).Dot("Extra"))))

	var fn *jen.Statement
	if len(t.Fields) == 0 {
		fn = jen.Func().Params(jen.String(), jen.Qual(jsonPkg, "RawMessage")).Params(jen.Bool(), jen.Error()).Block(
			jen.Return(jen.False(), jen.Nil()),
		)
	} else {
		var cases []jen.Code
		for _, f := range t.Fields {
			cases = append(cases, jen.Case(jen.Lit(f.Key)).Block(
				jen.Return(jen.True(), jen.Qual(jsonPkg, "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id(r).Dot(f.GoName))),
			))
		}
		fn = jen.Func().Params(jen.Id("key").String(), jen.Id("raw").Qual(jsonPkg, "RawMessage")).Params(jen.Bool(), jen.Error()).Block(
			jen.Switch(jen.Id("key")).Block(cases...),
			jen.Return(jen.False(), jen.Nil()),
		)
	}

	return []jen.Code{
		decl,
		jen.Add(docComment(
			"MarshalJSON encodes "+r+" as a JSON object: its fields in order, leaving out absent",
			"ones, then the members of ["+t.Name+".Extra] sorted by key.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshal...),
		jen.Add(docComment(
			"UnmarshalJSON decodes a JSON object into "+r+", matching keys exactly; members with",
			"other keys go to ["+t.Name+".Extra].",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id(r).Op("=").Id(t.Name).Values(),
			jen.Return(jen.Id("decodeObject").Call(jen.Id("data"), fn, jen.Op("&").Id(r).Dot("Extra"))),
		),
	}
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
