package runtime

import "encoding/json"

// Nullable holds an object member that may be absent, null, or a value of
// type T. Generated types use it for members that the samples show both
// missing and null, where a pointer could not tell the two apart.
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
