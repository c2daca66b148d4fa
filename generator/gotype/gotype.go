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
// runtime codec that accepts exactly the values its Go type encodes back
// unchanged: intCodec, floatCodec, stringCodec, timeCodec, objectCodec,
// sliceCodec, ... (see kindOf).
//
// # Objects
//
// An object type is a struct with one field per key, in the inferred
// order, and a last field Extra of the runtime's type Extra (a
// map[string]json.RawMessage, documented once there) that keeps the
// members with other keys, such as those a later version of the API adds.
// Each struct gets MarshalJSON and UnmarshalJSON methods, one-line
// calls into the runtime, and a jsonFields method that hands each field,
// with its key, to the runtime's visit function for its Go type
// (visitString, visitPtr with a codec, visitObject, visitSlice,
// visitNullable, visitRaw, ...) and returns the address of Extra. The
// runtime (json_object.go) decodes, encodes and finds Mismatches through
// that one method, reading and writing the JSON text member by member with
// its jsonReader and jsonWriter (no reflection, no map of members),
// matching keys exactly, instead of relying on struct tags: tags cannot
// spell every key ("", "a,b", `a"b`), and encoding/json matches keys
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
// one that is not nil. Its jsonVariants method visits the fields like
// jsonFields, with the key "". Decoding sets the field for the kind of the
// JSON value; encoding writes the first field set, and a union with none set
// encodes as null.
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
// the type), the runtime function that returns their codec (the runtime's
// codec: how they are decoded, encoded and searched for mismatches) and,
// when not "", the runtime function that visits a pointer field of the
// kind in place of visitPtr with the codec.
type goKind struct {
	goType func() *jen.Statement
	codec  string
	visit  string
}

// kindOf returns the Go form of t's kind, the one place that ties a kind to
// its Go type and codec; a kind it does not list is kept as raw JSON.
func kindOf(t *infer.Type) goKind {
	switch t.Kind {
	case infer.Bool:
		return goKind{jen.Bool, "boolCodec", "visitBool"}
	case infer.Int:
		return goKind{jen.Int64, "intCodec", "visitInt"}
	case infer.Float:
		return goKind{jen.Float64, "floatCodec", "visitFloat"}
	case infer.BigNumber:
		return goKind{func() *jen.Statement { return jen.Qual(jsonPkg, "Number") }, "numberCodec", ""}
	case infer.String:
		return goKind{jen.String, "stringCodec", "visitString"}
	case infer.Time:
		return goKind{func() *jen.Statement { return jen.Id("Time") }, "timeCodec", ""}
	case infer.Date:
		return goKind{func() *jen.Statement { return jen.Id("Date") }, "dateCodec", ""}
	case infer.Object:
		return goKind{nil, "objectCodec", "visitObject"}
	case infer.Union:
		return goKind{nil, "unionCodec", "visitUnion"}
	case infer.Array:
		return goKind{nil, "sliceCodec", ""}
	}
	return goKind{func() *jen.Statement { return jen.Qual(jsonPkg, "RawMessage") }, "rawCodec", "visitRaw"}
}

// isRaw reports whether values of t are kept as raw JSON, which holds null
// itself.
func isRaw(t *infer.Type) bool {
	return kindOf(t).codec == "rawCodec"
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

// codecExpr returns the runtime codec of t's values (a codec of
// baseExpr(t)).
func codecExpr(t *infer.Type) *jen.Statement {
	k := kindOf(t)
	switch t.Kind {
	case infer.Object, infer.Union:
		return jen.Id(k.codec).Types(jen.Id(t.Name)).Call()
	case infer.Array:
		return generic(k.codec, t, elemExpr(t.Elem)).Call(elemCodec(t.Elem))
	}
	return jen.Id(k.codec).Call()
}

// elemCodec returns the codec of an array element of type t, which takes
// null when the element is sometimes null: orNull for a pointer, orZero
// for a slice (whose nil is null); raw JSON holds null itself.
func elemCodec(t *infer.Type) *jen.Statement {
	c := codecExpr(t)
	switch {
	case !t.Nullable || isRaw(t):
		return c
	case t.Kind == infer.Array:
		return generic("orZero", t, baseExpr(t)).Call(c)
	}
	return generic("orNull", t, baseExpr(t)).Call(c)
}

// generic returns the name of a generic runtime function called with
// values of type t, with its type argument typeArg spelled when t nests
// arrays too deep for go/types to infer it.
func generic(name string, t *infer.Type, typeArg *jen.Statement) *jen.Statement {
	id := jen.Id(name)
	if arrayDepth(t) > maxInferredDepth {
		id.Types(typeArg)
	}
	return id
}

// maxInferredDepth is how deep arrays may nest before generic spells the
// type arguments that Go would otherwise infer: type inference gives up on
// types nested about a hundred deep.
const maxInferredDepth = 16

// arrayDepth returns how many arrays t nests, itself included.
func arrayDepth(t *infer.Type) int {
	n := 0
	for ; t != nil && t.Kind == infer.Array; t = t.Elem {
		n++
	}
	return n
}

// Decls returns the declarations of every named type of g, in name order:
// each type with its doc comment, then its MarshalJSON, UnmarshalJSON and
// jsonFields (or jsonVariants) methods; a type that is the same as one
// before it is a Go alias of it and has no methods of its own. They refer
// to the runtime (marshalObject, fieldVisitor, visitString, Time, ...) by plain
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
			// A union's variants are visited with the visit functions of
			// json_object.go.
			need["json.go"], need["json_mismatch.go"], need["json_object.go"], need["json_union.go"] = true, true, true, true
		}
		for _, f := range t.Fields {
			if f.Nullable && !isRaw(f.Type) {
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
