package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// zohoTokenLifetime is how long Zoho's access tokens last; it is
	// assumed when a token response does not say.
	zohoTokenLifetime = time.Hour
	// zohoTokenMargin is how long before its expiry a cached token is
	// replaced, so that it does not expire on its way to the server.
	zohoTokenMargin = time.Minute
)

// WithZohoRefreshToken makes the client get its access tokens from Zoho's
// accounts server with an OAuth 2 refresh token, the client ID and the
// client secret of the app the token was issued to. The accounts server is
// the data centre's (see [WithDataCenter]); without that option it is the
// one of the data centre of the base URL, and by default the United States
// one.
//
// A token is fetched on the first request that needs one and reused until
// shortly before it expires; concurrent requests wait for a single refresh.
// When Zoho answers a request with 401 and the code INVALID_TOKEN, the
// token is dropped and the request is sent once more with a new one. A
// failed refresh ends the call with a [*ZohoTokenError] or the transport's
// error. The requests to the accounts server use the client's
// [http.Client]. Of this option and [WithTokenSource], the last one given
// wins; [WithToken] is then ignored.
func WithZohoRefreshToken(clientID, clientSecret, refreshToken string) Option {
	return func(c *Client) {
		z := &zohoTokens{
			client:       c,
			clientID:     clientID,
			clientSecret: clientSecret,
			refreshToken: refreshToken,
			now:          time.Now,
		}
		c.creds.tokenSource = z.token
		c.reauth = z.reauth
	}
}

// ZohoTokenError is returned when Zoho's accounts server does not issue an
// access token, for instance because the refresh token was revoked.
type ZohoTokenError struct {
	// StatusCode is the HTTP status code of the response. Zoho reports
	// most failures with 200 and an "error" field.
	StatusCode int
	// Code is the error Zoho named, such as "invalid_code" or
	// "invalid_client"; "" when the body named none.
	Code string
	// Description is Zoho's explanation, when it gave one.
	Description string
}

// Error returns "refresh zoho access token: code: description", or the
// status when Zoho named no error.
func (e *ZohoTokenError) Error() string {
	var b strings.Builder
	b.WriteString("refresh zoho access token: ")
	if e.Code == "" {
		fmt.Fprintf(&b, "status %d %s, no access token", e.StatusCode, http.StatusText(e.StatusCode))
	} else {
		b.WriteString(oneLine(e.Code, 200))
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Description, 500))
	}
	return b.String()
}

// zohoTokens caches the access token that a refresh token gives. It is
// safe for concurrent use.
type zohoTokens struct {
	// client supplies the http.Client and the accounts server. It is read
	// when a token is fetched, when every option has been applied.
	client       *Client
	clientID     string
	clientSecret string
	refreshToken string
	// now is time.Now but in tests.
	now func() time.Time

	mu sync.Mutex
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

// token returns the cached token, or fetches one. While one caller
// fetches, the others wait for its result; when the fetch failed only
// because its caller's context ended, the next waiter fetches again.
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

		tok, lifetime, err := z.fetch(ctx)
		z.mu.Lock()
		if err == nil {
			z.tok = tok
			// Keep the token until zohoTokenMargin before it expires, or
			// half its lifetime when that is shorter.
			z.expiry = z.now().Add(lifetime - min(zohoTokenMargin, lifetime/2))
		}
		z.pending = nil
		p.err = err
		close(p.done)
		z.mu.Unlock()
		return tok, err
	}
}

// reauth is the client's reauth hook: after a 401 with the code
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

// zohoTokenResponse is what the accounts server answers, with a token or
// with an error.
type zohoTokenResponse struct {
	AccessToken string `json:"access_token"`
	// ExpiresIn is in seconds. Older responses gave milliseconds here and
	// seconds in ExpiresInSec.
	ExpiresIn        json.Number `json:"expires_in"`
	ExpiresInSec     json.Number `json:"expires_in_sec"`
	Error            string      `json:"error"`
	ErrorDescription string      `json:"error_description"`
}

// fetch asks the accounts server for a new access token and returns it with
// its lifetime. The credentials go in a form body, never in the URL, so
// that transport errors and server logs do not show them.
func (z *zohoTokens) fetch(ctx context.Context) (string, time.Duration, error) {
	c := z.client
	form := url.Values{
		"refresh_token": {z.refreshToken},
		"client_id":     {z.clientID},
		"client_secret": {z.clientSecret},
		"grant_type":    {"refresh_token"},
	}
	body := []byte(form.Encode())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.zohoAccountsURL()+zohoTokenPath, bytes.NewReader(body))
	if err != nil {
		return "", 0, fmt.Errorf("refresh zoho access token: %w", err)
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
	resp, err := hc.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("refresh zoho access token: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	if err != nil {
		return "", 0, fmt.Errorf("refresh zoho access token: read response: %w", err)
	}
	var tr zohoTokenResponse
	// A body that is not JSON leaves tr empty and gives a ZohoTokenError
	// with the status alone.
	_ = json.Unmarshal(data, &tr)
	if tr.Error != "" || tr.AccessToken == "" || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", 0, &ZohoTokenError{StatusCode: resp.StatusCode, Code: tr.Error, Description: tr.ErrorDescription}
	}
	return tr.AccessToken, tr.lifetime(), nil
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
