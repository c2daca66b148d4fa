package runtime

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// The generated object types decode and encode themselves with the
// functions in this file rather than with encoding/json's struct tags, for
// four reasons: keys are matched exactly (encoding/json matches "Owner" to
// a field tagged "owner" when no exact match exists, so two keys differing
// in case would share one field); any key can be matched, including those a
// struct tag cannot spell ("", "a,b", `a"b`); members with keys the type
// does not know are kept in the type's Extra map and written back, so a
// decode followed by an encode loses nothing; and a member that does not
// fit its field is kept in Extra too instead of failing the decode.
//
// Every field of a generated object is optional: a pointer, a slice, a
// json.RawMessage or a Nullable, whose zero value is an absent member. So
// the zero value of every object type encodes as {}.
//
// A generated object type has one method for all of this, jsonFields,
// which calls the visit function of each field's Go type in the order of
// the fields and returns the address of Extra:
//
//	func (c *Crypt) jsonFields(f *fieldVisitor) *Extra {
//		visitString(f, "mode", &c.Mode)
//		visitObject(f, "format", &c.Format)
//		visitSlice(f, "encFldIds", &c.EncFldIDs, stringCodec())
//		return &c.Extra
//	}
//
// What a visit does depends on the visitor's mode (see step). Encoding
// writes each field that is set, then the members of Extra sorted by key.
// Decoding makes an ordered pass: the key of the member read is compared
// with each field's key in turn, and the field that has it decodes the
// member, after which the next member is read. JSON from an API mostly
// comes in the order the fields were inferred from, so this one pass
// usually takes every member, at the cost of one string comparison per
// field. Members it leaves (out of order, repeated, unknown) are read once
// onto the reader's rest stack, and a second pass gives each field the last
// member of its key; the others go to Extra. Mismatches visits the same way
// to read the members that did not fit off Extra and the values decoded
// (see json_mismatch.go); only it uses reflection, to name the Go types.
//
// A member that is null where its field cannot hold null, or that does not
// fit, is kept as received in Extra and the field is left unset. When a
// key appears twice, the last member wins, as with encoding/json.

// objectPtr is the constraint of the pointer type of a generated object
// type T.
type objectPtr[T any] interface {
	*T
	objectFields
}

// objectCodec is the codec of the generated object type T, for arrays of
// them whose elements may be null (orNull) and nested arrays; fields and
// arrays of T visit with visitObject and visitObjects, which compile less
// code per type. A null array element does not fit it.
func objectCodec[T any, P objectPtr[T]]() codec[T] {
	return codec[T]{'{', decodeObjectOf[T, P], encodeObjectOf[T, P], walkObjectOf[T, P]}
}

// decodeObjectOf decodes an object into *v, which is zero; null does not
// fit.
func decodeObjectOf[T any, P objectPtr[T]](d *jsonReader, v *T) bool {
	return d.visitor().decodeObjectValue(P(v))
}

// encodeObjectOf writes *v as MarshalJSON does.
func encodeObjectOf[T any, P objectPtr[T]](w *jsonWriter, v *T) {
	w.visitor().encodeObject(P(v))
}

// walkObjectOf appends the mismatches of *v to f.ms.
func walkObjectOf[T any, P objectPtr[T]](f *fieldVisitor, v *T) {
	f.inspectObject(P(v))
}

// marshalObject is MarshalJSON of a generated object type.
func marshalObject(v objectFields) ([]byte, error) {
	return marshalWith(func(w *jsonWriter) { w.visitor().encodeObject(v) })
}

// unmarshalObject is UnmarshalJSON of a generated object type: data must
// be a JSON object or null. The fields of v are reset first.
func unmarshalObject(data []byte, v objectFields) error {
	return unmarshalWith(data, func(d *jsonReader) bool {
		f := d.visitor()
		f.resetObject(v)
		return f.decodeObject(v)
	}, func() error {
		return fmt.Errorf("json: cannot decode %s into an object", kindName(jsonKind(data)))
	})
}

