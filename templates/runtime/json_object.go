package runtime

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// The generated object types decode and encode themselves with the helpers
// in this file rather than with encoding/json's struct tags, for three
// reasons: keys are matched exactly (encoding/json matches "Owner" to a
// field tagged "owner" when no exact match exists, so two keys differing in
// case would share one field); any key can be matched, including those a
// struct tag cannot spell ("", "a,b", `a"b`); and members with keys the
// type does not know are kept in the type's Extra map and written back, so
// a decode followed by an encode loses nothing.

// decodeObject decodes the JSON object in data. For each member, in
// ascending key order so that the same input always reports the same
// error, it calls field, which decodes the member into its struct field and
// reports whether the key belongs to one. Members that belong to no field
// are stored in *extra, which is allocated when the first one arrives.
// A JSON null leaves everything unset. When a key appears twice, the last
// member wins, as with encoding/json.
func decodeObject(data []byte, field func(key string, raw json.RawMessage) (bool, error), extra *map[string]json.RawMessage) error {
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
	for _, k := range keys {
		ok, err := field(k, members[k])
		if err != nil {
			return fmt.Errorf("member %s: %w", strconv.Quote(k), err)
		}
		if ok {
			continue
		}
		if *extra == nil {
			*extra = map[string]json.RawMessage{}
		}
		(*extra)[k] = members[k]
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
