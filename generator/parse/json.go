package parse

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kind is the JSON type of a node.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func (k kind) String() string {
	switch k {
	case kNull:
		return "null"
	case kBool:
		return "a boolean"
	case kNumber:
		return "a number"
	case kString:
		return "a string"
	case kArray:
		return "an array"
	}
	return "an object"
}

// node is one JSON value. Unlike map[string]any it keeps the members of an
// object in input order, keeps duplicate keys, keeps the text of numbers
// exactly as written and remembers where each value starts, so that errors
// and items can name a line and column.
type node struct {
	kind kind
	b    bool // kBool
	// off is the byte offset of the value's first byte in the input, or -1
	// for a value the normaliser made up.
	off int
	// s is the decoded text of a kString and the literal text of a kNumber.
	s string
	// kids are the elements of a kArray (key unused) or the members of a
	// kObject in input order.
	kids []member
}

type member struct {
	key string
	val node
}

func strNode(s string) node { return node{kind: kString, s: s, off: -1} }

// decoder is a small recursive-descent JSON parser over the whole input. It
// accepts exactly RFC 8259 JSON (what encoding/json accepts), rejects invalid
// UTF-8 instead of replacing it, and stops at a nesting limit instead of
// growing the stack without bound.
type decoder struct {
	src      []byte
	pos      int
	depth    int
	maxDepth int
	// stack holds the members of the arrays and objects being decoded;
	// each gets an exactly sized copy when it closes, which saves the
	// repeated growing of one slice per value.
	stack []member
	// keys holds one copy of each object key decoded: a collection
	// repeats a few keys many times.
	keys map[string]string
}

// take moves the members from base up off the stack.
func (d *decoder) take(base int) []member {
	kids := make([]member, len(d.stack)-base)
	copy(kids, d.stack[base:])
	d.stack = d.stack[:base]
	return kids
}

// syntaxError is a decoding failure at a byte offset of the input.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func (d *decoder) fail(off int, format string, args ...any) *syntaxError {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) eof() *syntaxError {
	return &syntaxError{off: len(d.src), msg: "unexpected end of input (truncated JSON?)"}
}

// badChar reports the byte at off, which cannot appear where it is. A byte
// that does not start valid UTF-8 is reported as such.
func (d *decoder) badChar(off int, context string) *syntaxError {
	if d.src[off] >= utf8.RuneSelf {
		r, size := utf8.DecodeRune(d.src[off:])
		if r == utf8.RuneError && size == 1 {
			return d.fail(off, "invalid UTF-8 (byte 0x%02x): the file must be UTF-8", d.src[off])
		}
		return d.fail(off, "invalid character %q %s", r, context)
	}
	return d.fail(off, "invalid character %s %s", quoteByte(d.src[off]), context)
}

