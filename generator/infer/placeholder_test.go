package infer

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/naming"
)

func TestParsePlaceholder(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Placeholder
		ok   bool
	}{
		{"<string>", Placeholder{Kind: String}, true},
		{"<integer>", Placeholder{Kind: Int}, true},
		{"<long>", Placeholder{Kind: Int, Format: "long"}, true},
		{"<number>", Placeholder{Kind: Float}, true},
		{"<double>", Placeholder{Kind: Float, Format: "double"}, true},
		{"<boolean>", Placeholder{Kind: Bool}, true},
		{"<dateTime>", Placeholder{Kind: Time, Format: "datetime"}, true},
		{"<date>", Placeholder{Kind: Date, Format: "date"}, true},
		{"<uuid>", Placeholder{Kind: String, Format: "uuid"}, true},
		{"<uri>", Placeholder{Kind: String, Format: "uri"}, true},
		{"<email>", Placeholder{Kind: String, Format: "email"}, true},
		{"<binary>", Placeholder{Kind: String, Format: "binary", Binary: true}, true},
		{"<object>", Placeholder{Kind: Unknown}, true},
		{"<null>", Placeholder{Kind: Unknown, Nullable: true, Null: true}, true},
		{"<string,null>", Placeholder{Kind: String, Nullable: true}, true},
		{"<integer,null>", Placeholder{Kind: Int, Nullable: true}, true},
		{"<string,null-uri>", Placeholder{Kind: String, Nullable: true, Format: "uri"}, true},
		{"<string,null-date-time>", Placeholder{Kind: Time, Nullable: true, Format: "date-time"}, true},
		{"<number,null-double>", Placeholder{Kind: Float, Nullable: true, Format: "double"}, true},
		{"<Circular reference to #/components/schemas/Criteria detected>", Placeholder{Kind: Unknown}, true},
		{"<Error: Too many levels of nesting to fake this schema>", Placeholder{Kind: Unknown}, true},
		// Not placeholders: markup, auth hints, text around one, malformed.
		{"<p>", Placeholder{}, false},
		{"<API Key>", Placeholder{}, false},
		{"<token>", Placeholder{}, false},
		{" <string>", Placeholder{}, false},
		{"<string>x", Placeholder{}, false},
		{"<string,>", Placeholder{}, false},
		{"<string,null->", Placeholder{}, false},
		{"<string,text>", Placeholder{}, false},
		{"<>", Placeholder{}, false},
		{"<Error: something else>", Placeholder{}, false},
		{"string", Placeholder{}, false},
	} {
		got, ok := ParsePlaceholder(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParsePlaceholder(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInferPlaceholders(t *testing.T) {
	for _, tc := range []struct {
		name    string
		samples []string
		want    string
	}{
		{
			name: "each placeholder alone",
			samples: []string{`{"i":"<integer>","l":"<long>","n":"<number>","d":"<double>","b":"<boolean>",` +
				`"t":"<dateTime>","day":"<date>","u":"<uuid>","uri":"<uri>","e":"<email>","s":"<string>",` +
				`"o":"<object>","c":"<Circular reference to #/components/schemas/Criteria detected>",` +
				`"deep":"<Error: Too many levels of nesting to fake this schema>","null":"<null>",` +
				`"sn":"<string,null>","in":"<integer,null>","tn":"<string,null-date-time>","nn":"<number,null-double>"}`},
			want: `object Root {
  "i": int
  "l": int
  "n": float
  "d": float
  "b": bool
  "t": time
  "day": date
  "u": string
  "uri": string
  "e": string
  "s": string
  "o": raw
  "c": raw
  "deep": raw
  "null": nullable raw
  "sn": nullable string
  "in": nullable int
  "tn": nullable time
  "nn": nullable float
}`,
		},
		{
			name: "placeholders merge with real samples as types",
			samples: []string{
				`{"i":"<integer>","f":"<integer>","n":"<number>","b":"<boolean>","t":"<dateTime>","day":"<date>","dayText":"<date>","s":"<string>","sn":"<string,null>","u":"<integer>"}`,
				`{"i":5,"f":1.5,"n":7,"b":false,"t":"2024-01-02T03:04:05+00:00","day":"2024-05-06","dayText":"soon","s":"2024-01-02T03:04:05Z","sn":"x","u":"x"}`,
			},
			want: `object Root {
  "i": int
  "f": float
  "n": float
  "b": bool
  "t": time
  "day": date
  "dayText": string
  "s": string
  "sn": nullable string
  "u": union RootU {
    int
    string
  }
}`,
		},
		{
			name: "raw from a placeholder wins over every other kind",
			samples: []string{
				`{"o":"<object>","a":[1],"c":{"x":1}}`,
				`{"o":{"k":[1,"x"]},"a":["<Circular reference to #/components/schemas/A detected>"],"c":"<object>"}`,
				`{"o":"text","a":[{"z":true}],"c":null}`,
			},
			want: `object Root {
  "o": raw
  "a": []raw
  "c": nullable raw
}`,
		},
		{
			name:    "placeholder keys are keys and text with angle brackets is a string",
			samples: []string{`{"<integer>":"<p>Hi</p>","k":"<API Key>"}`},
			want: `object Root {
  "<integer>": string
  "k": string
}`,
		},
		{
			name:    "real dates alone stay strings",
			samples: []string{`{"d":"2024-01-02"}`},
			want: `object Root {
  "d": string
}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := inferOne(t, tc.samples...); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestRealize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":"<integer>","b" : "<number>" ,"c":["<boolean>","<null>"]}`, `{"a":1,"b" : 1.5 ,"c":[true,null]}`},
		{`{"t":"<dateTime>","d":"<date>","s":"<string,null>","o":"<object>","x":"<Circular reference to #/components/schemas/X detected>"}`,
			`{"t":"2024-01-02T03:04:05Z","d":"2024-01-02","s":"string","o":{},"x":{}}`},
		{`["<uuid>","<uri>","<email>","<long>","<string,null-date-time>"]`,
			`["00000000-0000-4000-8000-000000000000","https://example.com/","user@example.com",1,"2024-01-02T03:04:05Z"]`},
		// Escaped placeholders are placeholders; keys, markup and text around
		// a placeholder are kept.
		{`{"a":"\u003cinteger>"}`, `{"a":1}`},
		{`{"<integer>" :"<p>", "k":"a <string>", "e":"\"<string>\""}`, `{"<integer>" :"<p>", "k":"a <string>", "e":"\"<string>\""}`},
		{"{\n  \"n\": 1.50,\n  \"s\": \"<string>\"\n}", "{\n  \"n\": 1.50,\n  \"s\": \"string\"\n}"},
		{`"<integer>"`, `1`},
		{`5`, `5`},
	} {
		got, err := Realize([]byte(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("Realize(%s) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := Realize([]byte(`{"a":`)); err == nil || !strings.Contains(err.Error(), "line 1, col") {
		t.Errorf("Realize of invalid JSON: %v", err)
	}
	in := []byte(`{"a":"x"}`)
	if out, _ := Realize(in); &out[0] != &in[0] {
		t.Error("Realize copied a text without placeholders")
	}
}

// TestPlaceholderExample checks that every example is valid JSON that the
// type inferred from the placeholder accepts.
func TestPlaceholderExample(t *testing.T) {
	for _, s := range []string{"<string>", "<integer>", "<long>", "<number>", "<double>", "<boolean>",
		"<dateTime>", "<date>", "<uuid>", "<uri>", "<url>", "<email>", "<hostname>", "<ipv4>", "<ipv6>",
		"<byte>", "<binary>", "<object>", "<array>", "<null>", "<string,null>", "<integer,null>",
		"<string,null-date>", "<Circular reference to #/x detected>"} {
		ph, ok := ParsePlaceholder(s)
		if !ok {
			t.Fatalf("%s is not a placeholder", s)
		}
		ex := ph.Example()
		if !json.Valid([]byte(ex)) {
			t.Errorf("%s: example %s is not JSON", s, ex)
		}
		g := NewGraph(naming.New(), naming.NewScope())
		root, err := g.Add("0", "Root", "", [][]byte{[]byte(strconv.Quote(s))})
		if err != nil {
			t.Fatal(err)
		}
		if err := root.Accepts([]byte(ex)); err != nil {
			t.Errorf("%s: %s, inferred as %s: %v", s, ex, root, err)
		}
	}
}

// TestEmptyStringBody checks that a body sample that is the empty JSON
// string gives raw JSON, alone or beside other samples, while an empty
// string inside a body is a string like any other.
func TestEmptyStringBody(t *testing.T) {
	for _, tc := range []struct {
		samples []string
		want    string
	}{
		{[]string{`""`}, "raw"},
		{[]string{` "" `, `{"count": 3}`}, "raw"},
		{[]string{`{"name": ""}`}, "object Root {\n  \"name\": string\n}"},
		{[]string{`"x"`}, "string"},
	} {
		var samples [][]byte
		for _, s := range tc.samples {
			samples = append(samples, []byte(s))
		}
		var s shape
		for i, data := range samples {
			if err := s.addSample(i, data); err != nil {
				t.Fatal(err)
			}
		}
		got := s.build()
		if got.Kind == Object {
			got.Name = "Root"
		}
		if got.String() != tc.want {
			t.Errorf("%q: got %s, want %s", tc.samples, got, tc.want)
		}
	}
}
