package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// APIError is returned for every response whose status is not 2xx.
type APIError struct {
	// StatusCode is the HTTP status code, such as 404.
	StatusCode int
	// Status is the status line, such as "404 Not Found".
	Status string
	// Method is the request method.
	Method string
	// URL is the request URL without its query string, which may hold
	// credentials.
	URL string
	// Header is the response header.
	Header http.Header
	// Body is the response body, at most 1 MiB of it.
	Body []byte
	// Code is the error code from a JSON body, such as "INVALID_URL_PATTERN".
	Code string
	// Message is the error message from a JSON body.
	Message string
	// Value is the error body decoded into the operation's error type, when
	// it has one and the body decoded; otherwise nil.
	Value any
}

// Error returns "METHOD path: status: code: message", leaving out the parts
// that are empty. Without a code or a message it shows the start of a short
// text body instead.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
	}
	if u, err := url.Parse(e.URL); err == nil && u.Path != "" {
		b.WriteString(u.EscapedPath())
	} else {
		b.WriteString(e.URL)
	}
	b.WriteString(": ")
	if e.Status != "" {
		b.WriteString(e.Status)
	} else {
		fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	if e.Code != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Code, 200))
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Message, 500))
	}
	if e.Code == "" && e.Message == "" {
		if t := bytes.TrimSpace(e.Body); len(t) > 0 && t[0] != '<' && utf8.Valid(t) {
			b.WriteString(": ")
			b.WriteString(oneLine(string(t), 200))
		}
	}
	return b.String()
}

// oneLine joins the lines of s with spaces and cuts it to at most limit bytes
// (on a rune boundary), so that an error message stays on one line.
func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// newAPIError reads at most maxErrorBody bytes of resp's body, closes it and
// describes the failure.
func newAPIError(resp *http.Response, r *request) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = http.NoBody
	e := &APIError{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       body,
	}
	if resp.Request != nil {
		e.Method = resp.Request.Method
		e.URL = redactURL(resp.Request.URL)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&doc) == nil {
		e.Code, e.Message = errorFields(doc)
		if r != nil && r.errValue != nil {
			if v := r.errValue(); v != nil && unmarshalBody(body, v) == nil {
				e.Value = v
			}
		}
	}
	return e
}

// errorFields finds the error code and message in a decoded JSON body. It
// knows the shapes Zoho uses, {"code": ..., "message": ..., "status":
// "error"} and {"data": [{"code": ..., "message": ...}]}, OAuth 2's
// {"error": ..., "error_description": ...} and other common ones. Arrays
// and "data" arrays give their first element.
func errorFields(doc any) (code, message string) {
	if arr, ok := doc.([]any); ok && len(arr) > 0 {
		doc = arr[0]
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return "", ""
	}
	code = scalarField(obj, "code", "error_code", "errorCode")
	if code == "" {
		if s, ok := obj["error"].(string); ok {
			code = s
		}
	}
	message = stringField(obj, "message", "error_description", "error_message", "msg", "detail")
	if nested, ok := obj["error"].(map[string]any); ok {
		if code == "" {
			code = scalarField(nested, "code")
		}
		if message == "" {
			message = stringField(nested, "message")
		}
	}
	if data, ok := obj["data"].([]any); ok && len(data) > 0 && code == "" && message == "" {
		if first, ok := data[0].(map[string]any); ok {
			code = scalarField(first, "code")
			message = stringField(first, "message")
		}
	}
	return code, message
}

// scalarField returns the first of keys whose value is a string or a number.
func scalarField(obj map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := obj[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// stringField returns the first of keys whose value is a non-empty string.
func stringField(obj map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := obj[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// DecodeError is returned when a 2xx response body cannot be decoded, such
// as an HTML page from a proxy or a truncated JSON document, or when the
// root of the body is not of its type's JSON kind. With
// [WithStrictDecoding] it is also returned when a member of the body does
// not fit its Go type (Err is then the first [Mismatch]), for error
// responses too (Err then also wraps the [*APIError]).
type DecodeError struct {
	// StatusCode is the HTTP status code of the response.
	StatusCode int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Body is the start of the response body, at most 1 KiB.
	Body []byte
	// Err is the underlying error.
	Err error
}

// newDecodeError describes why the body data of resp could not be decoded.
func newDecodeError(resp *http.Response, data []byte, err error) *DecodeError {
	if len(data) > maxDecodeErrorBody {
		data = data[:maxDecodeErrorBody]
	}
	return &DecodeError{
		StatusCode:  resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        bytes.Clone(data),
		Err:         err,
	}
}

// Error returns "decode response (status N, content type T): cause".
func (e *DecodeError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "none"
	}
	return fmt.Sprintf("decode response (status %d, content type %s): %v", e.StatusCode, ct, e.Err)
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error {
	return e.Err
}
