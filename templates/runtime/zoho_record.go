package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Record is one record of a Zoho CRM module as the API has it: every field
// it was given, under its API name, whatever the org and the module. Fields
// differ per org (custom fields) and per module, so Record keeps each one
// as raw JSON and in the order it came: decoding a record and encoding it
// again gives the same JSON members in the same order. The system fields
// Zoho documents for every module have typed accessors ([Record.ID],
// [Record.Owner], [Record.CreatedTime], ...); the others are read with
// [Record.Get] and the typed readers ([Record.String], [Record.Int],
// [Record.Float], [Record.Bool], [Record.Time]) and written with
// [Record.Set] and [Record.Delete].
//
// The zero value is an empty record, which encodes as {}.
type Record struct {
	// keys lists the API names in member order, each once.
	keys []string
	// fields maps each API name to its value as JSON.
	fields map[string]json.RawMessage
}

// RecordUser is a user a record refers to: its owner, its creator, the
// last user who modified it.
type RecordUser struct {
	// ID is the user's ID.
	ID string `json:"id"`
	// Name is the user's full name.
	Name string `json:"name"`
	// Email is the user's email address.
	Email string `json:"email"`
}

// RecordTag is one tag of a record.
type RecordTag struct {
	// ID is the tag's ID.
	ID string `json:"id"`
	// Name is the tag's name.
	Name string `json:"name"`
	// ColorCode is the tag's colour, such as "#57B1FD".
	ColorCode string `json:"color_code"`
}

// RecordLayout is the layout a record was created in.
type RecordLayout struct {
	// ID is the layout's ID.
	ID string `json:"id"`
	// Name is the layout's name.
	Name string `json:"name"`
}

// UnmarshalJSON decodes a JSON object into r, replacing its fields. null
// leaves r unchanged, as encoding/json does; anything else that is not an
// object is an error. When a key appears twice, the last value wins and the
// key keeps its first place.
func (r *Record) UnmarshalJSON(data []byte) error {
	if recordFirstByte(data) == 'n' {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("record: want a JSON object, got %s", recordKindName(data))
	}
	var out Record
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("record: %w", err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("record: field %q: %w", key, err)
		}
		out.put(key, raw)
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	*r = out
	return nil
}

