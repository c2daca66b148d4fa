package runtime

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The files json*.go are the JSON runtime of generated types: json.go holds
// what the others share (the value decoders), json_object.go the decoding
// and encoding of object types, json_union.go that of union types,
// json_time.go the Time type, json_date.go the Date type,
// json_nullable.go the Nullable type and
// json_mismatch.go the record of members that did not fit. The generator
// copies only the files the generated types use.
//
// Decoding is lenient and lossless: a member of an object whose JSON value
// does not fit its field's Go type leaves the field unset and is kept, raw,
// in the object's Extra map, so that encoding writes it back; see
// [Mismatches]. To know whether a value fits, each field is decoded by a
// decodeFunc that accepts exactly the JSON values its Go type encodes back
// to an equal value, into a temporary that is stored only on success.

// decodeFunc decodes one JSON value into a T. It fails with errNoFit when
// the value does not fit T exactly (another JSON kind, null where T cannot
// hold it, a number T cannot hold exactly, ...). On success it also returns
// the mismatches recorded inside the value (members of nested objects kept
// raw), with paths relative to the value.
type decodeFunc[T any] func(data []byte) (T, []Mismatch, error)

// errNoFit reports a JSON value that does not fit a Go type. It carries no
// detail: the caller knows the place and records a [Mismatch].
type errNoFit struct{}

// Error says that a value does not fit.
func (errNoFit) Error() string { return "json: value does not fit its Go type" }

// jsonKind returns what kind of JSON value data holds, judged by its first
// byte after white space: '{' for an object, '[' for an array, '"' for a
// string, 't' for true or false, '0' for a number, 'n' for null, and 0 for
// anything else.
func jsonKind(data []byte) byte {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[', '"', 'n':
			return c
		case 't', 'f':
			return 't'
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return '0'
		}
		return 0
	}
	return 0
}

// kindName names a kind returned by jsonKind for error messages.
func kindName(k byte) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't':
		return "a boolean"
	case '0':
		return "a number"
	case 'n':
		return "null"
	}
	return "invalid JSON"
}

// trimJSON returns data without the white space around it.
func trimJSON(data []byte) []byte {
	return bytes.Trim(data, " \t\r\n")
}

// decodeBool decodes true or false.
func decodeBool(data []byte) (bool, []Mismatch, error) {
	switch string(trimJSON(data)) {
	case "true":
		return true, nil, nil
	case "false":
		return false, nil, nil
	}
	return false, nil, errNoFit{}
}

// decodeInt decodes an integer written without fraction or exponent that
// fits an int64.
func decodeInt(data []byte) (int64, []Mismatch, error) {
	if jsonKind(data) != '0' {
		return 0, nil, errNoFit{}
	}
	n, err := strconv.ParseInt(string(trimJSON(data)), 10, 64)
	if err != nil {
		return 0, nil, errNoFit{}
	}
	return n, nil, nil
}

// decodeFloat decodes a number that a float64 holds exactly enough for
// encoding/json to write back the same decimal value (see floatFits).
func decodeFloat(data []byte) (float64, []Mismatch, error) {
	if jsonKind(data) != '0' {
		return 0, nil, errNoFit{}
	}
	f, ok := floatFits(string(trimJSON(data)))
	if !ok {
		return 0, nil, errNoFit{}
	}
	return f, nil, nil
}

// floatFits parses the JSON number text and reports whether a float64
// holds it exactly enough: encoding/json writes a float64 with the shortest
// digits that read back as the same float64 (in 'f' or 'e' form, which
// both have the decimal value of 'g' with precision -1), so the number fits
// when those digits have the same decimal value as text.
func floatFits(text string) (float64, bool) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, false
	}
	return f, sameDecimal(text, strconv.FormatFloat(f, 'g', -1, 64))
}

// decodeNumber decodes any number, kept as its text.
func decodeNumber(data []byte) (json.Number, []Mismatch, error) {
	if jsonKind(data) != '0' {
		return "", nil, errNoFit{}
	}
	return json.Number(trimJSON(data)), nil, nil
}

