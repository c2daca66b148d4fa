package runtime

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Extra is the type of the last field of every generated object type,
// also named Extra: it holds the members of the JSON object that no field
// took, each as received under its key: members with keys the type does
// not know (such as those a later version of the API adds), nulls where
// the field cannot hold null, and values that do not fit their field
// ([Mismatches] lists those). MarshalJSON writes them back after the
// fields, sorted by key, so that decoding then encoding loses nothing.
// Being a map[string]json.RawMessage, it takes such a map as it is.
type Extra map[string]json.RawMessage

// objectFields is implemented by the generated object types: jsonFields
// visits each field with the visit function of its Go type (visitString,
// visitPtr, visitObject, visitSlice, ...) and returns the address of the
// Extra field. The one method serves decoding, encoding and Mismatches
// alike, as the visitor's mode says (see json_object.go). It lives in this
// file, which every package carries, because Mismatches looks for it even
// in a package without such types.
type objectFields interface {
	jsonFields(f *fieldVisitor) *Extra
}

// unionVariants is implemented by the generated union types: jsonVariants
// visits each variant field like jsonFields, with the key "".
type unionVariants interface {
	jsonVariants(f *fieldVisitor)
}

// Modes of a fieldVisitor.
const (
	// visitNone: visits do nothing.
	visitNone = iota
	// visitDecode: a member is read, its key in key, and not yet
	// decoded; the field of that key decodes it (see json_object.go).
	visitDecode
	// visitFallback: the members left after the ordered pass are on the
	// reader's rest stack; each field takes the last of its key.
	visitFallback
	// visitEncode: each field that is set writes its member.
	visitEncode
	// visitSetKeys: each field that is set records its key in the
	// writer, so that Extra members with those keys are not written.
	visitSetKeys
	// visitInspect: Mismatches; see inspectObject.
	visitInspect
	// visitUnionDecode: the variant for the kind of the value decodes it.
	visitUnionDecode
	// visitUnionEncode: the first variant that is set writes its value.
	visitUnionEncode
	// visitReset: each field is set to its zero value.
	visitReset
)

// fieldVisitor is what the jsonFields and jsonVariants methods of the
// generated types hand each field to. One visitor serves a whole document:
// its frame holds the state of the object or union being visited, and is
// saved and restored around each nested one.
type fieldVisitor struct {
	frame
	inspecting
	d *jsonReader
	w *jsonWriter
	// ms collects the mismatches found by Mismatches, with paths relative
	// to the value being inspected.
	ms []Mismatch
}

// frame is the state of the object or union being visited.
type frame struct {
	mode uint8
	// kind is the JSON kind of a union's value (visitUnionDecode).
	kind byte
	// first is true until the object's first member is read.
	first bool
	// key is the key of the member read and not yet decoded
	// (visitDecode); the field that matches it decodes it.
	key string
	// extra collects the members kept raw while decoding; when
	// inspecting, it is the object's Extra.
	extra map[string]json.RawMessage
	// base is where the object's members start on the reader's rest
	// stack (visitFallback), or its mismatches in ms (visitInspect).
	base int
	// depth is the reader's depth inside the object, and end where the
	// object ends in the input (visitFallback).
	depth, end int
	// n counts the members written (visitEncode); escape says that the
	// next key needs escaping (see escapeNext).
	n      int
	escape bool
	// fit is false when a union's value did not fit its variant.
	fit bool
	// at is where the value of the member being decoded starts, to go
	// back to when it does not fit.
	at readerMark
}

// inspecting is the state of the object or union being inspected, kept
// out of frame so that decoding does not copy it.
type inspecting struct {
	// union is true when inspecting a union.
	union bool
	// groups are the object's mismatches by member.
	groups []mismatchGroup
}

// mismatchGroup is where in fieldVisitor.ms the mismatches of one member,
// key, are.
type mismatchGroup struct {
	key      string
	from, to int
}

// Mismatch is a member of a JSON object that did not fit the Go type of its
// field when the object was decoded: another JSON kind, a number the type
// cannot hold exactly, a string that is not a valid time, an array with an
// element of another kind, a kind that is none of a union's variants, and
// so on. Decoding does not fail for it: the field is left unset and the
// member is kept, as received, in the object's Extra map, so that encoding
// writes it back unchanged. A null member of a field that cannot hold null
// is kept in Extra the same way, but is not a Mismatch.
type Mismatch struct {
	// Path is where the member is, from the decoded value: object keys
	// joined by dots and array indexes in brackets, such as
	// "data[2].Owner"; a key that is not a plain word is written Go-quoted
	// in brackets, such as `data["a b"]`.
	Path string
	// Want is the Go type of the field, such as "*int64" or "[]Tag".
	Want string
	// Got is the kind of JSON value received: "an object", "an array", "a
	// string", "a boolean", "a number" or "null".
	Got string
}

// Error returns "json: PATH: GOT does not fit WANT".
func (m Mismatch) Error() string {
	return "json: " + m.Path + ": " + m.Got + " does not fit " + m.Want
}

// Mismatches returns the members that did not fit their fields when v, a
// value of a generated type (or a pointer to one, or a slice of them), was
// decoded, in a stable order: for each object, its members in key order,
// each followed by those inside it. It returns nil when everything fitted.
//
// Mismatches reads them off the value as it is now: a member kept in an
// object's Extra whose key is that of one of the object's fields and whose
// value is not null is one that did not fit, and the values decoded into
// fields are searched in turn. A member put in Extra by hand under a
// field's key counts too; fields set after decoding are not checked.
//
// Mismatches uses reflection to reach values inside slices and pointers
// and to name the Go types; decoding itself does not.
func Mismatches(v any) []Mismatch {
	var f fieldVisitor
	collectMismatches(&f, reflect.ValueOf(v), "")
	return f.ms
}

