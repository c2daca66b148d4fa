package runtime

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader reads JSON values one token at a time from a string, for the
// generated types' decoders: no reflection, no map of members and no copy
// of a member's bytes unless the member is kept raw. It accepts exactly the
// JSON that encoding/json accepts (nesting included, up to the same depth)
// and unquotes strings exactly as encoding/json does; on the first syntax
// error it stops and keeps the error in err. Strings without escapes are
// returned as substrings of s, so that reading them allocates nothing.
//
// The reader validates what it reads, but it does not produce encoding/json's
// error messages: the entry points that decode with it ask encoding/json for
// the error of input the reader rejects, so errors stay as they were.
type jsonReader struct {
	s   string
	pos int
	err error
	// depth is how many arrays and objects enclose the position.
	depth int
	// slabs holds, for each of up to four types, a *[]T slab that pointer
	// fields of type *T point into, so that decoding allocates one slab
	// for many fields instead of one value per field (see slot).
	slabs [4]any
	// f is the visitor of the generated types' jsonFields methods, made
	// when the first object or union is decoded.
	f *fieldVisitor
	// rest holds the members of the objects being decoded that the
	// ordered pass of their fields left (see fieldVisitor.decodeObject),
	// the innermost object's last.
	rest []restMember
}

// restMember is a member left for the second pass over an object's fields:
// its key, where its value starts and ends in the input, and whether a
// field has taken it.
type restMember struct {
	key        string
	start, end int
	taken      bool
}

// visitor returns the reader's fieldVisitor.
func (d *jsonReader) visitor() *fieldVisitor {
	if d.f == nil {
		d.f = &fieldVisitor{d: d}
	}
	return d.f
}

// unmarshalBody decodes the JSON document data into v as json.Unmarshal
// does, straight with v's own UnmarshalJSON when v is a generated object or
// union type, which decodes with this reader.
func unmarshalBody(data []byte, v any) error {
	switch v.(type) {
	case objectFields, unionVariants:
		if u, ok := v.(json.Unmarshaler); ok {
			return u.UnmarshalJSON(data)
		}
	}
	return json.Unmarshal(data, v)
}

// slot returns a pointer to a new zero T in the reader's slab of T,
// allocating a new slab when it is full, or a T of its own when the reader
// has slabs of four other types. Elements are never reused: a slab lives
// as long as a pointer into it.
func slot[T any](d *jsonReader) *T {
	var slab *[]T
	for i, s := range d.slabs {
		if s == nil {
			slab = new([]T)
			d.slabs[i] = slab
			break
		}
		if p, ok := s.(*[]T); ok {
			slab = p
			break
		}
	}
	if slab == nil {
		return new(T)
	}
	s := *slab
	if len(s) == cap(s) {
		s = make([]T, 0, 32)
	}
	s = s[:len(s)+1]
	*slab = s
	return &s[len(s)-1]
}

// errSyntax is the error of a reader that met invalid JSON.
type errSyntax struct{}

// Error says that the JSON is invalid.
func (errSyntax) Error() string { return "json: invalid JSON" }

// fail records a syntax error and returns false.
func (d *jsonReader) fail() bool {
	if d.err == nil {
		d.err = errSyntax{}
	}
	return false
}

// ws skips white space.
func (d *jsonReader) ws() {
	for d.pos < len(d.s) {
		switch d.s[d.pos] {
		case ' ', '\t', '\r', '\n':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, 0 at the end or after
// an error.
func (d *jsonReader) peek() byte {
	if d.err != nil {
		return 0
	}
	d.ws()
	if d.pos < len(d.s) {
		return d.s[d.pos]
	}
	return 0
}

// kind returns the kind of the next value, like jsonKind: '{', '[', '"',
// 't' for true or false, '0' for a number, 'n' for null, 0 otherwise.
func (d *jsonReader) kind() byte {
	switch c := d.peek(); c {
	case '{', '[', '"', 'n':
		return c
	case 't', 'f':
		return 't'
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return '0'
	}
	return 0
}

// finish reports whether only white space follows the value read.
func (d *jsonReader) finish() bool {
	if d.err != nil {
		return false
	}
	d.ws()
	if d.pos != len(d.s) {
		return d.fail()
	}
	return true
}

// literal reads the literal word (true, false or null) at the position.
func (d *jsonReader) literal(word string) bool {
	if len(d.s)-d.pos < len(word) || d.s[d.pos:d.pos+len(word)] != word {
		return d.fail()
	}
	d.pos += len(word)
	return true
}

// readBool reads true or false; it reports ok false, without an error,
// when the next value is of another kind.
func (d *jsonReader) readBool() (v, ok bool) {
	switch d.peek() {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	}
	return false, false
}

// readNull reads null.
func (d *jsonReader) readNull() bool {
	if d.peek() != 'n' {
		return d.fail()
	}
	return d.literal("null")
}

// readNumber reads a number and returns its text; it reports ok false,
// without an error, when the next value is not a number.
func (d *jsonReader) readNumber() (string, bool) {
	if d.kind() != '0' {
		return "", false
	}
	s, i := d.s, d.pos
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	default:
		return "", d.fail()
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return "", d.fail()
		}
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return "", d.fail()
		}
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
	}
	text := s[d.pos:i]
	d.pos = i
	return text, true
}