// resetObject sets every field of v and its Extra to the zero value, as
// decoding into a value that is not new needs: decodeObject sets only the
// fields whose members it reads.
func (f *fieldVisitor) resetObject(v objectFields) {
	mode := f.mode
	f.mode = visitReset
	*v.jsonFields(f) = nil
	f.mode = mode
}

// decodeObject decodes the object at the reader's position into v, whose
// fields are zero: the ordered pass, then, for the members it left, the
// second. null leaves v zero; a value of another kind does not fit.
func (f *fieldVisitor) decodeObject(v objectFields) bool {
	d := f.d
	switch d.peek() {
	case 'n':
		return d.readNull()
	case '{':
		if !d.enter() {
			return false
		}
	default:
		return false
	}
	saved := f.frame
	f.frame = frame{mode: visitDecode, first: true}
	f.next()
	extra := v.jsonFields(f)
	if f.mode == visitDecode && d.err == nil && f.collectRest() {
		v.jsonFields(f)
		f.keepRest()
	}
	ok := d.err == nil
	if ok {
		*extra = f.extra
	}
	f.frame = saved
	return ok
}

// next reads the key of the next member, or ends the ordered pass at the
// end of the object.
func (f *fieldVisitor) next() {
	if k, ok := f.d.member(&f.first); ok {
		f.key = k
		return
	}
	f.mode = visitNone
}

// collectRest reads the member at the position, whose key is f.key, and
// those after it onto the reader's rest stack, and starts the second pass.
func (f *fieldVisitor) collectRest() bool {
	d := f.d
	f.base, f.depth = len(d.rest), d.depth
	for {
		d.ws()
		start := d.pos
		if !d.skip() {
			return false
		}
		d.rest = append(d.rest, restMember{key: f.key, start: start, end: d.pos})
		k, ok := d.member(&f.first)
		if !ok {
			break
		}
		f.key = k
	}
	if d.err != nil {
		return false
	}
	f.end, f.mode = d.pos, visitFallback
	return true
}

// take reports whether a member of the rest stack has the key, and moves
// the reader to the value of the last one; every member with the key is
// taken, and what an earlier one left in Extra is forgotten.
func (f *fieldVisitor) take(key string) bool {
	d := f.d
	rest := d.rest[f.base:]
	last := -1
	for i := range rest {
		if rest[i].key == key {
			rest[i].taken, last = true, i
		}
	}
	if last < 0 {
		return false
	}
	delete(f.extra, key)
	d.pos, d.depth = rest[last].start, f.depth
	return true
}

// keepRest ends the second pass: it keeps in Extra the members no field
// took, drops the object's members from the rest stack and moves the
// reader past the object.
func (f *fieldVisitor) keepRest() {
	d := f.d
	for _, m := range d.rest[f.base:] {
		if !m.taken {
			f.keepRaw(m.key, d.s[m.start:m.end])
		}
	}
	d.rest = d.rest[:f.base]
	d.pos, d.depth = f.end, f.depth-1
}

// keepRaw keeps a member's value, as received, in Extra.
func (f *fieldVisitor) keepRaw(key, raw string) {
	if f.extra == nil {
		f.extra = map[string]json.RawMessage{}
	}
	f.extra[key] = json.RawMessage(raw)
}

// keep reads the value at the position and keeps it in Extra.
func (f *fieldVisitor) keep(key string) {
	d := f.d
	d.ws()
	start := d.pos
	if d.skip() {
		f.keepRaw(key, d.s[start:d.pos])
	}
}

// misfit keeps the value that starts at the mark at, which does not fit
// its field, in Extra.
func (f *fieldVisitor) misfit(key string, at readerMark) {
	if f.d.err == nil {
		f.d.reset(at)
		f.keep(key)
	}
}

