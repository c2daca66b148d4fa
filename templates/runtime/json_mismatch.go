package runtime

import (
	"reflect"
	"strconv"
)

// mismatchRecorder is implemented by the generated object and union types:
// jsonMismatches returns the mismatches recorded when the value was
// decoded. It lives in this file, which every package carries, because
// Mismatches looks for it even in a package without such types.
type mismatchRecorder interface {
	jsonMismatches() []Mismatch
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
// Fields set or changed after decoding are not checked again.
//
// Mismatches uses reflection to reach values inside slices and pointers;
// decoding itself does not.
func Mismatches(v any) []Mismatch {
	var out []Mismatch
	collectMismatches(reflect.ValueOf(v), "", &out)
	return out
}

// collectMismatches appends the mismatches recorded in v, whose path is
// path, to out.
func collectMismatches(v reflect.Value, path string, out *[]Mismatch) {
	if !v.IsValid() {
		return
	}
	if v.Kind() != reflect.Pointer && !v.CanAddr() {
		// The generated types record with pointer methods.
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		v = p.Elem()
	}
	if v.CanAddr() {
		if r, ok := v.Addr().Interface().(mismatchRecorder); ok {
			*out = appendMismatches(*out, path, r.jsonMismatches())
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectMismatches(v.Elem(), path, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectMismatches(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	}
}

// appendMismatches appends ms to out with prefix put before their paths.
func appendMismatches(out []Mismatch, prefix string, ms []Mismatch) []Mismatch {
	for _, m := range ms {
		switch {
		case prefix == "":
		case m.Path == "" || m.Path[0] == '[':
			m.Path = prefix + m.Path
		default:
			m.Path = prefix + "." + m.Path
		}
		out = append(out, m)
	}
	return out
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