// readString reads a string and returns it unquoted; it reports ok false,
// without an error, when the next value is not a string. A string without
// escapes that is valid UTF-8 is a substring of the input. Otherwise it is
// unquoted as encoding/json does: escapes are resolved, a \u escape of a
// lone surrogate and each byte of invalid UTF-8 become U+FFFD.
func (d *jsonReader) readString() (string, bool) {
	if d.peek() != '"' {
		return "", false
	}
	s := d.s
	start := d.pos + 1
	ascii := true
	for i := start; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if !ascii && !utf8.ValidString(s[start:i]) {
				return d.unquote(start)
			}
			d.pos = i + 1
			return s[start:i], true
		case c == '\\':
			return d.unquote(start)
		case c < 0x20:
			return "", d.fail()
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", d.fail()
}

// unquote reads the rest of a string whose contents start at start and
// that needs escapes resolved or invalid UTF-8 replaced.
func (d *jsonReader) unquote(start int) (string, bool) {
	s := d.s
	b := make([]byte, 0, 64)
	for i := start; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(b), true
		case c < 0x20:
			return "", d.fail()
		case c == '\\':
			if i+1 >= len(s) {
				return "", d.fail()
			}
			switch s[i+1] {
			case '"', '\\', '/':
				b = append(b, s[i+1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", d.fail()
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2, ok := rune(-1), false
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2, ok = hex4(s, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
				continue
			default:
				return "", d.fail()
			}
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
		}
	}
	return "", d.fail()
}

// hex4 reads four hexadecimal digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// skip reads one value of any kind, checking it, and reports whether it is
// valid.
func (d *jsonReader) skip() bool {
	switch d.kind() {
	case '{':
		first := true
		if !d.enter() {
			return false
		}
		for d.nextKey(&first) {
			if _, ok := d.readString(); !ok || !d.colon() || !d.skip() {
				return d.fail()
			}
		}
	case '[':
		first := true
		if !d.enter() {
			return false
		}
		for d.nextElem(&first) {
			if !d.skip() {
				return false
			}
		}
	case '"':
		_, ok := d.readString()
		return ok || d.fail()
	case 't':
		_, ok := d.readBool()
		return ok
	case '0':
		_, ok := d.readNumber()
		return ok || d.fail()
	case 'n':
		return d.readNull()
	default:
		return d.fail()
	}
	return d.err == nil
}

// enter reads the '{' or '[' at the position, one level deeper.
func (d *jsonReader) enter() bool {
	// How deeply arrays and objects may nest, as in encoding/json.
	const maxDepth = 10000
	d.pos++
	d.depth++
	if d.depth > maxDepth {
		return d.fail()
	}
	return true
}

// nextKey moves to the next member of the object entered: it reads the
// comma before every member but the first (*first true) and reports
// whether a member follows, positioned at its key. At the closing brace it
// reads it and reports false, as it does on an error.
func (d *jsonReader) nextKey(first *bool) bool {
	c := d.peek()
	if c == '}' {
		d.pos++
		d.depth--
		return false
	}
	if !*first {
		if c != ',' {
			return d.fail()
		}
		d.pos++
		c = d.peek()
	}
	*first = false
	if c != '"' {
		return d.fail()
	}
	return true
}

// colon reads the colon after a key.
func (d *jsonReader) colon() bool {
	if d.peek() != ':' {
		return d.fail()
	}
	d.pos++
	return true
}

// member reads the next key of the object entered and the colon after it,
// like nextKey.
func (d *jsonReader) member(first *bool) (string, bool) {
	if !d.nextKey(first) {
		return "", false
	}
	k, ok := d.readString()
	if !ok || !d.colon() {
		return "", d.fail()
	}
	return k, true
}

// nextElem moves to the next element of the array entered, like nextKey.
func (d *jsonReader) nextElem(first *bool) bool {
	c := d.peek()
	if c == ']' {
		d.pos++
		d.depth--
		return false
	}
	if !*first {
		if c != ',' {
			return d.fail()
		}
		d.pos++
		if d.peek() == ']' {
			return d.fail()
		}
	}
	*first = false
	return d.err == nil
}

// readerMark is a position of the reader to come back to.
type readerMark struct{ pos, depth int }

// mark returns the position of the next value, after white space.
func (d *jsonReader) mark() readerMark {
	d.ws()
	return readerMark{d.pos, d.depth}
}

// reset goes back to a mark.
func (d *jsonReader) reset(m readerMark) {
	d.pos, d.depth = m.pos, m.depth
}
