package runtime

import (
	"bufio"
	"context"
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fast retries quickly so that tests stay fast.
var fast = RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}

// scripted starts a server that answers the n-th request (from 0) with
// answers[n], or the last answer after that, and records the bodies it got.
type scripted struct {
	srv    *httptest.Server
	mu     sync.Mutex
	bodies []string
}

type answer struct {
	status int
	header map[string]string
	body   string
}

func newScripted(t *testing.T, answers ...answer) *scripted {
	t.Helper()
	s := &scripted{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.bodies)
		s.bodies = append(s.bodies, string(body))
		s.mu.Unlock()
		a := answers[min(n, len(answers)-1)]
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *scripted) hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

func TestRetry429RetryAfter(t *testing.T) {
	s := newScripted(t,
		answer{status: 429, header: map[string]string{"Retry-After": "0"}, body: `{"code":"TOO_MANY_REQUESTS"}`},
		answer{status: 200, header: map[string]string{"Content-Type": "application/json"}, body: `{"ok":true}`},
	)
	c := newTestClient(t, s.srv, WithRetry(fast))
	r := &request{method: http.MethodPost, path: "/"}
	if err := r.setJSON(map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	var out struct{ OK bool }
	if _, err := c.doJSON(context.Background(), r, &out); err != nil || !out.OK {
		t.Fatalf("out = %+v, err = %v", out, err)
	}
	if s.hits() != 2 || s.bodies[0] != `{"k":"v"}` || s.bodies[1] != s.bodies[0] {
		t.Errorf("server got %q, want the same body twice", s.bodies)
	}
}

func TestRetryAfterCappedByMaxBackoff(t *testing.T) {
	s := newScripted(t,
		answer{status: 429, header: map[string]string{"Retry-After": "3600"}},
		answer{status: 204},
	)
	c := newTestClient(t, s.srv, WithRetry(fast))
	start := time.Now()
	if _, err := c.doNoContent(context.Background(), &request{method: http.MethodGet}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("waited %v; Retry-After should be capped at MaxBackoff", d)
	}
}

func TestRetry503GivesUp(t *testing.T) {
	s := newScripted(t, answer{status: 503, header: map[string]string{"Content-Type": "application/json"}, body: `{"code":"UNAVAILABLE","message":"try later"}`})
	c := newTestClient(t, s.srv, WithRetry(fast))
	_, err := c.doJSON(context.Background(), &request{method: http.MethodGet, path: "/x"}, new(any))
	assertAPIError(t, err, http.StatusServiceUnavailable, "UNAVAILABLE", "try later")
	if s.hits() != 3 {
		t.Errorf("%d attempts, want 3", s.hits())
	}
}

func TestNoRetry(t *testing.T) {
	tests := []struct {
		name   string
		policy *RetryPolicy
		status int
		stream bool
	}{
		{"no policy", nil, 503, false},
		{"one attempt", &RetryPolicy{MaxAttempts: 1}, 503, false},
		{"client error", &fast, 400, false},
		{"not implemented", &fast, 501, false},
		{"stream body", &fast, 503, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScripted(t, answer{status: tt.status})
			var opts []Option
			if tt.policy != nil {
				opts = append(opts, WithRetry(*tt.policy))
			}
			c := newTestClient(t, s.srv, opts...)
			r := &request{method: http.MethodPut, path: "/"}
			if tt.stream {
				r.setReader(strings.NewReader("once"), "text/plain")
			}
			_, err := c.doNoContent(context.Background(), r)
			assertAPIError(t, err, tt.status, "", "")
			if s.hits() != 1 {
				t.Errorf("%d attempts, want 1", s.hits())
			}
		})
	}
}

// dropServer is a server on a bare listener. It reads each request whole
// and counts it; it closes the connection without an answer for the first
// drops requests and answers 204 No Content after that.
type dropServer struct {
	ln    net.Listener
	drops int64
	hits  atomic.Int64
	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

func newDropServer(t *testing.T, drops int64) *dropServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &dropServer{ln: ln, drops: drops}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, conn)
			s.mu.Unlock()
			s.wg.Add(1)
			go s.serve(conn)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.mu.Lock()
		for _, c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		s.wg.Wait()
	})
	return s
}

func (s *dropServer) serve(conn net.Conn) {
	defer s.wg.Done()
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, req.Body); err != nil {
			return
		}
		if s.hits.Add(1) <= s.drops {
			return
		}
		if _, err := io.WriteString(conn, "HTTP/1.1 204 No Content\r\n\r\n"); err != nil {
			return
		}
	}
}

