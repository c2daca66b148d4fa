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

// IsDate reports whether s is a full date as [Date] decodes it. The
// generator calls it to decide which strings are dates.
func IsDate(s string) bool {
	_, err := parseDate(s)
	return err == nil
}
