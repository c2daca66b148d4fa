package runtime

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how to retry failed requests; pass it to [WithRetry].
//
// A request is retried after a 429 Too Many Requests, after a 5xx status
// other than 501 Not Implemented, and after a transport error that is not
// the context's, as long as sending it again is safe and its body can be
// sent again (a streamed body cannot).
//
// Sending a request again is safe when the server refused it or never got
// it, whatever its method: after a 429, or when the transport failed before
// it had a connection for the request (a DNS, dial, TLS or proxy error;
// the client learns this through [net/http/httptrace], so a custom
// transport that reports no connection events counts as having sent every
// request). It is safe after any failure for the idempotent methods GET,
// HEAD, OPTIONS, TRACE, PUT and DELETE, and for a request that carries a
// non-empty Idempotency-Key or X-Idempotency-Key header, as net/http's own
// transport assumes: the server is then trusted to apply it once. Any other
// request, such as a POST or a PATCH, that the server may have received (a
// 5xx answer, or a transport error once a connection was in use) is not sent
// again unless RetryNonIdempotent is set, so that a record is never created
// twice.
//
// Between attempts it waits as the server's Retry-After header says, or on
// a 429 as Zoho's X-RATELIMIT-RESET header says, and otherwise for an
// exponential backoff with full jitter. The wait ends early, with the
// context's error, when the context is done.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included; 1 or
	// less means no retries.
	MaxAttempts int
	// MinBackoff is the shortest wait between attempts; 0 means 250ms.
	MinBackoff time.Duration
	// MaxBackoff is the longest backoff between attempts; 0 means 30s. When
	// it is set, it also caps the waits the server asks for.
	MaxBackoff time.Duration
	// RetryNonIdempotent also retries POST, PATCH and other requests that
	// are not idempotent after the server may have received them: after a
	// 5xx answer or a transport error once a connection was in use. Set it
	// only when the API ignores a repeated request or a duplicate does no
	// harm; otherwise give each request an Idempotency-Key header the API
	// honours.
	RetryNonIdempotent bool
}

const (
	defaultMinBackoff = 250 * time.Millisecond
	defaultMaxBackoff = 30 * time.Second
)

// attempts returns how many times a request may be sent in all; p may be
// nil.
func (p *RetryPolicy) attempts() int {
	if p == nil || p.MaxAttempts < 1 {
		return 1
	}
	return p.MaxAttempts
}

// idempotent reports whether sending req more than once has the effect of
// sending it once: its method is idempotent by RFC 9110, or it carries an
// idempotency key.
func idempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return req.Header.Get("Idempotency-Key") != "" || req.Header.Get("X-Idempotency-Key") != ""
}

// retryable reports whether the attempt that sent req and got resp or, when
// resp is nil, err is worth another: the failure may pass, and sending req
// again is safe. reached is false when the transport is known to have
// failed before it had a connection for req, true otherwise. p may be nil.
func (p *RetryPolicy) retryable(req *http.Request, resp *http.Response, err error, reached bool) bool {
	if resp == nil {
		if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || req.Context().Err() != nil {
			return false
		}
	} else {
		if !retryableStatus(resp.StatusCode) {
			return false
		}
		// A 429 refuses the request; any other answer may follow its
		// execution.
		reached = resp.StatusCode != http.StatusTooManyRequests
	}
	return !reached || idempotent(req) || (p != nil && p.RetryNonIdempotent)
}

// retryableStatus reports whether a response with this status is worth
// another attempt: 429 and the 5xx statuses but 501, which will not change.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code <= 599 && code != http.StatusNotImplemented)
}

// backoff returns how long to wait after the given attempt (1 for the
// first) failed; resp is its response, nil after a transport error.
func (p *RetryPolicy) backoff(attempt int, resp *http.Response, now time.Time) time.Duration {
	lo, hi := p.MinBackoff, p.MaxBackoff
	if lo <= 0 {
		lo = defaultMinBackoff
	}
	if hi <= 0 {
		hi = defaultMaxBackoff
	}
	hi = max(hi, lo)
	if resp != nil {
		if d, ok := serverDelay(resp, now); ok {
			if p.MaxBackoff > 0 {
				d = min(d, p.MaxBackoff)
			}
			return d
		}
	}
	// Full jitter: uniform between lo and lo doubled once per earlier
	// failure, capped at hi.
	ceil := lo
	for i := 1; i < attempt && ceil < hi; i++ {
		ceil *= 2
	}
	ceil = min(ceil, hi)
	return lo + rand.N(ceil-lo+1)
}

// serverDelay returns the wait the server asked for: Retry-After in seconds
// or as an HTTP date, or on a 429 Zoho's X-RATELIMIT-RESET. The latter is
// read as Unix milliseconds when it is that large, as Unix seconds when it
// is that large, and as seconds to wait otherwise. A time in the past means
// no wait.
func serverDelay(resp *http.Response, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			return seconds(n), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("X-Ratelimit-Reset"))
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	switch {
	case n >= 1e12:
		return max(time.UnixMilli(n).Sub(now), 0), true
	case n >= 1e9:
		return max(time.Unix(n, 0).Sub(now), 0), true
	default:
		return seconds(n), true
	}
}

// seconds converts n seconds to a Duration without overflowing.
func seconds(n int64) time.Duration {
	const maxSeconds = int64(1<<63-1) / int64(time.Second)
	return time.Duration(min(n, maxSeconds)) * time.Second
}

// sleep waits for d, or until ctx is done and returns its error.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
