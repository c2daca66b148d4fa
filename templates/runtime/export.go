package runtime

import (
	"bytes"
	"encoding/json"
)

// ErrorFields returns the code and message an [APIError] reports for an
// error response body. The generator calls it to know what the generated
// tests must expect; this file is not copied into generated packages.
func ErrorFields(body []byte) (code, message string) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil {
		return "", ""
	}
	return errorFields(doc)
}

// FloatFits reports whether the generated code decodes the JSON number text
// into a float64 field: whether encoding/json writes that float64 back with
// the same decimal value. The type inference calls it so that it chooses
// float64 exactly where decoding accepts the samples.
func FloatFits(text string) bool {
	_, ok := floatFits(text)
	return ok
}

// IsDate reports whether s is a full date as [Date] decodes it. The
// generator calls it to decide which strings are dates.
func IsDate(s string) bool {
	_, err := parseDate(s)
	return err == nil
}
