package runtime

// The files json*.go are the JSON runtime of generated types: json.go holds
// what the others share, json_object.go the decoding and encoding of object
// types, json_union.go that of union types, json_time.go the Time type,
// json_date.go the Date type and json_nullable.go the Nullable type. The
// generator copies only the files the generated types use.

// jsonKind returns what kind of JSON value data holds, judged by its first
// byte after white space: '{' for an object, '[' for an array, '"' for a
// string, 't' for true or false, '0' for a number, 'n' for null, and 0 for
// anything else.
func jsonKind(data []byte) byte {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[', '"', 'n':
			return c
		case 't', 'f':
			return 't'
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return '0'
		}
		return 0
	}
	return 0
}

// kindName names a kind returned by jsonKind for error messages.
func kindName(k byte) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't':
		return "a boolean"
	case '0':
		return "a number"
	case 'n':
		return "null"
	}
	return "invalid JSON"
}
