package infer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Realize returns data, one JSON text, with every type placeholder that
// stands as a value ("<integer>", "<string,null>", "<object>", ...)
// replaced by [Placeholder.Example], a value of the type it names, so that
// tests and examples built from an imported collection send and expect
// values, never placeholder text. Everything else is kept byte for byte:
// keys (even one that looks like a placeholder), key order, white space,
// numbers as written, and strings that merely contain angle brackets.
// Realize returns data itself when it holds no placeholder, and an error
// naming the line and column when data is not valid JSON.
func Realize(data []byte) ([]byte, error) {
	if err := checkSample(0, data); err != nil {
		var se *SampleError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("realize placeholders: %s at line %d, col %d", se.Msg, se.Line, se.Col)
		}
		return nil, err
	}
	var out []byte
	last := 0
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		start, end := i, stringEnd(data, i)
		i = end - 1
		lit := data[start:end]
		if !bytes.ContainsAny(lit, `<\`) || isKey(data, end) {
			// A placeholder starts with '<', written as is or escaped.
			continue
		}
		var s string
		if json.Unmarshal(lit, &s) != nil {
			continue
		}
		ph, ok := ParsePlaceholder(s)
		if !ok {
			continue
		}
		out = append(out, data[last:start]...)
		out = append(out, ph.Example()...)
		last = end
	}
	if out == nil {
		return data, nil
	}
	return append(out, data[last:]...), nil
}

// stringEnd returns the index just past the string literal of valid JSON
// that starts with the quote at data[start].
func stringEnd(data []byte, start int) int {
	for i := start + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// isKey reports whether the string literal of valid JSON that ends just
// before data[end] is an object key: the next byte that is not white space
// is a colon.
func isKey(data []byte, end int) bool {
	for _, c := range data[end:] {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == ':'
	}
	return false
}
