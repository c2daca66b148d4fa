package gotype

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// objectDecls declares an object type and its three methods: MarshalJSON
// and UnmarshalJSON, one-line calls into the runtime, and jsonFields, which
// visits each field for the runtime's codec (see the runtime's
// json_object.go).
func objectDecls(t *infer.Type) []jen.Code {
	r := receiver(t)
	fv := visitorName(r)
	var fields, visits []jen.Code
	for _, f := range t.Fields {
		field := jen.Id(f.GoName).Add(FieldExpr(f))
		if tagged(f.Key) {
			field.Tag(map[string]string{"json": f.Key + ",omitempty"})
		} else {
			field.Comment("key " + strconv.QuoteToASCII(f.Key))
		}
		fields = append(fields, field)
		if escaped(f.Key) {
			visits = append(visits, jen.Id(fv).Dot("escapeNext").Call())
		}
		visits = append(visits, visitCall(fv, f.Key, jen.Id(r).Dot(f.GoName), f.Type, f.Nullable))
	}
	fields = append(fields, jen.Id(infer.ExtraField).Id(infer.ExtraType).Tag(map[string]string{"json": "-"}))
	visits = append(visits, jen.Return(jen.Op("&").Id(r).Dot(infer.ExtraField)))
	return []jen.Code{
		jen.Add(docComment(t.Doc...)).Type().Id(t.Name).Struct(fields...),
		jen.Add(docComment(
			"MarshalJSON encodes the fields of "+r+" that are set, in order, then ["+t.Name+".Extra] by key.",
		)).Func().Params(jen.Id(r).Id(t.Name)).Id(infer.MarshalMethod).Params().Params(jen.Index().Byte(), jen.Error()).Add(
			oneLine(jen.Return(jen.Id("marshalObject").Call(jen.Op("&").Id(r)))),
		),
		jen.Add(docComment(
			"UnmarshalJSON decodes a JSON object or null into " + r + ", matching keys exactly; see [Mismatches].",
		)).Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.UnmarshalMethod).Params(jen.Id("data").Index().Byte()).Error().Add(
			oneLine(jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), jen.Id(r)))),
		),
		jen.Func().Params(jen.Id(r).Op("*").Id(t.Name)).Id(infer.FieldsMethod).Params(jen.Id(fv).Op("*").Id("fieldVisitor")).Op("*").Id(infer.ExtraType).Block(visits...),
	}
}

// visitCall returns the call that visits a field dst of type t whose
// member has the key (the runtime's visit functions): visitRaw for raw
// JSON, visitNullable for a Nullable, visitObjects for a slice of objects
// that are never null, visitSlice for another slice, and for a pointer the
// kind's own visit function or visitPtr with the codec. Union variants are
// visited the same way with the key "".
func visitCall(fv, key string, dst *jen.Statement, t *infer.Type, nullable bool) jen.Code {
	args := []jen.Code{jen.Id(fv), jen.Lit(key), jen.Op("&").Add(dst)}
	k := kindOf(t)
	switch {
	case isRaw(t):
		return jen.Id(k.visit).Call(args...)
	case nullable:
		return generic("visitNullable", t, baseExpr(t)).Call(append(args, codecExpr(t))...)
	case t.Kind == infer.Array && t.Elem.Kind == infer.Object && !t.Elem.Nullable:
		return jen.Id("visitObjects").Call(args...)
	case t.Kind == infer.Array:
		return generic("visitSlice", t, elemExpr(t.Elem)).Call(append(args, elemCodec(t.Elem))...)
	case k.visit != "":
		return jen.Id(k.visit).Call(args...)
	}
	return jen.Id("visitPtr").Call(append(args, codecExpr(t))...)
}

// escaped reports whether encoding/json writes key otherwise than between
// two quotes as it is; the runtime's writer copies every other field key
// unchecked.
func escaped(key string) bool {
	b, _ := json.Marshal(key) // a string always encodes
	return string(b) != `"`+key+`"`
}

// visitorName returns the name of the jsonFields parameter: f, or g when
// the receiver is f.
func visitorName(receiver string) string {
	if receiver == "f" {
		return "g"
	}
	return "f"
}

// oneLine returns a function body of one statement written on the line of
// the signature, as gofmt keeps it: { stmt }.
func oneLine(stmt jen.Code) jen.Code {
	return jen.Op("{").Add(stmt).Op("}")
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
