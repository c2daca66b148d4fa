package infer

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/naming"
)

// fuzzSeeds are hard cases for FuzzInfer. A NUL byte separates samples of
// one body (NUL cannot appear in JSON text).
var fuzzSeeds = []string{
	`{"module":"Contacts"}` + "\x00" + `{"module":{"api_name":"Leads"}}`,
	`{"v":[1]}` + "\x00" + `{"v":{"a":1}}` + "\x00" + `{"v":null}`,
	`{"a":null}` + "\x00" + `{"a":1}` + "\x00" + `{}`,
	`[9223372036854775808, 32500.0, 1e400, 0.1000000000000000055511151231257827, -0]`,
	`["2024-01-02T03:04:05+00:00","2024-01-02T03:04:05.000Z","2024-01-02T03:04:05.120Z"]`,
	`{"d":"2024-01-02"}`,
	`{"o":{},"a":[],"n":[[]]}`,
	`[1,"a",{"x":1},[2],null,true,2.5]`,
	`"x"`, `5`, `null`, `true`,
	`{"a b":1,"":2,"a\"b":3,"a,b":4,"Owner":5,"owner":6,"a` + "`" + `b":7,"extra":8}`,
	`{"a":1,"a":"x"}`,
	`{"id": {{userId}}, "s": "{{v}}"}`,
	`{"\ud800":1,"\udc00":"x","s":"\ud800"}`,
	"{\"bad utf8\xff\":\"\xfe\"}",
	strings.Repeat("[", 600) + strings.Repeat("]", 600),
	`{"a":[{"b":[{"c":[{"d":1}]}]}]}` + "\x00" + `{"a":[{"b":[{"c":[{"d":"x"}]}]}]}`,
	`{"i":"<integer>","n":"<number,null-double>","t":"<dateTime>","d":"<date>","o":"<object>","z":"<null>","<string>":"<p>"}` +
		"\x00" + `{"i":1.5,"n":"<null>","t":"<string>","d":"2024-01-02","o":[1],"z":"<Circular reference to #/x detected>"}`,
	`["\u003cboolean>","<string,null-uri>",{"k" : "<long>"}]`,
	`{"":"<integer>","":""}`,
}

// collectionBodies returns the raw bodies in collections/*.json, request
// and response alike, if there are any.
func collectionBodies(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "collections", "*.json"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		var visit func(v any)
		visit = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if raw, ok := v["raw"].(string); ok && v["mode"] == "raw" {
					out = append(out, raw)
				}
				if b, ok := v["body"].(string); ok && b != "" {
					out = append(out, b)
				}
				for _, e := range v {
					visit(e)
				}
			case []any:
				for _, e := range v {
					visit(e)
				}
			}
		}
		visit(doc)
	}
	return out
}

func FuzzInfer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, s := range collectionBodies(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		samples := bytes.Split(data, []byte{0})
		if len(samples) > 8 {
			return
		}
		printed := func() (*Type, string, error) {
			g := NewGraph(naming.New(), naming.NewScope("Client"))
			root, err := g.Add("0", "Root", "", samples)
			if err != nil {
				return nil, "", err
			}
			g.Finish()
			var b strings.Builder
			b.WriteString(root.String())
			for _, n := range g.Named() {
				b.WriteString("\n" + n.Name + ": " + strings.Join(n.Doc, "\n"))
			}
			checkNames(t, g)
			return root, b.String(), nil
		}
		root, first, err := printed()
		if err != nil {
			var se *SampleError
			if !errors.As(err, &se) {
				t.Fatalf("error of the wrong type: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of more than one line: %q", err)
			}
			return
		}
		if _, again, _ := printed(); again != first {
			t.Fatalf("not deterministic:\n%s\nthen:\n%s", first, again)
		}
		for i, s := range samples {
			doc := realized(t, Sanitize(s))
			if err := root.Accepts(doc); err != nil {
				t.Fatalf("sample %d not accepted: %v\n%s", i, err, root)
			}
		}
	})
}

// checkNames checks that every type and field name is a usable, unique Go
// identifier and every doc line is one line starting with the name.
func checkNames(t *testing.T, g *Graph) {
	t.Helper()
	seen := map[string]bool{}
	for _, n := range g.Named() {
		if !token.IsIdentifier(n.Name) || !token.IsExported(n.Name) || seen[n.Name] {
			t.Fatalf("bad or repeated type name %q", n.Name)
		}
		seen[n.Name] = true
		if a := n.Alias; a != nil && (a.Alias != nil || !seen[a.Name] || a.Kind != n.Kind) {
			t.Fatalf("%s is an alias of %s, which is an alias, declared after it or of another kind", n.Name, a.Name)
		}
		if len(n.Doc) == 0 || !strings.HasPrefix(n.Doc[0], n.Name+" ") {
			t.Fatalf("doc of %s: %q", n.Name, n.Doc)
		}
		for _, l := range n.Doc {
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("doc line of %s has a line break: %q", n.Name, l)
			}
		}
		fields := map[string]bool{"Extra": true, "MarshalJSON": true, "UnmarshalJSON": true}
		for _, f := range n.Fields {
			if !token.IsIdentifier(f.GoName) || !token.IsExported(f.GoName) || fields[f.GoName] {
				t.Fatalf("bad or repeated field name %q in %s", f.GoName, n.Name)
			}
			fields[f.GoName] = true
		}
	}
}

// realized checks what Realize makes of a valid JSON text: valid JSON with
// no placeholder left as a value, the text itself when it had none, and a
// fixed point.
func realized(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := Realize(data)
	if err != nil {
		t.Fatalf("Realize: %v", err)
	}
	if !json.Valid(out) {
		t.Fatalf("Realize made invalid JSON: %s", out)
	}
	if n := placeholderValues(t, out); n > 0 {
		t.Fatalf("%d placeholders left in %s", n, out)
	}
	if placeholderValues(t, data) == 0 && !bytes.Equal(out, data) {
		t.Fatalf("Realize changed a text without placeholders:\n%s\nto\n%s", data, out)
	}
	if again, err := Realize(out); err != nil || !bytes.Equal(again, out) {
		t.Fatalf("Realize is not a fixed point: %s\nthen: %s (%v)", out, again, err)
	}
	return out
}

// placeholderValues counts the strings of a valid JSON text that are
// placeholders standing as values (not keys), every member counted even
// when keys repeat.
func placeholderValues(t *testing.T, data []byte) int {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// inObject has one entry per open container: whether it is an object.
	// wantKey says the next string in the innermost object is a key.
	var inObject []bool
	wantKey, n := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				inObject = append(inObject, v == '{')
				wantKey = v == '{'
				continue
			default:
				inObject = inObject[:len(inObject)-1]
			}
		case string:
			if wantKey {
				wantKey = false
				continue
			}
			if _, ok := ParsePlaceholder(v); ok {
				n++
			}
		}
		// A value ended: in an object, a key comes next.
		wantKey = len(inObject) > 0 && inObject[len(inObject)-1]
	}
}
