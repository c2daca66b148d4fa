package infer

import (
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/templates/runtime"
)

// number is what the text of one JSON number allows.
type number struct {
	int64 bool // an integer (no fraction or exponent) that fits int64
	exact bool // float64 re-encodes it to the same decimal value
}

// classify judges the text of a valid JSON number.
func classify(text string) number {
	var n number
	if !strings.ContainsAny(text, ".eE") {
		_, err := strconv.ParseInt(text, 10, 64)
		n.int64 = err == nil
	}
	// The runtime's rule for float64 fields, so that inference and
	// decoding agree.
	n.exact = runtime.FloatFits(text)
	return n
}
