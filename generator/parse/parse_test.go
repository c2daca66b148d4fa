package parse

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

// badInput is one input Parse must reject, and what the error must say.
type badInput struct {
	name string
	data string
	// msg is a part of Error.Msg; line, col and path are expected exactly.
	msg       string
	line, col int
	path      string
}

const collectionSchema = `"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"`

// nest wraps inner in depth folders.
func nest(depth int, inner string) string {
	var b strings.Builder
	b.WriteString(`{"info": {"name": "deep", ` + collectionSchema + `}, "item": [`)
	for range depth {
		b.WriteString(`{"name": "f", "item": [`)
	}
	b.WriteString(inner)
	for range depth {
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return b.String()
}

var badInputs = []badInput{
	{name: "empty", data: "", msg: "empty file"},
	{name: "whitespace", data: " \n\t\r\n ", msg: "file has only whitespace, no JSON"},
	{name: "truncated", data: "{\"info\": {\"name\": \"a\"},\n \"item\": [", msg: "unexpected end of input", line: 2, col: 11},
	{name: "truncated string", data: `{"info": {"name": "a`, msg: "unexpected end of input", line: 1, col: 21},
	{name: "binary", data: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", msg: "binary data, not a JSON document"},
	{name: "gzip", data: "\x1f\x8b\x08\x00\x00\x00\x00\x00", msg: "gzip-compressed data"},
	{name: "utf16", data: "\xff\xfe{\x00}\x00", msg: "UTF-16 text: save the file as UTF-8"},
	{name: "invalid utf8", data: "{\"info\": {\"name\": \"caf\xe9\"}, \"item\": []}", msg: "invalid UTF-8 in string (byte 0xe9)", line: 1, col: 23},
	{name: "invalid utf8 outside string", data: "{\"info\": {}, \xff}", msg: "invalid UTF-8 (byte 0xff)", line: 1, col: 14},
	{name: "syntax", data: "{\"info\": {},\n  \"item\": [}]}", msg: "invalid character '}' looking for beginning of value", line: 2, col: 12},
	{name: "bad escape", data: `{"info": {"name": "a\qb"}}`, msg: `invalid character 'q' in string escape code`, line: 1, col: 22},
	{name: "trailing data", data: `{"info": {}, "item": []} {}`, msg: "invalid character '{' after top-level value", line: 1, col: 26},
	{name: "control character", data: "{\"info\": {\"name\": \"a\x01\"}}", msg: `invalid character '\x01' in string literal`, line: 1, col: 21},
	{name: "top-level array", data: `[{"info": {}}]`, msg: "top-level value is an array: want a Postman collection object", line: 1, col: 1},
	{name: "top-level string", data: `"x"`, msg: "top-level value is a string", line: 1, col: 1},
	{name: "openapi", data: `{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}}`, msg: "this is an OpenAPI document, not a Postman collection", line: 1, col: 1},
	{name: "swagger", data: `{"swagger": "2.0", "info": {"title": "x"}, "paths": {}}`, msg: "OpenAPI (Swagger 2.0) document, not a Postman collection", line: 1, col: 1},
	{name: "postman v1", data: `{"id": "1", "name": "old", "order": ["r1"], "requests": [{"id": "r1", "url": "http://x", "method": "GET"}]}`, msg: "Postman v1 collection: export it as Collection v2.1 from Postman", line: 1, col: 1},
	{name: "postman v1 schema", data: `{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []}`, msg: "Postman v1 collection: export it as Collection v2.1 from Postman", line: 1, col: 34, path: "info.schema"},
	{name: "environment", data: `{"id": "e", "name": "Env", "values": [{"key": "a", "value": "b", "enabled": true}], "_postman_variable_scope": "environment"}`, msg: "this is a Postman environment, not a collection", line: 1, col: 1},
	{name: "data dump", data: `{"version": 1, "collections": [], "environments": []}`, msg: "Postman data dump", line: 1, col: 1},
	{name: "info missing", data: `{"item": []}`, msg: `no "info" object: not a Postman collection`, line: 1, col: 1},
	{name: "info not object", data: `{"info": "x", "item": []}`, msg: "want an object, got a string", line: 1, col: 10, path: "info"},
	{name: "item missing", data: `{"info": {"name": "x"}}`, msg: `no "item" array: not a Postman collection`, line: 1, col: 1},
	{name: "items instead of item", data: `{"info": {"name": "x"}, "items": []}`, msg: `no "item" array (found "items"; Postman collections use "item")`, line: 1, col: 1},
	{name: "item not array", data: `{"info": {}, "item": 3}`, msg: "want an array of items, got a number", line: 1, col: 22, path: "item"},
	{name: "item object", data: `{"info": {}, "item": {"name": "a", "request": "http://x"}}`, msg: "want an array of items, got an object", line: 1, col: 22, path: "item"},
	{name: "folder item object", data: "{\"info\": {},\n \"item\": [{\"name\": \"f\", \"item\": {\"name\": \"a\"}}]}", msg: "want an array of items, got an object", line: 2, col: 33, path: "item[0].item"},
	{name: "item string", data: `{"info": {}, "item": ["x"]}`, msg: "want an item object, got a string", line: 1, col: 23, path: "item[0]"},
	{name: "url number", data: `{"info": {}, "item": [{"name": "a", "request": {"method": "GET", "url": 42}}]}`, msg: "want a URL string or object, got a number", line: 1, col: 73, path: "item[0].request.url"},
	{name: "request number", data: `{"info": {}, "item": [{"name": "a", "request": 7}]}`, msg: "want a request object or a URL string, got a number", line: 1, col: 48, path: "item[0].request"},
	{name: "method number", data: `{"info": {}, "item": [{"request": {"method": 1, "url": "x"}}]}`, msg: "want a string, got a number", line: 1, col: 46, path: "item[0].request.method"},
	{name: "header number", data: `{"info": {}, "item": [{"request": {"header": 1, "url": "x"}}]}`, msg: "want a list of headers, got a number", line: 1, col: 46, path: "item[0].request.header"},
	{name: "auth string", data: `{"info": {}, "auth": "bearer", "item": []}`, msg: "want an auth object, got a string", line: 1, col: 22, path: "auth"},
	{name: "auth params string", data: `{"info": {}, "auth": {"type": "bearer", "bearer": "t"}, "item": []}`, msg: `want a list of {"key", "value"} parameters, got a string`, line: 1, col: 51, path: "auth.bearer"},
	{name: "description array", data: `{"info": {}, "item": [{"description": [], "request": "x"}]}`, msg: "want a string or a {\"content\", \"type\"} object, got an array", line: 1, col: 39, path: "item[0].description"},
	{name: "variable string", data: `{"info": {}, "variable": "x", "item": []}`, msg: "want a list of variables, got a string", line: 1, col: 26, path: "variable"},
	{name: "folders too deep", data: nest(65, ""), msg: "folders nested deeper than 64 levels", line: 1, col: 1591,
		path: "item[0]" + strings.Repeat(".item[0]", 64)},
	{name: "nesting too deep", data: `{"info": {}, "item": [], "x": ` + strings.Repeat("[", 100000), msg: "JSON nested deeper than 1000 levels", line: 1, col: 1030},
}

func TestBadInput(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := Parse("bad.json", []byte(tc.data))
			checkError(t, err, c != nil, "bad.json")
			var e *Error
			if !errors.As(err, &e) {
				return
			}
			if !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tc.msg)
			}
			if e.Line != tc.line || e.Col != tc.col || e.Path != tc.path {
				t.Errorf("got %d:%d %q, want %d:%d %q (%s)", e.Line, e.Col, e.Path, tc.line, tc.col, tc.path, err)
			}
		})
	}
}

