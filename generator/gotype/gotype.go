// Package gotype writes the Go declarations of inferred types with jen.
//
// # Go types
//
// Each kind of [infer.Type] becomes:
//
//	Unknown    json.RawMessage
//	Bool       bool
//	Int        int64
//	Float      float64
//	BigNumber  json.Number
//	String     string
//	Time       Time (the runtime's; it embeds time.Time)
//	Date       Date (the runtime's; it embeds time.Time)
//	Object     a named struct
//	Union      a named struct with one field per variant
//	Array      []E
//
// Every member of every object is optional, so that the zero value of every
// object type encodes as {} and a request carries only what the caller set.
// Where a value sits decides how absence and null are kept apart:
//
//	place                              Go type            absent   null
//	member, never null in the samples  *T                 nil      kept in Extra
//	member, null in some sample        Nullable[T]        zero     Null true
//	member of an array type            []E                nil      kept in Extra
//	member of unknown type             json.RawMessage    nil      the bytes null
//	array element, never null          T                  -        does not fit
//	array element, sometimes null      *T                 -        nil
//	body root, never null              T                  -        -
//	body root, sometimes null          *T                 -        nil
//
// A non-nil empty slice encodes as [], so a caller can send an empty array
// on purpose; the same holds for 0, false and "" behind a pointer. Array
// elements that are slices or raw JSON need no pointer for null, since nil
// encodes as null.
//
// # Decoding
//
// Decoding is lenient and lossless (see the runtime's json.go): a member
// whose JSON value does not fit its field's Go type (another JSON kind, a
// number the type cannot hold exactly, a string that is not a valid time,
// an array with one element that does not fit, a kind that is none of a
// union's variants) leaves the field unset, is kept raw in Extra and is
// recorded as a Mismatch; a null member of a field that cannot hold null is
// kept raw in Extra too, without a Mismatch. So decoding then encoding
// gives back the JSON received, as JSON values. Each field is decoded by a
// runtime decoder that accepts exactly the values its Go type encodes back
// unchanged: decodeInt, decodeFloat, decodeString, decodeTime, decodeDate,
// decodeNamed, decodeSlice, ... (see kindOf), and encoded by the matching
// encoder (encodeInt, ...).
//
// # Objects
//
// An object type is a struct with one field per key, in the inferred
// order, and a last field Extra of type map[string]json.RawMessage that
// keeps the members with other keys, such as those a later version of the
// API adds. Each struct gets MarshalJSON and UnmarshalJSON methods, and
// the encodeJSON and decodeJSON methods they call, which read and write
// the JSON text member by member with the runtime's jsonReader and
// jsonWriter (no reflection, no map of members), matching keys exactly (a
// switch on the key), instead of relying on struct tags: tags
// cannot spell every key ("", "a,b", `a"b`), and encoding/json matches keys
// case-insensitively, which would confuse "Owner" with "owner". Encoding
// writes the fields in order, leaving out absent ones, then the members of
// Extra sorted by key. Fields still carry a `json:"key"` tag
// (`json:"key,omitempty"` when optional) where the key can be spelled in
// one, for readers; the methods are what count.
//
// The field name Extra is reserved in every struct before the fields are
// named, so a key "extra" becomes the field Extra2 (see package infer).
//
// # Unions
//
// A union type has one field per JSON kind seen, named after its Go kind:
// Bool, Int, Float or Number, String, Time or Date, Object, Array. Scalars
// and objects are pointers and the array a slice, so the set field is the
// one that is not nil. Decoding sets the field for the kind of the JSON value;
// encoding writes the first field set, and a union with none set encodes as
// null.
//
// # Aliases
//
// A named type that package infer found to be the same as one of another
// name ([infer.Type.Alias]) is declared as a Go alias of it, with its own
// doc comment and no methods: type AddCurrenciesError = GetCurrenciesError.
// Every name stays usable everywhere, and the two names are one type.
package gotype

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

const jsonPkg = "encoding/json"

// ExprImports lists the paths of the packages a type from [Expr] may refer
// to, so that code declaring locals next to such types can keep off their
// names.
func ExprImports() []string {
	return []string{jsonPkg}
}

// goKind is how values of one kind of [infer.Type] are written in Go: the
// Go type of its values (nil for Object, Union and Array, which depend on
// the type) and the runtime function that decodes them.
type goKind struct {
	goType  func() *jen.Statement
	decoder string
	encoder string
	// setter, when not "", sets a pointer field of the kind in place of
	// setPtr with decoder.
	setter string
}

