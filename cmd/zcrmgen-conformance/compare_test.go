package main

import (
	"strings"
	"testing"
)

func TestJSONDiff(t *testing.T) {
	for _, tt := range []struct {
		want, got string
		diff      string // "" when equal
	}{
		{`{"a":1,"b":[true,null,"x"]}`, `{"b":[true,null,"x"],"a":1}`, ""},
		{`32500.0`, `32500`, ""},
		{`1e2`, `100`, ""},
		{`0.1`, `1E-1`, ""},
		{`-0`, `0`, ""},
		{`0.000`, `0e5`, ""},
		{`-1.50e2`, `-150`, ""},
		{`12345678901234567890123`, `12345678901234567890123.0`, ""},
		{`12345678901234567890123`, `12345678901234567890124`, "$: 12345678901234567890123 in the sample, 12345678901234567890124 re-encoded"},
		{`0.1`, `0.10000000000000001`, "$: 0.1 in the sample, 0.10000000000000001 re-encoded"},
		{`-1`, `1`, "$: -1 in the sample, 1 re-encoded"},
		{`{"a":{"b":[1,2]}}`, `{"a":{"b":[1,3]}}`, "$.a.b[1]: 2 in the sample, 3 re-encoded"},
		{`{"a":[1,2]}`, `{"a":[1]}`, "$.a: 2 elements in the sample, 1 elements re-encoded"},
		{`{"a":1}`, `{"a":1,"z":0}`, "$.z: absent in the sample, 0 re-encoded"},
		{`{"a":null,"b":2}`, `{"b":2}`, "$.a: null in the sample, absent re-encoded"},
		{`{"a":"","b":2}`, `{"b":2,"a":null}`, `$.a: "" in the sample, null re-encoded`},
		{`{"Last Name":"x"}`, `{"Last Name":"y"}`, `$["Last Name"]: "x" in the sample, "y" re-encoded`},
		{`{"1a":true}`, `{"1a":false}`, `$["1a"]: true in the sample, false re-encoded`},
		{`{"b":1,"a":1}`, `{"b":2,"a":2}`, `$.a: 1 in the sample, 2 re-encoded`},
		{`"1"`, `1`, `$: "1" in the sample, 1 re-encoded`},
		{`{}`, `[]`, `$: {} in the sample, [] re-encoded`},
		{`[{}]`, `[null]`, `$[0]: {} in the sample, null re-encoded`},
		{`"é"`, `"\u00e9"`, ""},
		{`false`, `null`, `$: false in the sample, null re-encoded`},
		{`{}`, `{}`, ""},
		{`[]`, `[]`, ""},
		{`null`, `null`, ""},
		{`"` + strings.Repeat("é", 40) + `"`, `"x"`, `$: "` + strings.Repeat("é", 29) + `... in the sample, "x" re-encoded`},
	} {
		d, err := jsonDiff([]byte(tt.want), []byte(tt.got))
		if err != nil {
			t.Errorf("jsonDiff(%s, %s): %v", tt.want, tt.got, err)
			continue
		}
		got := ""
		if d != nil {
			got = d.String()
		}
		if got != tt.diff {
			t.Errorf("jsonDiff(%s, %s) = %q, want %q", tt.want, tt.got, got, tt.diff)
		}
	}
	for _, bad := range [][2]string{{`{`, `{}`}, {`{}`, `{} {}`}, {`{}`, ``}, {`[1,]`, `[1]`}, {`1e99999999999`, `1`}} {
		if d, err := jsonDiff([]byte(bad[0]), []byte(bad[1])); err == nil {
			t.Errorf("jsonDiff(%q, %q) = %v, no error", bad[0], bad[1], d)
		}
	}
}

func TestCanonicalNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "0.0e-7": "0", "100": "1e2", "1e2": "1e2", "1.5": "15e-1",
		"-1.50E+2": "-15e1", "0.001": "1e-3", "007": "7e0", "12345678901234567890": "1234567890123456789e1",
	} {
		if got, err := canonicalNumber(in); err != nil || got != want {
			t.Errorf("canonicalNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-", ".5", "1x", "1.2.3", "1e", "1e99999999999", "--1"} {
		if got, err := canonicalNumber(in); err == nil {
			t.Errorf("canonicalNumber(%q) = %q, no error", in, got)
		}
	}
}
