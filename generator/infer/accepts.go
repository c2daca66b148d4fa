package infer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Accepts reports whether doc, a JSON text, decodes into the Go type
// generated for t with no member that does not fit its field (no runtime
// Mismatch) and encodes back to an equal document. It follows the
// generated code step by step without compiling it: members are matched by
// exact key, and the last of two equal keys wins; members of unknown keys
// are kept; every member may be missing, and a null member is kept (raw
// when its field cannot hold null), but a null array element or root must
// be Nullable (or of kind Unknown); Int takes integers that fit int64, Float numbers that
// float64 re-encodes to the same decimal value, BigNumber any number; Time
// takes RFC 3339 date-times and Date full dates; a Union takes the JSON kinds of its variants.
// Strings are compared as Go decodes them (invalid UTF-8 becomes U+FFFD on
// both sides).
//
// The error names the JSON path of the first value that does not fit.
func (t *Type) Accepts(doc []byte) error {
	if !json.Valid(doc) {
		return errors.New("not valid JSON")
	}
	return accept(t, t.Nullable, doc, "$")
}

// accept checks raw against the type of a present member or element.
func accept(t *Type, nullable bool, raw []byte, path string) error {
	k := kindOf(raw)
	if k == 'n' {
		if nullable || t.Kind == Unknown {
			return nil
		}
		return fmt.Errorf("%s: null where %s is not nullable", path, t.Kind)
	}
	return acceptValue(t, k, raw, path)
}

// acceptValue checks a non-null raw of JSON kind k against t.
func acceptValue(t *Type, k byte, raw []byte, path string) error {
	mismatch := func() error {
		return fmt.Errorf("%s: %s does not fit %s", path, kindWord(k), t.Kind)
	}
	switch t.Kind {
	case Unknown:
		return nil
	case Bool:
		if k != 't' {
			return mismatch()
		}
	case Int, Float, BigNumber:
		if k != '0' {
			return mismatch()
		}
		n := classify(string(bytes.TrimSpace(raw)))
		if t.Kind == Int && !n.int64 || t.Kind == Float && !n.exact {
			return fmt.Errorf("%s: number %s does not fit %s exactly", path, bytes.TrimSpace(raw), t.Kind)
		}
	case String, Time, Date:
		if k != '"' {
			return mismatch()
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if t.Kind == Time && !isTime(s) {
			return fmt.Errorf("%s: %q is not an RFC 3339 date-time", path, s)
		}
		if t.Kind == Date && !isDate(s) {
			return fmt.Errorf("%s: %q is not a full date", path, s)
		}
	case Object:
		if k != '{' {
			return mismatch()
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(raw, &members); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, f := range t.Fields {
			p := path + keyPath(f.Key)
			v, ok := members[f.Key]
			if !ok || kindOf(v) == 'n' {
				// Every member is optional, and a null one is kept.
				continue
			}
			if err := accept(f.Type, f.Nullable, v, p); err != nil {
				return err
			}
		}
	case Array:
		if k != '[' {
			return mismatch()
		}
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for i, e := range elems {
			if err := accept(t.Elem, t.Elem.Nullable, e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case Union:
		for _, v := range t.Variants {
			if variantKind(v.Kind) == k {
				return acceptValue(v, k, raw, path)
			}
		}
		return mismatch()
	default:
		return fmt.Errorf("%s: unknown kind %d", path, t.Kind)
	}
	return nil
}

// kindOf returns the JSON kind of raw by its first byte, as the runtime's
// jsonKind does: '{', '[', '"', 't' (true or false), '0' (a number), 'n'.
func kindOf(raw []byte) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	switch c := raw[0]; c {
	case '{', '[', '"', 'n':
		return c
	case 't', 'f':
		return 't'
	}
	return '0'
}

// variantKind is the JSON kind a union variant of kind k takes.
func variantKind(k Kind) byte {
	switch k {
	case Bool:
		return 't'
	case Int, Float, BigNumber:
		return '0'
	case String, Time, Date:
		return '"'
	case Object:
		return '{'
	case Array:
		return '['
	}
	return 0
}

func kindWord(k byte) string {
	switch k {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't':
		return "boolean"
	}
	return "number"
}
