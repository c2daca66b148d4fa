package runtime

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The files json*.go are the JSON runtime of generated types: json.go holds
// what the others share (the value decoders and the codecs), json_reader.go
// and json_writer.go the streaming reader and writer, json_object.go the
// visit functions that the generated jsonFields methods call, with which
// object types decode and encode themselves, json_union.go the same for
// union types, json_time.go the Time type, json_date.go the Date type,
// json_nullable.go the Nullable type and json_mismatch.go the visitor and
// Mismatches, which finds the members that did not fit. The generator
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
// partly set: the caller goes back to where the value starts.
type decodeFunc[T any] func(d *jsonReader, v *T) bool

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

// codec is how values of one Go type T are read, written and searched for
// mismatches: the generated jsonFields methods hand one to the visit
// functions of array fields (visitSlice) and others (visitPtr). kind is the
// jsonKind byte of the JSON values T takes, for union variants; walk, nil
// for types that hold no object, appends the mismatches inside a value to
// the visitor's ms (see Mismatches).
type codec[T any] struct {
	kind byte
	dec  decodeFunc[T]
	enc  encodeFunc[T]
	walk func(f *fieldVisitor, v *T)
}

// boolCodec is the codec of bool.
func boolCodec() codec[bool] { return codec[bool]{'t', decodeBool, encodeBool, nil} }

// intCodec is the codec of int64.
func intCodec() codec[int64] { return codec[int64]{'0', decodeInt, encodeInt, nil} }

// floatCodec is the codec of float64.
func floatCodec() codec[float64] { return codec[float64]{'0', decodeFloat, encodeFloat, nil} }

// numberCodec is the codec of json.Number.
func numberCodec() codec[json.Number] {
	return codec[json.Number]{'0', decodeNumber, encodeNumber, nil}
}

// stringCodec is the codec of string.
func stringCodec() codec[string] { return codec[string]{'"', decodeString, encodeString, nil} }

// rawCodec is the codec of json.RawMessage, which takes any value.
func rawCodec() codec[json.RawMessage] {
	return codec[json.RawMessage]{0, decodeRaw, encodeRaw, nil}
}

// sliceCodec is the codec of arrays whose elements elem reads and writes.
// An array with one element that does not fit does not fit.
func sliceCodec[E any](elem codec[E]) codec[[]E] {
	c := codec[[]E]{
		kind: '[',
		dec:  func(d *jsonReader, v *[]E) bool { return decodeSliceInto(d, v, elem.dec) },
		enc:  func(w *jsonWriter, v *[]E) { encodeSlice(w, *v, elem.enc) },
	}
	if elem.walk != nil {
		c.walk = func(f *fieldVisitor, v *[]E) { walkSlice(f, *v, elem.walk) }
	}
	return c
}

// walkSlice appends the mismatches inside the elements of v to f.ms, each
// under its index.
func walkSlice[E any](f *fieldVisitor, v []E, walk func(f *fieldVisitor, v *E)) {
	for i := range v {
		from := len(f.ms)
		walk(f, &v[i])
		f.prefixIndex(from, i)
	}
}

// orNull is the codec of array elements *T that may be null: null is nil.
func orNull[T any](c codec[T]) codec[*T] {
	out := codec[*T]{
		kind: c.kind,
		dec: func(d *jsonReader, v **T) bool {
			if d.peek() == 'n' {
				*v = nil
				return d.readNull()
			}
			p := new(T)
			if !c.dec(d, p) {
				return false
			}
			*v = p
			return true
		},
		enc: func(w *jsonWriter, v **T) {
			if *v == nil {
				w.null()
				return
			}
			c.enc(w, *v)
		},
	}
	if c.walk != nil {
		out.walk = func(f *fieldVisitor, v **T) {
			if *v != nil {
				c.walk(f, *v)
			}
		}
	}
	return out
}

// orZero is the codec of array elements of a slice type that may be null:
// null is the nil slice, which encodes back as null.
func orZero[T any](c codec[T]) codec[T] {
	dec := c.dec
	c.dec = func(d *jsonReader, v *T) bool {
		if d.peek() == 'n' {
			var zero T
			*v = zero
			return d.readNull()
		}
		return dec(d, v)
	}
	return c
}

// decodeSliceInto decodes an array whose elements elem decodes into *v. An
// array with one element that does not fit does not fit. An empty array
// gives an empty slice that is not nil, which encodes back as [].
func decodeSliceInto[E any](d *jsonReader, v *[]E, elem decodeFunc[E]) bool {
	if d.peek() != '[' || !d.enter() {
		return false
	}
	out := make([]E, 0, 4)
	first := true
	for d.nextElem(&first) {
		var e E
		if !elem(d, &e) {
			return false
		}
		out = append(out, e)
	}
	if d.err != nil {
		return false
	}
	*v = out
	return true
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
