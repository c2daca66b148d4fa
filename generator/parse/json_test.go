package parse

import (
	"encoding/json"
	"strings"
	"testing"
)

func decodeString(t *testing.T, s string) node {
	t.Helper()
	d := decoder{src: []byte(s), maxDepth: 100}
	v, err := d.top()
	if err != nil {
		t.Fatalf("%q: %v", s, err.msg)
	}
	return v
}

// TestRoundTrip decodes and re-encodes JSON and expects what
// encoding/json reads from both to be the same, with key order, duplicate
// keys and number text kept.
func TestRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"b": 1, "a": [true, false, null, -0.5e+10, "x"], "b": 2}`,
		`"esc: \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 \u2028"`,
		`"lone surrogate \ud800 x"`,
		`{"": {}, "k": [], "n": 1.000, "big": 123456789012345678901234567890}`,
		"\"tab\\tcontrol\\u0001\"",
		`"日本語 and é"`,
	} {
		v := decodeString(t, in)
		var w writer
		w.value(&v)
		var a, b any
		if err := json.Unmarshal([]byte(in), &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(w.buf, &b); err != nil {
			t.Fatalf("%q re-encoded as invalid JSON %q: %v", in, w.buf, err)
		}
		if ja, jb := mustJSON(t, a), mustJSON(t, b); ja != jb {
			t.Errorf("%q: got %s, want %s", in, jb, ja)
		}
	}
	v := decodeString(t, `{"b": 1, "a": 2.50, "b": 3}`)
	var w writer
	w.value(&v)
	if got := string(w.buf); got != `{"b":1,"a":2.50,"b":3}` {
		t.Errorf("order, duplicates or number text lost: %s", got)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDecoderAgreesWithEncodingJSON checks that the decoder accepts
// exactly what encoding/json accepts (for valid UTF-8).
func TestDecoderAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`01`, `-`, `1.`, `1e`, `.5`, `+1`, `[1,]`, `{"a":1,}`, `{a:1}`, `[1 2]`, `tru`, `nul`, `"\x"`,
		`"\u12"`, `{"a"}`, `{"a" 1}`, `[`, `{`, `"`, ``, ` `, `1 2`, `[1]]`, `{}}`,
		`0`, `-0`, `1E+2`, `[]`, `{}`, `"\u0000"`, `[[[]]]`, `{"a":{"b":[1,{"c":null}]}}`, "\t[ 1 , 2 ]\n",
	} {
		d := decoder{src: []byte(in), maxDepth: 100}
		_, err := d.top()
		stdErr := json.Unmarshal([]byte(in), new(any))
		if (err == nil) != (stdErr == nil) {
			t.Errorf("%q: decoder error %v, encoding/json error %v", in, err, stdErr)
		}
	}
}

func TestPosition(t *testing.T) {
	src := []byte("ab\ncdé\n\nx")
	for _, tc := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {7, 2, 4}, {8, 3, 1}, {9, 4, 1}, {10, 4, 2}, {99, 4, 2},
	} {
		if l, c := position(src, tc.off); l != tc.line || c != tc.col {
			t.Errorf("offset %d: got %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
	// resolve sorts its targets and sweeps once.
	var l1, c1, l2, c2 int
	resolve(src, []posTarget{{9, &l1, &c1}, {3, &l2, &c2}})
	if l1 != 4 || c1 != 1 || l2 != 2 || c2 != 1 {
		t.Errorf("resolve: got %d:%d and %d:%d", l1, c1, l2, c2)
	}
}

func TestDeepNestingIsAnError(t *testing.T) {
	for _, open := range []string{"[", `{"a":`} {
		src := strings.Repeat(open, 100000)
		d := decoder{src: []byte(src), maxDepth: 1000}
		_, err := d.top()
		if err == nil || !strings.Contains(err.msg, "nested deeper than") {
			t.Errorf("%q x 100000: %v", open, err)
		}
	}
}
