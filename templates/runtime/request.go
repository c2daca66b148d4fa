package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptrace"
	"net/url"
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
	host   string
	query  url.Values
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
}

// bytesBody is a request body held in memory: it can be sent any number of
// times and its length is known, so no chunked encoding is needed.
type bytesBody struct{ *bytes.Reader }

// Close does nothing.
func (bytesBody) Close() error { return nil }

// setJSON marshals v once; every attempt sends the same bytes.
func (r *request) setJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Sent as is: "<", ">" and "&" need no escaping outside HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode request body: %w", err)
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
// has a connection for it, which holds for HTTP/1 and HTTP/2 alike.
func (c *Client) send(req *http.Request) (resp *http.Response, reached bool, err error) {
	hc := c.httpClient
	if hc == nil {
		hc = http.DefaultClient
	}
	var asked, got atomic.Bool
	trace := &httptrace.ClientTrace{
		GetConn: func(string) { asked.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { got.Store(true) },
	}
	resp, err = hc.Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			if u, perr := url.Parse(ue.URL); perr == nil {
				ue.URL = redactURL(u)
			} else {
				ue.URL = redactURL(req.URL)
			}
		}
		return nil, !asked.Load() || got.Load(), err
	}
	for _, h := range c.hooks {
		h(resp)
	}
	return resp, true, nil
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
		resp, reached, err := c.send(req)
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

// readBody reads the whole body of a 2xx response and closes it.
func readBody(resp *http.Response) ([]byte, error) {
	data, err := io.ReadAll(resp.Body)
	closeBody(resp)
	if err != nil {
		return nil, fmt.Errorf("read response body: %w", err)
	}
	return data, nil
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

// isJSONContentType reports whether the media type of a Content-Type header
// is application/json, text/json or ends in +json, parameters aside.
func isJSONContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}
