package parse

import (
	"reflect"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func queryText(q []*postman.QueryParam) []string {
	out := []string{}
	for _, p := range q {
		out = append(out, p.Key+"="+p.Value)
	}
	return out
}

func TestDescriptionObjects(t *testing.T) {
	c, warns := parseFixture(t, "descriptions")
	eq(t, "warnings", warnings(warns), []string{})
	eq(t, "info.description", c.Postman.Info.Description, postman.Description{Content: "Collection *docs*\nline two", Type: "text/markdown"})
	eq(t, "collection variable", c.Postman.Variables[0].Description, "Base URL")
	folder := c.Postman.Items[0]
	eq(t, "folder", folder.Description, "Folder docs")
	it := folder.Items[0]
	eq(t, "item", it.Description, "Item docs")
	eq(t, "request", it.Request.Description, any("Request docs"))
	eq(t, "header", it.Request.Header[0].Description, "Header docs")
	eq(t, "query", *it.Request.URL.Query[0].Description, "Query docs")
	eq(t, "url variable", it.Request.URL.Variables[0].Description, "Path variable docs")
}

func TestURLStrings(t *testing.T) {
	c, _ := parseFixture(t, "url-string")
	eq(t, "info.description", c.Postman.Info.Description.Content, "Escapes \"decoded\"\tand a tab")

	u := byName(t, c, "Variables").Request.URL
	eq(t, "raw", u.Raw, "{{base}}/v1/users/:id?x=1&flag&&y={{y}}#top")
	eq(t, "host", u.Host, []string{"{{base}}"})
	eq(t, "path", u.Path, []string{"v1", "users", ":id"})
	eq(t, "query", queryText(u.Query), []string{"x=1", "flag=", "y={{y}}"})
	eq(t, "hash", u.Hash, "top")
	eq(t, "variables", u.Variables, []*postman.Variable{{Key: "id"}})

	u = byName(t, c, "Full").Request.URL
	eq(t, "protocol", u.Protocol, "https")
	eq(t, "host", u.Host, []string{"api", "x", "com"})
	eq(t, "path", u.Path, []string{"a"})

	u = byName(t, c, "Port and auth").Request.URL
	eq(t, "raw", u.Raw, "http://user:pw@localhost:8080/a/b/")
	eq(t, "host", u.Host, []string{"localhost"})
	eq(t, "port", u.Port, "8080")
	eq(t, "path", u.Path, []string{"a", "b", ""})

	// The library would keep `\u0026` and `\"` as written.
	u = byName(t, c, "Escapes").Request.URL
	eq(t, "raw", u.Raw, `https://api.x.com/search?q=a&b=1&tab="x"`)
	eq(t, "query", queryText(u.Query), []string{"q=a", "b=1", `tab="x"`})

	u = byName(t, c, "Dotted variable").Request.URL
	eq(t, "host", u.Host, []string{"{{api.host}}", "example", "com"})
	eq(t, "path", u.Path, []string{"{{path/with/slash}}"})
	eq(t, "query", queryText(u.Query), []string{"k={{a&b}}"})

	r := byName(t, c, "Plain request").Request
	eq(t, "method", r.Method, postman.Get)
	eq(t, "raw", r.URL.Raw, "https://api.x.com/ping?verbose")
	eq(t, "query", queryText(r.URL.Query), []string{"verbose="})
}

func TestURLObjects(t *testing.T) {
	c, _ := parseFixture(t, "url-object")

	it := byName(t, c, "No raw")
	u := it.Request.URL
	eq(t, "raw", u.Raw, "https://{{baseUrl}}:8443/birth-chart/:id?lang=en&flag#frag")
	eq(t, "port", u.Port, "8443")
	eq(t, "path", u.Path, []string{"birth-chart", ":id"})
	eq(t, "query", queryText(u.Query), []string{"lang=en", "limit=10", "flag="})
	eq(t, "disabled", c.Extras[it].DisabledQuery, map[int]bool{1: true})

	u = byName(t, c, "Host and path strings").Request.URL
	eq(t, "host", u.Host, []string{"{{base_url}}", "example", "com"})
	eq(t, "path", u.Path, []string{"stacks", "{{api_key}}"})
	eq(t, "query", queryText(u.Query), []string{"environment={{environment}}", "limit=5"})
	eq(t, "raw", u.Raw, "https://{{base_url}}.example.com/stacks/{{api_key}}?environment={{environment}}&limit=5")

	u = byName(t, c, "Raw only").Request.URL
	eq(t, "protocol", u.Protocol, "https")
	eq(t, "host", u.Host, []string{"api", "x", "com"})
	eq(t, "path", u.Path, []string{"v2", "items", ":itemId"})
	eq(t, "query", queryText(u.Query), []string{"sort=asc"})
	eq(t, "variables", u.Variables, []*postman.Variable{{Key: "itemId"}})

	u = byName(t, c, "Query as object").Request.URL
	eq(t, "query", queryText(u.Query), []string{"a=1", "b=2", "c="})
	eq(t, "raw", u.Raw, "h?a=1&b=2&c")
}

func TestHeaders(t *testing.T) {
	c, warns := parseFixture(t, "headers")
	eq(t, "warnings", warnings(warns), []string{
		`8:19: item[0].request.header: header line "not a header line" is not "Key: value": skipped`,
	})
	headerText := func(hs []*postman.Header) []string {
		out := []string{}
		for _, h := range hs {
			s := h.Key + ": " + h.Value
			if h.Disabled {
				s = "//" + s
			}
			out = append(out, s)
		}
		return out
	}
	it := byName(t, c, "String header")
	eq(t, "request", headerText(it.Request.Header), []string{
		"Accept: application/json",
		"Date: Tue, 01 Jan 2030 12:00:00 GMT",
		"X-Empty: ",
	})
	eq(t, "example", headerText(it.Responses[0].Headers.Headers), []string{
		"Content-Type: application/json",
		"X-Time: 12:00:01",
	})
	if it.Responses[1].Headers != nil {
		t.Errorf("null example header list: got %v", it.Responses[1].Headers)
	}
	eq(t, "odd", headerText(byName(t, c, "Null and odd headers").Request.Header), []string{
		"X-Number: 42",
		"X-Bool: true",
		": ",
		"//X-Off: 1",
		"X-Line: a:b",
	})
	eq(t, "null list", len(byName(t, c, "Null header list").Request.Header), 0)
}

func TestValues(t *testing.T) {
	c, warns := parseFixture(t, "values")
	eq(t, "warnings", warnings(warns), []string{
		`27:38: item[0].response[1].code: status code "teapot" is not a number: ignored`,
		`28:9: item[0].response[2]: null example: skipped`,
	})
	eq(t, "version", c.Postman.Info.Version, "1.2.3")
	var vars []string
	for _, v := range c.Postman.Variables {
		s := v.Key + "=" + v.Value
		if v.Disabled {
			s = "//" + s
		}
		vars = append(vars, s)
	}
	eq(t, "variables", vars, []string{
		"count=10", "ratio=1.50", "on=true", `obj={"b":1,"a":[true,null]}`, "none=", "=x", "//off=y",
	})
	it := byName(t, c, "Example with cookies")
	eq(t, "examples", len(it.Responses), 2)
	r := it.Responses[0]
	eq(t, "code", r.Code, 201)
	eq(t, "body", r.Body, `{"not":"a string"}`)
	eq(t, "cookie", *r.Cookies[0], postman.Cookie{
		Domain: "x.com", Path: "/", Name: "sid", Value: "abc",
		Secure: "true", HTTPOnly: true, Expires: "1700000000", MaxAge: "3600",
	})
	eq(t, "odd code", it.Responses[1].Code, 0)
}

func authText(a *postman.Auth) []string {
	if a == nil {
		return nil
	}
	out := []string{string(a.Type)}
	for _, p := range a.GetParams() {
		out = append(out, p.Key+"="+p.Value.(string)+" ("+p.Type+")")
	}
	return out
}

func TestAuthAndMethods(t *testing.T) {
	c, warns := parseFixture(t, "auth")
	eq(t, "warnings", warnings(warns), []string{})
	eq(t, "schema", c.Schema, "v2.0")
	eq(t, "collection", authText(c.Postman.Auth), []string{
		"oauth2",
		"accessToken={{token}} (string)",
		"addTokenTo=header (string)",
		"expires_in=3600 (number)",
		"refresh=false (boolean)",
		"tokenType=Bearer (string)",
	})
	r := byName(t, c, "Basic v2.0").Request
	eq(t, "basic", authText(r.Auth), []string{"basic", "password={{pass}} (string)", "username={{user2}} (string)"})
	eq(t, "post", r.Method, postman.Post)
	r = byName(t, c, "Bearer v2.1").Request
	eq(t, "bearer", authText(r.Auth), []string{"bearer", "token={{t}} (string)", "n=5 (number)"})
	eq(t, "get", r.Method, postman.Get)
	r = byName(t, c, "Null auth").Request
	if r.Auth != nil {
		t.Errorf(`"auth": null: got %v`, r.Auth)
	}
	eq(t, "delete", r.Method, postman.Delete)
	eq(t, "missing", byName(t, c, "Missing method").Request.Method, postman.Get)
}

func TestItems(t *testing.T) {
	c, warns := parseFixture(t, "items")
	eq(t, "warnings", warnings(warns), []string{
		`4:5: item[0]: item "Nothing here" has neither "request" nor "item": skipped`,
		`5:5: item[1]: null item: skipped`,
		`6:117: item[2].request: item "Both" has both "item" and "request": read as a folder, request ignored`,
		`8:5: item[4]: item "Null request" has neither "request" nor "item": skipped`,
	})
	var names []string
	for _, it := range c.Postman.Items {
		names = append(names, it.Name)
	}
	eq(t, "top level", names, []string{"Both", "Empty folder", "Scripts"})
	eq(t, "folder", c.Postman.Items[0].IsGroup(), true)
	eq(t, "empty folder", c.Postman.Items[1].IsGroup(), true)
	ev := byName(t, c, "Scripts").Events
	eq(t, "exec string", ev[0].Script.Exec, []string{"pm.variables.set('a', 1);", "console.log('x');"})
	eq(t, "exec list", ev[1].Script.Exec, []string{"pm.test('ok', () => {});"})
	eq(t, "extras", len(c.Extras), 2)
}

func TestDisabled(t *testing.T) {
	c, _ := parseFixture(t, "disabled")
	it := byName(t, c, "Search")
	eq(t, "header", it.Request.Header[1].Disabled, true)
	eq(t, "query", queryText(it.Request.URL.Query), []string{"q=go", "limit=10", "page=2", "debug=1"})
	x := c.Extras[it]
	eq(t, "disabled", x.DisabledQuery, map[int]bool{1: true, 3: true})
	eq(t, "where", [3]any{x.Path, x.Line, x.Col}, [3]any{"item[0]", 4, 5})
	ex := c.ExampleExtras[it.Responses[0]]
	eq(t, "example disabled", ex.DisabledQuery, map[int]bool{0: true})
	eq(t, "example where", [3]any{ex.Path, ex.Line, ex.Col}, [3]any{"item[0].response[0]", 26, 9})
}

func TestKeys(t *testing.T) {
	c, _ := parseFixture(t, "keys")
	eq(t, "name", c.Postman.Info.Name, "Keys")
	it := byName(t, c, "Duplicates and case")
	eq(t, "url", it.Request.URL.Raw, "{{base}}/last-wins")
	eq(t, "method", it.Request.Method, postman.Patch)
	eq(t, "protocolProfileBehavior", it.ProtocolProfileBehavior, any(map[string]any{"disableBodyPruning": true, "huge": "1e400"}))
}

func TestBodies(t *testing.T) {
	c, _ := parseFixture(t, "body")
	b := byName(t, c, "Raw string body").Request.Body
	eq(t, "raw string", [2]string{b.Mode, b.Raw}, [2]string{"raw", `{"a": 1}`})
	b = byName(t, c, "Raw with options").Request.Body
	eq(t, "language", b.Options.Raw.Language, "json")
	b = byName(t, c, "Form").Request.Body
	eq(t, "urlencoded", b.URLEncoded, any([]any{
		map[string]any{"key": "grant_type", "value": "client_credentials", "type": "text"},
		map[string]any{"key": "n", "value": "3", "description": "count"},
		map[string]any{"key": "skip", "value": "1", "disabled": true},
	}))
	b = byName(t, c, "Multipart").Request.Body
	eq(t, "formdata", b.FormData, any([]any{
		map[string]any{"key": "file", "type": "file", "src": "/tmp/x.png"},
		map[string]any{"key": "meta", "value": "{}", "type": "text", "contentType": "application/json"},
	}))
}

func TestWrapped(t *testing.T) {
	c, warns := parseFixture(t, "wrapped")
	eq(t, "name", c.Postman.Info.Name, "Wrapped")
	eq(t, "warnings", warnings(warns), []string{
		`6:7: collection.item[1]: item "Empty" has neither "request" nor "item": skipped`,
	})
}

// TestDeterministic parses the same input twice and expects the same
// normalised bytes: v2.0 auth parameters come from an object, and their
// order must not depend on a map.
func TestDeterministic(t *testing.T) {
	for _, name := range []string{"auth", "values", "url-string"} {
		a := normalizedText(t, "testdata/normalize/"+name+".json")
		for range 10 {
			if b := normalizedText(t, "testdata/normalize/"+name+".json"); string(a) != string(b) {
				t.Fatalf("%s: output changed between runs", name)
			}
		}
	}
}

// TestDisabledQueryOrder checks that a disabled query parameter is
// recorded whatever the order of its keys: a "description" before
// "disabled" once made the rewrite of the parameter hide the flag.
func TestDisabledQueryOrder(t *testing.T) {
	for _, q := range []string{
		`{"key": "a", "value": "", "disabled": true, "description": "d"}`,
		`{"key": "a", "value": "", "description": "d", "disabled": true}`,
		`{"description": "d", "disabled": true, "value": "", "key": "a"}`,
	} {
		data := []byte(`{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
			"item": [{"name": "r", "request": {"method": "GET", "url": {"host": ["x", "com"], "path": ["a"],
			"query": [{"key": "b", "value": "1", "description": "on"}, ` + q + `]}}}]}`)
		c, _, err := Parse("x.json", data)
		if err != nil {
			t.Fatal(err)
		}
		it := c.Postman.Items[0]
		eq(t, "disabled "+q, c.Extras[it].DisabledQuery, map[int]bool{1: true})
		eq(t, "query "+q, queryText(it.Request.URL.Query), []string{"b=1", "a="})
	}
}
