package parse

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// normalizer rewrites the decoded tree in place into the shapes
// go-postman-collection v0.9.0 reads correctly, and records what the
// library will drop. It walks the tree once.
type normalizer struct {
	maxFolderDepth int
	schema         string
	path           []pathElem
	warns          []warnRec
	// reqs and resps get one record per request item and per saved
	// example that is kept, in document order.
	reqs, resps []*ItemExtra
}

// pathElem is one step of a JSON path: an object key, or an array index
// when key is "".
type pathElem struct {
	key string
	idx int
}

type warnRec struct {
	off       int
	path, msg string
}

// nerr is a normalisation failure at a byte offset (-1 if unknown).
type nerr struct {
	off       int
	path, msg string
}

func (e *nerr) Error() string { return e.path + ": " + e.msg }

func (n *normalizer) push(key string) { n.path = append(n.path, pathElem{key: key}) }
func (n *normalizer) pushIdx(i int)   { n.path = append(n.path, pathElem{idx: i}) }
func (n *normalizer) pop()            { n.path = n.path[:len(n.path)-1] }

// where is the JSON path of the current place, with key appended if it is
// not "".
func (n *normalizer) where(key string) string {
	var b strings.Builder
	for _, e := range n.path {
		if e.key == "" {
			b.WriteString("[" + strconv.Itoa(e.idx) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.key)
	}
	if key != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(key)
	}
	return b.String()
}

func (n *normalizer) fail(v *node, key, format string, args ...any) error {
	return &nerr{off: v.off, path: n.where(key), msg: fmt.Sprintf(format, args...)}
}

func (n *normalizer) warn(v *node, key, format string, args ...any) {
	n.warns = append(n.warns, warnRec{off: v.off, path: n.where(key), msg: fmt.Sprintf(format, args...)})
}

func (n *normalizer) toError(file string, src []byte, err error) *Error {
	var e *nerr
	if !errors.As(err, &e) {
		return &Error{File: file, Msg: err.Error()}
	}
	out := &Error{File: file, Path: e.path, Msg: e.msg}
	if e.off >= 0 {
		out.Line, out.Col = position(src, e.off)
	}
	return out
}

// fieldList collects an object's members in a fixed order. Normalised
// objects hold only the keys the library reads, each once, spelled exactly:
// encoding/json would also match keys case-insensitively and let an
// earlier duplicate fail the decode, where Postman reads keys exactly and
// keeps the last of duplicates. The members are gathered in a fixed array
// (no object the library reads has more than 11 fields) and then copied
// over the object's own members, so rewriting an object allocates nothing.
type fieldList struct {
	buf [12]member
	n   int
}

func (l *fieldList) add(key string, v *node) {
	if v != nil {
		l.buf[l.n] = member{key: key, val: *v}
		l.n++
	}
}

// into makes *v the object of the collected members.
func (l *fieldList) into(v *node) {
	v.kind = kObject
	v.kids = append(v.kids[:0], l.buf[:l.n]...)
}

// obj is a new object of the collected members.
func (l *fieldList) obj(off int) node {
	v := node{kind: kObject, off: off}
	l.into(&v)
	return v
}

// text makes *v a string: numbers and booleans become their JSON text and
// null becomes "". Objects and arrays are an error.
func (n *normalizer) text(v *node, key string) error {
	switch v.kind {
	case kString:
	case kNull:
		v.kind, v.s = kString, ""
	case kNumber, kBool:
		v.s, v.kind = jsonText(v), kString
	default:
		return n.fail(v, key, "want a string, got %s", v.kind)
	}
	return nil
}

