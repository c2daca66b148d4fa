package runtime

import (
	"encoding/json"
	"reflect"
)

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

// visitNullable visits a Nullable field whose member has the key, with c
// the codec of T: null sets Null; a value that fits sets Value and Valid; a
// value that does not fit leaves the field absent and is kept in Extra.
// Encoding writes Value when Valid, null otherwise.
func visitNullable[T any](f *fieldVisitor, key string, dst *Nullable[T], c codec[T]) {
	switch f.step(key, dst.Present(), takesNull) {
	case stepDecode:
		*dst = Nullable[T]{}
		dst.Valid = f.decodedMember(key, c.dec(f.d, &dst.Value))
		if !dst.Valid {
			*dst = Nullable[T]{}
		}
	case stepNull:
		*dst = Nullable[T]{Null: f.d.readNull()}
		f.decoded()
	case stepReset:
		*dst = Nullable[T]{}
	case stepEncode:
		if dst.Valid {
			c.enc(f.w, &dst.Value)
		} else {
			f.w.null()
		}
	case stepWalk:
		if dst.Valid && c.walk != nil {
			from := len(f.ms)
			c.walk(f, &dst.Value)
			f.endWalk(key, from)
		}
	case stepMisfit:
		f.misfitField(key, reflect.TypeFor[Nullable[T]]())
	}
}
