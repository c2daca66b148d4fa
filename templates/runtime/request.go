package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// maxErrorBody bounds how much of a response body is read when it is not
// handed to the caller: error bodies and drained bodies.
const maxErrorBody = 1 << 20

// maxDecodeErrorBody bounds the body kept in a [DecodeError].
const maxDecodeErrorBody = 1 << 10

// request is one operation call as the generated method describes it.
type request struct {
	method string
	// path is already escaped (url.PathEscape per segment) and starts with
	// "/" or is "".
	path string
	// host is the scheme and host the operation is served from when the
	// API serves it from another host than the client's base URL ("" for
	// the base URL). WithHostURL redirects it.
	host string
	// accept is the Accept header the operation sends; "" sends none of
	// its own. Headers in header replace it.
	accept string
	query  url.Values
	// header holds the operation's own headers; nil until one is set.
	header http.Header
	auth   authScheme
	// body opens the request body. It is nil when there is none and is
	// called once per attempt; it returns an error when the body cannot be
	// sent again, which stops retries.
	body        func() (io.ReadCloser, error)
	contentType string
	// errValue returns a pointer to a new typed error body, decoded into
	// APIError.Value. It may be nil.
	errValue func() any
	// err is why the request cannot be sent, such as a body that did not
	// encode; do returns it before sending anything.
	err error
}

// newRequest returns the request of one operation call: its method, its
// path (escaped, see request.path), the Accept header it sends ("" for
// none) and how it authenticates (authScheme{} for not at all).
func newRequest(method, path, accept string, auth authScheme) *request {
	return &request{method: method, path: path, accept: accept, auth: auth}
}

// errorOf returns a pointer to a new E: a request's errValue for an
// operation whose error responses have the body type E.
func errorOf[E any]() any { return new(E) }

// setHeader sets the operation's header name to value, replacing the
// client's headers and any value set before.
func (r *request) setHeader(name, value string) {
	if r.header == nil {
		r.header = make(http.Header, 1)
	}
	r.header.Set(name, value)
}

// setQuery sets the query parameter name to value, replacing any value set
// before.
func (r *request) setQuery(name, value string) {
	if r.query == nil {
		r.query = make(url.Values, 1)
	}
	r.query.Set(name, value)
}

// addQuery adds value to the query parameter name.
func (r *request) addQuery(name, value string) {
	if r.query == nil {
		r.query = make(url.Values, 1)
	}
	r.query.Add(name, value)
}

// bytesBody is a request body held in memory: it can be sent any number of
// times and its length is known, so no chunked encoding is needed.
type bytesBody struct{ *bytes.Reader }

// Close does nothing.
func (bytesBody) Close() error { return nil }

// setJSON marshals v once; every attempt sends the same bytes. An error
// is also kept in r, so that the call returns it without sending anything.
func (r *request) setJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Sent as is: "<", ">" and "&" need no escaping outside HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		r.err = fmt.Errorf("encode request body: %w", err)
		return r.err
	}
	r.setBytes(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), "application/json")
	return nil
}

// setText sends s; contentType defaults to "text/plain; charset=utf-8".
func (r *request) setText(s string, contentType string) {
	if contentType == "" {
		contentType = "text/plain; charset=utf-8"
	}
	r.setBytes([]byte(s), contentType)
}

// setBytes sends b; contentType defaults to "application/octet-stream".
func (r *request) setBytes(b []byte, contentType string) {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	r.contentType = contentType
	r.body = func() (io.ReadCloser, error) { return bytesBody{bytes.NewReader(b)}, nil }
}

// setForm sends v as an application/x-www-form-urlencoded body.
func (r *request) setForm(v url.Values) {
	r.setBytes([]byte(v.Encode()), "application/x-www-form-urlencoded")
}

// setReader streams rd as the body; contentType defaults to
// "application/octet-stream". A stream can be sent once only, so such a
// request is never retried. rd is not closed.
func (r *request) setReader(rd io.Reader, contentType string) {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	r.contentType = contentType
	r.body = oneShot(func() io.ReadCloser { return io.NopCloser(rd) })
}

// oneShot returns a body func that opens the body once and fails after that.
func oneShot(open func() io.ReadCloser) func() (io.ReadCloser, error) {
	var used atomic.Bool
	return func() (io.ReadCloser, error) {
		if used.Swap(true) {
			return nil, errors.New("request body is a stream and cannot be sent again")
		}
		return open(), nil
	}
}

// openBody opens the body for one attempt; nil when there is none.
func (r *request) openBody() (io.ReadCloser, error) {
	if r.body == nil {
		return nil, nil
	}
	return r.body()
}

