package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// sentRequest is what a server saw of one request.
type sentRequest struct {
	contentType      string
	contentLength    int64
	transferEncoding []string
	body             string
}

// capture sends r to a server that records it and answers 200 "{}".
func capture(t *testing.T, r *request) sentRequest {
	t.Helper()
	var got sentRequest
	srv := echoServer(t, func(req *http.Request, body []byte) {
		got = sentRequest{req.Header.Get("Content-Type"), req.ContentLength, req.TransferEncoding, string(body)}
	})
	c := newTestClient(t, srv)
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRequestBodies(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		r := &request{method: http.MethodPost}
		if err := r.setJSON(map[string]any{"html": "<b>&</b>", "n": 1}); err != nil {
			t.Fatal(err)
		}
		got := capture(t, r)
		want := `{"html":"<b>&</b>","n":1}`
		if got.body != want || got.contentType != "application/json" || got.contentLength != int64(len(want)) || got.transferEncoding != nil {
			t.Errorf("sent %+v, want body %s with its length", got, want)
		}
	})
	t.Run("json error", func(t *testing.T) {
		r := &request{method: http.MethodPost}
		if err := r.setJSON(make(chan int)); err == nil {
			t.Error("no error for an unsupported value")
		}
	})
	t.Run("text", func(t *testing.T) {
		r := &request{method: http.MethodPut}
		r.setText("héllo", "")
		if got := capture(t, r); got.body != "héllo" || got.contentType != "text/plain; charset=utf-8" || got.contentLength != 6 {
			t.Errorf("sent %+v", got)
		}
		r.setText("<x/>", "application/xml")
		if got := capture(t, r); got.body != "<x/>" || got.contentType != "application/xml" {
			t.Errorf("sent %+v", got)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		r := &request{method: http.MethodPut}
		r.setBytes([]byte{0, 1, 2}, "")
		if got := capture(t, r); got.body != "\x00\x01\x02" || got.contentType != "application/octet-stream" || got.contentLength != 3 {
			t.Errorf("sent %+v", got)
		}
	})
	t.Run("empty bytes", func(t *testing.T) {
		r := &request{method: http.MethodPost}
		r.setBytes(nil, "application/json")
		if got := capture(t, r); got.body != "" || got.contentLength != 0 || got.transferEncoding != nil {
			t.Errorf("sent %+v", got)
		}
	})
	t.Run("form", func(t *testing.T) {
		r := &request{method: http.MethodPost}
		r.setForm(url.Values{"grant_type": {"refresh_token"}, "scope": {"ZohoCRM.modules.ALL ZohoCRM.settings.READ"}})
		got := capture(t, r)
		want := "grant_type=refresh_token&scope=ZohoCRM.modules.ALL+ZohoCRM.settings.READ"
		if got.body != want || got.contentType != "application/x-www-form-urlencoded" {
			t.Errorf("sent %+v, want body %s", got, want)
		}
	})
	t.Run("reader", func(t *testing.T) {
		r := &request{method: http.MethodPut}
		r.setReader(iotest.OneByteReader(strings.NewReader("streamed")), "text/csv")
		if got := capture(t, r); got.body != "streamed" || got.contentType != "text/csv" {
			t.Errorf("sent %+v", got)
		}
	})
	t.Run("no body", func(t *testing.T) {
		got := capture(t, &request{method: http.MethodGet})
		if got.body != "" || got.contentType != "" || got.contentLength != 0 {
			t.Errorf("sent %+v", got)
		}
	})
}

// respond starts a server that answers every request with the given
// status, Content-Type ("" for none) and body.
func respond(t *testing.T, status int, contentType, body string) *httptest.Server {
	t.Helper()
	return replayServer(t, replayCase{Status: status, ContentType: contentType, Body: []byte(body)})
}