// decodes reports whether the field key decodes the member at the
// reader's position. In the ordered pass the caller calls decoded after.
func (f *fieldVisitor) decodes(key string) bool {
	switch f.mode {
	case visitDecode:
		return f.key == key
	case visitFallback:
		return f.take(key)
	}
	return false
}

// decoded moves to the next member after a field decoded one in the
// ordered pass.
func (f *fieldVisitor) decoded() {
	if f.mode == visitDecode {
		f.next()
	}
}

// variant ends the decoding of a union's value, which fits or not.
func (f *fieldVisitor) variant(fit bool) bool {
	f.mode, f.fit = visitNone, fit
	return fit
}

// encodeObject writes v: its fields that are set, in order, then the
// members of its Extra sorted by key, but for those with the key of a field
// that is set.
func (f *fieldVisitor) encodeObject(v objectFields) {
	w := f.w
	// Encoding uses no other state of the frame.
	mode, n := f.mode, f.n
	f.mode, f.n = visitEncode, 0
	w.buf = append(w.buf, '{')
	if extra := *v.jsonFields(f); len(extra) > 0 {
		f.mode = visitSetKeys
		base := len(w.keys)
		v.jsonFields(f)
		w.extraMembers(&f.n, extra, w.keys[base:])
		w.keys = w.keys[:base]
	}
	w.buf = append(w.buf, '}')
	f.mode, f.n = mode, n
}

// escapeNext says that the key of the next field visited needs escaping
// in JSON: characters other than printable ASCII, or '"', '\\', '<', '>'
// or '&'. The generated jsonFields methods call it before such a field, so
// that encoding copies every other key as it is, unchecked. Until a member
// is written, the flag stays, which only makes the next key checked.
func (f *fieldVisitor) escapeNext() {
	f.escape = true
}

// member writes the key of a field that is set.
func (f *fieldVisitor) member(key string) {
	f.w.member(&f.n, key, f.escape)
	f.escape = false
}

// visitPtr visits a pointer field *T whose member has the key, with c the
// codec of T. A null member, or one that does not fit, leaves it nil and is
// kept in Extra.
func visitPtr[T any](f *fieldVisitor, key string, dst **T, c codec[T]) {
	visitPtrIn(f, key, dst, c, false)
}

// visitString visits a *string field, with the strings decoded in a slab
// of the reader (see slot).
func visitString(f *fieldVisitor, key string, dst **string) {
	visitPtrIn(f, key, dst, stringCodec(), true)
}

// visitInt visits a *int64 field like visitString.
func visitInt(f *fieldVisitor, key string, dst **int64) {
	visitPtrIn(f, key, dst, intCodec(), true)
}

// visitFloat visits a *float64 field like visitString.
func visitFloat(f *fieldVisitor, key string, dst **float64) {
	visitPtrIn(f, key, dst, floatCodec(), true)
}

// visitBool visits a *bool field like visitString.
func visitBool(f *fieldVisitor, key string, dst **bool) {
	visitPtrIn(f, key, dst, boolCodec(), true)
}

// visitObject visits a field *T of a generated object type T. Only making
// a new T is compiled per type; objectField does the rest.
func visitObject[T any, P objectPtr[T]](f *fieldVisitor, key string, dst **T) {
	switch f.objectField(key, P(*dst), *dst != nil) {
	case stepDecode:
		v := new(T)
		if f.decodedMember(key, f.decodeObject(P(v))) {
			*dst = v
		} else {
			*dst = nil
		}
	case stepReset:
		*dst = nil
	}
}

// objectField is the visit of a field holding the object v, set telling
// whether it is (v is then a nil pointer of the field's type): it does all
// but what needs the field itself, for which it returns stepDecode (decode
// a new value, then call decodedMember) or stepReset (set it to nil, as
// for a null member, which step has kept in Extra).
func (f *fieldVisitor) objectField(key string, v objectFields, set bool) uint8 {
	switch s := f.step(key, set, '{'); s {
	case stepDecode, stepReset:
		return s
	case stepEncode:
		f.encodeObject(v)
	case stepWalk:
		from := len(f.ms)
		f.inspectObject(v)
		f.endWalk(key, from)
	case stepMisfit:
		f.misfitField(key, reflect.TypeOf(v))
	}
	return stepNone
}