// newHTTPRequest builds the request for one attempt. It closes body when it
// fails; otherwise the http.Client does.
func (c *Client) newHTTPRequest(ctx context.Context, r *request, body io.ReadCloser) (*http.Request, error) {
	base := c.BaseURL()
	if r.host != "" {
		base = r.host
		if u, ok := c.hosts[r.host]; ok {
			base = u
		}
	}
	u := base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, nil)
	if err != nil {
		if body != nil {
			body.Close()
		}
		return nil, err
	}
	if body != nil {
		req.Body = body
		req.GetBody = r.body
		if lb, ok := body.(interface{ Len() int }); ok {
			req.ContentLength = int64(lb.Len())
			if req.ContentLength == 0 {
				body.Close()
				req.Body = http.NoBody
				req.GetBody = nil
			}
		}
	}
	for k, vs := range c.header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if r.accept != "" {
		req.Header["Accept"] = []string{r.accept}
	}
	for k, vs := range r.header {
		k = http.CanonicalHeaderKey(k)
		req.Header[k] = append([]string(nil), vs...)
	}
	if c.userAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if err := c.applyAuth(ctx, req, r.auth); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	// Getting the token may have taught the client its API domain (see
	// WithZohoOAuth), which differs from the old base URL by scheme and
	// host only; the request goes there.
	if now := c.BaseURL(); r.host == "" && now != base {
		if nu, err := url.Parse(now); err == nil {
			req.URL.Scheme, req.URL.Host, req.Host = nu.Scheme, nu.Host, ""
		}
	}
	return req, nil
}

// send makes one attempt and runs the response hooks. Transport errors
// carry the URL without its query string, which may hold credentials.
//
// With an error it also reports whether the request may have reached the
// server: false only when the transport looked for a connection (the
// httptrace GetConn event) and never got one (GotConn), as after a DNS,
// dial or TLS error. Nothing of the request is written before the transport
// has a connection for it, which holds for HTTP/1 and HTTP/2 alike. Only
// a request that may be retried needs to know (watch): the others are
// sent untraced and report true, which costs nothing.
func (c *Client) send(req *http.Request, watch bool) (resp *http.Response, reached bool, err error) {
	hc := c.httpClient
	if hc == nil {
		hc = http.DefaultClient
	}
	var w *connWatch
	if watch {
		cw := new(connWatch)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			GetConn: func(string) { cw.asked.Store(true) },
			GotConn: func(httptrace.GotConnInfo) { cw.got.Store(true) },
		}))
		w = cw
	}
	resp, err = hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			if u, perr := url.Parse(ue.URL); perr == nil {
				ue.URL = redactURL(u)
			} else {
				ue.URL = redactURL(req.URL)
			}
		}
		return nil, w.reached(), err
	}
	for _, h := range c.hooks {
		h(resp)
	}
	return resp, true, nil
}

// connWatch records the connection events of one attempt (see send).
type connWatch struct{ asked, got atomic.Bool }

// reached reports whether the attempt may have reached the server: true
// unless the transport looked for a connection and never got one, or
// when nothing was watched (w is nil).
func (w *connWatch) reached() bool {
	return w == nil || !w.asked.Load() || w.got.Load()
}

// redactURL returns u without user info, query and fragment.
func redactURL(u *url.URL) string {
	v := *u
	v.User = nil
	v.RawQuery = ""
	v.ForceQuery = false
	v.Fragment = ""
	v.RawFragment = ""
	return v.String()
}

// do sends the request, retrying as the client's [RetryPolicy] allows. For a
// 2xx status it returns the response with its body open: the caller must
// close it. For any other status it reads at most maxErrorBody bytes of the
// body, closes it and returns an [*APIError]. On every error the returned
// response is nil.
func (c *Client) do(ctx context.Context, r *request) (*http.Response, error) {
	if c == nil || r == nil {
		return nil, errors.New("nil client or request")
	}
	if r.err != nil {
		return nil, r.err
	}
	attempts := c.retry.attempts()
	body, err := r.openBody()
	if err != nil {
		return nil, err
	}
	reauthed := false
	for attempt := 1; ; attempt++ {
		req, err := c.newHTTPRequest(ctx, r, body)
		if err != nil {
			return nil, err
		}
		start := time.Now()
		// The last attempt is never retried, so whether it reached the
		// server does not matter.
		resp, reached, err := c.send(req, attempt < attempts)
		c.logAttempt(ctx, req, resp, err, attempt, time.Since(start))
		if err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp, nil
		}
		var apiErr *APIError
		if err == nil {
			apiErr = newAPIError(resp, r)
			// A 401 refuses the request, so sending it again with a new
			// token is safe whatever its method.
			tokenAuth := r.auth.kind == authBearer || r.auth.kind == authOAuth2Query
			if !reauthed && tokenAuth && apiErr.StatusCode == http.StatusUnauthorized && c.reauth != nil && c.reauth.reauth(req, apiErr) {
				if next, nerr := r.openBody(); nerr == nil {
					c.log(ctx, slog.LevelInfo, "access token rejected; sending again with a new one",
						slog.String("method", req.Method), slog.String("path", req.URL.Path))
					reauthed, body = true, next
					attempt--
					continue
				}
			}
		}
		retry := attempt < attempts && c.retry.retryable(req, resp, err, reached)
		var wait time.Duration
		if retry {
			wait = c.retry.backoff(attempt, resp, time.Now())
		}
		if apiErr != nil {
			err = apiErr
		}
		if !retry {
			if apiErr != nil {
				return nil, c.checkErrorBody(apiErr)
			}
			return nil, err
		}
		// Open the next body before waiting: a stream that cannot be sent
		// again ends the call now instead of after a useless wait.
		next, nerr := r.openBody()
		if nerr != nil {
			return nil, err
		}
		c.log(ctx, slog.LevelInfo, "retrying request",
			slog.String("method", req.Method), slog.String("path", req.URL.Path),
			slog.Int("attempt", attempt+1), slog.Duration("wait", wait), slog.String("after", failure(resp, err)))
		if werr := sleep(ctx, wait); werr != nil {
			if next != nil {
				next.Close()
			}
			return nil, fmt.Errorf("waiting to retry: %w (last attempt: %w)", werr, err)
		}
		body = next
	}
}

