package runtime

import (
	"fmt"
	"reflect"
)

// A generated union type has one field per JSON kind it takes, and one
// method, jsonVariants, that visits them with the key "" (see
// json_object.go):
//
//	func (u *Value) jsonVariants(f *fieldVisitor) {
//		visitString(f, "", &u.String)
//		visitObjects(f, "", &u.Array)
//	}
//
// Decoding sets the field whose codec takes the kind of the JSON value;
// encoding writes the first field that is set, null when none is.

// unionPtr is the constraint of the pointer type of a generated union
// type T.
type unionPtr[T any] interface {
	*T
	unionVariants
}

// unionCodec is the codec of the generated union type T, for arrays of
// them (fields of T visit with visitUnion). A null array element does not
// fit it (orNull takes null).
func unionCodec[T any, P unionPtr[T]]() codec[T] {
	return codec[T]{0, decodeUnionOf[T, P], encodeUnionOf[T, P], walkUnionOf[T, P]}
}

// decodeUnionOf decodes a value that is not null into *v, which is zero.
func decodeUnionOf[T any, P unionPtr[T]](d *jsonReader, v *T) bool {
	return d.peek() != 'n' && d.visitor().decodeUnion(P(v))
}

// encodeUnionOf writes *v as MarshalJSON does.
func encodeUnionOf[T any, P unionPtr[T]](w *jsonWriter, v *T) {
	w.visitor().encodeUnion(P(v))
}

// walkUnionOf appends the mismatches inside *v to f.ms.
func walkUnionOf[T any, P unionPtr[T]](f *fieldVisitor, v *T) {
	f.inspectUnion(P(v))
}

// visitUnion visits a field *T of a generated union type T. Only making a
// new T is compiled per type; unionField does the rest.
func visitUnion[T any, P unionPtr[T]](f *fieldVisitor, key string, dst **T) {
	switch f.unionField(key, P(*dst), *dst != nil) {
	case stepDecode:
		v := new(T)
		if f.decodedMember(key, f.decodeUnion(P(v))) {
			*dst = v
		} else {
			*dst = nil
		}
	case stepReset:
		*dst = nil
	}
}

// unionField is objectField for a field holding the union v.
func (f *fieldVisitor) unionField(key string, v unionVariants, set bool) uint8 {
	switch s := f.step(key, set, 0); s {
	case stepDecode, stepReset:
		return s
	case stepEncode:
		f.encodeUnion(v)
	case stepWalk:
		from := len(f.ms)
		f.inspectUnion(v)
		f.endWalk(key, from)
	case stepMisfit:
		f.misfitField(key, reflect.TypeOf(v))
	}
	return stepNone
}

// marshalUnion is MarshalJSON of a generated union type.
func marshalUnion(v unionVariants) ([]byte, error) {
	return marshalWith(func(w *jsonWriter) { w.visitor().encodeUnion(v) })
}

// unmarshalUnion is UnmarshalJSON of a generated union type named name: a
// value that fits none of its variants is an error. The variants of v are
// reset first.
func unmarshalUnion(data []byte, v unionVariants, name string) error {
	return unmarshalWith(data, func(d *jsonReader) bool {
		f := d.visitor()
		mode := f.mode
		f.mode = visitReset
		v.jsonVariants(f)
		f.mode = mode
		return f.decodeUnion(v)
	}, func() error {
		return fmt.Errorf("json: cannot decode %s into %s", kindName(jsonKind(data)), name)
	})
}

// decodeUnion decodes the value at the reader's position into the variant
// of v for its kind.
func (f *fieldVisitor) decodeUnion(v unionVariants) bool {
	d := f.d
	k := d.kind()
	if k == 'n' {
		return d.readNull()
	}
	saved := f.frame
	f.frame = frame{mode: visitUnionDecode, kind: k}
	v.jsonVariants(f)
	fit := f.mode == visitNone && f.fit
	f.frame = saved
	return fit
}

// encodeUnion writes the first variant of v that is set, or null.
func (f *fieldVisitor) encodeUnion(v unionVariants) {
	mode := f.mode
	f.mode = visitUnionEncode
	v.jsonVariants(f)
	if f.mode == visitUnionEncode {
		f.w.null()
	}
	f.mode = mode
}