// visitObjects visits a field []T of a generated object type T, as
// visitSlice does with objectCodec[T](), with the elements decoded,
// written and walked as objectFields.
func visitObjects[T any, P objectPtr[T]](f *fieldVisitor, key string, dst *[]T) {
	s := *dst
	switch f.step(key, s != nil, '[') {
	case stepDecode:
		d := f.d
		ok := d.peek() == '[' && d.enter()
		if ok {
			s = make([]T, 0, 4)
			for first := true; ok && d.nextElem(&first); {
				// The elements past the length are zero: make and
				// append clear what they allocate.
				if len(s) < cap(s) {
					s = s[:len(s)+1]
				} else {
					s = append(s, *new(T))
				}
				ok = f.decodeObjectValue(P(&s[len(s)-1]))
			}
			ok = ok && d.err == nil
		}
		if f.decodedMember(key, ok) {
			*dst = s
		} else {
			*dst = nil
		}
	case stepReset:
		*dst = nil
	case stepEncode:
		f.w.buf = append(f.w.buf, '[')
		for i := range s {
			f.encodeElem(i, P(&s[i]))
		}
		f.w.buf = append(f.w.buf, ']')
	case stepWalk:
		from := len(f.ms)
		for i := range s {
			f.walkElem(i, P(&s[i]))
		}
		f.endWalk(key, from)
	case stepMisfit:
		f.misfitField(key, reflect.TypeFor[[]T]())
	}
}

// decodeObjectValue decodes an object at the reader's position into v,
// whose fields are zero; null does not fit.
func (f *fieldVisitor) decodeObjectValue(v objectFields) bool {
	return f.d.peek() != 'n' && f.decodeObject(v)
}

// encodeElem writes the object v as the element i of an array.
func (f *fieldVisitor) encodeElem(i int, v objectFields) {
	if i > 0 {
		f.w.buf = append(f.w.buf, ',')
	}
	f.encodeObject(v)
}

// walkElem appends the mismatches of the object v, the element i of an
// array, to f.ms under its index.
func (f *fieldVisitor) walkElem(i int, v objectFields) {
	from := len(f.ms)
	f.inspectObject(v)
	f.prefixIndex(from, i)
}

// Steps of a field's visit, as fieldVisitor.step returns them. The visit
// functions below differ only in how they read, write, reset and walk
// their field's Go type; step says which of those the visitor's mode and
// the member ask for.
const (
	// stepNone: nothing to do.
	stepNone = iota
	// stepDecode: decode the value at the reader's position into the
	// field, then call decodedMember.
	stepDecode
	// stepNull: the member is null and the field takes null (its kind
	// is takesNull). For another field step keeps a null member in
	// Extra and returns stepReset.
	stepNull
	// stepReset: set the field to its zero value (see stepNull too).
	stepReset
	// stepEncode: write the field's value (its key is written).
	stepEncode
	// stepWalk: append the mismatches inside the field's value, then call
	// endWalk.
	stepWalk
	// stepMisfit: the member kept in Extra under the field's key does not
	// fit; call misfitField with the field's Go type.
	stepMisfit
)

// takesNull is the kind of a field that holds null itself (a Nullable, raw
// JSON): step hands it a null member (stepNull). No union variant has it.
const takesNull = 'n'

// step returns what the visit of the field key does, set being whether
// the field holds a value and kind the jsonKind of the values it takes
// (for union variants), or takesNull. Writing a member's key, recording
// the keys of the fields that are set and keeping in Extra a null member
// of a field that cannot hold null are done here.
func (f *fieldVisitor) step(key string, set bool, kind byte) uint8 {
	// Encoding visits every field of every object written, most of them
	// not set: that test is here, where the compiler inlines it into the
	// visit.
	if !set && f.mode == visitEncode {
		return stepNone
	}
	return f.stepOther(key, set, kind)
}

