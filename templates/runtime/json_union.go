package runtime

import "fmt"

// unionError reports that a union type named name has no field for the
// kind of JSON value in data, or that the value does not fit that field.
func unionError(name string, data []byte) error {
	return fmt.Errorf("json: cannot decode %s into %s", kindName(jsonKind(data)), name)
}

// setVariant decodes data into *dst, the pointer field of a union variant,
// and stores the mismatches inside it in *record. It reports whether data
// fits; when it does not, *dst is left unchanged.
func setVariant[T any](dst **T, record *[]Mismatch, data []byte, dec decodeFunc[T]) bool {
	v, nested, err := dec(data)
	if err != nil {
		return false
	}
	*dst, *record = &v, nested
	return true
}

// setArrayVariant decodes data into *dst, the slice field of a union's
// array variant, like setVariant.
func setArrayVariant[E any](dst *[]E, record *[]Mismatch, data []byte, dec decodeFunc[[]E]) bool {
	v, nested, err := dec(data)
	if err != nil {
		return false
	}
	*dst, *record = v, nested
	return true
}