// kindOf returns the Go form of t's kind, the one place that ties a kind to
// its Go type and decoder; a kind it does not list is kept as raw JSON.
func kindOf(t *infer.Type) goKind {
	switch t.Kind {
	case infer.Bool:
		return goKind{jen.Bool, "decodeBool", "encodeBool", "setBool"}
	case infer.Int:
		return goKind{jen.Int64, "decodeInt", "encodeInt", "setInt"}
	case infer.Float:
		return goKind{jen.Float64, "decodeFloat", "encodeFloat", "setFloat"}
	case infer.BigNumber:
		return goKind{func() *jen.Statement { return jen.Qual(jsonPkg, "Number") }, "decodeNumber", "encodeNumber", ""}
	case infer.String:
		return goKind{jen.String, "decodeString", "encodeString", "setString"}
	case infer.Time:
		return goKind{func() *jen.Statement { return jen.Id("Time") }, "decodeTime", "encodeTime", ""}
	case infer.Date:
		return goKind{func() *jen.Statement { return jen.Id("Date") }, "decodeDate", "encodeDate", ""}
	case infer.Object, infer.Union:
		return goKind{nil, "decodeNamed", "encodeNamed", ""}
	case infer.Array:
		return goKind{nil, "decodeSlice", "encodeSliceOf", ""}
	}
	return goKind{func() *jen.Statement { return jen.Qual(jsonPkg, "RawMessage") }, "decodeRaw", "encodeRaw", ""}
}

// isRaw reports whether values of t are kept as raw JSON, which holds null
// itself.
func isRaw(t *infer.Type) bool {
	return kindOf(t).decoder == "decodeRaw"
}

// Expr returns the Go type of a body root: the type of t, as a pointer
// when the root is sometimes null.
func Expr(t *infer.Type) jen.Code {
	return elemExpr(t)
}

// FieldExpr returns the Go type of an object's field, following the table
// in the package documentation.
func FieldExpr(f *infer.Field) jen.Code {
	return fieldExpr(f)
}

// fieldExpr is FieldExpr as a statement.
func fieldExpr(f *infer.Field) *jen.Statement {
	base := baseExpr(f.Type)
	switch {
	case isRaw(f.Type):
		return base
	case f.Nullable:
		return jen.Id("Nullable").Types(base)
	case f.Type.Kind == infer.Array:
		return base
	}
	return jen.Op("*").Add(base)
}

// fieldSetter names the runtime function that sets a field from a member.
func fieldSetter(f *infer.Field) string {
	switch {
	case isRaw(f.Type):
		return "setRaw"
	case f.Nullable:
		return "setNullable"
	case f.Type.Kind == infer.Array:
		return "setSlice"
	}
	return "setPtr"
}

// elemExpr returns the Go type of an array element or a body root: T, or
// *T when it is sometimes null (slices and raw JSON need no pointer).
func elemExpr(t *infer.Type) *jen.Statement {
	base := baseExpr(t)
	if t.Nullable && t.Kind != infer.Array && !isRaw(t) {
		return jen.Op("*").Add(base)
	}
	return base
}

// baseExpr returns the Go type of t's values.
func baseExpr(t *infer.Type) *jen.Statement {
	switch t.Kind {
	case infer.Object, infer.Union:
		if t.Name == "" {
			panic("gotype: an object or union type has no name; (*infer.Graph).Finish must run first")
		}
		return jen.Id(t.Name)
	case infer.Array:
		return jen.Index().Add(elemExpr(t.Elem))
	}
	return kindOf(t).goType()
}

// decoderExpr returns the runtime decoder of t's values (a decodeFunc of
// baseExpr(t)).
func decoderExpr(t *infer.Type) *jen.Statement {
	k := kindOf(t)
	switch t.Kind {
	case infer.Object, infer.Union:
		return jen.Id(k.decoder).Types(jen.Id(t.Name))
	case infer.Array:
		d := jen.Id(k.decoder)
		if arrayDepth(t) > maxInferredDepth {
			// go/types cannot infer the element type of so deep a nest.
			d.Types(elemExpr(t.Elem))
		}
		return d.Call(elemDecoder(t.Elem))
	}
	return jen.Id(k.decoder)
}

// encoderExpr returns the runtime encoder of t's values (an encodeFunc of
// baseExpr(t)).
func encoderExpr(t *infer.Type) *jen.Statement {
	k := kindOf(t)
	switch t.Kind {
	case infer.Object, infer.Union:
		return jen.Id(k.encoder).Types(jen.Id(t.Name))
	case infer.Array:
		e := jen.Id(k.encoder)
		if arrayDepth(t) > maxInferredDepth {
			e.Types(elemExpr(t.Elem))
		}
		return e.Call(elemEncoder(t.Elem))
	}
	return jen.Id(k.encoder)
}

// elemEncoder returns the encoder of an array element of type t, which
// writes nil as null when the element is sometimes null (a nil slice is
// null already).
func elemEncoder(t *infer.Type) *jen.Statement {
	e := encoderExpr(t)
	if !t.Nullable || isRaw(t) || t.Kind == infer.Array {
		return e
	}
	wrap := jen.Id("encodeOrNull")
	if arrayDepth(t) > maxInferredDepth {
		wrap.Types(baseExpr(t))
	}
	return wrap.Call(e)
}

