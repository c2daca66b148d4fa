package model

import (
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// Parameters and form fields carry one scalar Go type each, chosen by
// paramKind here. generator/emit/params.go is the one place that maps a
// kind to its Go type, its wire text and the value the generated tests and
// examples pass.
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
		if n, ok := ParseParamInt(v); !ok || n > maxExactInt || n < -maxExactInt {
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

// ParseParamInt parses a decimal integer written as an example would be:
// an optional minus sign, digits, no leading zero, within int64.
func ParseParamInt(s string) (int64, bool) {
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
