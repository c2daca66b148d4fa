package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// replayWant is what a replayed call must return.
type replayWant int

const (
	// replayOK: the call succeeds; its result is not compared.
	replayOK replayWant = iota
	// replayJSON: the call succeeds and its result encodes back to the
	// saved response (see assertJSONEqual).
	replayJSON
	// replayBody: the call succeeds and its result, a string or a stream,
	// is the saved response byte for byte.
	replayBody
	// replayDecodeError: the call fails with a *DecodeError.
	replayDecodeError
	// replayAPIError: the call fails with an *APIError of the saved status
	// (see assertAPIError).
	replayAPIError
)

// replayOp holds the saved examples of one generated method, replayed by
// runReplays.
type replayOp struct {
	// Name is the method's name, the name of its subtest.
	Name string
	// Method is the request method the method sends.
	Method string
	// Header holds the request headers every example checks with their
	// exact values (see replayCase.Header), one "Name: value" a line.
	Header string
	// Options configure the client: auth. The client talks to the replay
	// server with the server's HTTP client and decodes strictly.
	Options []Option
	// Hosts, when not nil, returns the options that send the method's
	// other hosts to the replay server at base.
	Hosts func(base string) []Option
	// ErrorType is a nil pointer of the method's typed error body, checked
	// by the examples whose TypedError is set.
	ErrorType any
	// Args are the arguments Call passes after the context, the path
	// values and then the Params, for the examples without Args of their
	// own.
	Args []any
	// Call calls the method on c with args and, for a method with a JSON
	// body, the body decoded from the testdata file body.
	Call func(t *testing.T, c *Client, args []any, body string) (any, error)
	// Examples are the saved examples, each a subtest.
	Examples []replayExample
}

// replayExample is one saved example of a replayOp.
type replayExample struct {
	// Name is the example's name, the name of its subtest.
	Name string
	// Path is the expected unescaped URL path; "" means the example's
	// request is not the method's own, and nothing of it is checked.
	Path string
	// Query is the expected query when Path is set, URL-encoded; "" means
	// none.
	Query string
	// Args, when not nil, replace the operation's Args for this example.
	Args []any
	// Body is the testdata file of the JSON request body the call sends;
	// "" for a method without one.
	Body string
	// CheckBody: the request body must be Body (see
	// replayCase.RequestBody); otherwise any body passes.
	CheckBody bool
	// Status (0 means 200), ContentType and Response (a testdata file) are
	// the saved response.
	Status      int
	ContentType string
	Response    string
	// Want is what the call must return.
	Want replayWant
	// Code and Message are the APIError's expected code and message; ""
	// checks none.
	Code, Message string
	// TypedError: the APIError's Value is the operation's ErrorType and
	// encodes back to the saved response.
	TypedError bool
}

// runReplays replays every example of ops as a subtest named by the method
// and the example.
func runReplays(t *testing.T, ops []replayOp) {
	t.Helper()
	for _, op := range ops {
		t.Run(op.Name, func(t *testing.T) {
			for _, ex := range op.Examples {
				t.Run(ex.Name, func(t *testing.T) { replayExampleCall(t, &op, &ex) })
			}
		})
	}
}

// replayExampleCall serves ex's saved response from a replay server that
// checks the request, calls the method, and checks what it returned.
func replayExampleCall(t *testing.T, op *replayOp, ex *replayExample) {
	t.Helper()
	saved := readTestdata(t, ex.Response)
	c := replayCase{Status: ex.Status, ContentType: ex.ContentType, Body: saved}
	if ex.Path != "" {
		query, err := url.ParseQuery(ex.Query)
		if err != nil {
			t.Fatalf("expected query %q: %v", ex.Query, err)
		}
		c.Method, c.Path, c.Query, c.Header = op.Method, ex.Path, query, replayHeader(t, op.Header)
	}
	if ex.CheckBody {
		c.RequestBody = readTestdata(t, ex.Body)
	}
	srv := replayServer(t, c)
	opts := []Option{WithHTTPClient(srv.Client()), WithStrictDecoding()}
	if op.Hosts != nil {
		opts = append(opts, op.Hosts(srv.URL)...)
	}
	opts = append(opts, op.Options...)
	args := ex.Args
	if args == nil {
		args = op.Args
	}
	got, err := op.Call(t, newClient(srv.URL, opts), args, ex.Body)
	if rc, ok := got.(io.ReadCloser); ok {
		defer rc.Close()
		if err == nil {
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("read body: %v", err)
			}
			got = data
		}
	}
	switch ex.Want {
	case replayAPIError:
		assertAPIError(t, err, ex.Status, ex.Code, ex.Message)
		var apiErr *APIError
		if ex.TypedError && errors.As(err, &apiErr) {
			if fmt.Sprintf("%T", apiErr.Value) != fmt.Sprintf("%T", op.ErrorType) {
				t.Fatalf("APIError.Value is %T, want the typed error body %T", apiErr.Value, op.ErrorType)
			}
			assertJSONEqual(t, saved, apiErr.Value)
		}
		return
	case replayDecodeError:
		// A body that is not JSON, or JSON that does not parse, is a
		// decode error, never a panic or a silent zero value.
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("err = %v, want a *DecodeError", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", op.Name, err)
	}
	switch ex.Want {
	case replayOK:
		// Success is all the example shows.
	case replayJSON:
		assertJSONEqual(t, saved, got)
	case replayBody:
		var body []byte
		switch v := got.(type) {
		case string:
			body = []byte(v)
		case []byte:
			body = v
		default:
			t.Fatalf("result is %T, want a string or a stream", got)
		}
		if !bytes.Equal(body, saved) {
			t.Errorf("body = %q, want the saved body", body)
		}
	}
}