// client returns a client of s with its own transport.
func (s *dropServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return newTestClientFor(t, "http://"+s.ln.Addr().String(), tr, opts...)
}

// TestRetrySafety checks which failed requests are sent again: a POST or
// PATCH the server may have received is not, unless it carries an
// idempotency key or the policy allows it.
func TestRetrySafety(t *testing.T) {
	optIn := fast
	optIn.RetryNonIdempotent = true
	tests := []struct {
		name   string
		method string
		header map[string]string
		policy RetryPolicy
		// status is the first answer; 0 drops the connection after
		// reading the request.
		status int
		// sent is how many times the server gets the request: 2 means
		// it was sent again and the second attempt succeeded.
		sent int64
	}{
		{"POST dropped", http.MethodPost, nil, fast, 0, 1},
		{"PATCH dropped", http.MethodPatch, nil, fast, 0, 1},
		{"POST 500", http.MethodPost, nil, fast, 500, 1},
		{"POST 503", http.MethodPost, nil, fast, 503, 1},
		{"PATCH 502", http.MethodPatch, nil, fast, 502, 1},
		{"POST 429", http.MethodPost, nil, fast, 429, 2},
		{"PATCH 429", http.MethodPatch, nil, fast, 429, 2},
		{"GET dropped", http.MethodGet, nil, fast, 0, 2},
		{"PUT dropped", http.MethodPut, nil, fast, 0, 2},
		{"DELETE dropped", http.MethodDelete, nil, fast, 0, 2},
		{"PUT 500", http.MethodPut, nil, fast, 500, 2},
		{"POST dropped, RetryNonIdempotent", http.MethodPost, nil, optIn, 0, 2},
		{"POST 500, RetryNonIdempotent", http.MethodPost, nil, optIn, 500, 2},
		{"POST dropped, Idempotency-Key", http.MethodPost, map[string]string{"Idempotency-Key": "k1"}, fast, 0, 2},
		{"POST 500, X-Idempotency-Key", http.MethodPost, map[string]string{"X-Idempotency-Key": "k1"}, fast, 500, 2},
		{"POST dropped, empty Idempotency-Key", http.MethodPost, map[string]string{"Idempotency-Key": ""}, fast, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c *Client
			var hits func() int64
			if tt.status == 0 {
				s := newDropServer(t, 1)
				c, hits = s.client(t, WithRetry(tt.policy)), s.hits.Load
			} else {
				s := newScripted(t, answer{status: tt.status}, answer{status: http.StatusNoContent})
				c, hits = newTestClient(t, s.srv, WithRetry(tt.policy)), func() int64 { return int64(s.hits()) }
			}
			r := &request{method: tt.method, path: "/records", header: http.Header{}}
			for k, v := range tt.header {
				r.header.Set(k, v)
			}
			r.setText("once", "")
			_, err := c.doNoContent(context.Background(), r)
			if got := hits(); got != tt.sent {
				t.Errorf("server got the request %d times, want %d", got, tt.sent)
			}
			switch {
			case tt.sent == 2 && err != nil:
				t.Errorf("error = %v, want success on the second attempt", err)
			case tt.sent == 1 && tt.status == 0 && err == nil:
				t.Error("no error after the dropped connection")
			case tt.sent == 1 && tt.status != 0:
				assertAPIError(t, err, tt.status, "", "")
			}
		})
	}
}

// TestRetryTransportError checks that a request sent again after a dropped
// connection gets its token anew for each attempt, and that the caller
// gets the transport error of a POST that is not sent again.
func TestRetryTransportError(t *testing.T) {
	var tokens atomic.Int64
	src := WithTokenSource(func(context.Context) (string, error) {
		tokens.Add(1)
		return "t", nil
	})
	s := newDropServer(t, 1)
	c := s.client(t, WithRetry(fast), src)
	if _, err := c.doNoContent(context.Background(), &request{method: http.MethodGet, path: "/", auth: authScheme{kind: authBearer}}); err != nil {
		t.Fatal(err)
	}
	if s.hits.Load() != 2 || tokens.Load() != 2 {
		t.Errorf("%d attempts and %d token calls, want 2 each", s.hits.Load(), tokens.Load())
	}

	s = newDropServer(t, 1)
	c = s.client(t, WithRetry(fast), src)
	r := &request{method: http.MethodPost, path: "/", auth: authScheme{kind: authBearer}}
	r.setText("once", "")
	_, err := c.doNoContent(context.Background(), r)
	var ue *url.Error
	if !errors.As(err, &ue) || ue.Op != "Post" {
		t.Errorf("error = %v, want the POST's transport error", err)
	}
	if s.hits.Load() != 1 {
		t.Errorf("%d attempts, want 1", s.hits.Load())
	}
}

