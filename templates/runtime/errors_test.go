package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestErrorFields(t *testing.T) {
	tests := []struct {
		body, code, message string
	}{
		{`{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}`,
			"INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"},
		{`{"data":[{"code":"MANDATORY_NOT_FOUND","details":{"api_name":"Last_Name"},"message":"required field not found","status":"error"},{"code":"OTHER"}]}`,
			"MANDATORY_NOT_FOUND", "required field not found"},
		{`[{"code":"FIRST","message":"one"},{"code":"SECOND"}]`, "FIRST", "one"},
		{`{"error":"invalid_client","error_description":"Client secret is wrong"}`, "invalid_client", "Client secret is wrong"},
		{`{"error":{"code":4001,"message":"nested"}}`, "4001", "nested"},
		{`{"error":{"code":"E1"},"message":"top"}`, "E1", "top"},
		{`{"code":2.5e3,"msg":"short"}`, "2.5e3", "short"},
		{`{"error_code":"EC","error_message":"em"}`, "EC", "em"},
		{`{"errorCode":17,"detail":"d"}`, "17", "d"},
		{`{"code":"","error_code":"FALLBACK"}`, "FALLBACK", ""},
		{`{"status":"error","message":"only a message"}`, "", "only a message"},
		{`{"code":true,"message":42}`, "", ""},
		{`{"data":[]}`, "", ""},
		{`{"data":["x"]}`, "", ""},
		{`"just a string"`, "", ""},
		{`[]`, "", ""},
		{`null`, "", ""},
	}
	for _, tt := range tests {
		var doc any
		dec := json.NewDecoder(strings.NewReader(tt.body))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		code, message := errorFields(doc)
		if code != tt.code || message != tt.message {
			t.Errorf("errorFields(%s) = %q, %q; want %q, %q", tt.body, code, message, tt.code, tt.message)
		}
	}
}

func TestAPIErrorFromResponse(t *testing.T) {
	type zohoError struct {
		Code    string         `json:"code"`
		Details map[string]any `json:"details"`
		Message string         `json:"message"`
		Status  string         `json:"status"`
	}
	body := `{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}`
	srv := respond(t, http.StatusNotFound, "application/json;charset=UTF-8", body)
	c := newTestClient(t, srv)
	r := &request{method: http.MethodGet, path: "/crm/v2/Leadz", errValue: func() any { return new(zohoError) }}
	_, err := c.doJSON(context.Background(), r, new(any))
	assertAPIError(t, err, http.StatusNotFound, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatal(err)
	}
	if want := "GET /crm/v2/Leadz: 404 Not Found: INVALID_URL_PATTERN: Please check if the URL trying to access is a correct one"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if apiErr.Method != http.MethodGet || apiErr.URL != srv.URL+"/crm/v2/Leadz" || string(apiErr.Body) != body ||
		apiErr.Header.Get("Content-Type") != "application/json;charset=UTF-8" || apiErr.Status != "404 Not Found" {
		t.Errorf("APIError = %+v", apiErr)
	}
	if v, ok := apiErr.Value.(*zohoError); !ok || v.Code != "INVALID_URL_PATTERN" || v.Status != "error" {
		t.Errorf("Value = %#v, want the typed error body", apiErr.Value)
	}

	// A body that does not fit the typed error leaves Value nil.
	srv = respond(t, http.StatusBadRequest, "application/json", `{"code":["not","a","string"]}`)
	_, err = newTestClient(t, srv).doJSON(context.Background(), r, nil)
	if !errors.As(err, &apiErr) || apiErr.Value != nil {
		t.Errorf("error = %v, want an APIError with nil Value", err)
	}
}

func TestAPIErrorBodyBounded(t *testing.T) {
	srv := respond(t, http.StatusInternalServerError, "application/json", `{"message":"`+strings.Repeat("x", 3<<20)+`"}`)
	_, err := newTestClient(t, srv).doJSON(context.Background(), &request{method: http.MethodGet}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v", err)
	}
	if len(apiErr.Body) != 1<<20 {
		t.Errorf("len(Body) = %d, want %d", len(apiErr.Body), 1<<20)
	}
	if apiErr.Message != "" {
		t.Error("Message taken from a truncated body")
	}
	if len(err.Error()) > 400 {
		t.Errorf("Error() is %d bytes long", len(err.Error()))
	}
}

func TestAPIErrorString(t *testing.T) {
	tests := []struct {
		err  APIError
		want string
	}{
		{APIError{StatusCode: 502, Status: "502 Bad Gateway", Method: "POST", URL: "https://x.example/a/b%2Fc", Body: []byte("upstream\nconnect error\n")},
			"POST /a/b%2Fc: 502 Bad Gateway: upstream connect error"},
		{APIError{StatusCode: 503, Method: "GET", URL: "https://x.example/", Body: []byte("<html><body>down</body></html>")},
			"GET /: 503 Service Unavailable"},
		{APIError{StatusCode: 400, Status: "400 Bad Request", Method: "PUT", URL: "https://x.example/r", Code: "E", Message: "line one\r\nline two"},
			"PUT /r: 400 Bad Request: E: line one line two"},
		{APIError{StatusCode: 400, Status: "400 Bad Request", Method: "PUT", URL: "https://x.example/r", Message: "m"},
			"PUT /r: 400 Bad Request: m"},
		{APIError{StatusCode: 401, Status: "401 Unauthorized", Method: "GET", URL: "https://x.example", Code: "C", Body: []byte(`{"code":"C"}`)},
			"GET https://x.example: 401 Unauthorized: C"},
		{APIError{StatusCode: 500, Status: "500 Internal Server Error", Method: "GET", URL: "https://x.example/", Body: []byte{0xff, 0xfe}},
			"GET /: 500 Internal Server Error"},
		{APIError{StatusCode: 418, URL: "https://x.example/tea"}, "/tea: 418 I'm a teapot"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}

	long := APIError{StatusCode: 400, Status: "400 Bad Request", Method: "GET", URL: "https://x.example/", Message: strings.Repeat("é", 400)}
	got := long.Error()
	if !strings.HasSuffix(got, "...") || len(got) > 600 || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("long message gave %q", got)
	}
}

func TestDecodeErrorUnwrap(t *testing.T) {
	err := &DecodeError{StatusCode: 200, ContentType: "application/json", Err: io.ErrUnexpectedEOF}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Error("errors.Is does not see the cause")
	}
	data := bytes.Repeat([]byte("a"), 2000)
	de := newDecodeError(&http.Response{StatusCode: 200, Header: http.Header{}}, data, io.ErrUnexpectedEOF)
	data[0] = 'b'
	if len(de.Body) != 1024 || de.Body[0] != 'a' {
		t.Errorf("Body = %d bytes starting %q, want an own copy of 1024", len(de.Body), de.Body[:1])
	}
}
