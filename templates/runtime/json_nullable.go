package runtime

import "encoding/json"

// Nullable holds an object member that may be absent, null, or a value of
// type T. Generated types use it for members that the samples show null,
// where a pointer could not tell absent and null apart.
//
// The zero Nullable is absent, and the object holding it leaves the member
// out. Null true means the member is present as null. Valid true means it
// holds Value, and takes precedence over Null.
type Nullable[T any] struct {
	// Value is the member's value. It is meaningful only when Valid is true.
	Value T
	// Valid reports that the member is present with a value.
	Valid bool
	// Null reports that the member is present as null.
	Null bool
}

// Present reports whether the member is present, either as null or with a
// value.
func (n Nullable[T]) Present() bool {
	return n.Valid || n.Null
}

// MarshalJSON encodes Value when Valid is true, and null otherwise.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON sets Null for a JSON null, and otherwise decodes Value and
// sets Valid.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{}
	if string(data) == "null" {
		n.Null = true
		return nil
	}
	if err := json.Unmarshal(data, &n.Value); err != nil {
		return err
	}
	n.Valid = true
	return nil
}

// setNullable decodes the member into *dst, a Nullable field: null sets
// Null; a value that fits sets Value and Valid; a value that does not fit
// leaves *dst absent and the member kept raw.
func setNullable[T any](o *objectDecoder, dst *Nullable[T], want string, dec decodeFunc[T]) {
	o.known()
	*dst = Nullable[T]{}
	d := o.d
	if d.peek() == 'n' {
		if d.readNull() {
			dst.Null = true
		}
		return
	}
	at := d.mark()
	d.ms = nil
	if !dec(d, &dst.Value) {
		*dst = Nullable[T]{}
		o.misfit(at, want)
		return
	}
	dst.Valid = true
	o.nested()
}

// encodeNullable writes the value of a Nullable that is Valid, and null
// otherwise.
func encodeNullable[T any](w *jsonWriter, v *Nullable[T], enc encodeFunc[T]) {
	if !v.Valid {
		w.buf = append(w.buf, "null"...)
		return
	}
	enc(w, &v.Value)
}