// TestRetryDialRefused checks that a POST whose connection was refused, so
// that nothing of it was written, is sent again.
func TestRetryDialRefused(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := closed.Addr().String()
	closed.Close()
	s := newScripted(t, answer{status: http.StatusCreated})
	var dials atomic.Int64
	var d net.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			addr = refused
		}
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	c := newTestClientFor(t, s.srv.URL, tr, WithRetry(fast))
	r := &request{method: http.MethodPost, path: "/records"}
	r.setText("once", "")
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if dials.Load() != 2 || s.hits() != 1 {
		t.Errorf("%d dials and %d requests, want 2 dials and 1 request", dials.Load(), s.hits())
	}
}

// roundTripFunc is a transport made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// TestRetryUntracedTransport checks that a transport error from a transport
// that reports no connection events counts as a request the server may have
// received.
func TestRetryUntracedTransport(t *testing.T) {
	for method, want := range map[string]int64{http.MethodPost: 1, http.MethodGet: 3} {
		var calls atomic.Int64
		rt := roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls.Add(1)
			return nil, errors.New("connection lost")
		})
		c := newClient("http://api.test", []Option{WithHTTPClient(&http.Client{Transport: rt}), WithRetry(fast)})
		if _, err := c.doNoContent(context.Background(), &request{method: method}); err == nil {
			t.Errorf("%s: no error", method)
		}
		if calls.Load() != want {
			t.Errorf("%s: %d attempts, want %d", method, calls.Load(), want)
		}
	}
}

// TestTraceOnlyWhenRetried checks that only an attempt that may be
// followed by another watches its connection: the last one, and every
// attempt of a client without retries, goes out untraced.
func TestTraceOnlyWhenRetried(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []Option
		want []bool
	}{
		{"no retries", nil, []bool{false}},
		{"three attempts", []Option{WithRetry(fast)}, []bool{true, true, false}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var traced []bool
			rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
				traced = append(traced, httptrace.ContextClientTrace(req.Context()) != nil)
				return &http.Response{StatusCode: http.StatusServiceUnavailable, Body: http.NoBody, Header: http.Header{}, Request: req}, nil
			})
			c := newClient("http://api.test", append([]Option{WithHTTPClient(&http.Client{Transport: rt})}, tt.opts...))
			if _, err := c.doNoContent(context.Background(), &request{method: http.MethodGet}); err == nil {
				t.Error("no error for a 503")
			}
			if !slices.Equal(traced, tt.want) {
				t.Errorf("traced attempts = %v, want %v", traced, tt.want)
			}
		})
	}
}

// alwaysReauth is a reauth hook that asks for every 401 to be sent again.
type alwaysReauth struct{}

func (alwaysReauth) reauth(*http.Request, *APIError) bool { return true }

// TestReauthOnlyAfter401 checks that the reauth hook, which sends any
// request once more, is asked only about a 401, which refuses the request.
func TestReauthOnlyAfter401(t *testing.T) {
	for status, want := range map[int]int{http.StatusUnauthorized: 2, http.StatusInternalServerError: 1, http.StatusForbidden: 1} {
		s := newScripted(t, answer{status: status}, answer{status: http.StatusNoContent})
		c := newTestClient(t, s.srv, WithToken("t"))
		c.reauth = alwaysReauth{}
		r := &request{method: http.MethodPost, auth: authScheme{kind: authBearer}}
		r.setText("once", "")
		_, err := c.doNoContent(context.Background(), r)
		if s.hits() != want {
			t.Errorf("%d: %d attempts, want %d", status, s.hits(), want)
		}
		if (err == nil) != (want == 2) {
			t.Errorf("%d: error = %v", status, err)
		}
	}
}

func TestIdempotent(t *testing.T) {
	tests := []struct {
		method string
		header http.Header
		want   bool
	}{
		{http.MethodGet, nil, true},
		{http.MethodHead, nil, true},
		{http.MethodOptions, nil, true},
		{http.MethodTrace, nil, true},
		{http.MethodPut, nil, true},
		{http.MethodDelete, nil, true},
		{http.MethodPost, nil, false},
		{http.MethodPatch, nil, false},
		{"PURGE", nil, false},
		{http.MethodPost, http.Header{"Idempotency-Key": {"k"}}, true},
		{http.MethodPatch, http.Header{"X-Idempotency-Key": {"k"}}, true},
		{http.MethodPost, http.Header{"Idempotency-Key": {""}}, false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, "/", nil)
		maps.Copy(req.Header, tt.header)
		if got := idempotent(req); got != tt.want {
			t.Errorf("idempotent(%s %v) = %v, want %v", tt.method, tt.header, got, tt.want)
		}
	}
}

