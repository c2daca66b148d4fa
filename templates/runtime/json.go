package runtime

import (
	"encoding/json"
	"strconv"
	"strings"
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

// decodeFunc decodes the next JSON value of the reader into *v and reports
// whether it fits T exactly (another JSON kind, null where T cannot hold
// it, a number T cannot hold exactly, ... do not). It returns false too
// when the reader meets invalid JSON, which then holds the error. When the
// value does not fit, the reader may have read part of it and *v may be
// partly set: the caller goes back to where the value starts. On success
// it leaves in d.ms the mismatches recorded inside the value (members of
// nested objects kept raw), with paths relative to the value; callers set
// d.ms to nil before the call.
type decodeFunc[T any] func(d *jsonReader, v *T) bool

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

// decodeBool decodes true or false.
func decodeBool(d *jsonReader, v *bool) bool {
	b, ok := d.readBool()
	*v = b
	return ok
}

// decodeInt decodes an integer written without fraction or exponent that
// fits an int64.
func decodeInt(d *jsonReader, v *int64) bool {
	text, ok := d.readNumber()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	*v = n
	return err == nil
}

// decodeFloat decodes a number that a float64 holds exactly enough for
// encoding/json to write back the same decimal value (see floatFits).
func decodeFloat(d *jsonReader, v *float64) bool {
	text, ok := d.readNumber()
	if !ok {
		return false
	}
	f, ok := floatFits(text)
	*v = f
	return ok
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
	var buf [32]byte
	return f, sameDecimal(text, string(strconv.AppendFloat(buf[:0], f, 'g', -1, 64)))
}

// decodeNumber decodes any number, kept as its text.
func decodeNumber(d *jsonReader, v *json.Number) bool {
	text, ok := d.readNumber()
	*v = json.Number(text)
	return ok
}

// decodeString decodes a string.
func decodeString(d *jsonReader, v *string) bool {
	s, ok := d.readString()
	*v = s
	return ok
}

// decodeRaw keeps any JSON value, null included, as it is.
func decodeRaw(d *jsonReader, v *json.RawMessage) bool {
	d.ws()
	start := d.pos
	if !d.skip() {
		return false
	}
	*v = json.RawMessage(d.s[start:d.pos])
	return true
}

// decodeNamed decodes a value of a generated object or union type T, which
// must not be null (a null element of an array whose elements are never
// null does not fit).
func decodeNamed[T any, P interface {
	*T
	jsonDecoder
	mismatchRecorder
}](d *jsonReader, v *T) bool {
	if d.peek() == 'n' || !P(v).decodeJSON(d) {
		return false
	}
	d.ms = P(v).jsonMismatches()
	return true
}

// decodeSliceInto decodes an array whose elements elem decodes into *v. An
// array with one element that does not fit does not fit. An empty array
// gives an empty slice that is not nil, which encodes back as [].
func decodeSliceInto[E any](d *jsonReader, v *[]E, elem decodeFunc[E]) bool {
	if d.peek() != '[' || !d.enter() {
		return false
	}
	out := make([]E, 0, 4)
	var ms []Mismatch
	first := true
	for i := 0; d.nextElem(&first); i++ {
		var e E
		d.ms = nil
		if !elem(d, &e) {
			return false
		}
		if len(d.ms) > 0 {
			ms = appendMismatches(ms, "["+strconv.Itoa(i)+"]", d.ms)
		}
		out = append(out, e)
	}
	if d.err != nil {
		return false
	}
	*v, d.ms = out, ms
	return true
}

// decodeSlice returns a decodeFunc of arrays whose elements elem decodes,
// for arrays nested in arrays.
func decodeSlice[E any](elem decodeFunc[E]) decodeFunc[[]E] {
	return func(d *jsonReader, v *[]E) bool {
		return decodeSliceInto(d, v, elem)
	}
}

// decodeOrNil returns a decoder of *T for array elements that may be null:
// null gives nil, which encodes back as null.
func decodeOrNil[T any](dec decodeFunc[T]) decodeFunc[*T] {
	return func(d *jsonReader, v **T) bool {
		if d.peek() == 'n' {
			*v = nil
			return d.readNull()
		}
		p := new(T)
		if !dec(d, p) {
			return false
		}
		*v = p
		return true
	}
}

// decodeOrZero returns a decoder for array elements of a slice type that
// may be null: null gives the nil slice, which encodes back as null.
func decodeOrZero[T any](dec decodeFunc[T]) decodeFunc[T] {
	return func(d *jsonReader, v *T) bool {
		if d.peek() == 'n' {
			var zero T
			*v = zero
			return d.readNull()
		}
		return dec(d, v)
	}
}

// unmarshalWith decodes the JSON document data with dec, for the
// UnmarshalJSON methods of generated types: an error when data is not
// valid JSON (encoding/json's own) or when its value does not fit (then
// misfit gives the error).
func unmarshalWith(data []byte, dec func(d *jsonReader) bool, misfit func() error) error {
	d := jsonReader{s: string(data)}
	if dec(&d) && d.finish() {
		return nil
	}
	if d.err != nil {
		return syntaxError(data)
	}
	return misfit()
}

// syntaxError returns encoding/json's error for data, which the reader
// found invalid.
func syntaxError(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	// Not reached: the reader and encoding/json accept the same JSON.
	return errSyntax{}
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
