package gotype

import (
	"encoding/json"
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
		"Extra holds the members whose keys match no field of "+t.Name+", and",
		"those that were null or did not fit their field's type when decoded,",
		"so that encoding writes them back.",
	)).Id(infer.ExtraField).Map(jen.String()).Qual(jsonPkg, "RawMessage").Tag(map[string]string{"json": "-"}))
	fields = append(fields, jen.Add(docComment(
		"mismatches lists the members that did not fit when decoded.",
	)).Id(infer.MismatchesField).Index().Id("Mismatch"))
	decl := jen.Add(docComment(t.Doc...)).Type().Id(t.Name).Struct(fields...)

	var encode []jen.Code
	encode = append(encode, jen.Id("obj").Op(":=").Id("jw").Dot("beginObject").Call(jen.Len(jen.Id(r).Dot(infer.ExtraField)).Op(">").Lit(0)))
	for _, f := range t.Fields {
		v := jen.Id(r).Dot(f.GoName)
		write := []jen.Code{jen.Id("jw").Dot("key").Call(jen.Op("&").Id("obj"), jen.Lit(encodedKey(f.Key)))}
		cond := v.Clone().Op("!=").Nil()
		switch fieldSetter(f) {
		case "setNullable":
			cond = v.Clone().Dot("Present").Call()
			write = append(write, setterID("encodeNullable", f.Type).Call(jen.Id("jw"), jen.Op("&").Add(v.Clone()), encoderExpr(f.Type)))
		case "setSlice":
			write = append(write, setterID("encodeSlice", f.Type).Call(jen.Id("jw"), v.Clone(), elemEncoder(f.Type.Elem)))
		case "setRaw":
			write = append(write, jen.Id("encodeRaw").Call(jen.Id("jw"), jen.Op("&").Add(v.Clone())))
		default:
			write = append(write, encoderExpr(f.Type).Call(jen.Id("jw"), v.Clone()))
		}
		encode = append(encode, jen.If(cond).Block(write...))
	}
	encode = append(encode, jen.Id("jw").Dot("endObject").Call(jen.Op("&").Id("obj"), jen.Id(r).Dot(infer.ExtraField)))

	var cases []jen.Code
	for _, f := range t.Fields {
		dst := jen.Op("&").Id(r).Dot(f.GoName)
		var set jen.Code
		switch setter := fieldSetter(f); setter {
		case "setRaw":
			set = jen.Id(setter).Call(jen.Op("&").Id("obj"), dst)
		case "setSlice":
			set = setterID(setter, f.Type).Call(jen.Op("&").Id("obj"), dst, jen.Lit(fmt.Sprintf("%#v", fieldExpr(f))), elemDecoder(f.Type.Elem))
		case "setPtr":
			if k := kindOf(f.Type); k.setter != "" {
				set = jen.Id(k.setter).Call(jen.Op("&").Id("obj"), dst, jen.Lit(fmt.Sprintf("%#v", fieldExpr(f))))
				break
			}
			fallthrough
		default:
			set = setterID(setter, f.Type).Call(jen.Op("&").Id("obj"), dst, jen.Lit(fmt.Sprintf("%#v", fieldExpr(f))), decoderExpr(f.Type))
		}
		cases = append(cases, jen.Case(jen.Lit(f.Key)).Block(set))
	}
	cases = append(cases, jen.Default().Block(jen.Id("obj").Dot("keep").Call()))
	decode := []jen.Code{
		jen.Op("*").Id(r).Op("=").Id(t.Name).Values(),
		jen.Id("obj").Op(":=").Id("beginObject").Call(jen.Id("jr")),
		jen.For(jen.Id("obj").Dot("next").Call()).Block(jen.Switch(jen.Id("obj").Dot("key")).Block(cases...)),
		jen.Return(jen.Id("obj").Dot("end").Call(jen.Op("&").Id(r).Dot(infer.ExtraField), jen.Op("&").Id(r).Dot(infer.MismatchesField))),
	}

	return []jen.Code{
		decl,
		jen.Add(docComment(
			"MarshalJSON encodes "+r+" as a JSON object: its fields in order, leaving out absent",
			"ones, then the members of ["+t.Name+".Extra] sorted by key.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalJSON").Call(jen.Op("&").Id(r))),
		),
		jen.Add(docComment(
			"encodeJSON writes " + r + " as MarshalJSON does.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.EncodeMethod).Params(jen.Id("jw").Op("*").Id("jsonWriter")).Block(encode...),
		jen.Add(docComment(
			"UnmarshalJSON decodes a JSON object into "+r+", matching keys exactly. Members with",
			"other keys, null members of fields that cannot hold null and members that do",
			"not fit their field's type go to ["+t.Name+".Extra]; see [Mismatches].",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), jen.Id(r).Dot(infer.DecodeMethod))),
		),
		jen.Add(docComment(
			"decodeJSON decodes the next JSON value of jr into "+r+" as UnmarshalJSON does and",
			"reports whether it is an object or null.",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.DecodeMethod).Params(jen.Id("jr").Op("*").Id("jsonReader")).Bool().Block(decode...),
		mismatchesMethod(t),
	}
}

// encodedKey returns key as encoding/json writes it, quoted with
// "<", ">" and "&" escaped, followed by a colon.
func encodedKey(key string) string {
	b, _ := json.Marshal(key) // a string always encodes
	return string(b) + ":"
}

// mismatchesMethod declares the jsonMismatches method of an object or union
// type, which the runtime's Mismatches and decodeNamed call.
func mismatchesMethod(t *infer.Type) jen.Code {
	r := receiver(t)
	return jen.Add(docComment(
		"jsonMismatches returns the members that did not fit when " + r + " was decoded.",
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