func TestDoJSON(t *testing.T) {
	type lead struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	ctx := context.Background()
	get := func() *request { return &request{method: http.MethodGet, path: "/lead"} }

	for _, ct := range []string{"application/json", "application/json;charset=UTF-8", "Application/JSON; charset=utf-8", "application/vnd.api+json", "text/json", ""} {
		srv := respond(t, http.StatusOK, ct, `{"id":"1","name":"Ann"}`)
		var out lead
		resp, err := newTestClient(t, srv).doJSON(ctx, get(), &out)
		if err != nil || out != (lead{"1", "Ann"}) {
			t.Errorf("Content-Type %q: out = %+v, err = %v", ct, out, err)
		}
		if resp == nil || resp.StatusCode != http.StatusOK {
			t.Errorf("Content-Type %q: response %v", ct, resp)
		} else if n, err := resp.Body.Read(make([]byte, 1)); n != 0 || err != io.EOF {
			t.Errorf("returned body not emptied: %d, %v", n, err)
		}
	}

	// 204, an empty body and a nil out leave out untouched.
	for _, tc := range []struct {
		status int
		ct     string
		body   string
		out    bool
	}{
		{http.StatusNoContent, "", "", true},
		{http.StatusOK, "application/json", "", true},
		{http.StatusOK, "text/html", " \n", true},
		{http.StatusAccepted, "text/html", "<html>queued</html>", false},
	} {
		srv := respond(t, tc.status, tc.ct, tc.body)
		out := lead{ID: "keep"}
		var outArg any
		if tc.out {
			outArg = &out
		}
		resp, err := newTestClient(t, srv).doJSON(ctx, get(), outArg)
		if err != nil || out.ID != "keep" || resp.StatusCode != tc.status {
			t.Errorf("%d %q: out = %+v, err = %v", tc.status, tc.body, out, err)
		}
	}
}

func TestDoJSONDecodeErrors(t *testing.T) {
	ctx := context.Background()
	get := &request{method: http.MethodGet, path: "/"}

	// An HTML page with status 200, as a proxy or login page sends.
	page := "<!DOCTYPE html><html><body>" + strings.Repeat("Sign in. ", 300) + "</body></html>"
	srv := respond(t, http.StatusOK, "text/html; charset=utf-8", page)
	var out map[string]any
	resp, err := newTestClient(t, srv).doJSON(ctx, get, &out)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error = %v (%T), want *DecodeError", err, err)
	}
	if de.StatusCode != 200 || de.ContentType != "text/html; charset=utf-8" || len(de.Body) != 1024 || !strings.HasPrefix(page, string(de.Body)) {
		t.Errorf("DecodeError = %d %q body %d bytes", de.StatusCode, de.ContentType, len(de.Body))
	}
	if want := `decode response (status 200, content type text/html; charset=utf-8): unexpected content type "text/html; charset=utf-8"`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if resp == nil || resp.Header.Get("Content-Type") == "" {
		t.Errorf("response = %v, want it returned with the DecodeError", resp)
	}

	// Truncated JSON.
	srv = respond(t, http.StatusOK, "application/json", `{"data":[{"id":"1"`)
	_, err = newTestClient(t, srv).doJSON(ctx, get, &out)
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "unexpected end of JSON input") {
		t.Errorf("error = %v, want a DecodeError for truncated JSON", err)
	}
	if string(de.Body) != `{"data":[{"id":"1"` {
		t.Errorf("Body = %q", de.Body)
	}

	// JSON of the wrong shape.
	srv = respond(t, http.StatusOK, "", `[1,2]`)
	_, err = newTestClient(t, srv).doJSON(ctx, get, &out)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &de) || !errors.As(err, &typeErr) || de.ContentType != "" {
		t.Errorf("error = %v, want a DecodeError wrapping *json.UnmarshalTypeError", err)
	}
	if !strings.Contains(err.Error(), "content type none") {
		t.Errorf("Error() = %q", err)
	}
}

func TestDoTextBytesStream(t *testing.T) {
	ctx := context.Background()
	get := func() *request { return &request{method: http.MethodGet, path: "/"} }
	srv := respond(t, http.StatusOK, "text/csv", "a,b\n1,2\n")
	c := newTestClient(t, srv)

	s, resp, err := c.doText(ctx, get())
	if err != nil || s != "a,b\n1,2\n" || resp.Header.Get("Content-Type") != "text/csv" {
		t.Errorf("doText = %q, %v, %v", s, resp, err)
	}
	b, resp, err := c.doBytes(ctx, get())
	if err != nil || string(b) != "a,b\n1,2\n" || resp.StatusCode != 200 {
		t.Errorf("doBytes = %q, %v, %v", b, resp, err)
	}
	rc, resp, err := c.doStream(ctx, get())
	if err != nil {
		t.Fatal(err)
	}
	b, err = io.ReadAll(rc)
	rc.Close()
	if err != nil || string(b) != "a,b\n1,2\n" || resp.StatusCode != 200 {
		t.Errorf("doStream read %q, %v", b, err)
	}

	srv = respond(t, http.StatusNotFound, "application/json", `{"code":"NOT_FOUND"}`)
	c = newTestClient(t, srv)
	if _, resp, err := c.doText(ctx, get()); resp != nil || err == nil {
		t.Errorf("doText on 404 = %v, %v", resp, err)
	}
	if _, resp, err := c.doBytes(ctx, get()); resp != nil || err == nil {
		t.Errorf("doBytes on 404 = %v, %v", resp, err)
	}
	rc, resp, err = c.doStream(ctx, get())
	if rc != nil || resp != nil {
		t.Errorf("doStream on 404 = %v, %v", rc, resp)
	}
	assertAPIError(t, err, http.StatusNotFound, "NOT_FOUND", "")
}

