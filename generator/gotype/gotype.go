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
// Where a value sits decides how absence and null are kept apart, so that
// every document seen in the samples decodes and encodes back to an equal
// document:
//
//	samples show the member            Go type        absent         null
//	present, never null                T              -              -
//	present, sometimes null            *T             -              nil
//	sometimes missing, never null      *T             nil            -
//	sometimes missing, sometimes null  Nullable[T]    zero value     Null true
//
// Slices and json.RawMessage need no pointer, because nil already differs
// from an empty value: a slice that is present and sometimes null is []E
// with nil for null, one that is sometimes missing is []E with nil for
// absent, and one that is both is Nullable[[]E]. A slice that is never null
// nor missing encodes nil as []. A json.RawMessage is nil when absent (or,
// for a member never missing, encodes nil as null) and holds the bytes
// "null" for null. Array elements that are sometimes null are *T (slices
// and raw JSON again need no pointer). A body root that is sometimes null
// is *T.
//
// # Objects
//
// An object type is a struct with one field per key, in the inferred
// order, and a last field Extra of type map[string]json.RawMessage that
// keeps the members with other keys, such as those a later version of the
// API adds. Each struct gets MarshalJSON and UnmarshalJSON methods that
// match keys exactly (a switch on the Go-quoted key) using the runtime's
// decodeObject and objectEncoder, instead of relying on struct tags: tags
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

// Expr returns the Go type of a body root: the type of t, as a pointer
// when the root is sometimes null.
func Expr(t *infer.Type) jen.Code {
	return siteExpr(t, false, t.Nullable)
}

// FieldExpr returns the Go type of an object's field, following the table
// in the package documentation.
func FieldExpr(f *infer.Field) jen.Code {
	return siteExpr(f.Type, f.Optional, f.Nullable)
}

// siteExpr returns the Go type of a value of type t at a place where it may
// be missing (optional) and may be null (nullable).
func siteExpr(t *infer.Type, optional, nullable bool) *jen.Statement {
	base := baseExpr(t)
	switch {
	case t.Kind == infer.Unknown:
		return base
	case optional && nullable:
		return jen.Id("Nullable").Types(base)
	case t.Kind == infer.Array:
		return base
	case optional || nullable:
		return jen.Op("*").Add(base)
	}
	return base
}

// baseExpr returns the Go type of t's values.
func baseExpr(t *infer.Type) *jen.Statement {
	switch t.Kind {
	case infer.Bool:
		return jen.Bool()
	case infer.Int:
		return jen.Int64()
	case infer.Float:
		return jen.Float64()
	case infer.BigNumber:
		return jen.Qual(jsonPkg, "Number")
	case infer.String:
		return jen.String()
	case infer.Time:
		return jen.Id("Time")
	case infer.Date:
		return jen.Id("Date")
	case infer.Object, infer.Union:
		if t.Name == "" {
			panic("gotype: an object or union type has no name; (*infer.Graph).Finish must run first")
		}
		return jen.Id(t.Name)
	case infer.Array:
		return jen.Index().Add(siteExpr(t.Elem, false, t.Elem.Nullable))
	}
	return jen.Qual(jsonPkg, "RawMessage")
}

// Decls returns the declarations of every named type of g, in name order:
// each type with its doc comment, then its MarshalJSON and UnmarshalJSON
// methods. They refer to the runtime (decodeObject, Time, ...) by plain
// identifiers, since the runtime files are copied into the same package.
func Decls(g *infer.Graph) []jen.Code {
	var out []jen.Code
	for _, t := range g.Named() {
		switch t.Kind {
		case infer.Object:
			out = append(out, objectDecls(t)...)
		case infer.Union:
			out = append(out, unionDecls(t)...)
		}
	}
	return out
}

// Uses returns the names of the runtime files that the declarations of g
// and the root types of its bodies need, sorted; the generator copies only
// these so that the package carries no unused code.
func Uses(g *infer.Graph) []string {
	need := map[string]bool{}
	var visit func(t *infer.Type, optional, nullable bool)
	visit = func(t *infer.Type, optional, nullable bool) {
		if optional && nullable && t.Kind != infer.Unknown {
			need["json_nullable.go"] = true
		}
		switch t.Kind {
		case infer.Time:
			need["json_time.go"] = true
		case infer.Date:
			need["json_date.go"] = true
		case infer.Object:
			need["json.go"], need["json_object.go"] = true, true
		case infer.Union:
			need["json.go"], need["json_union.go"] = true, true
		}
		for _, f := range t.Fields {
			visit(f.Type, f.Optional, f.Nullable)
		}
		if t.Elem != nil {
			visit(t.Elem, false, t.Elem.Nullable)
		}
		for _, v := range t.Variants {
			visit(v, false, false)
		}
	}
	for _, r := range g.Roots() {
		visit(r, false, r.Nullable)
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
// use (enc, data, key, raw, json).
func receiver(t *infer.Type) string {
	return strings.ToLower(t.Name[:1])
}
