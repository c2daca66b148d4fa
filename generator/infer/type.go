package infer

import (
	"strconv"
	"strings"
)

// The members that every generated object type declares besides its
// fields; union types declare the two JSON methods and VariantsMethod.
// generator/gotype writes them; [Graph] keeps field names off the exported
// ones.
const (
	// ExtraField holds an object's unknown and misfit members.
	ExtraField = "Extra"
	// ExtraType is the type of ExtraField, a map[string]json.RawMessage
	// the runtime declares (json_mismatch.go); the name stage reserves it
	// with the runtime's other package-level names, so no inferred type
	// takes it.
	ExtraType = "Extra"
	// MarshalMethod encodes a value.
	MarshalMethod = "MarshalJSON"
	// UnmarshalMethod decodes a value.
	UnmarshalMethod = "UnmarshalJSON"
	// FieldsMethod, on object types, visits the fields with the runtime's
	// fieldVisitor and returns the address of ExtraField; VariantsMethod
	// visits a union type's variants. The runtime decodes, encodes and
	// finds mismatches through them.
	FieldsMethod   = "jsonFields"
	VariantsMethod = "jsonVariants"
)

// Kind is the kind of an inferred type.
type Kind int

// The kinds, in the order union variants take.
const (
	// Unknown is a value seen only as null, or never seen: raw JSON.
	Unknown Kind = iota
	// Bool is true or false.
	Bool
	// Int is a number whose samples are all integers that fit int64.
	Int
	// Float is a number that float64 holds exactly enough to re-encode.
	Float
	// BigNumber is a number kept as its decimal text.
	BigNumber
	// String is a string.
	String
	// Time is a string that is an RFC 3339 date-time in every sample.
	Time
	// Date is a full-date string ("2006-01-02"), known from a type
	// placeholder.
	Date
	// Object is a JSON object, a named struct type.
	Object
	// Array is a JSON array.
	Array
	// Union is a value seen with more than one JSON kind, a named type
	// with one variant per kind.
	Union
)

var kindNames = [...]string{
	Unknown: "raw", Bool: "bool", Int: "int", Float: "float", BigNumber: "number",
	String: "string", Time: "time", Date: "date", Object: "object", Array: "array", Union: "union",
}

// String returns the kind's name as the type printer writes it.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Type is an inferred type at one position of one body. Each position has
// its own Type, so that nullability can differ between positions; types
// that [Graph.Finish] finds to be the same share one Name, and
// [Graph.Named] returns one of them to declare. Once Finish has run, the
// named types of one name (and those that are aliases of one another)
// share their Fields or Variants and every Type below them: treat a
// finished graph's types as read-only.
type Type struct {
	// Kind is what the type is.
	Kind Kind
	// Fields are an Object's fields, in the order their keys first appear
	// across the samples.
	Fields []*Field
	// Elem is an Array's element type. It is of kind Unknown when every
	// array at this position is empty.
	Elem *Type
	// Variants are a Union's forms, one per JSON kind, in Kind order; none
	// is a Union and none is Nullable.
	Variants []*Type
	// Nullable reports that this position is null in some sample (for a
	// root or an array element; a field's nullability is also in
	// [Field.Nullable]).
	Nullable bool
	// Name is the Go name of an Object or Union, set by [Graph.Finish].
	Name string
	// Shared reports that the type appears in more than one place and is
	// declared once for all of them.
	Shared bool
	// Alias, set by [Graph.Finish], is the named type this one is the same
	// as when they have different names (two roots of the same shape, or a
	// root and a nested type): this one is declared as a Go alias of it
	// (type Name = Alias.Name). Alias is the first of those names in name
	// order and never has an Alias itself; it is nil for that first type
	// and for a type with no other of its shape.
	Alias *Type
	// Doc is the doc comment of a named type, one line per element, set by
	// [Graph.Finish]. The first line starts with Name. Lines hold no
	// newlines; keys in them are Go-quoted.
	Doc []string

	// at is where a named type is, set by Add and used by Finish, which
	// drops it: nil for the other kinds, so that the many scalar and
	// array types of a large collection do not carry it.
	at *placement
}

// placement is what [Graph.Finish] needs of a named type to name it.
type placement struct {
	root   bool   // the root of a body
	parent *Type  // the nearest named type around this one, if any
	seg    string // this type's name is parent's name + seg (or seg alone)
	short  string // the name this type wants when shared
	body   *body  // the body it is in
	rel    string // where it is in the body, for the doc comment
	id     int    // structural identity, set by Finish
}

// Field is a member of an object type.
type Field struct {
	// Key is the member's key, exactly as in the JSON.
	Key string
	// GoName is the struct field's name, unique within its struct.
	GoName string
	// Type is the member's type.
	Type *Type
	// Optional reports that the key is missing from some sample.
	Optional bool
	// Nullable reports that the member is null in some sample; it equals
	// Type.Nullable.
	Nullable bool
}

// Named reports whether the type is declared with a name (an Object or a
// Union).
func (t *Type) Named() bool {
	return t.Kind == Object || t.Kind == Union
}

// String prints the type as an indented tree, for tests and debugging:
//
//	object CreateJobResponse {
//	  "data": []object CreateJobResponseData {
//	    "code": string
//	    "id" optional: nullable int
//	  }
//	}
func (t *Type) String() string {
	var b strings.Builder
	t.print(&b, 0)
	return b.String()
}

func (t *Type) print(b *strings.Builder, depth int) {
	if t.Nullable {
		b.WriteString("nullable ")
	}
	switch t.Kind {
	case Array:
		b.WriteString("[]")
		t.Elem.print(b, depth)
		return
	case Object, Union:
		b.WriteString(t.Kind.String())
		if t.Name != "" {
			b.WriteString(" " + t.Name)
		}
		var lines int
		if t.Kind == Object {
			lines = len(t.Fields)
		} else {
			lines = len(t.Variants)
		}
		if lines == 0 {
			b.WriteString(" {}")
			return
		}
		b.WriteString(" {\n")
		indent := strings.Repeat("  ", depth+1)
		for _, f := range t.Fields {
			b.WriteString(indent + strconv.Quote(f.Key))
			if f.Optional {
				b.WriteString(" optional")
			}
			b.WriteString(": ")
			f.Type.print(b, depth+1)
			b.WriteString("\n")
		}
		for _, v := range t.Variants {
			b.WriteString(indent)
			v.print(b, depth+1)
			b.WriteString("\n")
		}
		b.WriteString(strings.Repeat("  ", depth) + "}")
	default:
		b.WriteString(t.Kind.String())
	}
}