func TestDoNoContentDrainsLargeBody(t *testing.T) {
	srv := respond(t, http.StatusOK, "application/octet-stream", strings.Repeat("x", 3<<20))
	resp, err := newTestClient(t, srv).doNoContent(context.Background(), &request{method: http.MethodGet})
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("doNoContent = %v, %v", resp, err)
	}
}

func TestContextCancellation(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	c := newTestClient(t, srv, WithRetry(RetryPolicy{MaxAttempts: 5, MinBackoff: time.Millisecond}))

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.doJSON(ctx, &request{method: http.MethodGet, path: "/slow"}, new(any))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v after the deadline", d)
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = c.doNoContent(ctx, &request{method: http.MethodGet, path: "/slow"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func TestIsJSONContentType(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                true,
		"application/json; charset=utf-8": true,
		"application/json;":               true,
		"application/problem+json":        true,
		"TEXT/JSON":                       true,
		"text/html":                       false,
		"text/plain":                      false,
		"application/jsonp":               false,
		"application/javascript":          false,
		"application/json; =bad":          true,
		" Application/JSON ;x":            true,
		"application/json\u00a0":          true,
		"":                                false,
	} {
		if got := isJSONContentType(ct); got != want {
			t.Errorf("isJSONContentType(%q) = %v, want %v", ct, got, want)
		}
		// The media type is what mime.ParseMediaType finds, or its
		// fallback when it fails.
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			mt, _, _ = strings.Cut(ct, ";")
			mt = strings.ToLower(strings.TrimSpace(mt))
		}
		if slow := mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json"); slow != want {
			t.Errorf("%q: mime.ParseMediaType gives %q", ct, mt)
		}
	}
}