// checkError checks that err is a one-line *Error that starts with the
// file name.
func checkError(t *testing.T, err error, gotResult bool, file string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if gotResult {
		t.Error("a result came with the error")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not an *Error: %v", err, err)
	}
	s := err.Error()
	if strings.ContainsAny(s, "\r\n") {
		t.Errorf("error is not one line: %q", s)
	}
	if !strings.HasPrefix(s, file+":") {
		t.Errorf("error does not start with %q: %q", file+":", s)
	}
}

func TestFolderDepthLimit(t *testing.T) {
	ok := nest(64, `{"name": "r", "request": "http://x"}`)
	if _, _, err := Parse("deep.json", []byte(ok)); err != nil {
		t.Errorf("64 folders: %v", err)
	}
	p := Parser{MaxFolderDepth: 2}
	_, _, err := p.Parse("deep.json", []byte(nest(3, "")))
	checkError(t, err, false, "deep.json")
	if !strings.Contains(err.Error(), "item[0].item[0].item[0]: folders nested deeper than 2 levels") {
		t.Errorf("got %v", err)
	}
}

func TestSizeLimit(t *testing.T) {
	data := []byte(`{"info": {"name": "` + strings.Repeat("x", 200) + `"}, "item": []}`)
	p := Parser{MaxBytes: 100}
	c, _, err := p.Parse("big.json", data)
	checkError(t, err, c != nil, "big.json")
	if want := fmt.Sprintf("big.json: file is too large: %d bytes, the limit is 100", len(data)); err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	if _, _, err := (&Parser{MaxBytes: len(data)}).Parse("big.json", data); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestNestingLimit(t *testing.T) {
	p := Parser{MaxNesting: 4}
	data := `{"info": {}, "item": [{"request": {"url": {"raw": "x"}}}]}`
	_, _, err := p.Parse("n.json", []byte(data))
	checkError(t, err, false, "n.json")
	if !strings.Contains(err.Error(), "n.json:1:43: JSON nested deeper than 4 levels") {
		t.Errorf("got %v", err)
	}
	if _, _, err := (&Parser{MaxNesting: 5}).Parse("n.json", []byte(data)); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.json", Line: 3, Col: 14, Path: "item[0].request", Msg: "bad"}, "a.json:3:14: item[0].request: bad"},
		{Error{File: "a.json", Line: 3, Msg: "bad"}, "a.json:3: bad"},
		{Error{File: "a.json", Path: "info", Msg: "bad"}, "a.json: info: bad"},
		{Error{File: "a.json", Msg: "two\nlines"}, `a.json: two\nlines`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	_, _, err := Parse("", nil)
	if got := err.Error(); got != "<input>: empty file" {
		t.Errorf("unnamed input: %q", got)
	}
}

func TestByteOrderMark(t *testing.T) {
	c, _, err := Parse("bom.json", []byte("\uFEFF{\"info\": {\"name\": \"b\"}, \"item\": [\n{\"request\": \"x\"}]}"))
	if err != nil {
		t.Fatal(err)
	}
	x := c.Extras[c.Postman.Items[0]]
	if x.Line != 2 || x.Col != 1 {
		t.Errorf("item at %d:%d, want 2:1", x.Line, x.Col)
	}
	_, _, err = Parse("bom.json", []byte("\uFEFF{\"info\": 1}"))
	if !strings.HasPrefix(err.Error(), "bom.json:1:10: info:") {
		t.Errorf("column counts the byte order mark: %v", err)
	}
}

func TestDecodeLibrary(t *testing.T) {
	for _, in := range []string{"null", `{"item": 5}`, `{"item": [{"request": {"url": 1}}]}`, `{"item": [{"item": [{"request": {"url": 1}}]}]}`} {
		root := decodeString(t, in)
		c, err := decodeLibrary(&root)
		if err == nil || c != nil {
			t.Errorf("%q: got %v, %v", in, c, err)
		}
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	_, _, err := Parse("u.json", []byte(`{"info": {"name": "日本語"}, "item": 1}`))
	if got := err.Error(); !strings.HasPrefix(got, "u.json:1:35: item:") {
		t.Errorf("got %q", got)
	}
}

func TestReadInput(t *testing.T) {
	var p Parser
	data, err := p.ReadInput("testdata/normalize/auth.json")
	if err != nil || len(data) == 0 {
		t.Fatalf("got %d bytes, %v", len(data), err)
	}
	_, err = p.ReadInput("testdata/missing.json")
	checkError(t, err, false, "testdata/missing.json")
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "testdata/missing.json: no such file or directory" {
		t.Errorf("got %v", err)
	}
	small := Parser{MaxBytes: 10}
	_, err = small.ReadInput("testdata/normalize/auth.json")
	checkError(t, err, false, "testdata/normalize/auth.json")
	if !strings.Contains(err.Error(), "file is too large") {
		t.Errorf("got %v", err)
	}
	// A pipe's size is not known beforehand: reading stops just past the
	// limit.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write([]byte(strings.Repeat(" ", 1<<16)))
		w.Close()
	}()
	defer r.Close()
	_, err = small.ReadInput(fmt.Sprintf("/dev/fd/%d", r.Fd()))
	if err == nil || !strings.Contains(err.Error(), "file is too large") {
		t.Errorf("pipe: got %v", err)
	}
}

// TestDecodeLibraryAsWhole checks that decoding the normalised tree a part
// at a time gives what encoding/json gives for its whole text.
func TestDecodeLibraryAsWhole(t *testing.T) {
	inputs := map[string][]byte{
		"items": []byte(`{"info": {"name": "x"}, "item": [null, {"name": "f", "item": []},
			{"name": "g", "item": [{"name": "r", "request": "https://a.example/x", "Item": 1}]},
			{"name": "h", "ITEM": [{"name": "s", "request": "https://a.example/y"}], "item": [{"name": "t", "request": "https://a.example/z"}]}]}`),
	}
	files, err := filepath.Glob("../testdata/*/collection.json")
	if err != nil {
		t.Fatal(err)
	}
	more, err := filepath.Glob("testdata/normalize/*.json")
	files = append(files, more...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = data
	}
	checked := 0
	for name, data := range inputs {
		var p Parser
		root, _, err := p.normalize(name, data)
		if err != nil {
			continue // a collection Parse refuses
		}
		checked++
		var w writer
		w.value(&root)
		var whole *postman.Collection
		if err := json.Unmarshal(w.buf, &whole); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		parts, err := decodeLibrary(&root)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(parts, whole) {
			a, _ := json.Marshal(parts)
			b, _ := json.Marshal(whole)
			t.Errorf("%s: decoded a part at a time:\n%s\nwhole:\n%s", name, a, b)
		}
	}
	if checked < 10 {
		t.Errorf("only %d collections checked", checked)
	}
}
