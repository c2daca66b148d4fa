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
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// zohoTokenPath is where an accounts server issues access tokens.
	zohoTokenPath = "/oauth/v2/token"
	// zohoRevokePath is where an accounts server revokes refresh tokens.
	zohoRevokePath = "/oauth/v2/token/revoke"
	// zohoTokenLifetime is how long Zoho's access tokens last; it is
	// assumed when a token response does not say.
	zohoTokenLifetime = time.Hour
	// zohoTokenMargin is how long before its expiry a cached token is
	// replaced, so that it does not expire on its way to the server.
	zohoTokenMargin = time.Minute
)

// WithZohoRefreshToken makes the client get its access tokens from Zoho's
// accounts server with an OAuth 2 refresh token, the client ID and the
// client secret of the app the token was issued to. It is [WithZohoOAuth]
// with these three fields and no store.
//
// The accounts server is the data centre's (see [WithDataCenter]); without
// that option it is the one of the data centre of the base URL, and by
// default the United States one. A token is fetched on the first request
// that needs one and reused until shortly before it expires; concurrent
// requests wait for a single refresh. When Zoho answers a request with 401
// and the code INVALID_TOKEN, the token is dropped and the request is sent
// once more with a new one. A failed refresh ends the call with a
// [*ZohoTokenError] or the transport's error. The requests to the accounts
// server use the client's [http.Client]. Of this option, [WithZohoOAuth]
// and [WithTokenSource], the last one given wins; [WithToken] is then
// ignored.
func WithZohoRefreshToken(clientID, clientSecret, refreshToken string) Option {
	return WithZohoOAuth(ZohoOAuth{ClientID: clientID, ClientSecret: clientSecret, RefreshToken: refreshToken})
}

// ZohoOAuth is how a client gets its access tokens from Zoho's accounts
// server; pass it to [WithZohoOAuth].
type ZohoOAuth struct {
	// ClientID and ClientSecret identify the app, as Zoho's API console
	// shows them. The secret is sent to the accounts server only, and
	// never stored.
	ClientID     string
	ClientSecret string
	// User names the user the tokens belong to in Store; it may be left
	// empty when the process serves one user.
	User string
	// RefreshToken, when set, is used to get access tokens, in preference
	// to one in Store.
	RefreshToken string
	// GrantToken is a grant (authorization) code, exchanged once for a
	// refresh token unless RefreshToken is set. A code that Store records
	// as exchanged already is not sent again; a new one replaces the
	// tokens Store holds for the user.
	GrantToken string
	// RedirectURL is the redirect URL the grant code was issued for, sent
	// with it when set.
	RedirectURL string
	// Store, when set, keeps the tokens between runs and between the
	// clients of one process: it is read before the first token is
	// fetched, and every token the accounts server issues is saved to it.
	// A failed save is logged (see [WithLogger]) and does not fail the
	// call, since the token in hand is good.
	Store ZohoTokenStore
}

// WithZohoOAuth makes the client get its access tokens from Zoho's
// accounts server as cfg says: with a stored access token while it is
// valid, then with a refresh token, or by exchanging a grant code for a
// refresh token first. Each token the accounts server issues is saved to
// cfg.Store.
//
// The accounts server names the API domain the user's data lives in. When
// the client's base URL is a Zoho API domain (see [WithDataCenter]), the
// client adopts that domain, in the environment (production, sandbox or
// developer) of its base URL, so that calls reach the user's data centre;
// a base URL on another host, such as a proxy, is kept. [Client.BaseURL]
// tells which one is in use.
//
// Several users in one process each get a client built with their own
// cfg.User (and their own tokens), all sharing one Store; each client
// caches its user's tokens, and concurrent calls on one client wait for a
// single refresh. [WithZohoRefreshToken] describes the caching, the retry
// after INVALID_TOKEN and the errors.
func WithZohoOAuth(cfg ZohoOAuth) Option {
	return func(c *Client) {
		z := &zohoTokens{client: c, cfg: cfg, refreshToken: cfg.RefreshToken, now: time.Now}
		c.creds.tokenSource = z.token
		c.reauth = z
	}
}

