package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// jsonWriter writes JSON for the generated types' encoders, byte for byte
// as encoding/json's Marshal writes the same values (strings with "<", ">",
// "&", U+2028 and U+2029 escaped, floats in the same form, raw JSON
// compacted), with no reflection. The first error is kept in err and what
// follows it is not written. bytes returns what was written.
type jsonWriter struct {
	// buf is the buffer written to; done holds the full buffers written
	// before it, for a long document (see grow).
	buf  []byte
	done [][]byte
	err  error
	// keys holds the keys of the fields set in the objects being written
	// whose Extra has members, which must not be written twice.
	keys []string
	// lastKey and lastLen are where in buf the last key written starts
	// and how long it is, with its colon, for errors to name the member;
	// lastLen is -1 when grow has set that buf aside and kept the key in
	// movedKey.
	lastKey, lastLen int
	movedKey         string
	// f is the visitor of the generated types' jsonFields methods, made
	// when the first object or union is encoded.
	f *fieldVisitor
}

// visitor returns the writer's fieldVisitor.
func (w *jsonWriter) visitor() *fieldVisitor {
	if w.f == nil {
		w.f = &fieldVisitor{w: w}
	}
	return w.f
}

// fail keeps err, the first error, naming the member it belongs to.
func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		switch {
		case w.lastLen > 0:
			err = fmt.Errorf("member %s: %w", w.buf[w.lastKey:w.lastKey+w.lastLen-1], err)
		case w.lastLen < 0:
			err = fmt.Errorf("member %s: %w", w.movedKey, err)
		}
		w.err = err
	}
}

// writerBlock is the size of the blocks a long document is written in.
const writerBlock = 32 << 10

// writerBlocks keeps the blocks of the long documents written, once
// joined, for the next: only memory, never what was written, goes from one
// writer to another. Without it every long document would allocate twice
// its size, its blocks and then the joined copy.
var writerBlocks = sync.Pool{New: func() any { return new([]byte) }}

// grow makes room for at least n more bytes. A buffer shorter than a block
// doubles; a longer one is set aside in done, whole, and a block started,
// so that a long document is copied once, by bytes, rather than at each
// doubling.
func (w *jsonWriter) grow(n int) {
	switch {
	case cap(w.buf)-len(w.buf) >= n:
	case len(w.buf) >= writerBlock:
		if w.lastLen > 0 {
			w.movedKey, w.lastLen = string(w.buf[w.lastKey:w.lastKey+w.lastLen-1]), -1
		}
		w.done = append(w.done, w.buf)
		w.buf = nil
		if n <= writerBlock {
			w.buf = (*writerBlocks.Get().(*[]byte))[:0]
		}
		if cap(w.buf) < n {
			w.buf = make([]byte, 0, max(writerBlock, n))
		}
	default:
		b := make([]byte, len(w.buf), 2*cap(w.buf)+n)
		copy(b, w.buf)
		w.buf = b
	}
}

// bytes returns what was written, in one slice. A long document is joined
// from its blocks (bytes.Join does not clear the memory it fills), which
// go back to writerBlocks; the writer must not be used after.
func (w *jsonWriter) bytes() []byte {
	if len(w.done) == 0 {
		return w.buf
	}
	blocks := append(w.done, w.buf)
	out := bytes.Join(blocks, nil)
	for _, b := range blocks {
		if cap(b) >= writerBlock {
			b = b[:0]
			writerBlocks.Put(&b)
		}
	}
	w.done, w.buf = nil, nil
	return out
}

// member writes the key of a member of the object being written, with
// the comma before it when needed; n counts the members written. escape
// says that the key needs escaping in JSON (see plainKey); a key that does
// not is copied as it is.
func (w *jsonWriter) member(n *int, key string, escape bool) {
	// Room for the key and a short value after it.
	w.grow(len(key) + 64)
	b := w.buf
	if *n > 0 {
		b = append(b, ',')
	}
	*n++
	w.lastKey = len(b)
	if !escape {
		b = append(b, '"')
		b = append(b, key...)
		w.buf = append(b, '"', ':')
	} else {
		w.buf = b
		w.string(key)
		w.buf = append(w.buf, ':')
	}
	w.lastLen = len(w.buf) - w.lastKey
}

// plainKey reports whether a JSON string holds key as it is: printable
// ASCII without '"', '\\', '<', '>' or '&', as object keys mostly are. The
// generator knows it of the keys of fields (see fieldVisitor.escapeNext).
func plainKey(key string) bool {
	i := 0
	for ; i+8 <= len(key); i += 8 {
		if !plainJSON8(key[i : i+8]) {
			return false
		}
	}
	for ; i < len(key); i++ {
		switch c := key[i]; {
		case c < 0x20 || c >= 0x80, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// extraMembers writes the members of extra in ascending key order,
// skipping those whose keys are in set (the fields written), after n
// members.
func (w *jsonWriter) extraMembers(n *int, extra map[string]json.RawMessage, set []string) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(set, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		w.member(n, k, !plainKey(k))
		raw := extra[k]
		encodeRaw(w, &raw)
	}
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

// marshalWith encodes a value with enc, for MarshalJSON.
func marshalWith(enc func(w *jsonWriter)) ([]byte, error) {
	var w jsonWriter
	enc(&w)
	if w.err != nil {
		return nil, w.err
	}
	return w.bytes(), nil
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