func quoteByte(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.QuoteRune(rune(c))
	return "'" + s[1:len(s)-1] + "'"
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.src) {
		switch d.src[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// top decodes the single value that must make up the whole input.
func (d *decoder) top() (node, *syntaxError) {
	v, err := d.value()
	if err != nil {
		return v, err
	}
	d.skipSpace()
	if d.pos < len(d.src) {
		return v, d.badChar(d.pos, "after top-level value")
	}
	return v, nil
}

// value decodes the value at d.pos. It returns the node by value, not
// through a pointer, so that nodes being built stay off the heap.
func (d *decoder) value() (node, *syntaxError) {
	d.skipSpace()
	if d.pos >= len(d.src) {
		return node{}, d.eof()
	}
	v := node{off: d.pos}
	var err *syntaxError
	switch c := d.src[d.pos]; {
	case c == '{':
		v.kind = kObject
		v.kids, err = d.object()
	case c == '[':
		v.kind = kArray
		v.kids, err = d.array()
	case c == '"':
		v.kind = kString
		v.s, err = d.str(false)
	case c == 't':
		v.kind, v.b = kBool, true
		err = d.literal("true")
	case c == 'f':
		v.kind = kBool
		err = d.literal("false")
	case c == 'n':
		v.kind = kNull
		err = d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		v.kind = kNumber
		v.s, err = d.number()
	default:
		err = d.badChar(d.pos, "looking for beginning of value")
	}
	return v, err
}

func (d *decoder) literal(lit string) *syntaxError {
	for i := 0; i < len(lit); i++ {
		if d.pos+i >= len(d.src) {
			return d.eof()
		}
		if d.src[d.pos+i] != lit[i] {
			return d.badChar(d.pos+i, "in literal "+lit)
		}
	}
	d.pos += len(lit)
	return nil
}

func (d *decoder) number() (string, *syntaxError) {
	src, start, i := d.src, d.pos, d.pos
	digits := func() int {
		n := 0
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if src[i] == '-' {
		i++
	}
	switch {
	case i >= len(src):
		return "", d.eof()
	case src[i] == '0':
		i++
	case src[i] >= '1' && src[i] <= '9':
		digits()
	default:
		return "", d.badChar(i, "in numeric literal")
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			if i >= len(src) {
				return "", d.eof()
			}
			return "", d.badChar(i, "after decimal point in numeric literal")
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			if i >= len(src) {
				return "", d.eof()
			}
			return "", d.badChar(i, "in exponent of numeric literal")
		}
	}
	d.pos = i
	return string(src[start:i]), nil
}

func (d *decoder) push() *syntaxError {
	d.depth++
	if d.depth > d.maxDepth {
		return d.fail(d.pos, "JSON nested deeper than %d levels", d.maxDepth)
	}
	return nil
}

func (d *decoder) array() ([]member, *syntaxError) {
	if err := d.push(); err != nil {
		return nil, err
	}
	d.pos++ // [
	d.skipSpace()
	if d.pos < len(d.src) && d.src[d.pos] == ']' {
		d.pos++
		d.depth--
		return nil, nil
	}
	base := len(d.stack)
	for {
		el, err := d.value()
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, member{val: el})
		d.skipSpace()
		if d.pos >= len(d.src) {
			return nil, d.eof()
		}
		switch d.src[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return d.take(base), nil
		default:
			return nil, d.badChar(d.pos, "after array element")
		}
	}
}

func (d *decoder) object() ([]member, *syntaxError) {
	if err := d.push(); err != nil {
		return nil, err
	}
	d.pos++ // {
	d.skipSpace()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return nil, nil
	}
	base := len(d.stack)
	for {
		d.skipSpace()
		if d.pos >= len(d.src) {
			return nil, d.eof()
		}
		if d.src[d.pos] != '"' {
			return nil, d.badChar(d.pos, "looking for beginning of object key string")
		}
		key, err := d.str(true)
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.src) {
			return nil, d.eof()
		}
		if d.src[d.pos] != ':' {
			return nil, d.badChar(d.pos, "after object key")
		}
		d.pos++
		val, err := d.value()
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, member{key: key, val: val})
		d.skipSpace()
		if d.pos >= len(d.src) {
			return nil, d.eof()
		}
		switch d.src[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return d.take(base), nil
		default:
			return nil, d.badChar(d.pos, "after object key:value pair")
		}
	}
}

// str decodes the string literal at d.pos. An object key (key) without
// escapes is the copy in d.keys when there is one.
func (d *decoder) str(key bool) (string, *syntaxError) {
	src := d.src
	start := d.pos + 1
	i := start
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if !key {
				return string(src[start:i]), nil
			}
			if s, ok := d.keys[string(src[start:i])]; ok {
				return s, nil
			}
			if d.keys == nil {
				d.keys = map[string]string{}
			}
			s := string(src[start:i])
			d.keys[s] = s
			return s, nil
		case c == '\\':
			return d.strEscaped(start, i)
		case c < 0x20:
			return "", d.badChar(i, "in string literal")
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.fail(i, "invalid UTF-8 in string (byte 0x%02x): the file must be UTF-8", c)
			}
			i += size
		}
	}
	return "", d.eof()
}