// stepOther is step once the visit has something to do or is in another
// mode.
func (f *fieldVisitor) stepOther(key string, set bool, kind byte) uint8 {
	switch f.mode {
	case visitEncode:
		f.member(key)
		return stepEncode
	case visitDecode, visitFallback:
		if !f.decodes(key) {
			return stepNone
		}
		if f.d.peek() == 'n' {
			if kind == takesNull {
				return stepNull
			}
			f.keep(key)
			f.decoded()
			return stepReset
		}
		f.at = f.d.mark()
		return stepDecode
	case visitSetKeys:
		if set {
			f.w.keys = append(f.w.keys, key)
		}
	case visitInspect:
		switch f.inspect(key, set) {
		case 'm':
			return stepMisfit
		case 'w':
			return stepWalk
		}
	case visitUnionDecode:
		if f.kind == kind {
			return stepDecode
		}
	case visitUnionEncode:
		if set {
			f.mode = visitNone
			return stepEncode
		}
	case visitReset:
		return stepReset
	}
	return stepNone
}

// decodedMember ends stepDecode, ok being whether the value fitted, and
// reports whether the field keeps it. A member that does not fit is kept
// in Extra; a union's variant ends the union's decoding.
func (f *fieldVisitor) decodedMember(key string, ok bool) bool {
	if f.mode == visitUnionDecode {
		return f.variant(ok)
	}
	if !ok {
		f.misfit(key, f.at)
	}
	f.decoded()
	return ok
}

// visitPtrIn is visitPtr with the values decoded in a slab of the reader
// when slab is true.
func visitPtrIn[T any](f *fieldVisitor, key string, dst **T, c codec[T], slab bool) {
	switch f.step(key, *dst != nil, c.kind) {
	case stepDecode:
		var v *T
		if slab {
			v = slot[T](f.d)
		} else {
			v = new(T)
		}
		if f.decodedMember(key, c.dec(f.d, v)) {
			*dst = v
		} else {
			*dst = nil
		}
	case stepReset:
		*dst = nil
	case stepEncode:
		c.enc(f.w, *dst)
	case stepWalk:
		if c.walk != nil {
			from := len(f.ms)
			c.walk(f, *dst)
			f.endWalk(key, from)
		}
	case stepMisfit:
		f.misfitField(key, reflect.TypeFor[*T]())
	}
}

// visitSlice visits a slice field []E whose member has the key, with elem
// the codec of its elements. A null member, or one that does not fit,
// leaves it nil and is kept in Extra; an empty array gives an empty slice
// that is not nil, which encodes back as [].
func visitSlice[E any](f *fieldVisitor, key string, dst *[]E, elem codec[E]) {
	switch f.step(key, *dst != nil, '[') {
	case stepDecode:
		var v []E
		if f.decodedMember(key, decodeSliceInto(f.d, &v, elem.dec)) {
			*dst = v
		} else {
			*dst = nil
		}
	case stepReset:
		*dst = nil
	case stepEncode:
		encodeSlice(f.w, *dst, elem.enc)
	case stepWalk:
		if elem.walk != nil {
			from := len(f.ms)
			walkSlice(f, *dst, elem.walk)
			f.endWalk(key, from)
		}
	case stepMisfit:
		f.misfitField(key, reflect.TypeFor[[]E]())
	}
}

// visitRaw visits a json.RawMessage field, which takes any member as it
// is: null stays the bytes null.
func visitRaw(f *fieldVisitor, key string, dst *json.RawMessage) {
	switch f.step(key, *dst != nil, takesNull) {
	case stepDecode, stepNull:
		if !decodeRaw(f.d, dst) {
			*dst = nil
		}
		f.decoded()
	case stepReset:
		*dst = nil
	case stepEncode:
		encodeRaw(f.w, dst)
	}
}
