package runtime

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
)

// defaultUserAgent is sent unless [WithUserAgent] says otherwise.
const defaultUserAgent = "zcrmgen-client"

// Client is the API client. It is safe for concurrent use once built; build
// it with NewClient and [Option] values.
type Client struct {
	baseURL    string
	httpClient *http.Client
	creds      credentials
	retry      *RetryPolicy
	userAgent  string
	header     http.Header
	hooks      []func(*http.Response)
	// reauth, when set, is asked about a 401 response to a request that
	// carried an access token.
	reauth reauther
	// hosts maps an operation's own host (see request.host) to the base URL
	// its requests go to instead.
	hosts map[string]string
	// strict makes a body that does not fit its type a DecodeError; see
	// WithStrictDecoding.
	strict bool
	// logger receives a record of every attempt, retry and token refresh;
	// nil logs nothing. See WithLogger.
	logger *slog.Logger
	// apiDomain, when set, replaces baseURL: an accounts server named the
	// API domain the client's user is served from.
	apiDomain atomic.Pointer[string]
}

// reauther is what a token source that can replace a refused token
// installs as the client's reauth hook.
type reauther interface {
	// reauth is asked about a 401 response to a request that carried an
	// access token, req being the request sent. When it returns true, do
	// sends the request once more (once per call, outside the retry
	// policy's count, whatever its method: a 401 means the server refused
	// it) with the token the token source then returns.
	reauth(req *http.Request, e *APIError) bool
}

// Option configures a [Client].
type Option func(*Client)

// newClient builds a Client that talks to defaultBaseURL unless an option
// says otherwise. The generated NewClient calls it. Nil options are skipped.
func newClient(defaultBaseURL string, opts []Option) *Client {
	c := &Client{
		baseURL: strings.TrimRight(defaultBaseURL, "/"),
		// No Timeout: the context passed to each call governs how long it
		// may take, including the waits between retries.
		httpClient: &http.Client{Transport: http.DefaultTransport},
		userAgent:  defaultUserAgent,
		header:     make(http.Header),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	return c
}

// WithBaseURL sets the URL that every request path is appended to, such as
// "https://www.zohoapis.eu". A trailing slash is trimmed.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.baseURL = strings.TrimRight(u, "/") }
}

// WithHostURL sends the requests of the operations that the API serves from
// host (such as "https://upload.zoho.com", as the method docs name it) to
// u instead. Operations on the client's base URL are not affected.
func WithHostURL(host, u string) Option {
	return func(c *Client) {
		if c.hosts == nil {
			c.hosts = map[string]string{}
		}
		c.hosts[strings.TrimRight(host, "/")] = strings.TrimRight(u, "/")
	}
}

// WithHTTPClient sets the [http.Client] that sends requests. A nil client is
// ignored. By default a client without a timeout using
// [http.DefaultTransport] is used; deadlines come from the context.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			c.httpClient = hc
		}
	}
}

// WithToken sets a fixed OAuth 2 access token (a bearer token) for the
// operations that use one.
func WithToken(token string) Option {
	return func(c *Client) { c.creds.token = token }
}

// WithTokenSource sets a function that returns the access token. It is called
// before every attempt of every request that needs a token, so it can refresh
// expired tokens; it must be safe for concurrent use. An error from it ends
// the call. It takes precedence over [WithToken].
func WithTokenSource(src func(ctx context.Context) (string, error)) Option {
	return func(c *Client) { c.creds.tokenSource = src }
}

// WithBasicAuth sets the user name and password for the operations that use
// HTTP basic authentication.
func WithBasicAuth(username, password string) Option {
	return func(c *Client) {
		c.creds.username = username
		c.creds.password = password
		c.creds.basic = true
	}
}

// WithAPIKey sets the key for the operations that authenticate with an API
// key, in a header or in the query string.
func WithAPIKey(key string) Option {
	return func(c *Client) { c.creds.apiKey = key }
}

// WithUserAgent sets the User-Agent header. The default is "zcrmgen-client";
// an empty string leaves the choice to the [http.Client].
func WithUserAgent(ua string) Option {
	return func(c *Client) { c.userAgent = ua }
}

// WithHeader adds a header to every request. Calling it again with the same
// key adds another value. Headers that an operation sets itself replace
// these.
func WithHeader(key, value string) Option {
	return func(c *Client) { c.header.Add(key, value) }
}

// WithRetry turns on retries of failed requests as p describes. Without it,
// every request is sent once.
//
// Retries never send a request twice where that could repeat its effect: a
// POST, a PATCH or another method that is not idempotent is sent again only
// when the server refused it (429) or never got it (the connection could not
// be made), unless it carries an Idempotency-Key or X-Idempotency-Key
// header or p.RetryNonIdempotent is set. After a 5xx answer or a connection
// lost once the request was on its way, such a call returns the error, and
// the caller must find out whether the server acted on it. GET, HEAD,
// OPTIONS, TRACE, PUT and DELETE are retried after any failure that may
// pass. [RetryPolicy] gives the details.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) { c.retry = &p }
}

// WithStrictDecoding makes the client fail a call whose JSON response body
// has a member that does not fit its Go type, instead of keeping the member
// raw. By default decoding is lenient: such a member leaves its field unset
// and is kept in the Extra map of its object, so the reply is never lost,
// and [Mismatches] lists what differed. With this option the call returns a
// [*DecodeError] whose Err is the first [Mismatch] (see its Path). An error
// response whose body does not fit the operation's error type gives a
// *DecodeError too, which wraps the [*APIError], so errors.As finds both.
// Strict decoding suits tests and the checking of a new API version; it
// costs a walk of the decoded value with reflection.
func WithStrictDecoding() Option {
	return func(c *Client) { c.strict = true }
}

// WithResponseHook adds fn to the functions called with every response the
// server sends, retried attempts and error responses included, before the
// body is read; for example to read rate-limit headers. fn must not read or
// close the body, and must be safe for concurrent use.
func WithResponseHook(fn func(*http.Response)) Option {
	return func(c *Client) {
		if fn != nil {
			c.hooks = append(c.hooks, fn)
		}
	}
}

// WithLogger makes the client log through l: every attempt of every
// request at debug level (method, path, status or error, duration,
// attempt), retries and token refreshes at info level. The records never
// hold a token, a secret, a query string or a body. A nil l logs nothing,
// which is the default.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.logger = l }
}

// BaseURL returns the URL that request paths are appended to, without a
// trailing slash: the one the options set, or the API domain an accounts
// server named since.
func (c *Client) BaseURL() string {
	if d := c.apiDomain.Load(); d != nil {
		return *d
	}
	return c.baseURL
}

// log writes a record through the client's logger, if it has one.
func (c *Client) log(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	if c.logger != nil {
		c.logger.LogAttrs(ctx, level, msg, attrs...)
	}
}