// AuthorizeZoho gets an access token now, as the first call needing one
// would: it exchanges the grant code when there is only that, and saves
// the tokens to the store. It returns an error when the client has no
// [WithZohoOAuth] or [WithZohoRefreshToken] option or the accounts server
// issues no token.
func (c *Client) AuthorizeZoho(ctx context.Context) error {
	if _, ok := c.reauth.(*zohoTokens); !ok {
		return errors.New("authorize zoho: the client has no zoho oauth option")
	}
	_, err := c.accessToken(ctx)
	return err
}

// RevokeZohoToken revokes the client's refresh token at the accounts
// server (POST /oauth/v2/token/revoke), deletes the user's record from the
// store and forgets the cached tokens. Later calls need a new grant code.
// It returns an error when the client has no [WithZohoOAuth] or
// [WithZohoRefreshToken] option, knows no refresh token, or the accounts
// server refuses.
func (c *Client) RevokeZohoToken(ctx context.Context) error {
	z, ok := c.reauth.(*zohoTokens)
	if !ok {
		return errors.New("revoke zoho refresh token: the client has no zoho oauth option")
	}
	return z.revoke(ctx)
}

// The operations of the accounts server, as ZohoTokenError.Op names them.
const (
	zohoOpRefresh  = "refresh zoho access token"
	zohoOpExchange = "exchange zoho grant token"
	zohoOpRevoke   = "revoke zoho refresh token"
)

// ZohoTokenError is returned when Zoho's accounts server does not issue an
// access token, for instance because the refresh token was revoked, or
// does not revoke a token.
type ZohoTokenError struct {
	// Op is what was asked: "refresh zoho access token", "exchange zoho
	// grant token" or "revoke zoho refresh token".
	Op string
	// StatusCode is the HTTP status code of the response. Zoho reports
	// most failures with 200 and an "error" field.
	StatusCode int
	// Code is the error Zoho named, such as "invalid_code" or
	// "invalid_client"; "" when the body named none.
	Code string
	// Description is Zoho's explanation, when it gave one.
	Description string
}

// Error returns "op: code: description", or the status when Zoho named no
// error.
func (e *ZohoTokenError) Error() string {
	var b strings.Builder
	op := e.Op
	if op == "" {
		op = zohoOpRefresh
	}
	b.WriteString(op + ": ")
	if e.Code == "" {
		what := "no access token"
		if op == zohoOpRevoke {
			what = "not revoked"
		}
		fmt.Fprintf(&b, "status %d %s, %s", e.StatusCode, http.StatusText(e.StatusCode), what)
	} else {
		b.WriteString(oneLine(e.Code, 200))
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Description, 500))
	}
	return b.String()
}

// zohoTokens caches the access token of one user and gets new ones. It is
// safe for concurrent use.
type zohoTokens struct {
	// client supplies the http.Client, the accounts server and the logger.
	// It is read when a token is fetched, when every option has been
	// applied.
	client *Client
	cfg    ZohoOAuth
	// now is time.Now but in tests.
	now func() time.Time

	mu sync.Mutex
	// refreshToken is the refresh token in use, "" while none is known.
	refreshToken string
	// loaded is set once the store has been read.
	loaded bool
	// exchanged is set when the grant code is known to have been
	// exchanged.
	exchanged bool
	// tok is the cached token, "" when there is none; it is good until
	// expiry.
	tok    string
	expiry time.Time
	// pending is the refresh under way, nil when there is none.
	pending *zohoRefresh
}

// zohoRefresh is one refresh that concurrent callers wait for.
type zohoRefresh struct {
	// done is closed when the refresh ends; err is set before.
	done chan struct{}
	err  error
}