func TestOneShotBody(t *testing.T) {
	r := &request{}
	r.setReader(bytes.NewReader([]byte("x")), "")
	if _, err := r.openBody(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.openBody(); err == nil {
		t.Error("a stream opened twice")
	}
}

func TestStrictDecoding(t *testing.T) {
	ctx := context.Background()
	get := func() *request { return &request{method: http.MethodGet, path: "/"} }
	body := `{"id":"x","Owner":{"id":2,"value":[{"id":"y"}]},"later":1}`

	// By default the call succeeds and keeps every member.
	srv := respond(t, http.StatusOK, "application/json", body)
	var out jsonTestOwner
	if _, err := newTestClient(t, srv).doJSON(ctx, get(), &out); err != nil {
		t.Fatalf("lenient: %v", err)
	}
	var rec jsonTestRecord
	if _, err := newTestClient(t, srv).doJSON(ctx, get(), &rec); err != nil {
		t.Fatalf("lenient: %v", err)
	}
	data, _ := json.Marshal(rec)
	if !jsonEqualDocs(t, data, []byte(body)) {
		t.Errorf("lenient: re-encoded %s, want %s", data, body)
	}
	if ms := Mismatches(&rec); len(ms) != 1 || ms[0].Path != "Owner.value[0].id" {
		t.Errorf("lenient: Mismatches = %v", ms)
	}

	// Strict: a DecodeError naming the first mismatch.
	resp, err := newTestClient(t, srv, WithStrictDecoding()).doJSON(ctx, get(), &rec)
	var de *DecodeError
	var m Mismatch
	if !errors.As(err, &de) || !errors.As(err, &m) || m.Path != "Owner.value[0].id" || m.Want != "*int64" || m.Got != "a string" || resp == nil {
		t.Fatalf("strict: err = %v, resp = %v, want a DecodeError with a Mismatch", err, resp)
	}
	if want := "decode response (status 200, content type application/json): json: Owner.value[0].id: a string does not fit *int64"; err.Error() != want {
		t.Errorf("strict: Error() = %q, want %q", err, want)
	}
	// A body that fits passes.
	srv = respond(t, http.StatusOK, "application/json", `{"id":"x","Owner":{"id":2},"later":1}`)
	if _, err := newTestClient(t, srv, WithStrictDecoding()).doJSON(ctx, get(), &rec); err != nil {
		t.Errorf("strict, fitting body: %v", err)
	}

	// Error bodies: the APIError, or with strict decoding a DecodeError
	// wrapping it.
	srv = respond(t, http.StatusBadRequest, "application/json", `{"code":"INVALID","id":"5"}`)
	errReq := func() *request {
		r := get()
		r.errValue = func() any { return new(jsonTestOwner) }
		return r
	}
	_, err = newTestClient(t, srv).doJSON(ctx, errReq(), &rec)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || errors.As(err, &de) || apiErr.Code != "INVALID" {
		t.Errorf("lenient error body: err = %v", err)
	}
	_, err = newTestClient(t, srv, WithStrictDecoding()).doJSON(ctx, errReq(), &rec)
	if !errors.As(err, &de) || !errors.As(err, &apiErr) || !errors.As(err, &m) || m.Path != "id" || de.StatusCode != http.StatusBadRequest {
		t.Fatalf("strict error body: err = %v, want a DecodeError wrapping the APIError and a Mismatch", err)
	}
	if !strings.Contains(err.Error(), "json: id: a string does not fit *int64 (GET /: 400 Bad Request: INVALID)") {
		t.Errorf("strict error body: Error() = %q", err)
	}
}

func TestNewRequestHeaders(t *testing.T) {
	var got http.Header
	srv := echoServer(t, func(r *http.Request, _ []byte) { got = r.Header.Clone() })
	c := newTestClient(t, srv, WithHeader("Accept", "text/plain"))
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		r      func() *request
		accept []string
	}{
		{"accept replaces the client's", func() *request { return newRequest(http.MethodGet, "/a", "application/json", authScheme{}) }, []string{"application/json"}},
		{"no accept keeps the client's", func() *request { return newRequest(http.MethodGet, "/a", "", authScheme{}) }, []string{"text/plain"}},
		{"a header set after replaces accept", func() *request {
			r := newRequest(http.MethodGet, "/a", "application/json", authScheme{})
			r.setHeader("accept", "image/png")
			return r
		}, []string{"image/png"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := callNone(ctx, c, tt.r(), nil); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Values("Accept"), tt.accept) {
				t.Errorf("Accept = %q, want %q", got.Values("Accept"), tt.accept)
			}
		})
	}
}