// decodeString decodes a string.
func decodeString(data []byte) (string, []Mismatch, error) {
	data = trimJSON(data)
	if jsonKind(data) != '"' {
		return "", nil, errNoFit{}
	}
	// Most strings have no escapes: take their text as it is.
	if len(data) >= 2 {
		if inner := data[1 : len(data)-1]; bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			return string(inner), nil, nil
		}
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return "", nil, errNoFit{}
	}
	return s, nil, nil
}

// decodeRaw keeps any JSON value, null included, as it is.
func decodeRaw(data []byte) (json.RawMessage, []Mismatch, error) {
	return json.RawMessage(trimJSON(data)), nil, nil
}

// decodeNamed decodes a value of a generated object or union type T, which
// must not be null (a null element of an array whose elements are never
// null does not fit).
func decodeNamed[T any, P interface {
	*T
	json.Unmarshaler
	mismatchRecorder
}](data []byte) (T, []Mismatch, error) {
	var v T
	if jsonKind(data) == 'n' {
		return v, nil, errNoFit{}
	}
	if err := P(&v).UnmarshalJSON(data); err != nil {
		return v, nil, errNoFit{}
	}
	return v, P(&v).jsonMismatches(), nil
}

// decodeSlice returns a decoder of arrays whose elements elem decodes. An
// array with one element that does not fit does not fit. An empty array
// gives an empty slice that is not nil, which encodes back as [].
func decodeSlice[E any](elem decodeFunc[E]) decodeFunc[[]E] {
	return func(data []byte) ([]E, []Mismatch, error) {
		if jsonKind(data) != '[' {
			return nil, nil, errNoFit{}
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, nil, errNoFit{}
		}
		out := make([]E, len(raws))
		var ms []Mismatch
		for i, raw := range raws {
			v, sub, err := elem(raw)
			if err != nil {
				return nil, nil, err
			}
			out[i] = v
			ms = appendMismatches(ms, "["+strconv.Itoa(i)+"]", sub)
		}
		return out, ms, nil
	}
}

// decodeOrNil returns a decoder of *T for array elements that may be null:
// null gives nil, which encodes back as null.
func decodeOrNil[T any](dec decodeFunc[T]) decodeFunc[*T] {
	return func(data []byte) (*T, []Mismatch, error) {
		if jsonKind(data) == 'n' {
			return nil, nil, nil
		}
		v, ms, err := dec(data)
		if err != nil {
			return nil, nil, err
		}
		return &v, ms, nil
	}
}

// decodeOrZero returns a decoder for array elements of a slice type that
// may be null: null gives the nil slice, which encodes back as null.
func decodeOrZero[T any](dec decodeFunc[T]) decodeFunc[T] {
	return func(data []byte) (T, []Mismatch, error) {
		if jsonKind(data) == 'n' {
			var zero T
			return zero, nil, nil
		}
		return dec(data)
	}
}

// sameDecimal reports whether two valid JSON numbers have the same decimal
// value. Zero equals negative zero.
func sameDecimal(a, b string) bool {
	an, aok := normalizeNumber(a)
	bn, bok := normalizeNumber(b)
	return aok && bok && an == bn
}

// normalizeNumber writes a JSON number as sign, significant digits (no
// leading or trailing zeros) and exponent, so that equal values give equal
// strings. It fails when the exponent does not fit an int64.
func normalizeNumber(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 64)
		if err != nil {
			return "", false
		}
		mant, exp = s[:i], e
	}
	digits := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		frac := mant[i+1:]
		digits = mant[:i] + frac
		if exp < -1<<62 {
			return "", false
		}
		exp -= int64(len(frac))
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0", true
	}
	trimmed := strings.TrimRight(digits, "0")
	if exp > 1<<62 {
		return "", false
	}
	exp += int64(len(digits) - len(trimmed))
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + trimmed + "e" + strconv.FormatInt(exp, 10), true
}