// replayHeader parses header, one "Name: value" a line, into the map of
// replayCase.Header.
func replayHeader(t *testing.T, header string) map[string]string {
	t.Helper()
	h := map[string]string{}
	for line := range strings.Lines(header) {
		k, v, ok := strings.Cut(strings.TrimSuffix(line, "\n"), ": ")
		if !ok {
			t.Fatalf("expected header %q: no \": \"", line)
		}
		h[k] = v
	}
	return h
}

// replayDecode decodes the testdata file name, a JSON request body, into
// v.
func replayDecode(t *testing.T, name string, v any) {
	t.Helper()
	if err := json.Unmarshal(readTestdata(t, name), v); err != nil {
		t.Fatalf("decode request body %s: %v", name, err)
	}
}

// replayCase describes one saved Postman example to replay.
type replayCase struct {
	// Method is the expected request method; "" means any.
	Method string
	// Path is the expected unescaped URL path; "" means any.
	Path string
	// Query is the expected query; nil means any, empty means none.
	Query url.Values
	// Header holds expected request headers with their exact values; an
	// empty map checks none.
	Header map[string]string
	// RequestBody is the expected request body, compared as JSON (see
	// jsonEqual) when it is JSON and byte for byte otherwise; nil means
	// any.
	RequestBody []byte
	// Status is the status to reply with; 0 means 200.
	Status int
	// ContentType is the Content-Type to reply with; "" sends none.
	ContentType string
	// Body is the body to reply with.
	Body []byte
}

// replayServer starts a server that checks every request against c,
// reporting each difference with t.Errorf, and answers with c's saved
// response. The server is closed when the test ends.
func replayServer(t *testing.T, c replayCase) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("replay: read request body: %v", err)
		}
		where := r.Method + " " + r.URL.Path
		if c.Method != "" && r.Method != c.Method {
			t.Errorf("replay %s: method = %s, want %s", where, r.Method, c.Method)
		}
		if c.Path != "" && r.URL.Path != c.Path {
			t.Errorf("replay %s: path = %q, want %q", where, r.URL.Path, c.Path)
		}
		if c.Query != nil {
			if diff := diffQuery(c.Query, r.URL.Query()); diff != "" {
				t.Errorf("replay %s: query %s", where, diff)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(c.Header)) {
			if got := r.Header.Values(k); len(got) != 1 || got[0] != c.Header[k] {
				t.Errorf("replay %s: header %s = %q, want %q", where, k, got, c.Header[k])
			}
		}
		if c.RequestBody != nil {
			if ok, path, err := jsonEqual(c.RequestBody, body); err != nil {
				if !bytes.Equal(body, c.RequestBody) {
					t.Errorf("replay %s: request body = %q, want %q", where, body, c.RequestBody)
				}
			} else if !ok {
				t.Errorf("replay %s: request body differs at %s:\n got: %s\nwant: %s", where, path, body, c.RequestBody)
			}
		}
		if c.ContentType != "" {
			w.Header().Set("Content-Type", c.ContentType)
		} else {
			// A nil value stops net/http from sniffing one.
			w.Header()["Content-Type"] = nil
		}
		status := c.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = w.Write(c.Body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// diffQuery describes the first difference between two queries, in key
// order, or returns "".
func diffQuery(want, got url.Values) string {
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if !slices.Equal(want[k], got[k]) {
			return fmt.Sprintf("%s = %q, want %q", k, got[k], want[k])
		}
	}
	return ""
}

// readTestdata returns the content of testdata/name, failing the test when
// it cannot be read.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// assertJSONEqual marshals got with encoding/json and reports, at the first
// differing JSON path, whether it differs from the JSON document want (see
// jsonEqual).
func assertJSONEqual(t *testing.T, want []byte, got any) {
	t.Helper()
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("marshal %T: %v", got, err)
	}
	ok, path, err := jsonEqual(want, data)
	if err != nil {
		t.Fatalf("compare JSON: %v", err)
	}
	if !ok {
		t.Errorf("JSON differs at %s:\n got: %s\nwant: %s", path, data, want)
	}
}

