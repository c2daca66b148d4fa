package runtime

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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

// objectDecoder decodes the members of one JSON object for a generated
// decodeJSON method, which reads each key with next and hands the member
// to the set function of its field (setPtr, setSlice, setNullable,
// setRaw) or to keep. Members that belong to no field, are null where the
// field cannot hold null, or do not fit their field are kept, as
// received, in a map that end stores in the type's Extra, allocated when
// the first one arrives; those that do not fit are recorded as
// mismatches, as are the mismatches inside the members decoded, with their
// paths, and end sorts them by key so that the same input always gives the
// same results. When a key appears twice, the last member wins, as with
// encoding/json: a set function first clears its field and forgets what an
// earlier member of the same key left in Extra.
type objectDecoder struct {
	d *jsonReader
	// key is the key of the current member.
	key   string
	first bool
	// state is 0 while the members are read, 'n' for a JSON null and 'x'
	// for a value that is not an object.
	state  byte
	extra  map[string]json.RawMessage
	groups []keyedMismatches
}

// keyedMismatches are the mismatches of one member, with their paths from
// the object.
type keyedMismatches struct {
	key string
	ms  []Mismatch
}

// beginObject starts to decode the object at the reader's position. A
// JSON null is an object without members; a value of another kind does
// not fit, which end reports.
func beginObject(d *jsonReader) objectDecoder {
	o := objectDecoder{d: d, first: true}
	switch d.peek() {
	case '{':
		if !d.enter() {
			o.state = 'x'
		}
	case 'n':
		o.state = 'n'
		d.readNull()
	default:
		o.state = 'x'
	}
	return o
}

// next reads the next member's key into o.key and reports whether there
// is one.
func (o *objectDecoder) next() bool {
	if o.state != 0 {
		return false
	}
	k, ok := o.d.member(&o.first)
	o.key = k
	return ok
}

// known clears what an earlier member with the same key left in Extra and
// in the mismatches.
func (o *objectDecoder) known() {
	if o.extra != nil {
		delete(o.extra, o.key)
	}
	if len(o.groups) > 0 {
		o.groups = slices.DeleteFunc(o.groups, func(g keyedMismatches) bool { return g.key == o.key })
	}
}

// keep reads the member's value and keeps it raw in Extra.
func (o *objectDecoder) keep() {
	d := o.d
	d.ws()
	start := d.pos
	if !d.skip() {
		return
	}
	if o.extra == nil {
		o.extra = map[string]json.RawMessage{}
	}
	o.extra[o.key] = json.RawMessage(d.s[start:d.pos])
}

// misfit keeps raw the member's value, which starts at the mark at and
// does not fit its field of Go type want, and records the mismatch.
func (o *objectDecoder) misfit(at readerMark, want string) {
	d := o.d
	if d.err != nil {
		return
	}
	d.reset(at)
	got := kindName(d.kind())
	o.keep()
	o.groups = append(o.groups, keyedMismatches{o.key, []Mismatch{{Path: jsonKeyPath("", o.key), Want: want, Got: got}}})
}

// nested records the mismatches inside the member just decoded, left in
// d.ms.
func (o *objectDecoder) nested() {
	d := o.d
	if len(d.ms) > 0 {
		o.groups = append(o.groups, keyedMismatches{o.key, appendMismatches(nil, jsonKeyPath("", o.key), d.ms)})
		d.ms = nil
	}
}

// end finishes the object: it stores the members kept in *extra and the
// mismatches, in key order, in *record, and reports whether the value was
// a valid object or null.
func (o *objectDecoder) end(extra *map[string]json.RawMessage, record *[]Mismatch) bool {
	if o.state == 'x' || o.d.err != nil {
		return false
	}
	*extra = o.extra
	if len(o.groups) > 1 {
		slices.SortFunc(o.groups, func(a, b keyedMismatches) int { return strings.Compare(a.key, b.key) })
	}
	for _, g := range o.groups {
		*record = append(*record, g.ms...)
	}
	return true
}

// setPtr decodes the member into *dst, a pointer field, when it is not null
// and fits; otherwise *dst is left nil and the member kept raw.
func setPtr[T any](o *objectDecoder, dst **T, want string, dec decodeFunc[T]) {
	setPtrIn(o, dst, want, dec, false)
}

// setPtrIn is setPtr with the value in a slab of the reader (see slot)
// when slab is true, and allocated alone otherwise.
func setPtrIn[T any](o *objectDecoder, dst **T, want string, dec decodeFunc[T], slab bool) {
	o.known()
	*dst = nil
	d := o.d
	if d.peek() == 'n' {
		o.keep()
		return
	}
	at := d.mark()
	var v *T
	if slab {
		v = slot[T](d)
	} else {
		v = new(T)
	}
	d.ms = nil
	if !dec(d, v) {
		o.misfit(at, want)
		return
	}
	*dst = v
	o.nested()
}

// setString is setPtr for a *string field, with the string in a slab.
func setString(o *objectDecoder, dst **string, want string) {
	setPtrIn(o, dst, want, decodeString, true)
}

// setBool is setPtr for a *bool field, with the bool in a slab.
func setBool(o *objectDecoder, dst **bool, want string) {
	setPtrIn(o, dst, want, decodeBool, true)
}

// setInt is setPtr for a *int64 field, with the int64 in a slab.
func setInt(o *objectDecoder, dst **int64, want string) {
	setPtrIn(o, dst, want, decodeInt, true)
}

// setFloat is setPtr for a *float64 field, with the float64 in a slab.
func setFloat(o *objectDecoder, dst **float64, want string) {
	setPtrIn(o, dst, want, decodeFloat, true)
}

// setSlice decodes the member into *dst, a slice field, when it is not null
// and fits; otherwise *dst is left nil and the member kept raw.
func setSlice[E any](o *objectDecoder, dst *[]E, want string, elem decodeFunc[E]) {
	o.known()
	*dst = nil
	d := o.d
	if d.peek() == 'n' {
		o.keep()
		return
	}
	at := d.mark()
	d.ms = nil
	if !decodeSliceInto(d, dst, elem) {
		*dst = nil
		o.misfit(at, want)
		return
	}
	o.nested()
}

// setRaw stores the member, whatever it is, in *dst, a json.RawMessage
// field: null stays the bytes null.
func setRaw(o *objectDecoder, dst *json.RawMessage) {
	o.known()
	if !decodeRaw(o.d, dst) {
		*dst = nil
	}
}

// unmarshalObject is UnmarshalJSON of a generated object type: data must
// be a JSON object or null.
func unmarshalObject(data []byte, dec func(d *jsonReader) bool) error {
	return unmarshalWith(data, dec, func() error {
		return fmt.Errorf("json: cannot decode %s into an object", kindName(jsonKind(data)))
	})
}
