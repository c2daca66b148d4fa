package synth

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// node is the part of a collection the tests look at.
type node struct {
	Name    string `json:"name"`
	Item    []node `json:"item"`
	Request *struct {
		Method string `json:"method"`
		URL    struct {
			Raw string `json:"raw"`
		} `json:"url"`
		Body *struct {
			Raw string `json:"raw"`
		} `json:"body"`
	} `json:"request"`
	Response []struct {
		Code int    `json:"code"`
		Body string `json:"body"`
	} `json:"response"`
}

type doc struct {
	Info struct {
		Schema string `json:"schema"`
	} `json:"info"`
	Item []node `json:"item"`
	Auth struct {
		Type   string `json:"type"`
		OAuth2 []struct {
			Key, Value string
		} `json:"oauth2"`
	} `json:"auth"`
	Variable []struct {
		Key, Value string
	} `json:"variable"`
}

// walk calls fn for every request with its folder depth.
func walk(items []node, depth int, fn func(n node, depth int)) {
	for _, it := range items {
		if it.Request != nil {
			fn(it, depth)
			continue
		}
		walk(it.Item, depth+1, fn)
	}
}

func decode(t *testing.T, data []byte) doc {
	t.Helper()
	if !json.Valid(data) {
		t.Fatal("output is not valid JSON")
	}
	var d doc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCollectionCount(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 37, 1000} {
		d := decode(t, Collection(n, 1))
		got := 0
		walk(d.Item, 0, func(node, int) { got++ })
		if got != n {
			t.Errorf("Collection(%d): %d requests", n, got)
		}
	}
}

func TestCollectionDeterministic(t *testing.T) {
	a := Collection(250, 7)
	if b := Collection(250, 7); !bytes.Equal(a, b) {
		t.Fatal("two calls with the same seed differ")
	}
	if c := Collection(250, 8); bytes.Equal(a, c) {
		t.Fatal("seeds 7 and 8 give the same collection")
	}
}

// A smaller collection is the start of a larger one: module i does not
// depend on n.
func TestCollectionPrefix(t *testing.T) {
	small, large := decode(t, Collection(30, 3)), decode(t, Collection(300, 3))
	for i := range small.Item {
		a, _ := json.Marshal(small.Item[i])
		b, _ := json.Marshal(large.Item[i])
		if !bytes.Equal(a, b) {
			t.Fatalf("module %d differs between n=30 and n=300", i)
		}
	}
}

func TestCollectionShape(t *testing.T) {
	d := decode(t, Collection(400, 1))
	if !strings.Contains(d.Info.Schema, "v2.1.0") {
		t.Errorf("schema %q", d.Info.Schema)
	}
	auth := map[string]string{}
	for _, kv := range d.Auth.OAuth2 {
		auth[kv.Key] = kv.Value
	}
	if d.Auth.Type != "oauth2" || auth["headerPrefix"] != "Zoho-oauthtoken" || auth["accessToken"] != "{{access-token}}" {
		t.Errorf("auth = %s %v", d.Auth.Type, auth)
	}
	if len(d.Variable) == 0 || d.Variable[0].Key != "api-domain" || d.Variable[0].Value != "https://www.zohoapis.com" {
		t.Errorf("variables = %v", d.Variable)
	}

	depths := map[int]bool{}
	fieldSets := map[string]bool{}
	walk(d.Item, 0, func(n node, depth int) {
		depths[depth] = true
		r := n.Request
		if !strings.HasPrefix(r.URL.Raw, "{{api-domain}}/crm/v8/") {
			t.Errorf("%s: url %s", n.Name, r.URL.Raw)
		}
		if (r.Method == "POST" || r.Method == "PUT") != (r.Body != nil) {
			t.Errorf("%s: method %s, body %v", n.Name, r.Method, r.Body != nil)
		}
		if r.Body != nil && !json.Valid([]byte(r.Body.Raw)) {
			t.Errorf("%s: request body is not JSON", n.Name)
		}
		if len(n.Response) < 2 || len(n.Response) > 3 {
			t.Errorf("%s: %d examples", n.Name, len(n.Response))
		}
		ok, failed := false, false
		for _, ex := range n.Response {
			var v any
			if err := json.Unmarshal([]byte(ex.Body), &v); err != nil {
				t.Errorf("%s: example %d: %v", n.Name, ex.Code, err)
			}
			switch ex.Code {
			case 200, 201:
				ok = true
			case 400, 401, 404:
				failed = true
				m, _ := v.(map[string]any)
				if m["data"] == nil && (m["code"] == nil || m["details"] == nil || m["message"] == nil || m["status"] != "error") {
					t.Errorf("%s: error body %s", n.Name, ex.Body)
				}
			default:
				t.Errorf("%s: status %d", n.Name, ex.Code)
			}
		}
		if !ok || !failed {
			t.Errorf("%s: want a success and an error example", n.Name)
		}
		if strings.HasPrefix(n.Name, "Get ") {
			var v struct {
				Data []map[string]any `json:"data"`
			}
			if err := json.Unmarshal([]byte(n.Response[0].Body), &v); err != nil || len(v.Data) != 1 {
				t.Fatalf("%s: first example: %v", n.Name, err)
			}
			rec := v.Data[0]
			for _, k := range []string{"Owner", "Created_By", "$approved", "Created_Time", "$review"} {
				if _, ok := rec[k]; !ok {
					t.Errorf("%s: record lacks %s", n.Name, k)
				}
			}
			var own []string
			for k := range rec {
				if !strings.HasPrefix(k, "$") {
					own = append(own, k)
				}
			}
			slices.Sort(own)
			fieldSets[strings.Join(own, ",")] = true
		}
	})
	if !depths[2] || !depths[3] {
		t.Errorf("request depths %v, want 2 and 3", depths)
	}
	if len(fieldSets) < 30 {
		t.Errorf("only %d distinct record shapes in 40 modules", len(fieldSets))
	}
}

// The samples hold every kind of value a type inferrer has to handle.
func TestCollectionValues(t *testing.T) {
	data := string(Collection(100, 1))
	for _, want := range []string{
		`+05:30\"`,             // RFC 3339 time
		`: null`,               // null
		`.5,`,                  // decimal
		`: true`,               // boolean
		`\"$approval\": {`,     // $-prefixed key holding an object
		`\"Tag\": [`,           // array
		`\"Owner\": {`,         // shared nested shape
		`\"code\": \"INVALID_`, // error body
	} {
		if !strings.Contains(data, want) {
			t.Errorf("no %s in the collection", want)
		}
	}
}

// Some fields are in one example of a request and missing from another, so
// the generated types need optional fields.
func TestCollectionOptionalFields(t *testing.T) {
	d := decode(t, Collection(100, 1))
	optional := 0
	walk(d.Item, 0, func(n node, _ int) {
		var keys []map[string]bool
		for _, ex := range n.Response {
			var v struct {
				Data []map[string]any `json:"data"`
			}
			if json.Unmarshal([]byte(ex.Body), &v) != nil {
				continue
			}
			for _, rec := range v.Data {
				k := map[string]bool{}
				for key := range rec {
					k[key] = true
				}
				keys = append(keys, k)
			}
		}
		for _, a := range keys {
			for _, b := range keys {
				for key := range a {
					if !b[key] && strings.ToUpper(key[:1]) == key[:1] {
						optional++
						return
					}
				}
			}
		}
	})
	if optional < 10 { // every List request has one
		t.Errorf("%d of 100 requests have an optional record field, want at least 10", optional)
	}
}