// maxInferredDepth is how deep arrays may nest before decoderExpr spells
// the type arguments of decodeSlice that Go would otherwise infer: type
// inference gives up on types nested about a hundred deep.
const maxInferredDepth = 16

// setterID returns the name of a runtime set function (setSlice,
// setArrayVariant, setNullable) to call for a value of type t, with its
// type argument spelled when t nests arrays too deep for inference.
func setterID(name string, t *infer.Type) *jen.Statement {
	id := jen.Id(name)
	if arrayDepth(t) > maxInferredDepth {
		if name == "setNullable" || name == "encodeNullable" {
			id.Types(baseExpr(t))
		} else {
			id.Types(elemExpr(t.Elem))
		}
	}
	return id
}

// arrayDepth returns how many arrays t nests, itself included.
func arrayDepth(t *infer.Type) int {
	n := 0
	for ; t != nil && t.Kind == infer.Array; t = t.Elem {
		n++
	}
	return n
}

// elemDecoder returns the decoder of an array element of type t, which
// takes null when the element is sometimes null.
func elemDecoder(t *infer.Type) *jen.Statement {
	d := decoderExpr(t)
	var wrap *jen.Statement
	switch {
	case !t.Nullable || isRaw(t):
		return d
	case t.Kind == infer.Array:
		wrap = jen.Id("decodeOrZero")
	default:
		wrap = jen.Id("decodeOrNil")
	}
	if arrayDepth(t) > maxInferredDepth {
		wrap.Types(baseExpr(t))
	}
	return wrap.Call(d)
}

// Decls returns the declarations of every named type of g, in name order:
// each type with its doc comment, then its MarshalJSON, encodeJSON,
// UnmarshalJSON, decodeJSON and jsonMismatches methods; a type that is the
// same as one before it is a Go alias of it and has no methods of its own.
// They refer to the runtime (beginObject, jsonWriter, Time, ...) by plain
// identifiers, since the runtime files are copied into the same package.
func Decls(g *infer.Graph) []jen.Code {
	var out []jen.Code
	for _, t := range g.Named() {
		out = append(out, TypeDecls(t)...)
	}
	return out
}

// TypeDecls returns the declarations [Decls] gives for t, one of the named
// types of a graph ([infer.Graph.Named]), so that the types of a package
// can be spread over several files.
func TypeDecls(t *infer.Type) []jen.Code {
	switch {
	case t.Alias != nil:
		return []jen.Code{aliasDecl(t)}
	case t.Kind == infer.Object:
		return objectDecls(t)
	case t.Kind == infer.Union:
		return unionDecls(t)
	}
	return nil
}

// Uses returns the names of the runtime files that the declarations of g
// and the root types of its bodies need, sorted; the generator copies only
// these so that the package carries no unused code.
func Uses(g *infer.Graph) []string {
	need := map[string]bool{}
	var visit func(t *infer.Type)
	visit = func(t *infer.Type) {
		switch t.Kind {
		case infer.Time:
			// decodeTime is a decodeFunc (json.go), which names Mismatch.
			need["json.go"], need["json_mismatch.go"], need["json_time.go"] = true, true, true
		case infer.Date:
			// So is decodeDate.
			need["json.go"], need["json_mismatch.go"], need["json_date.go"] = true, true, true
		case infer.Object:
			need["json.go"], need["json_mismatch.go"], need["json_object.go"] = true, true, true
		case infer.Union:
			need["json.go"], need["json_mismatch.go"], need["json_union.go"] = true, true, true
		}
		for _, f := range t.Fields {
			if fieldSetter(f) == "setNullable" {
				need["json_nullable.go"] = true
			}
			visit(f.Type)
		}
		if t.Elem != nil {
			visit(t.Elem)
		}
		for _, v := range t.Variants {
			visit(v)
		}
	}
	for _, r := range g.Roots() {
		visit(r)
	}
	if need["json.go"] {
		need["json_reader.go"], need["json_writer.go"] = true, true
	}
	var files []string
	for f := range need {
		files = append(files, f)
	}
	slices.Sort(files)
	return files
}

// docComment writes lines as a doc comment, one // line each. Line breaks
// inside a line become spaces, so that no text can end the comment.
func docComment(lines ...string) jen.Code {
	g := jen.Null()
	for _, l := range lines {
		l = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\u2028", " ", "\u2029", " ").Replace(l)
		if strings.HasPrefix(l, "/") {
			// jen prints a comment starting with // or /* as it is.
			l = " " + l
		}
		g.Comment(l).Line()
	}
	return g
}

// receiver returns the receiver name for a type's methods: its first
// letter in lower case. Type names are ASCII and start with an upper-case
// letter, and a one-letter receiver cannot shadow the names the methods
// use (enc, data, mem, json).
func receiver(t *infer.Type) string {
	return strings.ToLower(t.Name[:1])
}
