package generator

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// Parameters and form fields carry one scalar Go type each, chosen by
// paramKind, and are sent as text by formatParam. This file is the one
// place that maps a kind to its Go type, its wire text and the value the
// generated tests and examples pass.
//
// A parameter's kind is one of infer.String, Int, Float, Bool, Time and
// Date. Time and Date are both time.Time in Go: a date-only parameter is
// a time.Time sent as its calendar date in its own location
// ("2006-01-02"). The standard library has no date type, callers hold
// dates as time.Time already, and a parameter is only ever sent, never
// decoded, so a second date type would buy nothing here.

// requiredMarker is what Postman's OpenAPI importer writes at the start of
// the description of a required parameter or form field.
const requiredMarker = "(Required)"

// splitRequired strips the importer's required marker from a description
// and reports whether it was there.
func splitRequired(desc string) (string, bool) {
	t := strings.TrimSpace(desc)
	rest, ok := strings.CutPrefix(t, requiredMarker)
	if !ok {
		return desc, false
	}
	return strings.TrimSpace(rest), true
}

// paramKind gives a parameter or form field its kind from the values the
// collection shows for it (the item's own value, then each example's).
// A type placeholder decides alone: "<integer>" and "<long>" are Int,
// "<number>" Float, "<boolean>" Bool, "<dateTime>" Time, "<date>" Date,
// any other String. Without one, the kind follows the examples: Int when
// every example is a decimal integer with no leading zero ("007" is an
// ID, not a number) and at most 2^53 in magnitude, Bool when every example
// is true or false, else String. Integers beyond 2^53 are IDs: JSON APIs
// send them as strings, since a JSON number loses their last digits in
// most clients (Zoho's 19-digit record IDs), so callers hold them as
// strings too. Empty values and {{variable}} references say nothing; a
// parameter with no other value is a String.
//
// Required query parameters stay members of the Params struct, marked in
// their doc, rather than method arguments: the marker comes from the
// importer only, so a method's signature would change with how its
// collection was made, and a Zoho page iterator sets the Params it is
// given.
func paramKind(values []string) infer.Kind {
	for _, v := range values {
		if ph, ok := infer.ParsePlaceholder(strings.TrimSpace(v)); ok {
			return placeholderParamKind(ph)
		}
	}
	ints, bools, seen := true, true, false
	for _, v := range values {
		if v == "" || strings.Contains(v, "{{") {
			continue
		}
		seen = true
		if n, ok := parseParamInt(v); !ok || n > maxExactInt || n < -maxExactInt {
			ints = false
		}
		if v != "true" && v != "false" {
			bools = false
		}
	}
	switch {
	case !seen:
		return infer.String
	case ints:
		return infer.Int
	case bools:
		return infer.Bool
	}
	return infer.String
}

// placeholderParamKind is the parameter kind a placeholder names; kinds a
// parameter cannot have (any JSON value) are sent as text.
func placeholderParamKind(ph infer.Placeholder) infer.Kind {
	switch ph.Kind {
	case infer.Int, infer.Float, infer.Bool, infer.Time, infer.Date:
		return ph.Kind
	}
	return infer.String
}

// maxExactInt is the largest integer a JSON number holds exactly in most
// clients (a float64's 53-bit mantissa).
const maxExactInt = 1 << 53

// parseParamInt parses a decimal integer written as an example would be:
// an optional minus sign, digits, no leading zero, within int64.
func parseParamInt(s string) (int64, bool) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 1 && digits[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// paramType is the Go type of a parameter of kind k.
func paramType(k infer.Kind) jen.Code {
	switch k {
	case infer.Int:
		return jen.Int64()
	case infer.Float:
		return jen.Float64()
	case infer.Bool:
		return jen.Bool()
	case infer.Time, infer.Date:
		return jen.Qual("time", "Time")
	}
	return jen.String()
}

// formatParam renders v, a value of kind k, as the text sent on the wire.
func formatParam(k infer.Kind, v *jen.Statement) jen.Code {
	switch k {
	case infer.Int:
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	case infer.Float:
		return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitRune('f'), jen.Lit(-1), jen.Lit(64))
	case infer.Bool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	case infer.Time:
		return v.Dot("Format").Call(jen.Qual("time", "RFC3339"))
	case infer.Date:
		return v.Dot("Format").Call(jen.Qual("time", "DateOnly"))
	}
	return v
}

// kindDoc says, for a field's doc, how a value of kind k is sent when the
// Go type alone does not tell.
func kindDoc(k infer.Kind) string {
	switch k {
	case infer.Time:
		return "Sent as an RFC 3339 date-time, to the second."
	case infer.Date:
		return "Sent as its date, 2006-01-02, in its own location."
	}
	return ""
}

// testTime is the value tests pass for a date-time or date parameter the
// collection gives no usable example for.
func testTime() time.Time {
	return time.Date(2024, time.January, 2, 3, 4, 5, 0, time.UTC)
}

// testParamValue is the value a generated test or example passes for a
// parameter of kind k whose collection value is raw: the Go expression of
// the plain (not pointer) value and the text it is sent as. A value that
// does not fit the kind (a placeholder, a variable, an empty string) is
// replaced by one made from the kind, never passed as text.
func testParamValue(k infer.Kind, raw string) (jen.Code, string) {
	_, isPlaceholder := infer.ParsePlaceholder(strings.TrimSpace(raw))
	usable := raw != "" && !isPlaceholder && !strings.Contains(raw, "{{")
	switch k {
	case infer.Int:
		n, ok := parseParamInt(raw)
		if !ok {
			n = 1
		}
		return jen.Lit(n), strconv.FormatInt(n, 10)
	case infer.Float:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			f = 1.5
		}
		return jen.Lit(f), strconv.FormatFloat(f, 'f', -1, 64)
	case infer.Bool:
		b := raw != "false" // true unless the example says false
		return jen.Lit(b), strconv.FormatBool(b)
	case infer.Time, infer.Date:
		t := testTime()
		layout := time.RFC3339
		if k == infer.Date {
			layout = time.DateOnly
		}
		if p, err := time.Parse(layout, raw); err == nil {
			t = p.UTC().Truncate(time.Second)
		}
		return timeLit(t), t.Format(layout)
	}
	if !usable {
		raw = "example"
	}
	return jen.Lit(raw), raw
}

// timeLit is the Go expression of t, a UTC time.
func timeLit(t time.Time) jen.Code {
	return jen.Qual("time", "Date").Call(jen.Lit(t.Year()), jen.Qual("time", t.Month().String()), jen.Lit(t.Day()),
		jen.Lit(t.Hour()), jen.Lit(t.Minute()), jen.Lit(t.Second()), jen.Lit(0), jen.Qual("time", "UTC"))
}
