package runtime

import (
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// closeCounter is a transport that counts the response bodies it hands out
// and how many of them were closed, to prove that the runtime closes every
// body it does not give to the caller.
type closeCounter struct {
	base   http.RoundTripper
	opened atomic.Int64
	closed atomic.Int64
}

func (cc *closeCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := cc.base.RoundTrip(req)
	if resp != nil {
		cc.opened.Add(1)
		resp.Body = &countedBody{ReadCloser: resp.Body, cc: cc}
	}
	return resp, err
}

type countedBody struct {
	io.ReadCloser
	cc   *closeCounter
	once sync.Once
}

func (b *countedBody) Close() error {
	b.once.Do(func() { b.cc.closed.Add(1) })
	return b.ReadCloser.Close()
}

// newTestClient returns a client for srv whose transport counts response
// bodies; when the test ends it checks that every body was closed.
func newTestClient(t *testing.T, srv *httptest.Server, opts ...Option) *Client {
	t.Helper()
	return newTestClientFor(t, srv.URL, srv.Client().Transport, opts...)
}

// newTestClientFor is newTestClient for a server at baseURL reached through
// rt.
func newTestClientFor(t *testing.T, baseURL string, rt http.RoundTripper, opts ...Option) *Client {
	t.Helper()
	cc := &closeCounter{base: rt}
	t.Cleanup(func() {
		if o, c := cc.opened.Load(), cc.closed.Load(); o != c {
			t.Errorf("%d response bodies opened, %d closed", o, c)
		}
	})
	all := append([]Option{WithBaseURL(baseURL), WithHTTPClient(&http.Client{Transport: cc})}, opts...)
	return newClient("https://default.invalid/", all)
}

// echoServer answers every request with 200 and an empty JSON object and
// hands the request, its body read, to fn.
func echoServer(t *testing.T, fn func(r *http.Request, body []byte)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read request body: %v", err)
		}
		fn(r, body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestNewClientDefaults(t *testing.T) {
	c := newClient("https://www.zohoapis.com/", nil)
	if got, want := c.BaseURL(), "https://www.zohoapis.com"; got != want {
		t.Errorf("BaseURL() = %q, want %q", got, want)
	}
	if c.userAgent != "zcrmgen-client" {
		t.Errorf("userAgent = %q", c.userAgent)
	}
	if c.httpClient == nil || c.httpClient.Timeout != 0 {
		t.Errorf("httpClient = %+v, want a client without timeout", c.httpClient)
	}
	if c.retry.attempts() != 1 {
		t.Errorf("attempts without WithRetry = %d, want 1", c.retry.attempts())
	}

	hc := &http.Client{}
	c = newClient("https://a.example", []Option{nil, WithBaseURL("https://b.example/v2//"), WithHTTPClient(hc), WithHTTPClient(nil)})
	if got, want := c.BaseURL(), "https://b.example/v2"; got != want {
		t.Errorf("BaseURL() = %q, want %q", got, want)
	}
	if c.httpClient != hc {
		t.Error("WithHTTPClient(nil) replaced the client")
	}
}

func TestHeaders(t *testing.T) {
	var got http.Header
	srv := echoServer(t, func(r *http.Request, _ []byte) { got = r.Header.Clone() })
	c := newTestClient(t, srv,
		WithHeader("X-Client", "a"),
		WithHeader("X-Client", "b"),
		WithHeader("X-Replaced", "client"),
		WithUserAgent("my-app/1.0"),
	)
	r := &request{method: http.MethodPost, path: "/h", header: http.Header{
		"x-replaced": {"operation"}, // not canonical: must still replace
		"Accept":     {"application/json"},
	}}
	r.setText("hi", "")
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	checks := map[string][]string{
		"X-Client":     {"a", "b"},
		"X-Replaced":   {"operation"},
		"Accept":       {"application/json"},
		"User-Agent":   {"my-app/1.0"},
		"Content-Type": {"text/plain; charset=utf-8"},
	}
	for k, want := range checks {
		if !slices.Equal(got.Values(k), want) {
			t.Errorf("header %s = %q, want %q", k, got.Values(k), want)
		}
	}

	// An operation's own User-Agent wins over the client's; the body's
	// Content-Type wins over a constant header.
	r = &request{method: http.MethodPost, path: "/h", header: http.Header{
		"User-Agent":   {"op-agent"},
		"Content-Type": {"text/plain"},
	}}
	if err := r.setJSON(map[string]int{"a": 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if ua := got.Get("User-Agent"); ua != "op-agent" {
		t.Errorf("User-Agent = %q, want op-agent", ua)
	}
	if ct := got.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	var ua string
	srv := echoServer(t, func(r *http.Request, _ []byte) { ua = r.Header.Get("User-Agent") })
	c := newTestClient(t, srv)
	if _, err := c.doNoContent(context.Background(), &request{method: http.MethodGet, path: "/"}); err != nil {
		t.Fatal(err)
	}
	if ua != "zcrmgen-client" {
		t.Errorf("User-Agent = %q, want zcrmgen-client", ua)
	}
}

func TestPathAndQueryEncoding(t *testing.T) {
	var gotPath, gotRawPath string
	var gotQuery url.Values
	srv := echoServer(t, func(r *http.Request, _ []byte) {
		gotPath, gotRawPath, gotQuery = r.URL.Path, r.URL.EscapedPath(), r.URL.Query()
	})
	c := newTestClient(t, srv)
	q := url.Values{
		"fields":   {"Last_Name,Email"},
		"criteria": {"(Email:equals:a+b@example.com)"},
		"name":     {"Zoë & co"},
		"ids":      {"1", "2"},
	}
	r := &request{method: http.MethodGet, path: "/crm/v2/Leads/" + url.PathEscape("a/b c"), query: q}
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/crm/v2/Leads/a/b c" || gotRawPath != "/crm/v2/Leads/a%2Fb%20c" {
		t.Errorf("path = %q (escaped %q)", gotPath, gotRawPath)
	}
	if diff := diffQuery(q, gotQuery); diff != "" {
		t.Errorf("query %s", diff)
	}
}

func TestResponseHook(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Ratelimit-Remaining", "41")
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	var seen []string
	c := newTestClient(t, srv, WithResponseHook(nil), WithResponseHook(func(resp *http.Response) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, resp.Status+" "+resp.Header.Get("X-RATELIMIT-REMAINING"))
	}))
	if _, err := c.doNoContent(context.Background(), &request{method: http.MethodGet, path: "/ok"}); err != nil {
		t.Fatal(err)
	}
	_, err := c.doNoContent(context.Background(), &request{method: http.MethodGet, path: "/missing"})
	assertAPIError(t, err, http.StatusNotFound, "", "")
	want := []string{"204 No Content 41", "404 Not Found 41"}
	if !slices.Equal(seen, want) {
		t.Errorf("hook saw %q, want %q", seen, want)
	}
}

func TestNilClientOrRequest(t *testing.T) {
	var c *Client
	if _, err := c.do(context.Background(), &request{method: http.MethodGet}); err == nil {
		t.Error("nil client: no error")
	}
	c = newClient("http://127.0.0.1:1", nil)
	if _, err := c.doJSON(context.Background(), nil, nil); err == nil {
		t.Error("nil request: no error")
	}
}

func TestInvalidBaseURL(t *testing.T) {
	c := newClient("http://bad host", nil)
	r := &request{method: http.MethodPost, path: "/x"}
	r.setText("body", "")
	if _, err := c.doNoContent(context.Background(), r); err == nil {
		t.Error("no error for an invalid base URL")
	}
}

// Tests of the helpers in testing_test.go, which generated packages carry.

func TestReplayServer(t *testing.T) {
	srv := replayServer(t, replayCase{
		Method:      http.MethodPost,
		Path:        "/crm/v2/Leads/a b",
		Query:       url.Values{"trigger": {"workflow"}},
		Header:      map[string]string{"X-Org": "42"},
		RequestBody: []byte(`{"data":[{"Last_Name":"Doe","Annual_Revenue":32500.0}]}`),
		Status:      http.StatusCreated,
		ContentType: "application/json;charset=UTF-8",
		Body:        []byte(`{"data":[{"code":"SUCCESS","details":{"id":"1"}}]}`),
	})
	c := newTestClient(t, srv)
	r := &request{
		method: http.MethodPost,
		path:   "/crm/v2/Leads/" + url.PathEscape("a b"),
		query:  url.Values{"trigger": {"workflow"}},
		header: http.Header{"X-Org": {"42"}},
	}
	// Keys in another order and 32500 for 32500.0 still match.
	if err := r.setJSON(map[string]any{"data": []any{map[string]any{"Annual_Revenue": 32500, "Last_Name": "Doe"}}}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data []struct {
			Code    string `json:"code"`
			Details struct {
				ID string `json:"id"`
			} `json:"details"`
		} `json:"data"`
	}
	resp, err := c.doJSON(context.Background(), r, &out)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("status = %d", resp.StatusCode)
	}
	assertJSONEqual(t, []byte(`{"data":[{"details":{"id":"1"},"code":"SUCCESS"}]}`), out)

	// A request body that is not JSON is compared byte for byte.
	srv = replayServer(t, replayCase{RequestBody: []byte("a=1&b=2"), Status: http.StatusNoContent})
	c = newTestClient(t, srv)
	r = &request{method: http.MethodPost}
	r.setForm(url.Values{"b": {"2"}, "a": {"1"}})
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

func TestReplayServerError(t *testing.T) {
	srv := replayServer(t, replayCase{
		Status:      http.StatusBadRequest,
		ContentType: "application/json",
		Body:        []byte(`{"code":"INVALID_DATA","details":{},"message":"invalid data","status":"error"}`),
	})
	c := newTestClient(t, srv)
	_, err := c.doJSON(context.Background(), &request{method: http.MethodGet, path: "/x"}, new(any))
	assertAPIError(t, err, http.StatusBadRequest, "INVALID_DATA", "invalid data")
}

func TestRunReplays(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"req.json":  `{"name":"Ada","revenue":32500.0}`,
		"resp.json": `{"id":"1","name":"Ada"}`,
		"err.json":  `{"code":"INVALID_DATA","details":{},"message":"invalid data","status":"error"}`,
		"text.txt":  "plain text",
		"bad.json":  "<html>",
	} {
		if err := os.WriteFile(filepath.Join(dir, "testdata", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	type record struct {
		ID      *string  `json:"id,omitempty"`
		Name    *string  `json:"name,omitempty"`
		Revenue *float64 `json:"revenue,omitempty"`
	}
	post := func(t *testing.T, c *Client, body any, out any) (any, error) {
		r := &request{method: http.MethodPost, path: "/records", query: url.Values{"trigger": {"workflow"}}}
		if err := r.setJSON(body); err != nil {
			t.Fatal(err)
		}
		_, err := c.doJSON(context.Background(), r, out)
		return out, err
	}
	get := func(path string) *request {
		return &request{method: http.MethodGet, path: path, header: http.Header{"X-Org": {"42"}}}
	}
	var sawHost string
	runReplays(t, []replayOp{
		{
			Name:   "Insert",
			Method: http.MethodPost,
			Hosts: func(base string) []Option {
				sawHost = base
				return nil
			},
			// The options apply: the server checks the header they add.
			Options: []Option{WithHeader("X-Trace", "1")},
			Header:  "X-Trace: 1",
			Call: func(t *testing.T, c *Client, _ []any, body string) (any, error) {
				var b record
				if body != "" {
					replayDecode(t, body, &b)
				}
				return post(t, c, b, new(record))
			},
			Examples: []replayExample{
				{
					Name: "created", Status: http.StatusCreated, ContentType: "application/json", Response: "resp.json",
					Path: "/records", Query: "trigger=workflow", Body: "req.json", CheckBody: true, Want: replayJSON,
				},
				{
					Name: "not JSON", Status: http.StatusOK, ContentType: "text/html", Response: "bad.json", Want: replayDecodeError,
				},
			},
		},
		{
			Name:   "Get",
			Method: http.MethodGet,
			Header: "X-Org: 42\nX-Trace: 2",
			// The header the server checks comes from the options; the
			// path from the example's Args, else the operation's.
			Options: []Option{WithHeader("X-Trace", "2")},
			Args:    []any{"/text"},
			Call: func(_ *testing.T, c *Client, a []any, _ string) (any, error) {
				path := a[0].(string)
				switch path {
				case "/text":
					s, _, err := c.doText(context.Background(), get(path))
					return s, err
				case "/stream":
					rc, _, err := c.doStream(context.Background(), get(path))
					return rc, err
				case "/none":
					_, err := c.doNoContent(context.Background(), get(path))
					return nil, err
				}
				_, err := c.doJSON(context.Background(), get(path), new(any))
				return nil, err
			},
			Examples: []replayExample{
				{
					Name: "text", Status: http.StatusOK, Response: "text.txt", Path: "/text", Want: replayBody,
				},
				{
					Name: "stream", Status: http.StatusOK, Response: "text.txt", Path: "/stream", Args: []any{"/stream"}, Want: replayBody,
				},
				{
					Name: "no content", Status: http.StatusNoContent, Response: "text.txt", Path: "/none", Args: []any{"/none"},
				},
				{
					Name: "error", Status: http.StatusBadRequest, ContentType: "application/json", Response: "err.json", Args: []any{"/x"},
					Want: replayAPIError, Code: "INVALID_DATA", Message: "invalid data",
				},
			},
		},
	})
	if sawHost == "" {
		t.Error("Hosts was not called with the server's URL")
	}
}

func TestReplayHeader(t *testing.T) {
	got := replayHeader(t, "Authorization: Bearer a: b\nX-Empty: ")
	want := map[string]string{"Authorization": "Bearer a: b", "X-Empty": ""}
	if !maps.Equal(got, want) {
		t.Errorf("replayHeader = %q, want %q", got, want)
	}
	if got := replayHeader(t, ""); len(got) != 0 {
		t.Errorf("replayHeader(\"\") = %q, want none", got)
	}
}

func TestExampleHelpers(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "r.json"), []byte(`{"id":"1","n":1.0}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	srv, saved := exampleServer(http.StatusCreated, "application/json", "r.json")
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/any")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Content-Type") != "application/json" || string(body) != string(saved) || string(saved) != `{"id":"1","n":1.0}` {
		t.Errorf("exampleServer answered %d %q %q, saved %q", resp.StatusCode, resp.Header.Get("Content-Type"), body, saved)
	}
	var v struct {
		ID string  `json:"id"`
		N  float64 `json:"n"`
	}
	exampleRequest("r.json", &v)
	if v.ID != "1" || v.N != 1 {
		t.Errorf("exampleRequest decoded %+v", v)
	}
	for _, tt := range []struct {
		name  string
		saved string
		got   any
		err   error
		want  string
	}{
		{"same JSON", `{"id":"1","n":1.0}`, v, nil, "true"},
		{"other JSON", `{"id":"2","n":1}`, v, nil, "false"},
		{"nothing saved", "", v, nil, "true"},
		{"no result", "", nil, nil, "true"},
		{"text", "plain", "plain", nil, "true"},
		{"other text", "plain", "other", nil, "false"},
		{"JSON string", `"https://example.com/a\u0026b"`, "https://example.com/a&b", nil, "true"},
		{"other JSON string", `"a"`, "b", nil, "false"},
		{"stream", "plain", io.NopCloser(strings.NewReader("plain")), nil, "true"},
		{"other stream", "plain", io.NopCloser(strings.NewReader("x")), nil, "false"},
		{"error", "", nil, errors.New("boom"), "error: boom"},
	} {
		if got := exampleResult([]byte(tt.saved), tt.got, tt.err); got != tt.want {
			t.Errorf("%s: exampleResult = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDiffQuery(t *testing.T) {
	tests := []struct {
		want, got url.Values
		diff      string
	}{
		{url.Values{}, url.Values{}, ""},
		{url.Values{"a": {"1", "2"}}, url.Values{"a": {"1", "2"}}, ""},
		{url.Values{"a": {"1", "2"}}, url.Values{"a": {"2", "1"}}, `a = ["2" "1"], want ["1" "2"]`},
		{url.Values{}, url.Values{"x": {""}}, `x = [""], want []`},
		{url.Values{"b": {"1"}}, url.Values{}, `b = [], want ["1"]`},
	}
	for _, tt := range tests {
		if got := diffQuery(tt.want, tt.got); got != tt.diff {
			t.Errorf("diffQuery(%v, %v) = %q, want %q", tt.want, tt.got, got, tt.diff)
		}
	}
}

func TestJSONEqual(t *testing.T) {
	tests := []struct {
		a, b string
		ok   bool
		path string
	}{
		{`{"a":1,"b":[true,null,"x"]}`, `{"b":[true,null,"x"],"a":1}`, true, ""},
		{`32500.0`, `32500`, true, ""},
		{`1e2`, `100`, true, ""},
		{`0.1`, `1E-1`, true, ""},
		{`-0`, `0`, true, ""},
		{`12345678901234567890123`, `12345678901234567890124`, false, "$"},
		{`{"a":{"b":[1,2]}}`, `{"a":{"b":[1,3]}}`, false, "$.a.b[1]"},
		{`{"a":[1,2]}`, `{"a":[1]}`, false, "$.a[1]"},
		{`{"a":1}`, `{"a":1,"z":2}`, false, "$.z"},
		{`{"a":1,"b":2}`, `{"b":2}`, false, "$.a"},
		{`{"Last Name":"x"}`, `{"Last Name":"y"}`, false, `$["Last Name"]`},
		{`{"1a":"x"}`, `{"1a":"y"}`, false, `$["1a"]`},
		{`"1"`, `1`, false, "$"},
		{`{}`, `[]`, false, "$"},
		{`[{}]`, `[null]`, false, "$[0]"},
		{`"é"`, `"\u00e9"`, true, ""},
		{`false`, `null`, false, "$"},
	}
	for _, tt := range tests {
		ok, path, err := jsonEqual([]byte(tt.a), []byte(tt.b))
		if err != nil || ok != tt.ok || path != tt.path {
			t.Errorf("jsonEqual(%s, %s) = %v, %q, %v; want %v, %q", tt.a, tt.b, ok, path, err, tt.ok, tt.path)
		}
	}
	for _, bad := range [][2]string{{`{`, `{}`}, {`{}`, `{} {}`}, {`{}`, ``}, {`[1,]`, `[1]`}} {
		if _, _, err := jsonEqual([]byte(bad[0]), []byte(bad[1])); err == nil {
			t.Errorf("jsonEqual(%q, %q): no error", bad[0], bad[1])
		}
	}
}

func TestReadTestdata(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "testdata", "leads"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "leads", "get.json"), []byte(`{"data":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if got := string(readTestdata(t, "leads/get.json")); !strings.Contains(got, `"data"`) {
		t.Errorf("readTestdata = %q", got)
	}
}

func TestWithHostURL(t *testing.T) {
	var hits []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits = append(hits, r.URL.Path)
	}))
	defer srv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits = append(hits, "other"+r.URL.Path)
	}))
	defer other.Close()
	c := newClient(srv.URL, []Option{WithHostURL("https://upload.example.com/", other.URL)})
	for _, r := range []*request{
		{method: "GET", path: "/base"},
		{method: "POST", path: "/upload", host: "https://upload.example.com"},
	} {
		if _, err := c.doNoContent(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	if len(hits) != 2 || hits[0] != "/base" || hits[1] != "other/upload" {
		t.Errorf("hits = %q", hits)
	}
}
