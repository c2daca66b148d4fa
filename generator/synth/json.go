package synth

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// obj is a JSON object that keeps its keys in the order they were added, as
// Zoho's replies do (they are not sorted). A map would lose that order.
type obj []member

type member struct {
	key string
	val any
}

// set appends key unless it is already present, in which case its value is
// replaced in place.
func (o *obj) set(key string, val any) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].val = val
			return
		}
	}
	*o = append(*o, member{key, val})
}

// arr is a JSON array.
type arr []any

// pretty renders v the way Postman stores a saved body: two-space indent,
// one member per line, empty objects and arrays as {} and [].
//
// Values may be obj, arr, string, int, float64, bool or nil. A float64 is
// printed in its shortest form, so 1200.5 stays 1200.5 and a whole 860000.0
// prints as 860000, which is how Zoho sends a currency that happens to be
// whole.
func pretty(v any) string {
	var b strings.Builder
	writeValue(&b, v, 0)
	return b.String()
}

func writeValue(b *strings.Builder, v any, depth int) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case string:
		writeString(b, v)
	case obj:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{")
		for i, m := range v {
			if i > 0 {
				b.WriteString(",")
			}
			newline(b, depth+1)
			writeString(b, m.key)
			b.WriteString(": ")
			writeValue(b, m.val, depth+1)
		}
		newline(b, depth)
		b.WriteString("}")
	case arr:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[")
		for i, e := range v {
			if i > 0 {
				b.WriteString(",")
			}
			newline(b, depth+1)
			writeValue(b, e, depth+1)
		}
		newline(b, depth)
		b.WriteString("]")
	default:
		// Every value is built in this package; anything else is a bug here.
		panic(fmt.Sprintf("synth: unsupported JSON value of type %T (bug in synth)", v))
	}
}

func newline(b *strings.Builder, depth int) {
	b.WriteString("\n")
	for range depth {
		b.WriteString("  ")
	}
}

func writeString(b *strings.Builder, s string) {
	q, err := json.Marshal(s)
	if err != nil {
		// json.Marshal of a string cannot fail.
		panic("synth: " + err.Error())
	}
	b.Write(q)
}