// strEscaped finishes a string literal that has escapes; i is the first
// backslash.
func (d *decoder) strEscaped(start, i int) (string, *syntaxError) {
	src := d.src
	var b strings.Builder
	// The decoded text is never longer than the literal: one allocation
	// of that size instead of a buffer grown byte by byte.
	b.Grow(literalEnd(src, i) - start)
	b.Write(src[start:i])
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b.String(), nil
		case c == '\\':
			if i+1 >= len(src) {
				return "", d.eof()
			}
			switch e := src[i+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := d.hex4(i + 2)
				if err != nil {
					return "", err
				}
				i += 6
				if utf16IsHigh(r) && i+1 < len(src) && src[i] == '\\' && src[i+1] == 'u' {
					r2, err := d.hex4(i + 2)
					if err != nil {
						return "", err
					}
					if utf16IsLow(r2) {
						b.WriteRune((r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000)
						i += 6
						continue
					}
				}
				if utf16IsHigh(r) || utf16IsLow(r) {
					r = utf8.RuneError // a lone surrogate, as encoding/json does
				}
				b.WriteRune(r)
				continue
			default:
				return "", d.badChar(i+1, "in string escape code")
			}
			i += 2
		case c < 0x20:
			return "", d.badChar(i, "in string literal")
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.fail(i, "invalid UTF-8 in string (byte 0x%02x): the file must be UTF-8", c)
			}
			b.Write(src[i : i+size])
			i += size
		}
	}
	return "", d.eof()
}

// literalEnd returns the offset of the quote that closes the string
// literal in which i is, or len(src) when there is none; i must not be
// inside an escape.
func literalEnd(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '"':
			return i
		case '\\':
			i += 2
		default:
			i++
		}
	}
	return len(src)
}

func utf16IsHigh(r rune) bool { return r >= 0xD800 && r < 0xDC00 }
func utf16IsLow(r rune) bool  { return r >= 0xDC00 && r < 0xE000 }

func (d *decoder) hex4(i int) (rune, *syntaxError) {
	var r rune
	for j := i; j < i+4; j++ {
		if j >= len(d.src) {
			return 0, d.eof()
		}
		c := d.src[j]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, d.badChar(j, "in \\u hexadecimal character escape")
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// writer re-encodes a tree as compact JSON.
type writer struct {
	buf []byte
	// consume drops the members of each array and object once written,
	// so that the tree is garbage by the time the text is whole.
	consume bool
}

func (w *writer) value(v *node) {
	switch v.kind {
	case kNull:
		w.buf = append(w.buf, "null"...)
	case kBool:
		w.buf = strconv.AppendBool(w.buf, v.b)
	case kNumber:
		w.buf = append(w.buf, v.s...)
	case kString:
		w.str(v.s)
	case kArray:
		w.buf = append(w.buf, '[')
		for i := range v.kids {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.value(&v.kids[i].val)
		}
		w.buf = append(w.buf, ']')
		if w.consume {
			v.kids = nil
		}
	case kObject:
		w.buf = append(w.buf, '{')
		for i := range v.kids {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.str(v.kids[i].key)
			w.buf = append(w.buf, ':')
			w.value(&v.kids[i].val)
		}
		w.buf = append(w.buf, '}')
		if w.consume {
			v.kids = nil
		}
	}
}

const hexDigits = "0123456789abcdef"

// str writes s as a JSON string. s is valid UTF-8: the decoder rejects
// anything else and the normaliser only joins and cuts at ASCII bytes.
func (w *writer) str(s string) {
	w.buf = append(w.buf, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		w.buf = append(w.buf, s[last:i]...)
		switch c {
		case '"', '\\':
			w.buf = append(w.buf, '\\', c)
		case '\n':
			w.buf = append(w.buf, '\\', 'n')
		case '\r':
			w.buf = append(w.buf, '\\', 'r')
		case '\t':
			w.buf = append(w.buf, '\\', 't')
		default:
			w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		last = i + 1
	}
	w.buf = append(w.buf, s[last:]...)
	w.buf = append(w.buf, '"')
}

// jsonText is the compact JSON text of v, used where a string field holds
// a number, a boolean or a structure.
func jsonText(v *node) string {
	if v.kind == kString || v.kind == kNumber {
		return v.s
	}
	var w writer
	w.value(v)
	return string(w.buf)
}
