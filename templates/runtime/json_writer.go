package runtime

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes JSON for the generated types' encoders into buf,
// byte for byte as encoding/json's Marshal writes the same values (strings
// with "<", ">", "&", U+2028 and U+2029 escaped, floats in the same form,
// raw JSON compacted), with no reflection. The first error is kept in err
// and what follows it is not written.
type jsonWriter struct {
	buf []byte
	err error
	// keys holds the encoded keys written so far in the open objects that
	// have members in Extra, which must skip them.
	keys []string
	// lastKey and lastLen are where in buf the last key written starts
	// and how long it is, with its colon, for errors to name the member.
	lastKey, lastLen int
}

// fail keeps err, the first error, naming the member it belongs to.
func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		if w.lastLen > 0 {
			key := w.buf[w.lastKey : w.lastKey+w.lastLen-1]
			err = fmt.Errorf("member %s: %w", key, err)
		}
		w.err = err
	}
}

// objectState is an object being written.
type objectState struct {
	// n counts the members written.
	n int
	// base is where the object's keys start in jsonWriter.keys; record
	// reports that they are recorded.
	base   int
	record bool
}

// beginObject opens an object. record asks that the keys written be
// recorded, for an object with members in Extra.
func (w *jsonWriter) beginObject(record bool) objectState {
	w.buf = append(w.buf, '{')
	return objectState{base: len(w.keys), record: record}
}

// grow makes room for at least n more bytes, doubling the buffer, so that
// a large document is copied about once as it grows.
func (w *jsonWriter) grow(n int) {
	if cap(w.buf)-len(w.buf) < n {
		b := make([]byte, len(w.buf), 2*cap(w.buf)+n)
		copy(b, w.buf)
		w.buf = b
	}
}

// key writes a member's key, given encoded with its colon (`"id":`), and
// the comma before it when needed.
func (w *jsonWriter) key(o *objectState, key string) {
	// Room for the key and a short value after it.
	w.grow(len(key) + 64)
	if o.n > 0 {
		w.buf = append(w.buf, ',')
	}
	o.n++
	w.lastKey, w.lastLen = len(w.buf), len(key)
	w.buf = append(w.buf, key...)
	if o.record {
		w.keys = append(w.keys, key)
	}
}

// endObject writes the members of extra in ascending key order, skipping
// any whose key a field has written, and closes the object.
func (w *jsonWriter) endObject(o *objectState, extra map[string]json.RawMessage) {
	if len(extra) > 0 {
		written := w.keys[o.base:]
		keys := make([]string, 0, len(extra))
		for k := range extra {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var enc jsonWriter
		for _, k := range keys {
			enc.buf = enc.buf[:0]
			enc.string(k)
			enc.buf = append(enc.buf, ':')
			if slices.Contains(written, string(enc.buf)) {
				continue
			}
			w.key(o, string(enc.buf))
			raw := extra[k]
			encodeRaw(w, &raw)
		}
		w.keys = w.keys[:o.base]
	}
	w.buf = append(w.buf, '}')
}

// encodeFunc writes the value *v; the generated types' encoders and the
// encode functions below have this type.
type encodeFunc[T any] func(w *jsonWriter, v *T)

// encodeBool writes true or false.
func encodeBool(w *jsonWriter, v *bool) {
	w.buf = strconv.AppendBool(w.buf, *v)
}

// encodeInt writes an integer.
func encodeInt(w *jsonWriter, v *int64) {
	w.buf = strconv.AppendInt(w.buf, *v, 10)
}

// encodeFloat writes a float64 as encoding/json does: 'f' form, or 'e'
// form for very small and very large magnitudes. NaN and infinities are an
// error.
func encodeFloat(w *jsonWriter, v *float64) {
	f := *v
	if math.IsInf(f, 0) || math.IsNaN(f) {
		_, err := json.Marshal(f)
		w.fail(err)
		return
	}
	form := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		form = 'e'
	}
	b := strconv.AppendFloat(w.buf, f, form, -1, 64)
	if form == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	w.buf = b
}

// encodeNumber writes a json.Number as its text ("" as 0); text that is
// not a JSON number is an error.
func encodeNumber(w *jsonWriter, v *json.Number) {
	s := v.String()
	if s == "" {
		s = "0"
	}
	d := jsonReader{s: s}
	if _, ok := d.readNumber(); !ok || d.pos != len(s) {
		w.fail(fmt.Errorf("json: invalid number literal %q", s))
		return
	}
	w.buf = append(w.buf, s...)
}