// collectMismatches appends the mismatches found in v, whose path is path,
// to f.ms.
func collectMismatches(f *fieldVisitor, v reflect.Value, path string) {
	if !v.IsValid() {
		return
	}
	if v.Kind() != reflect.Pointer && !v.CanAddr() {
		// The generated types visit with pointer methods.
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		v = p.Elem()
	}
	if v.CanAddr() {
		from := len(f.ms)
		switch x := v.Addr().Interface().(type) {
		case objectFields:
			f.inspectObject(x)
			f.prefix(from, path)
			return
		case unionVariants:
			f.inspectUnion(x)
			f.prefix(from, path)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectMismatches(f, v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectMismatches(f, v.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
	}
}

// inspectObject appends to f.ms the mismatches of the object v, with paths
// from v: for each member in key order, the member itself when it is kept
// in Extra under a field's key and is not null, or those inside the value
// of its field.
func (f *fieldVisitor) inspectObject(v objectFields) {
	saved, savedIn := f.frame, f.inspecting
	f.frame = frame{}
	extra := *v.jsonFields(f)
	f.frame = frame{mode: visitInspect, extra: extra, base: len(f.ms)}
	f.inspecting = inspecting{}
	v.jsonFields(f)
	if len(f.groups) > 1 {
		// Members in key order; each keeps its own mismatches in order.
		slices.SortStableFunc(f.groups, func(a, b mismatchGroup) int { return strings.Compare(a.key, b.key) })
		sorted := make([]Mismatch, 0, len(f.ms)-f.base)
		for _, g := range f.groups {
			sorted = append(sorted, f.ms[g.from:g.to]...)
		}
		copy(f.ms[f.base:], sorted)
	}
	f.frame, f.inspecting = saved, savedIn
}

// inspectUnion appends to f.ms the mismatches inside the variant of v that
// is set.
func (f *fieldVisitor) inspectUnion(v unionVariants) {
	saved, savedIn := f.frame, f.inspecting
	f.frame = frame{mode: visitInspect}
	f.inspecting = inspecting{union: true}
	v.jsonVariants(f)
	f.frame, f.inspecting = saved, savedIn
}

// inspect returns what the field key does when inspecting: 'm' when its
// member is kept in Extra and is not null (a mismatch; the caller calls
// misfitField), 'w' when the field is set (the caller walks its value,
// then calls endWalk), 0 otherwise.
func (f *fieldVisitor) inspect(key string, set bool) byte {
	if raw, ok := f.extra[key]; ok {
		if jsonKind(raw) == 'n' {
			return 0
		}
		return 'm'
	}
	if set {
		return 'w'
	}
	return 0
}

// misfitField records that the member key, kept in Extra, does not fit
// its field of Go type want.
func (f *fieldVisitor) misfitField(key string, want reflect.Type) {
	from := len(f.ms)
	f.ms = append(f.ms, Mismatch{Path: jsonKeyPath("", key), Want: goTypeName(want), Got: kindName(jsonKind(f.extra[key]))})
	f.groups = append(f.groups, mismatchGroup{key, from, len(f.ms)})
}

// endWalk puts the key's path before the mismatches found inside its
// value since from, and groups them under the key. In a union the paths
// stay as they are.
func (f *fieldVisitor) endWalk(key string, from int) {
	if f.union || from == len(f.ms) {
		return
	}
	f.prefix(from, jsonKeyPath("", key))
	f.groups = append(f.groups, mismatchGroup{key, from, len(f.ms)})
}

// prefixIndex puts the index of an array element, [i], before the paths
// of the mismatches found inside it, f.ms[from:].
func (f *fieldVisitor) prefixIndex(from, i int) {
	if from < len(f.ms) {
		f.prefix(from, "["+strconv.Itoa(i)+"]")
	}
}

// prefix puts prefix before the paths of f.ms[from:].
func (f *fieldVisitor) prefix(from int, prefix string) {
	if prefix == "" {
		return
	}
	for i := from; i < len(f.ms); i++ {
		m := &f.ms[i]
		switch {
		case m.Path == "" || m.Path[0] == '[':
			m.Path = prefix + m.Path
		default:
			m.Path = prefix + "." + m.Path
		}
	}
}

// goTypeName names the Go type t as the generated code spells it: the
// types of this package without a package name ("*Tag", "[]Tag",
// "Nullable[string]"), those of others with theirs ("*json.Number").
func goTypeName(t reflect.Type) string {
	self := reflect.TypeFor[Mismatch]()
	pkgName, _, _ := strings.Cut(self.String(), ".")
	s := strings.ReplaceAll(t.String(), self.PkgPath()+".", "")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		// Drop "pkg." where an identifier starts.
		if strings.HasPrefix(s[i:], pkgName+".") && (i == 0 || strings.IndexByte("*[]", s[i-1]) >= 0) {
			i += len(pkgName)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

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

// jsonKeyPath appends an object key to path: .key when the key is made of
// ASCII letters, digits and underscores and does not start with a digit
// (key alone when path is ""), ["key"] otherwise.
func jsonKeyPath(path, key string) string {
	plain := key != "" && (key[0] < '0' || key[0] > '9')
	for _, c := range []byte(key) {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			plain = false
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}
