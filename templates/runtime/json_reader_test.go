package runtime

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readAny reads the reader's next value as encoding/json decodes it into
// an any with UseNumber: objects as maps (the last of equal keys wins),
// arrays as slices, numbers as json.Number.
func readAny(d *jsonReader) (any, bool) {
	switch d.kind() {
	case '{':
		m := map[string]any{}
		first := true
		if !d.enter() {
			return nil, false
		}
		for {
			k, ok := d.member(&first)
			if !ok {
				break
			}
			v, ok := readAny(d)
			if !ok {
				return nil, false
			}
			m[k] = v
		}
		return m, d.err == nil
	case '[':
		s := []any{}
		first := true
		if !d.enter() {
			return nil, false
		}
		for d.nextElem(&first) {
			v, ok := readAny(d)
			if !ok {
				return nil, false
			}
			s = append(s, v)
		}
		return s, d.err == nil
	case '"':
		return d.readString()
	case 't':
		return d.readBool()
	case '0':
		n, ok := d.readNumber()
		return json.Number(n), ok
	case 'n':
		return nil, d.readNull()
	}
	return nil, d.fail()
}

// writeAny writes a value that readAny or encoding/json made, with map
// keys sorted as encoding/json sorts them.
func writeAny(w *jsonWriter, v any) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.buf = append(w.buf, '{')
		n := 0
		for _, k := range keys {
			w.member(&n, k, !plainKey(k))
			writeAny(w, v[k])
		}
		w.buf = append(w.buf, '}')
	case []any:
		encodeSlice(w, v, func(w *jsonWriter, e *any) { writeAny(w, *e) })
	case string:
		encodeString(w, &v)
	case bool:
		encodeBool(w, &v)
	case json.Number:
		encodeNumber(w, &v)
	case nil:
		w.null()
	}
}

// quoteJSON returns s written as a JSON string by the writer.
func quoteJSON(s string) []byte {
	var w jsonWriter
	w.string(s)
	return w.bytes()
}

// FuzzJSONReader checks the reader and the writer against encoding/json:
// they accept the same documents, read the same values, and write the
// same bytes for strings, numbers, raw JSON and whole values.
func FuzzJSONReader(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`,
		`{"a":1,"a":2}`,
		`"\u00e9\ud83d\ude00\ud800x\udc00\n\t\"\\\/\b\f"`,
		"\"\xff\xfe\xc3(\"",
		"\"\u2028\u2029<>&\"",
		`"abcdefghijklmnop<qrstuvwx&yz0123456789>abcdefgh\"ijklmnop\\qrstuvwxyz\n"`,
		"\"abcdefghijklmnopé qrstuvwxyz\x7f\x1f0123456789\u2028abcdefgh\"",
		`[1.5e300,-0,0.000001,1e-7,1E+21,123456789012345678901234567890]`,
		`01`, `1.`, `-`, `1e`, `.5`, `[1,]`, `{"a":1,}`, `{,}`, `[,1]`, `{"a" 1}`, `tru`, `nul`,
		` { "x" : [ 1 , { } , [ ] ] } `,
		"\"a\x01\"", `"\x"`, `"\u12"`, `{"a":1}x`, ``, ` `,
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		d := jsonReader{s: string(data)}
		got, ok := readAny(&d)
		ok = ok && d.finish()
		if ok != valid {
			t.Fatalf("reader accepts %q: %v, encoding/json: %v", data, ok, valid)
		}
		d = jsonReader{s: string(data)}
		if ok := d.skip() && d.finish(); ok != valid {
			t.Fatalf("skip accepts %q: %v, encoding/json: %v", data, ok, valid)
		}

		// Raw JSON is written compacted, as encoding/json writes it.
		raw := json.RawMessage(data)
		want, wantErr := json.Marshal(raw)
		var w jsonWriter
		encodeRaw(&w, &raw)
		if (w.err != nil) != (wantErr != nil) || !bytes.Equal(w.bytes(), want) && wantErr == nil {
			t.Fatalf("raw %q: writer %s, %v; encoding/json %s, %v", data, w.bytes(), w.err, want, wantErr)
		}

		// Any string is written as encoding/json writes it.
		s := string(data)
		want, _ = json.Marshal(s)
		if got := quoteJSON(s); !bytes.Equal(got, want) {
			t.Fatalf("string %q: writer %s, encoding/json %s", s, got, want)
		}

		if !valid {
			return
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if !reflect.DeepEqual(got, v) {
			t.Fatalf("%q: reader %#v, encoding/json %#v", data, got, v)
		}
		w = jsonWriter{}
		writeAny(&w, v)
		want, err := json.Marshal(v)
		if err != nil || w.err != nil || !bytes.Equal(w.bytes(), want) {
			t.Fatalf("%q: writer %s, %v; encoding/json %s, %v", data, w.bytes(), w.err, want, err)
		}

		// A number that fits a float64 is written as encoding/json writes
		// the float64.
		if n, ok := v.(json.Number); ok {
			f, err := strconv.ParseFloat(string(n), 64)
			if err != nil || math.IsInf(f, 0) {
				return
			}
			w = jsonWriter{}
			encodeFloat(&w, &f)
			if want, _ := json.Marshal(f); !bytes.Equal(w.buf, want) {
				t.Fatalf("float %v: writer %s, encoding/json %s", f, w.buf, want)
			}
		}
	})
}

func TestEncodeFloatErrors(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		var w jsonWriter
		encodeFloat(&w, &f)
		if w.err == nil {
			t.Errorf("encodeFloat(%v): no error", f)
		}
	}
	for _, n := range []json.Number{"1.", "x", "01"} {
		var w jsonWriter
		encodeNumber(&w, &n)
		if w.err == nil {
			t.Errorf("encodeNumber(%q): no error", n)
		}
	}
}

// plainJSON8 agrees with a byte-by-byte check for every byte at every
// place, alone and after every other byte.
func TestPlainJSON8(t *testing.T) {
	plain := func(c byte) bool {
		return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	for a := range 256 {
		for b := range 256 {
			for i := range 7 {
				s := []byte("abcdefgh")
				s[i], s[i+1] = byte(a), byte(b)
				if got, want := plainJSON8(string(s)), plain(byte(a)) && plain(byte(b)); got != want {
					t.Fatalf("plainJSON8(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
