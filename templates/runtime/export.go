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