// key is where the store keeps this user's tokens.
func (z *zohoTokens) key() ZohoTokenKey {
	return ZohoTokenKey{User: z.cfg.User, ClientID: z.cfg.ClientID}
}

// token returns the cached token, or gets one. While one caller gets it,
// the others wait for its result; when that failed only because its
// caller's context ended, the next waiter tries again.
func (z *zohoTokens) token(ctx context.Context) (string, error) {
	for {
		z.mu.Lock()
		if z.tok != "" && z.now().Before(z.expiry) {
			tok := z.tok
			z.mu.Unlock()
			return tok, nil
		}
		if p := z.pending; p != nil {
			z.mu.Unlock()
			select {
			case <-p.done:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			if p.err != nil && !errors.Is(p.err, context.Canceled) && !errors.Is(p.err, context.DeadlineExceeded) {
				return "", p.err
			}
			continue
		}
		p := &zohoRefresh{done: make(chan struct{})}
		z.pending = p
		z.mu.Unlock()

		// Only this goroutine runs obtain until pending is cleared.
		tok, expiry, err := z.obtain(ctx)
		z.mu.Lock()
		if err == nil {
			z.tok, z.expiry = tok, expiry
		}
		z.pending = nil
		p.err = err
		close(p.done)
		z.mu.Unlock()
		return tok, err
	}
}

// usableUntil returns when a token that expires at expiry should be
// replaced: zohoTokenMargin before, or half its remaining lifetime when
// that is shorter.
func (z *zohoTokens) usableUntil(expiry time.Time) time.Time {
	life := expiry.Sub(z.now())
	return expiry.Add(-min(zohoTokenMargin, life/2))
}

// obtain returns a new access token and the time to replace it: the
// stored one while it is valid, else one the accounts server issues for
// the refresh token or, failing a refresh token, for the grant code. Only
// one call runs at a time (token sees to it), so the fields it reads and
// writes outside mu are its own.
func (z *zohoTokens) obtain(ctx context.Context) (string, time.Time, error) {
	var stored *ZohoToken
	if z.cfg.Store != nil {
		rec, err := z.cfg.Store.LoadToken(ctx, z.key())
		if err != nil {
			return "", time.Time{}, fmt.Errorf("%s: %w", zohoOpRefresh, err)
		}
		stored = rec
	}
	z.mu.Lock()
	first := !z.loaded
	z.loaded = true
	if stored != nil {
		if z.refreshToken == "" {
			z.refreshToken = stored.RefreshToken
		}
		if stored.GrantToken != "" && stored.GrantToken == z.cfg.GrantToken {
			z.exchanged = true
		}
	}
	rt := z.refreshToken
	// A grant code not exchanged yet is newer than the stored tokens.
	exchange := z.cfg.GrantToken != "" && !z.exchanged && z.cfg.RefreshToken == ""
	z.mu.Unlock()

	// A stored access token serves until it expires, once: after that,
	// or after Zoho refused it, a new one is fetched.
	if first && !exchange && stored != nil && stored.AccessToken != "" && stored.RefreshToken == rt && !stored.Expiry.IsZero() {
		if until := z.usableUntil(stored.Expiry); z.now().Before(until) {
			z.adoptDomain(ctx, stored.APIDomain)
			return stored.AccessToken, until, nil
		}
	}

	form := url.Values{"client_id": {z.cfg.ClientID}, "client_secret": {z.cfg.ClientSecret}}
	op := zohoOpRefresh
	switch {
	case exchange:
		op = zohoOpExchange
		form.Set("grant_type", "authorization_code")
		form.Set("code", z.cfg.GrantToken)
		if z.cfg.RedirectURL != "" {
			form.Set("redirect_uri", z.cfg.RedirectURL)
		}
	case rt != "":
		form.Set("grant_type", "refresh_token")
		form.Set("refresh_token", rt)
	default:
		return "", time.Time{}, fmt.Errorf("%s: no refresh token or unused grant token for user %q", zohoOpRefresh, z.cfg.User)
	}
	tr, err := z.post(ctx, op, zohoTokenPath, form)
	if err != nil {
		return "", time.Time{}, err
	}
	if tr.AccessToken == "" {
		return "", time.Time{}, &ZohoTokenError{Op: op, StatusCode: tr.status}
	}
	if op == zohoOpExchange {
		if tr.RefreshToken == "" {
			return "", time.Time{}, &ZohoTokenError{Op: op, StatusCode: tr.status, Description: "no refresh token in the response"}
		}
		rt = tr.RefreshToken
	}
	z.mu.Lock()
	z.refreshToken = rt
	z.exchanged = z.exchanged || op == zohoOpExchange
	z.mu.Unlock()
	expiry := z.now().Add(tr.lifetime())
	z.adoptDomain(ctx, tr.APIDomain)
	z.client.log(ctx, slog.LevelInfo, "zoho access token issued",
		slog.String("grant", form.Get("grant_type")), slog.String("user", z.cfg.User),
		slog.String("api_domain", tr.APIDomain), slog.Time("expiry", expiry))
	if z.cfg.Store != nil {
		rec := ZohoToken{
			Key:          z.key(),
			RefreshToken: rt,
			AccessToken:  tr.AccessToken,
			Expiry:       expiry,
			APIDomain:    tr.APIDomain,
			GrantToken:   z.cfg.GrantToken,
			RedirectURL:  z.cfg.RedirectURL,
		}
		if stored != nil && rec.GrantToken == "" {
			rec.GrantToken, rec.RedirectURL = stored.GrantToken, stored.RedirectURL
		}
		if err := z.cfg.Store.SaveToken(ctx, &rec); err != nil {
			z.client.log(ctx, slog.LevelError, "zoho token not saved",
				slog.String("user", z.cfg.User), slog.String("error", oneLine(err.Error(), 500)))
		}
	}
	return tr.AccessToken, z.usableUntil(expiry), nil
}

// adoptDomain makes the client send its calls to the API domain the
// accounts server named, in the environment of the client's base URL,
// when that base URL is on a Zoho API domain and the named domain is an
// https URL of a known data centre.
func (z *zohoTokens) adoptDomain(ctx context.Context, domain string) {
	c := z.client
	cur, err := url.Parse(c.baseURL)
	if domain == "" || err != nil {
		return
	}
	_, env, ok := zohoDataCenterOf(cur.Hostname())
	if !ok {
		return
	}
	named, err := url.Parse(domain)
	if err != nil || named.Scheme != "https" {
		return
	}
	dc, _, ok := zohoDataCenterOf(named.Hostname())
	if !ok {
		return
	}
	if env != "" {
		dc = dc.environment(env)
	}
	// The base URL's path, if any, is kept: only scheme and host change.
	next := strings.TrimRight(dc.APIDomain, "/") + strings.TrimRight(cur.EscapedPath(), "/")
	if prev := c.apiDomain.Swap(&next); prev == nil || *prev != next {
		if next != c.baseURL {
			c.log(ctx, slog.LevelInfo, "zoho api domain adopted", slog.String("api_domain", next))
		}
	}
}

// reauth is the client's reauth hook (zohoTokens is its reauther): after a 401 with the code
// INVALID_TOKEN it drops the cached token, unless req carried another one
// (a refresh has happened since), and asks for the request to be sent
// again.
func (z *zohoTokens) reauth(req *http.Request, e *APIError) bool {
	if e.StatusCode != http.StatusUnauthorized || e.Code != "INVALID_TOKEN" {
		return false
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.tok != "" && carriesToken(req, z.tok) {
		z.tok = ""
	}
	return true
}

// revoke revokes the refresh token, deletes the stored record and forgets
// the tokens.
func (z *zohoTokens) revoke(ctx context.Context) error {
	z.mu.Lock()
	rt := z.refreshToken
	z.mu.Unlock()
	if rt == "" && z.cfg.Store != nil {
		rec, err := z.cfg.Store.LoadToken(ctx, z.key())
		if err != nil {
			return fmt.Errorf("%s: %w", zohoOpRevoke, err)
		}
		if rec != nil {
			rt = rec.RefreshToken
		}
	}
	if rt == "" {
		return fmt.Errorf("%s: no refresh token for user %q", zohoOpRevoke, z.cfg.User)
	}
	if _, err := z.post(ctx, zohoOpRevoke, zohoRevokePath, url.Values{"token": {rt}}); err != nil {
		return err
	}
	z.mu.Lock()
	z.refreshToken, z.tok, z.expiry, z.exchanged = "", "", time.Time{}, true
	z.mu.Unlock()
	z.client.log(ctx, slog.LevelInfo, "zoho refresh token revoked", slog.String("user", z.cfg.User))
	if z.cfg.Store != nil {
		if err := z.cfg.Store.DeleteToken(ctx, z.key()); err != nil {
			return fmt.Errorf("%s: revoked, but %w", zohoOpRevoke, err)
		}
	}
	return nil
}

// carriesToken reports whether req sends tok in a header or the query
// string, alone or after a prefix such as "Zoho-oauthtoken ".
func carriesToken(req *http.Request, tok string) bool {
	is := func(v string) bool { return v == tok || strings.HasSuffix(v, " "+tok) }
	for _, vs := range req.Header {
		for _, v := range vs {
			if is(v) {
				return true
			}
		}
	}
	for _, vs := range req.URL.Query() {
		for _, v := range vs {
			if is(v) {
				return true
			}
		}
	}
	return false
}

// zohoTokenResponse is what the accounts server answers, with tokens or
// with an error.
type zohoTokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	APIDomain    string `json:"api_domain"`
	// ExpiresIn is in seconds. Older responses gave milliseconds here and
	// seconds in ExpiresInSec.
	ExpiresIn        json.Number `json:"expires_in"`
	ExpiresInSec     json.Number `json:"expires_in_sec"`
	Error            string      `json:"error"`
	ErrorDescription string      `json:"error_description"`
	// status is the response's HTTP status code.
	status int
}

// post sends form to the accounts server at path and returns its answer,
// or a [*ZohoTokenError] when it names an error or its status is not 2xx.
// The credentials go in a form body, never in the URL, so that transport
// errors and server logs do not show them.
func (z *zohoTokens) post(ctx context.Context, op, path string, form url.Values) (*zohoTokenResponse, error) {
	c := z.client
	body := []byte(form.Encode())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.zohoAccountsURL()+path, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	hc := c.httpClient
	if hc == nil {
		hc = http.DefaultClient
	}
	start := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	c.log(ctx, slog.LevelDebug, "zoho accounts request", slog.String("path", path),
		slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(start)))
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: read response: %w", op, err)
	}
	var tr zohoTokenResponse
	// A body that is not JSON leaves tr empty and gives a ZohoTokenError
	// with the status alone.
	_ = json.Unmarshal(data, &tr)
	tr.status = resp.StatusCode
	if tr.Error != "" || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &ZohoTokenError{Op: op, StatusCode: resp.StatusCode, Code: tr.Error, Description: tr.ErrorDescription}
	}
	return &tr, nil
}

// lifetime returns how long the token lasts: expires_in_sec, or else
// expires_in, read as milliseconds when it is more than a day of seconds;
// zohoTokenLifetime when neither is a positive number.
func (tr *zohoTokenResponse) lifetime() time.Duration {
	if n, err := strconv.ParseInt(tr.ExpiresInSec.String(), 10, 64); err == nil && n > 0 {
		return seconds(n)
	}
	n, err := strconv.ParseInt(tr.ExpiresIn.String(), 10, 64)
	switch {
	case err != nil || n <= 0:
		return zohoTokenLifetime
	case n > 24*60*60:
		return seconds(n / 1000)
	default:
		return seconds(n)
	}
}
