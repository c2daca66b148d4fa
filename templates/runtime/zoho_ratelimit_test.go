package runtime

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestRateLimitFrom(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tests := []struct {
		name   string
		header map[string]string
		want   RateLimit
		ok     bool
	}{
		{
			name:   "all, reset in Unix milliseconds",
			header: map[string]string{"X-RATELIMIT-LIMIT": "100", "X-RATELIMIT-REMAINING": "99", "X-RATELIMIT-RESET": "1700000060000"},
			want:   RateLimit{Limit: 100, Remaining: 99, Reset: now.Add(time.Minute)},
			ok:     true,
		},
		{
			name:   "reset in Unix seconds",
			header: map[string]string{"X-RATELIMIT-REMAINING": "0", "X-RATELIMIT-RESET": "1700000030"},
			want:   RateLimit{Limit: -1, Remaining: 0, Reset: now.Add(30 * time.Second)},
			ok:     true,
		},
		{
			name:   "reset in seconds from now",
			header: map[string]string{"x-ratelimit-reset": " 45 "},
			want:   RateLimit{Limit: -1, Remaining: -1, Reset: now.Add(45 * time.Second)},
			ok:     true,
		},
		{
			name:   "limit alone",
			header: map[string]string{"X-RATELIMIT-LIMIT": "25"},
			want:   RateLimit{Limit: 25, Remaining: -1},
			ok:     true,
		},
		{
			name: "none",
			want: RateLimit{Limit: -1, Remaining: -1},
		},
		{
			name:   "malformed",
			header: map[string]string{"X-RATELIMIT-LIMIT": "many", "X-RATELIMIT-REMAINING": "-3", "X-RATELIMIT-RESET": "soon"},
			want:   RateLimit{Limit: -1, Remaining: -1},
		},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.header {
			h.Set(k, v)
		}
		got, ok := rateLimitAt(h, now)
		if ok != tt.ok || got.Limit != tt.want.Limit || got.Remaining != tt.want.Remaining || !got.Reset.Equal(tt.want.Reset) {
			t.Errorf("%s: rateLimitAt = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRateLimitFromUsesNow(t *testing.T) {
	h := http.Header{"X-Ratelimit-Reset": {"10"}}
	before := time.Now()
	rl, ok := RateLimitFrom(h)
	if !ok || rl.Reset.Before(before.Add(10*time.Second)) || rl.Reset.After(time.Now().Add(10*time.Second)) {
		t.Errorf("RateLimitFrom = %+v, %v; want a reset 10s from now", rl, ok)
	}
}

func TestWithRateLimitHook(t *testing.T) {
	s := newScripted(t,
		answer{status: 429, header: map[string]string{"X-RATELIMIT-LIMIT": "10", "X-RATELIMIT-REMAINING": "0", "Retry-After": "0"}, body: `{"code":"TOO_MANY_REQUESTS"}`},
		answer{status: 200, body: `{}`},
		answer{status: 200, header: map[string]string{"X-RATELIMIT-LIMIT": "10", "X-RATELIMIT-REMAINING": "9"}, body: `{}`},
	)
	var mu sync.Mutex
	var got []RateLimit
	c := newTestClient(t, s.srv, WithRetry(fast), WithRateLimitHook(func(rl RateLimit) {
		mu.Lock()
		got = append(got, rl)
		mu.Unlock()
	}), WithRateLimitHook(nil))
	for range 2 {
		if _, err := c.doJSON(context.Background(), &request{method: "GET"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	// The retried 429 reports, the answer without headers does not.
	if len(got) != 2 || got[0].Limit != 10 || got[0].Remaining != 0 || got[1].Remaining != 9 {
		t.Errorf("hook got %+v", got)
	}
	if s.hits() != 3 {
		t.Errorf("server hit %d times, want 3", s.hits())
	}
}
