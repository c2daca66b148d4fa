package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

// corpusDir holds real collections from public repositories. They are too
// big to commit, so the tests that read them skip when it is missing.
const corpusDir = "../../../shared/corpus"

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		tb.Skip("no corpus at " + corpusDir)
	}
	return files
}

// TestCorpus parses every corpus collection. The request and example
// counts must match an independent walk of the JSON, and where
// go-postman-collection reads the original file by itself, the result must
// agree with it except where normalising is the point.
func TestCorpus(t *testing.T) {
	for _, file := range corpusFiles(t) {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".postman_collection.json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			checkCollection(t, c)
			reqs, examples := countItems(t, data)
			if len(c.Extras) != reqs || len(c.ExampleExtras) != examples {
				t.Errorf("got %d requests and %d examples, want %d and %d", len(c.Extras), len(c.ExampleExtras), reqs, examples)
			}
			for _, it := range requests(c.Postman.Items) {
				if u := it.Request.URL; u.Raw == "" || len(u.Host) == 0 {
					t.Errorf("item %q: URL %q has no host", it.Name, u.Raw)
				}
			}
			if lib, err := postman.ParseCollection(bytes.NewReader(data)); err == nil {
				compareWithLibrary(t, lib, c)
			}
		})
	}
}

// countItems counts request items (items with a non-null "request" and no
// "item") and their examples with encoding/json.
func countItems(t *testing.T, data []byte) (reqs, examples int) {
	var doc struct{ Item []json.RawMessage }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func([]json.RawMessage)
	walk = func(items []json.RawMessage) {
		for _, raw := range items {
			var it struct {
				Item     []json.RawMessage
				Request  json.RawMessage
				Response []json.RawMessage
			}
			if err := json.Unmarshal(raw, &it); err != nil {
				t.Fatal(err)
			}
			switch {
			case it.Item != nil:
				walk(it.Item)
			case it.Request != nil && string(it.Request) != "null":
				reqs++
				for _, r := range it.Response {
					if string(r) != "null" {
						examples++
					}
				}
			}
		}
	}
	walk(doc.Item)
	return reqs, examples
}

// compareWithLibrary compares what the library read from the original
// with what it read from the normalised collection. Methods are compared
// upper-cased, auth parameters as sorted key=value text, and URL parts only
// where the library had them (it splits no URL string).
func compareWithLibrary(t *testing.T, lib *postman.Collection, c *Collection) {
	t.Helper()
	fails := 0
	check := func(where string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) && fails < 10 {
			fails++
			t.Errorf("%s:\n got %#v\nwant %#v", where, got, want)
		}
	}
	ours := c.Postman
	check("info.name", ours.Info.Name, lib.Info.Name)
	check("variables", ours.Variables, lib.Variables)
	check("events", ours.Events, lib.Events)
	check("auth", authSet(ours.Auth), authSet(lib.Auth))
	want, got := requests(lib.Items), requests(ours.Items)
	if len(got) != len(want) {
		t.Fatalf("%d request items, the library read %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		where := fmt.Sprintf("item %q", w.Name)
		check(where+" name", g.Name, w.Name)
		check(where+" description", g.Description, w.Description)
		check(where+" events", g.Events, w.Events)
		check(where+" item auth", authSet(g.Auth), authSet(w.Auth))
		compareRequest(check, where, g.Request, w.Request)
		if len(g.Responses) != len(w.Responses) {
			check(where+" examples", len(g.Responses), len(w.Responses))
			continue
		}
		for j, wr := range w.Responses {
			gr := g.Responses[j]
			ew := fmt.Sprintf("%s example %q", where, wr.Name)
			check(ew+" name", gr.Name, wr.Name)
			check(ew+" code", gr.Code, wr.Code)
			check(ew+" status", gr.Status, wr.Status)
			check(ew+" body", gr.Body, wr.Body)
			check(ew+" headers", gr.Headers, wr.Headers)
			check(ew+" cookies", gr.Cookies, wr.Cookies)
			if wr.OriginalRequest != nil {
				compareRequest(check, ew+" originalRequest", gr.OriginalRequest, wr.OriginalRequest)
			}
		}
	}
}

func compareRequest(check func(string, any, any), where string, g, w *postman.Request) {
	check(where+" method", string(g.Method), upperASCII(string(w.Method)))
	check(where+" raw", g.URL.Raw, w.URL.Raw)
	if w.URL.Host != nil || w.URL.Path != nil {
		check(where+" host", g.URL.Host, w.URL.Host)
		check(where+" path", g.URL.Path, w.URL.Path)
		check(where+" query", g.URL.Query, w.URL.Query)
		check(where+" url variables", g.URL.Variables, w.URL.Variables)
	}
	check(where+" header", g.Header, w.Header)
	check(where+" body", g.Body, w.Body)
	check(where+" description", g.Description, w.Description)
	check(where+" auth", authSet(g.Auth), authSet(w.Auth))
}

func authSet(a *postman.Auth) []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, p := range a.GetParams() {
		out = append(out, fmt.Sprintf("%s=%v", p.Key, p.Value))
	}
	slices.Sort(out)
	return append([]string{string(a.Type)}, out...)
}

// TestCorpusRejectedByLibrary checks the four corpus files the library
// cannot read as they are, on the very shapes that break it.
func TestCorpusRejectedByLibrary(t *testing.T) {
	corpusFiles(t)
	load := func(name string) *Collection {
		data, err := os.ReadFile(filepath.Join(corpusDir, name+".postman_collection.json"))
		if err != nil {
			t.Skip(err)
		}
		c, _, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	// url.host and url.path are strings.
	c := load("contentstack-graphql")
	for _, it := range requests(c.Postman.Items) {
		u := it.Request.URL
		if !reflect.DeepEqual(u.Host, []string{"{{base_url}}"}) || len(u.Path) == 0 || u.Path[0] != "stacks" ||
			!strings.HasPrefix(u.Raw, "https://{{base_url}}/stacks/") {
			t.Errorf("contentstack %q: url %+v", it.Name, u)
		}
	}

	// Example cookies have boolean "secure".
	c = load("meraki-dashboard")
	secure := 0
	for r := range c.ExampleExtras {
		for _, ck := range r.Cookies {
			if ck.Secure == "true" || ck.Secure == "false" {
				secure++
			}
		}
	}
	if secure == 0 {
		t.Error("meraki: no cookie kept its secure flag")
	}

	// Header descriptions are objects.
	for _, name := range []string{"roxy-vedic-astrology", "zoho-desk-tickets"} {
		c = load(name)
		described := 0
		for r := range c.ExampleExtras {
			if r.OriginalRequest == nil {
				continue
			}
			for _, h := range r.OriginalRequest.Header {
				if h.Description != "" {
					described++
				}
			}
		}
		if described == 0 {
			t.Errorf("%s: no header description survived", name)
		}
	}
}