// jsonEqual compares two JSON documents by meaning: objects by key, in any
// order; arrays element by element, in order; numbers by exact decimal value
// (32500.0 equals 32500, 1e2 equals 100); strings, booleans and null
// exactly. When they differ, path is the first differing place, such as
// "$.data[0].id", taking object keys in sorted order. err reports a
// document that is not JSON.
func jsonEqual(a, b []byte) (ok bool, path string, err error) {
	va, err := decodeJSONDoc(a)
	if err != nil {
		return false, "", fmt.Errorf("first document: %w", err)
	}
	vb, err := decodeJSONDoc(b)
	if err != nil {
		return false, "", fmt.Errorf("second document: %w", err)
	}
	path, err = jsonDiff("$", va, vb)
	if err != nil {
		return false, "", err
	}
	return path == "", path, nil
}

// decodeJSONDoc decodes exactly one JSON value, keeping numbers as
// json.Number.
func decodeJSONDoc(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// jsonDiff returns the first path at which a and b differ, or "".
func jsonDiff(path string, a, b any) (string, error) {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok {
			return path, nil
		}
		keys := slices.Sorted(maps.Keys(a))
		for k := range b {
			if _, ok := a[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			va, okA := a[k]
			vb, okB := b[k]
			p := jsonKeyPath(path, k)
			if okA != okB {
				return p, nil
			}
			if d, err := jsonDiff(p, va, vb); d != "" || err != nil {
				return d, err
			}
		}
		return "", nil
	case []any:
		b, ok := b.([]any)
		if !ok {
			return path, nil
		}
		for i := range min(len(a), len(b)) {
			if d, err := jsonDiff(path+"["+strconv.Itoa(i)+"]", a[i], b[i]); d != "" || err != nil {
				return d, err
			}
		}
		if len(a) != len(b) {
			return path + "[" + strconv.Itoa(min(len(a), len(b))) + "]", nil
		}
		return "", nil
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return path, nil
		}
		ra, okA := new(big.Rat).SetString(a.String())
		rb, okB := new(big.Rat).SetString(b.String())
		if !okA || !okB {
			return "", fmt.Errorf("%s: bad number %q or %q", path, a, b)
		}
		if ra.Cmp(rb) != 0 {
			return path, nil
		}
		return "", nil
	default: // string, bool, nil
		if a != b {
			return path, nil
		}
		return "", nil
	}
}

// assertAPIError reports unless err is an *APIError with the given status
// and, when they are not "", the given code and message. A *DecodeError
// (a strict client's error body that does not fit its type) is reported
// even when it wraps the APIError.
func assertAPIError(t *testing.T, err error, status int, code, message string) {
	t.Helper()
	var de *DecodeError
	if errors.As(err, &de) {
		t.Errorf("error = %v, want *APIError with status %d and a body that fits", err, status)
		return
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Errorf("error = %v (%T), want *APIError with status %d", err, err, status)
		return
	}
	if apiErr.StatusCode != status {
		t.Errorf("APIError.StatusCode = %d, want %d (%v)", apiErr.StatusCode, status, err)
	}
	if code != "" && apiErr.Code != code {
		t.Errorf("APIError.Code = %q, want %q (%v)", apiErr.Code, code, err)
	}
	if message != "" && apiErr.Message != message {
		t.Errorf("APIError.Message = %q, want %q (%v)", apiErr.Message, message, err)
	}
}

// exampleServer starts the local server of a runnable example: it answers
// every request with status, the Content-Type contentType (none when ""),
// and the content of the testdata file name, which it also returns. The
// example closes it.
func exampleServer(status int, contentType, name string) (*httptest.Server, []byte) {
	saved, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		fmt.Println("error:", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write(saved)
	}))
	return srv, saved
}

// exampleRequest decodes the testdata file name, the JSON request body of
// a runnable example, into v, printing what fails.
func exampleRequest(name string, v any) {
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		fmt.Println("error:", err)
	}
}

// exampleResult says whether a runnable example's call returned the saved
// response: "true" when got is it (a string or a stream byte for byte, a
// string that a saved JSON string decodes to, a typed result encoding
// back to the saved JSON, any typed result that encodes when nothing was
// saved, nil for a method without a result), "false" when not, and
// "error: " and the error when the call or the comparison failed.
func exampleResult(saved []byte, got any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	switch v := got.(type) {
	case nil:
		return "true"
	case string:
		// A text result, or a JSON string decoded to one.
		if v == string(saved) || !json.Valid(saved) {
			return strconv.FormatBool(v == string(saved))
		}
	case io.ReadCloser:
		defer v.Close()
		data, err := io.ReadAll(v)
		if err != nil {
			return "error: " + err.Error()
		}
		return strconv.FormatBool(bytes.Equal(data, saved))
	}
	out, err := json.Marshal(got)
	if err != nil {
		return "error: " + err.Error()
	}
	if len(saved) == 0 {
		return strconv.FormatBool(len(out) > 0)
	}
	same, _, err := jsonEqual(saved, out)
	if err != nil {
		return "error: " + err.Error()
	}
	return strconv.FormatBool(same)
}