// encodeString writes a string.
func encodeString(w *jsonWriter, v *string) {
	w.grow(len(*v) + 2)
	w.string(*v)
}

// encodeRaw writes raw JSON compacted, nil as null, as encoding/json
// writes a json.RawMessage; invalid JSON is an error.
func encodeRaw(w *jsonWriter, v *json.RawMessage) {
	if *v == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	d := jsonReader{s: string(*v)}
	if !d.skip() || !d.finish() {
		_, err := json.Marshal(*v)
		w.fail(err)
		return
	}
	w.buf = appendCompact(w.buf, *v)
}

// encodeNamed writes a value of a generated object or union type.
func encodeNamed[T any, P interface {
	*T
	encodeJSON(w *jsonWriter)
}](w *jsonWriter, v *T) {
	P(v).encodeJSON(w)
}

// encodeSlice writes a slice with elem writing each element; a nil slice
// is null, an empty one [].
func encodeSlice[E any](w *jsonWriter, v []E, elem encodeFunc[E]) {
	if v == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.buf = append(w.buf, '[')
	for i := range v {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		elem(w, &v[i])
	}
	w.buf = append(w.buf, ']')
}

// encodeSliceOf returns an encodeFunc of slices whose elements elem
// writes, for arrays nested in arrays.
func encodeSliceOf[E any](elem encodeFunc[E]) encodeFunc[[]E] {
	return func(w *jsonWriter, v *[]E) {
		encodeSlice(w, *v, elem)
	}
}

// encodeOrNull returns an encodeFunc of *T that writes nil as null.
func encodeOrNull[T any](enc encodeFunc[T]) encodeFunc[*T] {
	return func(w *jsonWriter, v **T) {
		if *v == nil {
			w.buf = append(w.buf, "null"...)
			return
		}
		enc(w, *v)
	}
}

// marshalJSON encodes v with its generated encoder, for MarshalJSON.
func marshalJSON[T any, P interface {
	*T
	encodeJSON(w *jsonWriter)
}](v *T) ([]byte, error) {
	var w jsonWriter
	P(v).encodeJSON(&w)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// hexDigit returns the lower-case hexadecimal digit of the low four bits
// of c.
func hexDigit[C byte | rune](c C) byte {
	return "0123456789abcdef"[c&0xf]
}

// string writes s as a JSON string the way encoding/json writes it with
// HTML escaping on: invalid UTF-8 becomes U+FFFD.
func (w *jsonWriter) string(s string) {
	w.buf = append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip eight bytes at a time while none needs escaping or is
		// outside ASCII.
		for i+8 <= len(s) && plainJSON8(s[i:i+8]) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			w.buf = append(w.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				w.buf = append(w.buf, '\\', c)
			case '\b':
				w.buf = append(w.buf, '\\', 'b')
			case '\f':
				w.buf = append(w.buf, '\\', 'f')
			case '\n':
				w.buf = append(w.buf, '\\', 'n')
			case '\r':
				w.buf = append(w.buf, '\\', 'r')
			case '\t':
				w.buf = append(w.buf, '\\', 't')
			default:
				w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigit(c>>4), hexDigit(c))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.buf = append(w.buf, s[start:i]...)
			w.buf = append(w.buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			w.buf = append(w.buf, s[start:i]...)
			w.buf = append(w.buf, '\\', 'u', '2', '0', '2', hexDigit(r))
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
}

// plainJSON8 reports whether the eight bytes of s are all ASCII that a
// JSON string holds as they are: no control character, '"', '\\', '<',
// '>' or '&'.
func plainJSON8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// zero has the high bit of each byte of v that is zero set (and
	// maybe of bytes above one that is, which changes no verdict).
	zero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	bad := x&highs | (x-ones*0x20)&^x&highs |
		zero(x^(ones*'"')) | zero(x^(ones*'\\')) | zero(x^(ones*'<')) | zero(x^(ones*'>')) | zero(x^(ones*'&'))
	return bad == 0
}

// appendCompact appends the valid JSON src without white space outside
// strings, escaping "<", ">", "&", U+2028 and U+2029 as encoding/json
// does when it writes a json.RawMessage.
func appendCompact(b, src []byte) []byte {
	inString, escaped := false, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', hexDigit(c>>4), hexDigit(c))
			continue
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2]&^1 == 0xA8:
			b = append(b, '\\', 'u', '2', '0', '2', hexDigit(src[i+2]))
			i += 2
			continue
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		}
		b = append(b, c)
	}
	return b
}

// null writes null.
func (w *jsonWriter) null() {
	w.buf = append(w.buf, "null"...)
}
