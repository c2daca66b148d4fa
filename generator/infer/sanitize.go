package infer

import "bytes"

// Sanitize makes a Postman body with bare variables parse as JSON. Postman
// bodies may use {{variables}} outside strings, as in {"id": {{userId}}},
// which is not JSON; Sanitize replaces each such {{...}} with null, padded
// with spaces and keeping its newlines so that every later byte keeps its
// line and column for error messages. Variables inside strings are left
// alone: they are already valid JSON. A null position has no type of its
// own, so a variable's field is typed by the other samples, or as raw JSON
// when none gives it a value.
//
// Sanitize returns body itself when there is nothing to replace. It never
// turns valid JSON into something else, since "{{" cannot start valid JSON
// outside a string.
func Sanitize(body []byte) []byte {
	var out []byte
	inString := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			continue
		}
		if c != '{' || i+1 >= len(body) || body[i+1] != '{' {
			continue
		}
		end := bytes.Index(body[i+2:], []byte("}}"))
		if end < 0 {
			break
		}
		end += i + 4
		if out == nil {
			out = bytes.Clone(body)
		}
		newlines := bytes.Count(body[i:end], []byte("\n"))
		r := out[i:end]
		copy(r, "null")
		for j := 4; j < len(r); j++ {
			if j < len(r)-newlines {
				r[j] = ' '
			} else {
				r[j] = '\n'
			}
		}
		i = end - 1
	}
	if out == nil {
		return body
	}
	return out
}