func TestCallHelpers(t *testing.T) {
	type result struct {
		Name string `json:"name"`
	}
	type failure struct {
		Code string `json:"code"`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fail":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"code":"INVALID_DATA"}`)
		case "/list":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `[1,2,"x"]`)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"name":"Ada"}`)
		}
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv)
	ctx := context.Background()
	get := func(path string) *request { return newRequest(http.MethodGet, path, "application/json", authScheme{}) }

	out, err := callJSON[result](ctx, c, get("/ok"), errorOf[failure])
	if err != nil || out == nil || out.Name != "Ada" {
		t.Errorf("callJSON = %+v, %v", out, err)
	}
	out, err = callJSON[result](ctx, c, get("/fail"), errorOf[failure])
	var apiErr *APIError
	if out != nil || !errors.As(err, &apiErr) {
		t.Fatalf("callJSON of an error = %+v, %v", out, err)
	}
	if f, ok := apiErr.Value.(*failure); !ok || f.Code != "INVALID_DATA" {
		t.Errorf("APIError.Value = %#v, want *failure with its code", apiErr.Value)
	}
	if _, err := callJSON[result](ctx, c, get("/fail"), nil); !errors.As(err, &apiErr) || apiErr.Value != nil {
		t.Errorf("without an error type: %v, Value %#v", err, apiErr.Value)
	}

	// A value result keeps what was decoded before the error.
	list, err := callJSONValue[[]int](ctx, c, get("/list"), nil)
	var decErr *DecodeError
	if !errors.As(err, &decErr) || len(list) != 3 || list[0] != 1 {
		t.Errorf("callJSONValue = %v, %v; want the numbers so far and a DecodeError", list, err)
	}
	if s, err := callText(ctx, c, get("/ok"), nil); err != nil || s != `{"name":"Ada"}` {
		t.Errorf("callText = %q, %v", s, err)
	}
	if b, err := callBytes(ctx, c, get("/ok"), nil); err != nil || string(b) != `{"name":"Ada"}` {
		t.Errorf("callBytes = %q, %v", b, err)
	}
	rc, err := callStream(ctx, c, get("/ok"), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(b) != `{"name":"Ada"}` {
		t.Errorf("callStream read %q, %v", b, err)
	}
}

func TestBodyErrorEndsCall(t *testing.T) {
	srv := echoServer(t, func(*http.Request, []byte) { t.Error("a request whose body failed to encode was sent") })
	c := newTestClient(t, srv)
	r := newRequest(http.MethodPost, "/x", "application/json", authScheme{})
	r.setJSON(make(chan int))
	if out, err := callJSON[map[string]any](context.Background(), c, r, nil); out != nil || err == nil || !strings.Contains(err.Error(), "encode request body") {
		t.Errorf("callJSON = %v, %v; want the encoding error", out, err)
	}
}

func TestParamHelpers(t *testing.T) {
	when := time.Date(2024, time.January, 2, 3, 4, 5, 0, time.FixedZone("", 3600))
	for _, tt := range []struct {
		got, want string
	}{
		{paramText("a b"), "a b"},
		{paramText(int64(-42)), "-42"},
		{paramText(1e21), "1000000000000000000000"},
		{paramText(0.1), "0.1"},
		{paramText(true), "true"},
		{paramText(when), "2024-01-02T03:04:05+01:00"},
	} {
		if tt.got != tt.want {
			t.Errorf("paramText = %q, want %q", tt.got, tt.want)
		}
	}

	r := newRequest(http.MethodGet, "/", "", authScheme{})
	queryParam(r, "absent", (*string)(nil))
	headerParam(r, "X-Absent", (*int64)(nil))
	queryParams(r, "none", []int64(nil))
	if r.query != nil || r.header != nil {
		t.Errorf("nil parameters set query %v, header %v", r.query, r.header)
	}
	page := int64(2)
	queryParam(r, "page", &page)
	queryParam(r, "page", &page) // set, not added
	queryParams(r, "id", []int64{1, 2})
	queryParams(r, "id", []int64{3})
	headerParam(r, "x-since", &when)
	if got, want := r.query.Encode(), "id=1&id=2&id=3&page=2"; got != want {
		t.Errorf("query = %s, want %s", got, want)
	}
	if got := r.header.Values("X-Since"); !slices.Equal(got, []string{"2024-01-02T03:04:05+01:00"}) {
		t.Errorf("header X-Since = %q", got)
	}

	form := url.Values{}
	formValue(form, "absent", (*bool)(nil))
	yes := true
	formValue(form, "ok", &yes)
	if got, want := form.Encode(), "ok=true"; got != want {
		t.Errorf("form = %s, want %s", got, want)
	}

	var parts []formPart
	parts = valuePart(parts, "absent", (*float64)(nil))
	parts = filePart(parts, "nofile", nil, "x.txt")
	n := 1.5
	parts = valuePart(parts, "n", &n)
	file := strings.NewReader("data")
	parts = filePart(parts, "file", file, "a.csv")
	want := []formPart{{name: "n", value: "1.5"}, {name: "file", file: file, fileName: "a.csv"}}
	if len(parts) != len(want) || parts[0] != want[0] || parts[1] != want[1] {
		t.Errorf("parts = %+v, want %+v", parts, want)
	}
}

func TestReadBodyPresized(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	for _, tt := range []struct {
		name   string
		length int64
		rd     io.Reader
	}{
		{"exact length", int64(len(body)), strings.NewReader(body)},
		{"one byte at a time", int64(len(body)), iotest.OneByteReader(strings.NewReader(body))},
		{"length too small", 10, iotest.HalfReader(strings.NewReader(body))},
		{"unknown length", -1, strings.NewReader(body)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{ContentLength: tt.length, Body: io.NopCloser(tt.rd)}
			got, err := readBody(resp)
			if err != nil || string(got) != body {
				t.Errorf("readBody = %d bytes, %v; want %d", len(got), err, len(body))
			}
			if resp.Body != http.NoBody {
				t.Error("body not replaced by http.NoBody")
			}
		})
	}
	resp := &http.Response{ContentLength: 100, Body: io.NopCloser(iotest.ErrReader(errors.New("boom")))}
	if _, err := readBody(resp); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("readBody error = %v", err)
	}
}