func TestRetryWaitHonoursContext(t *testing.T) {
	s := newScripted(t, answer{status: 429, header: map[string]string{"Retry-After": "30"}, body: `{"code":"TOO_MANY_REQUESTS"}`})
	// No MaxBackoff, so the server's 30 seconds are honoured in full.
	c := newTestClient(t, s.srv, WithRetry(RetryPolicy{MaxAttempts: 2}))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.doNoContent(ctx, &request{method: http.MethodGet})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("waited %v after the deadline", d)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want context.DeadlineExceeded", err)
	}
	assertAPIError(t, err, http.StatusTooManyRequests, "TOO_MANY_REQUESTS", "")
	if s.hits() != 1 {
		t.Errorf("%d attempts, want 1", s.hits())
	}
}

func TestServerDelay(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status int
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{429, map[string]string{"Retry-After": "7"}, 7 * time.Second, true},
		{503, map[string]string{"Retry-After": " 0 "}, 0, true},
		{503, map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, 90 * time.Second, true},
		{503, map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0, true},
		{503, map[string]string{"Retry-After": "soon"}, 0, false},
		{503, map[string]string{"Retry-After": "-3"}, 0, false},
		{503, map[string]string{"Retry-After": "99999999999999999"}, seconds(99999999999999999), true},
		{429, map[string]string{"X-RATELIMIT-RESET": "12"}, 12 * time.Second, true},
		{429, map[string]string{"X-RATELIMIT-RESET": strconv.FormatInt(now.Unix()+30, 10)}, 30 * time.Second, true},
		{429, map[string]string{"X-RATELIMIT-RESET": strconv.FormatInt(now.UnixMilli()+5000, 10)}, 5 * time.Second, true},
		{429, map[string]string{"X-RATELIMIT-RESET": strconv.FormatInt(now.UnixMilli()-5000, 10)}, 0, true},
		{429, map[string]string{"X-RATELIMIT-RESET": "x"}, 0, false},
		{503, map[string]string{"X-RATELIMIT-RESET": "12"}, 0, false},
		{429, map[string]string{"Retry-After": "2", "X-RATELIMIT-RESET": "12"}, 2 * time.Second, true},
		{429, nil, 0, false},
	}
	for _, tt := range tests {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
		for k, v := range tt.header {
			resp.Header.Set(k, v)
		}
		got, ok := serverDelay(resp, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("serverDelay(%d %v) = %v, %v; want %v, %v", tt.status, tt.header, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	now := time.Now()
	p := &RetryPolicy{MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond}
	for attempt, ceil := range map[int]time.Duration{1: 10, 2: 20, 3: 40, 4: 50, 60: 50} {
		ceil *= time.Millisecond
		for range 200 {
			if d := p.backoff(attempt, nil, now); d < p.MinBackoff || d > ceil {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, d, p.MinBackoff, ceil)
			}
		}
	}

	// Defaults, and MaxBackoff below MinBackoff.
	var zero RetryPolicy
	if d := zero.backoff(100, nil, now); d < defaultMinBackoff || d > defaultMaxBackoff {
		t.Errorf("default backoff = %v", d)
	}
	odd := &RetryPolicy{MinBackoff: time.Second, MaxBackoff: time.Millisecond}
	if d := odd.backoff(3, nil, now); d != time.Second {
		t.Errorf("backoff with MaxBackoff < MinBackoff = %v, want 1s", d)
	}

	// The server's wait is capped only by an explicit MaxBackoff.
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"120"}}}
	if d := p.backoff(1, resp, now); d != p.MaxBackoff {
		t.Errorf("capped Retry-After = %v, want %v", d, p.MaxBackoff)
	}
	if d := zero.backoff(1, resp, now); d != 2*time.Minute {
		t.Errorf("Retry-After without MaxBackoff = %v, want 2m", d)
	}
}

func TestRetryableStatus(t *testing.T) {
	for code, want := range map[int]bool{200: false, 400: false, 404: false, 408: false, 429: true, 500: true, 501: false, 502: true, 503: true, 504: true, 599: true, 600: false} {
		if got := retryableStatus(code); got != want {
			t.Errorf("retryableStatus(%d) = %v, want %v", code, got, want)
		}
	}
}

func TestSleep(t *testing.T) {
	if err := sleep(context.Background(), time.Millisecond); err != nil {
		t.Error(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep after cancel = %v", err)
	}
	if err := sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep(0) after cancel = %v", err)
	}
}
