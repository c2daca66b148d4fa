package runtime

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is what a Zoho response says about the rate limit of the
// calls made with its access token, in its X-RATELIMIT-* headers.
type RateLimit struct {
	// Limit is how many calls the current window allows
	// (X-RATELIMIT-LIMIT); -1 when the header is missing or not a number.
	Limit int
	// Remaining is how many calls are left in the window
	// (X-RATELIMIT-REMAINING); -1 when the header is missing or not a
	// number.
	Remaining int
	// Reset is when the window ends (X-RATELIMIT-RESET); the zero Time
	// when the header is missing or not a number.
	Reset time.Time
}

// RateLimitFrom reads the rate-limit headers of a response. It reports
// false when none of them is present and valid.
//
// X-RATELIMIT-RESET is read the way the retry policy reads it (see
// [RetryPolicy]): as Unix milliseconds when it is that large, as Unix
// seconds when it is that large, and otherwise as seconds from now.
func RateLimitFrom(h http.Header) (RateLimit, bool) {
	return rateLimitAt(h, time.Now())
}

// rateLimitAt is RateLimitFrom with now given, for relative resets.
func rateLimitAt(h http.Header, now time.Time) (RateLimit, bool) {
	rl := RateLimit{Limit: -1, Remaining: -1}
	count := func(key string) int {
		n, err := strconv.Atoi(strings.TrimSpace(h.Get(key)))
		if err != nil || n < 0 {
			return -1
		}
		return n
	}
	rl.Limit = count("X-Ratelimit-Limit")
	rl.Remaining = count("X-Ratelimit-Remaining")
	if n, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-Ratelimit-Reset")), 10, 64); err == nil && n >= 0 {
		switch {
		case n >= 1e12:
			rl.Reset = time.UnixMilli(n)
		case n >= 1e9:
			rl.Reset = time.Unix(n, 0)
		default:
			rl.Reset = now.Add(seconds(n))
		}
	}
	return rl, rl.Limit >= 0 || rl.Remaining >= 0 || !rl.Reset.IsZero()
}

// WithRateLimitHook adds fn to the functions called with the rate limit of
// every response that reports one, retried attempts and error responses
// included; for example to slow down before the limit is reached. It is
// built on [WithResponseHook]. fn must be safe for concurrent use; a nil fn
// is ignored.
func WithRateLimitHook(fn func(RateLimit)) Option {
	if fn == nil {
		return func(*Client) {}
	}
	return WithResponseHook(func(resp *http.Response) {
		if rl, ok := RateLimitFrom(resp.Header); ok {
			fn(rl)
		}
	})
}