// recordKindName names the kind of JSON value data holds, for errors.
func recordKindName(data []byte) string {
	switch recordFirstByte(data) {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// recordFirstByte returns the first byte of the JSON value in data, which
// tells its kind ('n' for null, '{' for an object), or 0 when it is empty.
func recordFirstByte(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	return data[0]
}

// MarshalJSON encodes r as a JSON object with its fields in order, each
// value as it was decoded or set. (encoding/json compacts what MarshalJSON
// returns and escapes <, > and & in it; the JSON value is the same.)
func (r Record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	// Keys are written as the values were kept: without encoding/json's
	// escaping of <, > and &.
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, k := range r.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(k); err != nil {
			return nil, fmt.Errorf("record: key %q: %w", k, err)
		}
		b.Truncate(b.Len() - 1) // the newline Encode ends with
		b.WriteByte(':')
		b.Write(r.fields[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// put sets the field key to raw, appending key when it is new.
func (r *Record) put(key string, raw json.RawMessage) {
	if r.fields == nil {
		r.fields = map[string]json.RawMessage{}
	}
	if _, ok := r.fields[key]; !ok {
		r.keys = append(r.keys, key)
	}
	r.fields[key] = raw
}

// Keys returns the API names of the record's fields in order.
func (r Record) Keys() []string {
	return append([]string(nil), r.keys...)
}

// Len returns the number of fields of the record.
func (r Record) Len() int { return len(r.keys) }

// Get returns the field apiName as raw JSON (null for a field that is null)
// and whether the record has it.
func (r Record) Get(apiName string) (json.RawMessage, bool) {
	raw, ok := r.fields[apiName]
	return raw, ok
}

// Set sets the field apiName to value encoded as JSON, adding the field at
// the end when the record lacks it. A json.RawMessage is taken as it is,
// once checked to be valid JSON; nil sets the field to null.
func (r *Record) Set(apiName string, value any) error {
	var raw []byte
	if m, ok := value.(json.RawMessage); ok {
		if !json.Valid(m) {
			return fmt.Errorf("record: field %q: invalid JSON", apiName)
		}
		raw = append([]byte(nil), m...)
	} else {
		var err error
		if raw, err = json.Marshal(value); err != nil {
			return fmt.Errorf("record: field %q: %w", apiName, err)
		}
	}
	r.put(apiName, raw)
	return nil
}

// Delete removes the field apiName from the record, if it has it.
func (r *Record) Delete(apiName string) {
	if _, ok := r.fields[apiName]; !ok {
		return
	}
	delete(r.fields, apiName)
	for i, k := range r.keys {
		if k == apiName {
			r.keys = append(r.keys[:i:i], r.keys[i+1:]...)
			break
		}
	}
}

// Decode decodes the field apiName into dst with encoding/json. It reports
// false, and no error, when the record lacks the field or it is null.
func (r Record) Decode(apiName string, dst any) (bool, error) {
	raw, ok := r.fields[apiName]
	if !ok || recordFirstByte(raw) == 'n' {
		return false, nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return false, fmt.Errorf("record: field %q: %w", apiName, err)
	}
	return true, nil
}

// decodeAs decodes the field apiName into a T; ok is false when the record
// lacks the field, it is null or it does not decode into a T.
func decodeAs[T any](r Record, apiName string) (T, bool) {
	var v T
	ok, err := r.Decode(apiName, &v)
	return v, ok && err == nil
}

// String returns the field apiName when it is a JSON string.
func (r Record) String(apiName string) (string, bool) {
	return decodeAs[string](r, apiName)
}

// Bool returns the field apiName when it is true or false.
func (r Record) Bool(apiName string) (bool, bool) {
	return decodeAs[bool](r, apiName)
}

// Int returns the field apiName when it is an integer that fits int64: a
// JSON number, or a string holding one, the form Zoho gives IDs and bigint
// fields.
func (r Record) Int(apiName string) (int64, bool) {
	text, ok := r.numberText(apiName)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil
}

// Float returns the field apiName when it is a number: a JSON number, or a
// string holding one.
func (r Record) Float(apiName string) (float64, bool) {
	text, ok := r.numberText(apiName)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil
}

// numberText returns the text of the field apiName when it is a JSON number
// or a string.
func (r Record) numberText(apiName string) (string, bool) {
	raw, ok := r.fields[apiName]
	if !ok {
		return "", false
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return decodeAs[string](r, apiName)
}

// Time returns the field apiName when it is a string holding a date-time
// as Zoho writes them (RFC 3339, "2026-03-26T12:46:11+05:30") or a date
// ("2026-03-26", midnight UTC).
func (r Record) Time(apiName string) (time.Time, bool) {
	s, ok := r.String(apiName)
	if !ok {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// The API names of the system fields Zoho gives records of every module.
const (
	recordFieldID               = "id"
	recordFieldOwner            = "Owner"
	recordFieldCreatedBy        = "Created_By"
	recordFieldModifiedBy       = "Modified_By"
	recordFieldCreatedTime      = "Created_Time"
	recordFieldModifiedTime     = "Modified_Time"
	recordFieldLastActivityTime = "Last_Activity_Time"
	recordFieldTag              = "Tag"
	recordFieldLayout           = "Layout"
	recordFieldApprovalState    = "$approval_state"
	recordFieldEditable         = "$editable"
)

// ID returns the record's ID (the field id), which Zoho writes as a string.
func (r Record) ID() (string, bool) {
	if s, ok := r.String(recordFieldID); ok {
		return s, true
	}
	if n, ok := r.Int(recordFieldID); ok {
		return strconv.FormatInt(n, 10), true
	}
	return "", false
}

// Owner returns the user who owns the record (the field Owner).
func (r Record) Owner() (RecordUser, bool) {
	return decodeAs[RecordUser](r, recordFieldOwner)
}

// CreatedBy returns the user who created the record (the field
// Created_By).
func (r Record) CreatedBy() (RecordUser, bool) {
	return decodeAs[RecordUser](r, recordFieldCreatedBy)
}

// ModifiedBy returns the user who modified the record last (the field
// Modified_By).
func (r Record) ModifiedBy() (RecordUser, bool) {
	return decodeAs[RecordUser](r, recordFieldModifiedBy)
}

// CreatedTime returns when the record was created (the field
// Created_Time).
func (r Record) CreatedTime() (time.Time, bool) {
	return r.Time(recordFieldCreatedTime)
}

// ModifiedTime returns when the record was modified last (the field
// Modified_Time).
func (r Record) ModifiedTime() (time.Time, bool) {
	return r.Time(recordFieldModifiedTime)
}

// LastActivityTime returns when the record last saw an activity (the field
// Last_Activity_Time).
func (r Record) LastActivityTime() (time.Time, bool) {
	return r.Time(recordFieldLastActivityTime)
}

// Tag returns the record's tags (the field Tag).
func (r Record) Tag() ([]RecordTag, bool) {
	return decodeAs[[]RecordTag](r, recordFieldTag)
}

// Layout returns the layout of the record (the field Layout).
func (r Record) Layout() (RecordLayout, bool) {
	return decodeAs[RecordLayout](r, recordFieldLayout)
}

// ApprovalState returns the record's approval state (the field
// $approval_state), such as "approved" or "approval_process_pending".
func (r Record) ApprovalState() (string, bool) {
	return r.String(recordFieldApprovalState)
}

// Editable reports whether the current user may edit the record (the field
// $editable).
func (r Record) Editable() (bool, bool) {
	return r.Bool(recordFieldEditable)
}
