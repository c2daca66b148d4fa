package runtime

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// The generated object types decode and encode themselves with the helpers
// in this file rather than with encoding/json's struct tags, for four
// reasons: keys are matched exactly (encoding/json matches "Owner" to a
// field tagged "owner" when no exact match exists, so two keys differing in
// case would share one field); any key can be matched, including those a
// struct tag cannot spell ("", "a,b", `a"b`); members with keys the type
// does not know are kept in the type's Extra map and written back, so a
// decode followed by an encode loses nothing; and a member that does not
// fit its field is kept in Extra too instead of failing the decode.
//
// Every field of a generated object is optional: a pointer, a slice, a
// json.RawMessage or a Nullable, whose zero value is an absent member. So
// the zero value of every object type encodes as {}.

// member is one member of the object being decoded, handed to the type's
// field function, which calls one of the set functions below when the key
// belongs to a field.
type member struct {
	key string
	raw json.RawMessage
	// want is the Go type of the key's field, set by the set functions; ""
	// when the key belongs to no field.
	want string
	// keep reports that the member stays in Extra: null for a field that
	// cannot hold null, or a value that does not fit (then err is set).
	keep bool
	err  error
	// nested holds the mismatches inside the decoded value.
	nested []Mismatch
}

// setPtr decodes the member into *dst, a pointer field, when it is not null
// and fits; otherwise *dst is left unchanged and the member kept raw.
func setPtr[T any](m *member, dst **T, want string, dec decodeFunc[T]) {
	m.want = want
	if jsonKind(m.raw) == 'n' {
		m.keep = true
		return
	}
	v, nested, err := dec(m.raw)
	if err != nil {
		m.keep, m.err = true, err
		return
	}
	*dst, m.nested = &v, nested
}

// setSlice decodes the member into *dst, a slice field, when it is not null
// and fits; otherwise *dst is left unchanged and the member kept raw.
func setSlice[E any](m *member, dst *[]E, want string, dec decodeFunc[[]E]) {
	m.want = want
	if jsonKind(m.raw) == 'n' {
		m.keep = true
		return
	}
	v, nested, err := dec(m.raw)
	if err != nil {
		m.keep, m.err = true, err
		return
	}
	*dst, m.nested = v, nested
}

// setRaw stores the member, whatever it is, in *dst, a json.RawMessage
// field: null stays the bytes null.
func setRaw(m *member, dst *json.RawMessage) {
	m.want = "json.RawMessage"
	*dst = m.raw
}

// decodeObject decodes the JSON object in data. For each member, in
// ascending key order so that the same input always gives the same
// results, it calls field, which decodes the member into its struct field
// with a set function when the key belongs to one. Members that belong to
// no field, are null where the field cannot hold null, or do not fit their
// field are stored in *extra, which is allocated when the first one
// arrives; those that do not fit are also added to *record, as are the
// mismatches inside the members decoded, with their paths. A JSON null
// leaves everything unset. When a key appears twice, the last member wins,
// as with encoding/json. Only data that is not a JSON object (nor null)
// fails.
func decodeObject(data []byte, extra *map[string]json.RawMessage, record *[]Mismatch, field func(m *member)) error {
	if k := jsonKind(data); k != '{' && k != 'n' {
		return fmt.Errorf("json: cannot decode %s into an object", kindName(k))
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var m member
	for _, k := range keys {
		m = member{key: k, raw: members[k]}
		field(&m)
		if m.want != "" && !m.keep {
			if len(m.nested) > 0 {
				*record = appendMismatches(*record, jsonKeyPath("", k), m.nested)
			}
			continue
		}
		if *extra == nil {
			*extra = map[string]json.RawMessage{}
		}
		(*extra)[k] = m.raw
		if m.err != nil {
			*record = append(*record, Mismatch{Path: jsonKeyPath("", k), Want: m.want, Got: kindName(jsonKind(m.raw))})
		}
	}
	return nil
}

// objectEncoder writes a JSON object one member at a time, in the order of
// the calls. The first error is kept and reported by end.
type objectEncoder struct {
	buf  []byte
	keys []string
	err  error
}

// field writes the member key with the JSON encoding of v.
func (e *objectEncoder) field(key string, v any) {
	if e.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		e.err = fmt.Errorf("member %s: %w", strconv.Quote(key), err)
		return
	}
	if len(e.buf) == 0 {
		e.buf = append(e.buf, '{')
	} else {
		e.buf = append(e.buf, ',')
	}
	k, _ := json.Marshal(key) // a string always encodes
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, ':')
	e.buf = append(e.buf, b...)
	e.keys = append(e.keys, key)
}

// end writes the members of extra in ascending key order, skipping any
// whose key a field has already written, closes the object and returns it.
func (e *objectEncoder) end(extra map[string]json.RawMessage) ([]byte, error) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(e.keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		e.field(k, extra[k])
	}
	if e.err != nil {
		return nil, e.err
	}
	if len(e.buf) == 0 {
		return []byte("{}"), nil
	}
	return append(e.buf, '}'), nil
}
