package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
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

func TestRetryTransportError(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			// Drop the connection without an answer.
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	var tokens atomic.Int64
	c := newTestClient(t, srv, WithRetry(fast), WithTokenSource(func(context.Context) (string, error) {
		tokens.Add(1)
		return "t", nil
	}))
	r := &request{method: http.MethodPost, path: "/", auth: authScheme{kind: authBearer}}
	r.setText("again", "")
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 2 || tokens.Load() != 2 {
		t.Errorf("%d attempts and %d token calls, want 2 each", hits.Load(), tokens.Load())
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