// logAttempt logs one attempt at debug level: its method, path (never the
// query string, which may hold credentials), status or error, duration and
// number.
func (c *Client) logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, d time.Duration) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Duration("duration", d),
		slog.Int("attempt", attempt),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	} else {
		attrs = append(attrs, slog.String("error", failure(nil, err)))
	}
	c.log(ctx, slog.LevelDebug, "http request", attrs...)
}

// failure describes a failed attempt for the log: its status, or its
// transport error (whose URL send has stripped of the query string).
func failure(resp *http.Response, err error) string {
	if resp != nil {
		return resp.Status
	}
	if err == nil {
		return ""
	}
	return oneLine(err.Error(), 500)
}

// closeBody drains at most maxErrorBody bytes of the body, so the connection
// can be reused, closes it and replaces it with [http.NoBody].
func closeBody(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = http.NoBody
}

// maxPresize bounds the buffer readBody allocates up front from a
// response's Content-Length.
const maxPresize = 1 << 20

// firstBuffer is the buffer readBody starts with when the length of the
// body is not known: most JSON replies fit.
const firstBuffer = 4 << 10

// readBody reads the whole body of a 2xx response and closes it. A body
// whose Content-Length is known is read into one buffer of that size (and
// a byte more, so that the read that sees EOF need not grow it).
func readBody(resp *http.Response) ([]byte, error) {
	size := int64(firstBuffer)
	if n := resp.ContentLength; n >= 0 && n < maxPresize {
		size = n + 1
	}
	data, err := readAllInto(make([]byte, 0, size), resp.Body)
	if err != nil {
		closeBody(resp)
		return nil, fmt.Errorf("read response body: %w", err)
	}
	resp.Body.Close()
	resp.Body = http.NoBody
	return data, nil
}

