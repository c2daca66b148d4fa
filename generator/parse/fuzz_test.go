package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

// FuzzParse checks that Parse never panics, that every error is a one-line
// *Error starting with the file name, and that every collection keeps the
// promises the later stages rely on (see checkCollection). Env gets the
// same input and must hold to the same error rule.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range badInputs {
		if len(tc.data) <= 8<<10 {
			f.Add([]byte(tc.data))
		}
	}
	p := Parser{MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, warns, err := p.Parse("fuzz.json", data)
		if err != nil {
			checkError(t, err, c != nil, "fuzz.json")
		} else {
			checkCollection(t, c)
			for _, w := range warns {
				if s := w.String(); strings.ContainsAny(s, "\r\n") {
					t.Errorf("warning is not one line: %q", s)
				}
			}
		}
		values, secret, err := p.Env("fuzz.json", data)
		if err != nil {
			checkError(t, err, values != nil || secret != nil, "fuzz.json")
		}
	})
}

// checkCollection checks what Parse promises about a collection: every
// request item has a request with a URL and an upper-case method, every
// request item and example has its extras, disabled query indexes point
// into the query list, and auth parameter values are strings.
func checkCollection(t *testing.T, c *Collection) {
	t.Helper()
	if c == nil || c.Postman == nil {
		t.Fatal("no collection and no error")
	}
	if c.Schema != "v2.0" && c.Schema != "v2.1" {
		t.Errorf("schema %q", c.Schema)
	}
	checkAuth(t, c.Postman.Auth)
	reqs := 0
	var walk func([]*postman.Items)
	walk = func(items []*postman.Items) {
		for _, it := range items {
			if it == nil {
				t.Fatal("nil item")
			}
			checkAuth(t, it.Auth)
			if it.IsGroup() {
				walk(it.Items)
				continue
			}
			reqs++
			x := c.Extras[it]
			if x == nil {
				t.Fatalf("item %q has no extras", it.Name)
			}
			checkRequest(t, it.Request, x)
			for _, r := range it.Responses {
				if r == nil {
					t.Fatalf("item %q has a nil example", it.Name)
				}
				rx := c.ExampleExtras[r]
				if rx == nil {
					t.Fatalf("example %q has no extras", r.Name)
				}
				if r.OriginalRequest != nil {
					checkRequest(t, r.OriginalRequest, rx)
				}
			}
		}
	}
	walk(c.Postman.Items)
	if reqs != len(c.Extras) {
		t.Errorf("%d request items, %d extras", reqs, len(c.Extras))
	}
}

func checkRequest(t *testing.T, r *postman.Request, x *ItemExtra) {
	t.Helper()
	if r == nil || r.URL == nil {
		t.Fatalf("%s: request or URL is nil", x.Path)
	}
	if r.Method == "" || string(r.Method) != upperASCII(string(r.Method)) {
		t.Errorf("%s: method %q", x.Path, r.Method)
	}
	for i := range x.DisabledQuery {
		if i < 0 || i >= len(r.URL.Query) {
			t.Errorf("%s: disabled query index %d of %d", x.Path, i, len(r.URL.Query))
		}
	}
	for _, q := range r.URL.Query {
		if q == nil {
			t.Errorf("%s: nil query parameter", x.Path)
		}
	}
	for _, h := range r.Header {
		if h == nil {
			t.Errorf("%s: nil header", x.Path)
		}
	}
	checkAuth(t, r.Auth)
}

func checkAuth(t *testing.T, a *postman.Auth) {
	t.Helper()
	if a == nil {
		return
	}
	for _, params := range [][]*postman.AuthParam{a.APIKey, a.AWSV4, a.Basic, a.Bearer, a.Digest, a.Hawk, a.NoAuth, a.OAuth1, a.OAuth2, a.NTLM} {
		for _, p := range params {
			if p == nil {
				t.Fatal("nil auth parameter")
			}
			if _, ok := p.Value.(string); !ok {
				t.Errorf("auth parameter %q has a %T value", p.Key, p.Value)
			}
		}
	}
}
