package infer

import "strings"

// Postman's OpenAPI importer (openapi-to-postmanv2) writes type
// placeholders where a collection made by hand has values: "<integer>",
// "<string,null>", "<number,null-double>", "<dateTime>". They name a type,
// not a value, so they are read as types wherever they appear: body
// members, query and header values, path variables and form fields. This
// file is the one place that knows them.

// Placeholder is what a type placeholder says about a value.
type Placeholder struct {
	// Kind is the type: Bool, Int, Float, String, Time, Date, or Unknown
	// for any JSON value ("<object>", "<Circular reference ...>").
	Kind Kind
	// Nullable reports that the placeholder allows null ("<string,null>");
	// Null that it allows nothing but null ("<null>").
	Nullable bool
	Null     bool
	// Format is the format word after the type ("uuid", "uri", "email",
	// "date-time", "double"), in lower case, "" when none; for a bare
	// format placeholder such as "<uuid>" it is that word.
	Format string
	// Binary reports a placeholder for raw bytes ("<binary>"): a file in a
	// form, a stream as a body.
	Binary bool
}

// placeholderTypes maps the type and format words the importer writes,
// in lower case, to the kind they stand for. Formats appear alone
// ("<uuid>") or after a type and "null-" ("<string,null-uri>").
var placeholderTypes = map[string]Kind{
	"string": String, "uuid": String, "uri": String, "url": String,
	"email": String, "hostname": String, "ipv4": String, "ipv6": String,
	"password": String, "byte": String, "binary": String,
	"integer": Int, "long": Int, "int32": Int, "int64": Int,
	"number": Float, "double": Float, "float": Float, "decimal": Float,
	"boolean":  Bool,
	"datetime": Time, "date-time": Time,
	"date":   Date,
	"object": Unknown, "array": Unknown, "any": Unknown,
}

// tooDeep is what the importer writes, between angle brackets, where a
// schema nests too deeply for it to make up an example.
const tooDeep = "Error: Too many levels of nesting to fake this schema"

// ParsePlaceholder reports whether s, a whole value, is a type placeholder,
// and what it says. Text that merely contains angle brackets ("<p>Hi</p>",
// "<API Key>") is not one.
func ParsePlaceholder(s string) (Placeholder, bool) {
	if len(s) < 3 || s[0] != '<' || s[len(s)-1] != '>' {
		return Placeholder{}, false
	}
	inner := s[1 : len(s)-1]
	if strings.HasPrefix(inner, "Circular reference to ") || inner == tooDeep {
		// The importer's stand-ins for a schema that refers to itself and
		// for one nested too deeply to fake: any JSON value may stand
		// there.
		return Placeholder{Kind: Unknown}, true
	}
	typ, rest, hasRest := strings.Cut(inner, ",")
	typ = strings.ToLower(typ)
	if typ == "null" && !hasRest {
		return Placeholder{Kind: Unknown, Nullable: true, Null: true}, true
	}
	k, ok := placeholderTypes[typ]
	if !ok {
		return Placeholder{}, false
	}
	p := Placeholder{Kind: k, Binary: typ == "binary"}
	if typ != "string" && typ != "integer" && typ != "number" && typ != "boolean" && typ != "object" && typ != "array" {
		p.Format = typ
	}
	if hasRest {
		// ",null" optionally followed by "-format".
		format, isNull := strings.CutPrefix(strings.ToLower(rest), "null")
		if !isNull {
			return Placeholder{}, false
		}
		p.Nullable = true
		if format != "" {
			f, ok := strings.CutPrefix(format, "-")
			if !ok || f == "" {
				return Placeholder{}, false
			}
			p.Format = f
			switch f {
			case "date-time", "datetime":
				p.Kind = Time
			case "date":
				p.Kind = Date
			case "int32", "int64", "long":
				p.Kind = Int
			case "double", "float":
				p.Kind = Float
			}
		}
	}
	return p, true
}

// Example returns a JSON value of the type p names, the same for the same
// placeholder, for tests and examples that must not carry placeholder
// text: 1 for an integer, 1.5 for a number, true, a fixed date-time or
// date, a string that fits the format (an address for "<email>", a URL for
// "<uri>", "string" when no format says more), {} for any JSON value and
// null for "<null>". A nullable placeholder gets a value of its type, not
// null.
func (p Placeholder) Example() string {
	if p.Null {
		return "null"
	}
	switch p.Kind {
	case Unknown:
		return "{}"
	case Bool:
		return "true"
	case Int:
		return "1"
	case Float:
		return "1.5"
	case Time:
		return `"2024-01-02T03:04:05Z"`
	case Date:
		return `"2024-01-02"`
	}
	switch p.Format {
	case "uuid":
		return `"00000000-0000-4000-8000-000000000000"`
	case "uri", "url":
		return `"https://example.com/"`
	case "email":
		return `"user@example.com"`
	case "hostname":
		return `"example.com"`
	case "ipv4":
		return `"192.0.2.1"`
	case "ipv6":
		return `"2001:db8::1"`
	case "byte":
		return `"c3RyaW5n"` // base64 of "string"
	}
	return `"string"`
}
