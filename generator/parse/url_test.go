package parse

import (
	"reflect"
	"testing"
)

// TestSplitURL follows the cases of Postman's own URL parser
// (postman-url-encoder/parser).
func TestSplitURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want urlParts
	}{
		{"", urlParts{}},
		{"{{base}}/v1/users/:id?x=1", urlParts{host: []string{"{{base}}"}, path: []string{"v1", "users", ":id"}, query: []string{"x=1"}}},
		{"https://api.x.com/a", urlParts{protocol: "https", host: []string{"api", "x", "com"}, path: []string{"a"}}},
		{"protocol://{{user}}:{{p@ssw?rd}}@{{host.name}}.com:{{#port}}/p/a/t/h?q=query#hash", urlParts{
			protocol: "protocol", host: []string{"{{host.name}}", "com"}, port: "{{#port}}",
			path: []string{"p", "a", "t", "h"}, query: []string{"q=query"}, hash: "hash",
		}},
		{"  localhost:3000", urlParts{host: []string{"localhost"}, port: "3000"}},
		{"http:///example.com/", urlParts{protocol: "http", host: []string{"example", "com"}, path: []string{""}}},
		{"file:////etc/hosts", urlParts{protocol: "file", path: []string{"etc", "hosts"}}},
		{`http://h\a\b`, urlParts{protocol: "http", host: []string{"h"}, path: []string{"a", "b"}}},
		{"http://[::1]:8080/x", urlParts{protocol: "http", host: []string{"[::1]"}, port: "8080", path: []string{"x"}}},
		{"http://[::1]/x", urlParts{protocol: "http", host: []string{"[::1]"}, path: []string{"x"}}},
		{"h/?a=1&&b&=c&", urlParts{host: []string{"h"}, path: []string{""}, query: []string{"a=1", "b", "=c"}}},
		{"/relative/path", urlParts{path: []string{"relative", "path"}}},
		{"{{a}}{{b}}/x?{{q}}", urlParts{host: []string{"{{a}}{{b}}"}, path: []string{"x"}, query: []string{"{{q}}"}}},
		{"{{unclosed/x", urlParts{host: []string{"{{unclosed"}, path: []string{"x"}}},
		{"http://h/é/日本?q=ü", urlParts{protocol: "http", host: []string{"h"}, path: []string{"é", "日本"}, query: []string{"q=ü"}}},
	} {
		got := splitURL(tc.in)
		tc.want.raw = got.raw // checked below
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
	if got := splitURL("  \t x").raw; got != "x" {
		t.Errorf("raw keeps leading space: %q", got)
	}
}

func TestSplitHost(t *testing.T) {
	for in, want := range map[string][]string{
		"":                    {""},
		"api.x.com":           {"api", "x", "com"},
		"{{base}}":            {"{{base}}"},
		"{{api.host}}.x.com":  {"{{api.host}}", "x", "com"},
		"a.b}}.c":             {"a.b}}", "c"},
		"{{a}}.{{b.c}}.d":     {"{{a}}", "{{b.c}}", "d"},
		"x.{y}.z":             {"x", "{y}", "z"},
		"trailing.":           {"trailing", ""},
		"{{never.closed}.x.y": {"{{never", "closed}", "x", "y"},
	} {
		if got := splitHost(in); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestMaskVariables(t *testing.T) {
	for in, want := range map[string]string{
		"{{a}}/b":     "_____/b",
		"{{{a}}":      "{_____",
		"{{a{b}}":     "{{a{b}}",
		"x{{}}y":      "x____y",
		"no vars":     "no vars",
		"{{é}}/{{x}}": "______/_____",
	} {
		if got := maskVariables(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
