package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestAuth(t *testing.T) {
	tokenSource := func(ctx context.Context) (string, error) {
		if ctx.Value(ctxKey{}) != "marked" {
			return "", errors.New("token source got another context")
		}
		return "fresh", nil
	}
	tests := []struct {
		name   string
		opts   []Option
		scheme authScheme
		header map[string]string // expected request headers; "" means absent
		query  url.Values        // expected query
	}{
		{
			name:   "zoho oauth token",
			opts:   []Option{WithToken("1000.abc")},
			scheme: authScheme{kind: authBearer, prefix: "Zoho-oauthtoken"},
			header: map[string]string{"Authorization": "Zoho-oauthtoken 1000.abc"},
		},
		{
			name:   "bearer default prefix",
			opts:   []Option{WithToken("t")},
			scheme: authScheme{kind: authBearer},
			header: map[string]string{"Authorization": "Bearer t"},
		},
		{
			name:   "bearer in another header",
			opts:   []Option{WithToken("t")},
			scheme: authScheme{kind: authBearer, prefix: "Token", name: "X-Auth"},
			header: map[string]string{"X-Auth": "Token t", "Authorization": ""},
		},
		{
			name:   "bearer without token sends nothing",
			opts:   []Option{WithAPIKey("k"), WithBasicAuth("u", "p")},
			scheme: authScheme{kind: authBearer},
			header: map[string]string{"Authorization": ""},
		},
		{
			name:   "token source wins over token",
			opts:   []Option{WithToken("stale"), WithTokenSource(tokenSource)},
			scheme: authScheme{kind: authBearer, prefix: "Zoho-oauthtoken"},
			header: map[string]string{"Authorization": "Zoho-oauthtoken fresh"},
		},
		{
			name:   "basic",
			opts:   []Option{WithBasicAuth("user", "pa:ss")},
			scheme: authScheme{kind: authBasic},
			header: map[string]string{"Authorization": "Basic dXNlcjpwYTpzcw=="},
		},
		{
			name:   "basic without credentials",
			opts:   []Option{WithToken("t")},
			scheme: authScheme{kind: authBasic},
			header: map[string]string{"Authorization": ""},
		},
		{
			name:   "api key header",
			opts:   []Option{WithAPIKey("k1")},
			scheme: authScheme{kind: authAPIKeyHeader, name: "X-API-Key"},
			header: map[string]string{"X-Api-Key": "k1"},
		},
		{
			name:   "api key header with prefix",
			opts:   []Option{WithAPIKey("k1")},
			scheme: authScheme{kind: authAPIKeyHeader, prefix: "ApiKey", name: "Authorization"},
			header: map[string]string{"Authorization": "ApiKey k1"},
		},
		{
			name:   "api key query",
			opts:   []Option{WithAPIKey("k 1")},
			scheme: authScheme{kind: authAPIKeyQuery, name: "api_key"},
			query:  url.Values{"page": {"2"}, "api_key": {"k 1"}},
		},
		{
			name:   "api key query replaces the operation's value",
			opts:   []Option{WithAPIKey("real")},
			scheme: authScheme{kind: authAPIKeyQuery, name: "page"},
			query:  url.Values{"page": {"real"}},
		},
		{
			name:   "oauth2 query",
			opts:   []Option{WithToken("t")},
			scheme: authScheme{kind: authOAuth2Query},
			query:  url.Values{"page": {"2"}, "access_token": {"t"}},
		},
		{
			name:   "oauth2 query named",
			opts:   []Option{WithTokenSource(tokenSource)},
			scheme: authScheme{kind: authOAuth2Query, name: "authtoken"},
			query:  url.Values{"page": {"2"}, "authtoken": {"fresh"}},
		},
		{
			name:   "none",
			opts:   []Option{WithToken("t"), WithAPIKey("k"), WithBasicAuth("u", "p")},
			scheme: authScheme{kind: authNone},
			header: map[string]string{"Authorization": ""},
			query:  url.Values{"page": {"2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *http.Request
			srv := echoServer(t, func(r *http.Request, _ []byte) { got = r })
			c := newTestClient(t, srv, tt.opts...)
			ctx := context.WithValue(context.Background(), ctxKey{}, "marked")
			r := &request{method: http.MethodGet, path: "/auth", query: url.Values{"page": {"2"}}, auth: tt.scheme}
			if _, err := c.doNoContent(ctx, r); err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.header {
				if v := got.Header.Get(k); v != want {
					t.Errorf("header %s = %q, want %q", k, v, want)
				}
			}
			if tt.query != nil {
				if diff := diffQuery(tt.query, got.URL.Query()); diff != "" {
					t.Errorf("query %s", diff)
				}
			}
		})
	}
}

type ctxKey struct{}

func TestTokenSourceError(t *testing.T) {
	var hits atomic.Int64
	srv := echoServer(t, func(*http.Request, []byte) { hits.Add(1) })
	boom := errors.New("refresh failed")
	c := newTestClient(t, srv, WithTokenSource(func(context.Context) (string, error) { return "", boom }))
	r := &request{method: http.MethodPost, path: "/x", auth: authScheme{kind: authBearer}}
	if err := r.setJSON([]int{1}); err != nil {
		t.Fatal(err)
	}
	_, err := c.doJSON(context.Background(), r, nil)
	if !errors.Is(err, boom) {
		t.Errorf("error = %v, want the token source's", err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d requests sent after the token source failed", hits.Load())
	}
}

// TestCredentialsNotInErrors checks that query credentials stay out of
// errors: an APIError's URL and message, and a transport error.
func TestCredentialsNotInErrors(t *testing.T) {
	srv := replayServer(t, replayCase{Status: http.StatusUnauthorized, ContentType: "application/json",
		Body: []byte(`{"code":"INVALID_TOKEN","message":"invalid oauth token","status":"error"}`)})
	for _, scheme := range []authScheme{{kind: authAPIKeyQuery, name: "key"}, {kind: authOAuth2Query}} {
		c := newTestClient(t, srv, WithAPIKey("s3cret"), WithToken("s3cret"))
		r := &request{method: http.MethodGet, path: "/crm/v2/Leads", query: url.Values{"page": {"1"}}, auth: scheme}
		_, err := c.doJSON(context.Background(), r, new(any))
		assertAPIError(t, err, http.StatusUnauthorized, "INVALID_TOKEN", "invalid oauth token")
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			if want := srv.URL + "/crm/v2/Leads"; apiErr.URL != want {
				t.Errorf("URL = %q, want %q", apiErr.URL, want)
			}
			if want := "GET /crm/v2/Leads: 401 Unauthorized: INVALID_TOKEN: invalid oauth token"; apiErr.Error() != want {
				t.Errorf("Error() = %q, want %q", apiErr.Error(), want)
			}
		}
	}

	// Nothing listens on port 1, so the dial fails.
	c := newClient("http://user:pw@127.0.0.1:1", []Option{WithAPIKey("s3cret")})
	r := &request{method: http.MethodGet, path: "/x", auth: authScheme{kind: authAPIKeyQuery, name: "key"}}
	_, err := c.doNoContent(context.Background(), r)
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	if msg := err.Error(); strings.Contains(msg, "s3cret") || strings.Contains(msg, "pw") {
		t.Errorf("transport error leaks credentials: %s", msg)
	}
}