// texts applies text to the fields that are present. keys names the
// fields, separated by spaces, for errors.
func (n *normalizer) texts(keys string, fields ...*node) error {
	for _, f := range fields {
		key, rest, _ := strings.Cut(keys, " ")
		keys = rest
		if f != nil {
			if err := n.text(f, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// anyText makes *v a string, writing objects and arrays as compact JSON.
// It is used for values, which the library holds as strings.
func anyText(v *node) {
	switch v.kind {
	case kString:
	case kNull:
		v.kind, v.s = kString, ""
	default:
		v.s = jsonText(v)
		v.kind, v.kids = kString, nil
	}
}

// boolean makes *f a boolean. It returns nil when the field should be left
// out (null).
func (n *normalizer) boolean(f *node, key string) (*node, error) {
	if f == nil {
		return nil, nil
	}
	switch f.kind {
	case kBool:
		return f, nil
	case kNull:
		return nil, nil
	case kString:
		switch strings.ToLower(strings.TrimSpace(f.s)) {
		case "true", "1":
			f.b = true
		case "false", "0", "":
			f.b = false
		default:
			return nil, n.fail(f, key, "want a boolean, got %q", f.s)
		}
	case kNumber:
		x, _ := strconv.ParseFloat(f.s, 64)
		f.b = x != 0
	default:
		return nil, n.fail(f, key, "want a boolean, got %s", f.kind)
	}
	f.kind, f.s = kBool, ""
	return f, nil
}

// description makes a description field a plain string: an object
// {"content", "type"} gives its content. It returns nil to leave it out.
func (n *normalizer) description(f *node, key string) (*node, error) {
	if f == nil {
		return nil, nil
	}
	switch f.kind {
	case kString:
		return f, nil
	case kNull:
		return nil, nil
	case kNumber, kBool:
		anyText(f)
		return f, nil
	case kObject:
		var content *node
		for i := range f.kids {
			if f.kids[i].key == "content" {
				content = &f.kids[i].val
			}
		}
		if content == nil || content.kind == kNull {
			return nil, nil
		}
		n.push(key)
		err := n.text(content, "content")
		n.pop()
		return content, err
	}
	return nil, n.fail(f, key, "want a string or a {\"content\", \"type\"} object, got %s", f.kind)
}

// descriptionObject is description for the collection's info, which the
// library reads as its Description type. A string there is read without
// decoding its escapes, so every form becomes an object.
func (n *normalizer) descriptionObject(f *node) (*node, error) {
	if f == nil || f.kind == kNull {
		return nil, nil
	}
	var l fieldList
	if f.kind != kObject {
		s, err := n.description(f, "description")
		if err != nil || s == nil {
			return nil, err
		}
		l.add("content", s)
		o := l.obj(f.off)
		return &o, nil
	}
	var content, typ, version *node
	for i := range f.kids {
		m := &f.kids[i]
		switch m.key {
		case "content":
			content = &m.val
		case "type":
			typ = &m.val
		case "version":
			version = &m.val
		}
	}
	n.push("description")
	err := n.texts("content type version", content, typ, version)
	n.pop()
	l.add("content", content)
	l.add("type", typ)
	l.add("version", version)
	o := l.obj(f.off)
	return &o, err
}

// loose prepares a field the library holds as interface{}: it takes any
// JSON, but encoding/json refuses numbers beyond float64, so those become
// strings.
func loose(v *node) *node {
	if v == nil {
		return nil
	}
	switch v.kind {
	case kNumber:
		if _, err := strconv.ParseFloat(v.s, 64); err != nil {
			v.kind = kString
		}
	case kArray, kObject:
		for i := range v.kids {
			loose(&v.kids[i].val)
		}
	}
	return v
}

// statusCode makes a response code an integer. It returns nil to leave it
// out.
func (n *normalizer) statusCode(f *node) *node {
	if f == nil || f.kind == kNull {
		return nil
	}
	s := strings.TrimSpace(f.s)
	if f.kind == kNumber || f.kind == kString {
		if c, err := strconv.ParseInt(s, 10, 64); err == nil && c >= 0 && c <= math.MaxInt32 {
			v := node{kind: kNumber, off: f.off, s: strconv.FormatInt(c, 10)}
			return &v
		}
		if x, err := strconv.ParseFloat(s, 64); err == nil && x == math.Trunc(x) && x >= 0 && x <= math.MaxInt32 {
			v := node{kind: kNumber, off: f.off, s: strconv.FormatInt(int64(x), 10)}
			return &v
		}
	}
	text := jsonText(f)
	if f.kind == kString {
		text = quote(f.s)
	}
	n.warn(f, "code", "status code %s is not a number: ignored", text)
	return nil
}

// upperASCII upper-cases ASCII letters only, so that no other character
// can turn into a letter of a method name.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
