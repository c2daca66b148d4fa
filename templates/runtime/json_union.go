package runtime

import "fmt"

// unmarshalUnion is UnmarshalJSON of a generated union type named name: a
// value that fits none of its variants is an error.
func unmarshalUnion(data []byte, name string, dec func(d *jsonReader) bool) error {
	return unmarshalWith(data, dec, func() error {
		return fmt.Errorf("json: cannot decode %s into %s", kindName(jsonKind(data)), name)
	})
}

// setVariant decodes the reader's value into *dst, the pointer field of a
// union variant, and stores the mismatches inside it in *record. It
// reports whether the value fits; when it does not, *dst is left unchanged.
func setVariant[T any](d *jsonReader, dst **T, record *[]Mismatch, dec decodeFunc[T]) bool {
	v := new(T)
	d.ms = nil
	if !dec(d, v) {
		return false
	}
	*dst, *record, d.ms = v, d.ms, nil
	return true
}

// setArrayVariant decodes the reader's value into *dst, the slice field of
// a union's array variant, like setVariant.
func setArrayVariant[E any](d *jsonReader, dst *[]E, record *[]Mismatch, elem decodeFunc[E]) bool {
	var v []E
	d.ms = nil
	if !decodeSliceInto(d, &v, elem) {
		return false
	}
	*dst, *record, d.ms = v, d.ms, nil
	return true
}