// readAllInto appends everything rd yields to buf until EOF, as
// [io.ReadAll] does into a buffer of its own, growing buf as append does.
func readAllInto(buf []byte, rd io.Reader) ([]byte, error) {
	for {
		n, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// doJSON sends the request and decodes a JSON response into out. A 204
// status or an empty body leaves out untouched; so does a nil out. A body
// that is not JSON, by its Content-Type or its content, gives a
// [*DecodeError], and so does, with [WithStrictDecoding], a body with a
// member that does not fit its type (see [Mismatches]). The response is returned with its body closed so callers
// can read its headers; it is nil on every error but a DecodeError.
func (c *Client) doJSON(ctx context.Context, r *request, out any) (*http.Response, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent || out == nil {
		closeBody(resp)
		return resp, nil
	}
	data, err := readBody(resp)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return resp, nil
	}
	ct := resp.Header.Get("Content-Type")
	if ct != "" && !isJSONContentType(ct) {
		return resp, newDecodeError(resp, data, fmt.Errorf("unexpected content type %q", ct))
	}
	if err := unmarshalBody(data, out); err != nil {
		return resp, newDecodeError(resp, data, err)
	}
	if c.strict {
		if ms := Mismatches(out); len(ms) > 0 {
			return resp, newDecodeError(resp, data, ms[0])
		}
	}
	return resp, nil
}

// checkErrorBody returns e, or with [WithStrictDecoding] a [*DecodeError]
// wrapping e when e's body decoded into the operation's error type with a
// member that does not fit.
func (c *Client) checkErrorBody(e *APIError) error {
	if !c.strict || e.Value == nil {
		return e
	}
	ms := Mismatches(e.Value)
	if len(ms) == 0 {
		return e
	}
	body := e.Body
	if len(body) > maxDecodeErrorBody {
		body = body[:maxDecodeErrorBody]
	}
	return &DecodeError{
		StatusCode:  e.StatusCode,
		ContentType: e.Header.Get("Content-Type"),
		Body:        bytes.Clone(body),
		Err:         fmt.Errorf("%w (%w)", ms[0], e),
	}
}

// doText sends the request and returns the response body as a string. The
// response is returned with its body closed.
func (c *Client) doText(ctx context.Context, r *request) (string, *http.Response, error) {
	data, resp, err := c.doBytes(ctx, r)
	return string(data), resp, err
}

// doBytes sends the request and returns the response body. The response is
// returned with its body closed.
func (c *Client) doBytes(ctx context.Context, r *request) ([]byte, *http.Response, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	data, err := readBody(resp)
	if err != nil {
		return nil, nil, err
	}
	return data, resp, nil
}

// doStream sends the request and returns the response body unread, for
// downloads: the caller must close it.
func (c *Client) doStream(ctx context.Context, r *request) (io.ReadCloser, *http.Response, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	return resp.Body, resp, nil
}

// doNoContent sends the request and discards the response body. The
// response is returned with its body closed.
func (c *Client) doNoContent(ctx context.Context, r *request) (*http.Response, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	closeBody(resp)
	return resp, nil
}

// The calls of the generated methods: each sends r, with errValue (see
// errorOf; nil when the operation has no error type) for the body of an
// error response, and returns the result as the method does.

// callJSON returns the JSON response decoded into a new T, the named type
// of the operation's result; nil on every error.
func callJSON[T any](ctx context.Context, c *Client, r *request, errValue func() any) (*T, error) {
	r.errValue = errValue
	out := new(T)
	if _, err := c.doJSON(ctx, r, out); err != nil {
		return nil, err
	}
	return out, nil
}

// callJSONValue returns the JSON response decoded into a T returned by
// value (a slice, a map, a scalar); with an error, what was decoded so far.
func callJSONValue[T any](ctx context.Context, c *Client, r *request, errValue func() any) (T, error) {
	r.errValue = errValue
	var out T
	_, err := c.doJSON(ctx, r, &out)
	return out, err
}

// callText returns the response body as a string.
func callText(ctx context.Context, c *Client, r *request, errValue func() any) (string, error) {
	r.errValue = errValue
	s, _, err := c.doText(ctx, r)
	return s, err
}

// callBytes returns the response body.
func callBytes(ctx context.Context, c *Client, r *request, errValue func() any) ([]byte, error) {
	r.errValue = errValue
	b, _, err := c.doBytes(ctx, r)
	return b, err
}

// callStream returns the response body unread; the caller closes it.
func callStream(ctx context.Context, c *Client, r *request, errValue func() any) (io.ReadCloser, error) {
	r.errValue = errValue
	rc, _, err := c.doStream(ctx, r)
	return rc, err
}

// callNone discards the response body.
func callNone(ctx context.Context, c *Client, r *request, errValue func() any) error {
	r.errValue = errValue
	_, err := c.doNoContent(ctx, r)
	return err
}

// paramValue is the Go type of a query or header parameter or a form
// field.
type paramValue interface {
	string | int64 | float64 | bool | time.Time
}

// paramText is the text v is sent as: numbers and booleans as strconv
// formats them (floats in their shortest decimal form, no exponent), a
// time in RFC 3339 to the second.
func paramText[T paramValue](v T) string {
	switch v := any(v).(type) {
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case string:
		return v
	}
	return "" // paramValue has no other type
}

// queryParam sets the query parameter name of r to the text of *v, unless
// v is nil.
func queryParam[T paramValue](r *request, name string, v *T) {
	if v != nil {
		r.setQuery(name, paramText(*v))
	}
}

// queryParams adds the text of every value of vs to the query parameter
// name of r.
func queryParams[T paramValue](r *request, name string, vs []T) {
	for _, v := range vs {
		r.addQuery(name, paramText(v))
	}
}

// headerParam sets the header name of r to the text of *v, unless v is
// nil.
func headerParam[T paramValue](r *request, name string, v *T) {
	if v != nil {
		r.setHeader(name, paramText(*v))
	}
}

// formValue sets the field name of form to the text of *v, unless v is
// nil.
func formValue[T paramValue](form url.Values, name string, v *T) {
	if v != nil {
		form.Set(name, paramText(*v))
	}
}

// isJSONContentType reports whether the media type of a Content-Type header
// is application/json, text/json or ends in +json, parameters aside.
//
// The media type is the text before any ";", trimmed and lowercased: what
// [mime.ParseMediaType] returns for it, valid or not, without its cost.
func isJSONContentType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}
