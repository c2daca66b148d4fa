package runtime

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// oauthServer plays Zoho's accounts server: it exchanges the grant code
// "code1" for the refresh token "rt-new", issues "at-<refresh token>-<n>"
// for every refresh token but "revoked", and revokes refresh tokens.
type oauthServer struct {
	srv       *httptest.Server
	apiDomain string
	mu        sync.Mutex
	calls     []url.Values
	paths     []string
	revoked   map[string]bool
	issued    map[string]int
}

func newOAuthServer(t *testing.T) *oauthServer {
	t.Helper()
	o := &oauthServer{revoked: map[string]bool{}, issued: map[string]int{}}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Method != http.MethodPost || r.URL.RawQuery != "" {
			t.Errorf("accounts server got %s %s?%s (%v)", r.Method, r.URL.Path, r.URL.RawQuery, err)
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		o.calls = append(o.calls, r.PostForm)
		o.paths = append(o.paths, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/oauth/v2/token/revoke":
			o.revoked[r.PostForm.Get("token")] = true
			fmt.Fprint(w, `{"status":"success"}`)
		case r.URL.Path != "/oauth/v2/token":
			w.WriteHeader(http.StatusNotFound)
		case r.PostForm.Get("grant_type") == "authorization_code":
			if r.PostForm.Get("code") != "code1" {
				fmt.Fprint(w, `{"error":"invalid_code"}`)
				return
			}
			o.issued["rt-new"]++
			fmt.Fprintf(w, `{"access_token":"at-rt-new-%d","refresh_token":"rt-new","api_domain":%q,"token_type":"Bearer","expires_in":3600}`, o.issued["rt-new"], o.apiDomain)
		default:
			rt := r.PostForm.Get("refresh_token")
			if o.revoked[rt] {
				fmt.Fprint(w, `{"error":"invalid_code"}`)
				return
			}
			o.issued[rt]++
			fmt.Fprintf(w, `{"access_token":"at-%s-%d","api_domain":%q,"token_type":"Bearer","expires_in":3600}`, rt, o.issued[rt], o.apiDomain)
		}
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *oauthServer) grants() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var gs []string
	for i, f := range o.calls {
		g := f.Get("grant_type")
		if o.paths[i] == "/oauth/v2/token/revoke" {
			g = "revoke"
		}
		gs = append(gs, g)
	}
	return gs
}

func TestZohoGrantExchange(t *testing.T) {
	api, acc := newAPIServer(t), newOAuthServer(t)
	store := NewZohoFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	cfg := ZohoOAuth{ClientID: "id", ClientSecret: "secret", User: "ada", GrantToken: "code1", RedirectURL: "https://app.example/cb", Store: store}
	c := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(cfg))
	if err := c.AuthorizeZoho(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	form := acc.calls[0]
	want := url.Values{"grant_type": {"authorization_code"}, "code": {"code1"}, "client_id": {"id"}, "client_secret": {"secret"}, "redirect_uri": {"https://app.example/cb"}}
	if diff := diffQuery(want, form); diff != "" {
		t.Errorf("exchange form %s", diff)
	}
	if got := api.seen(); len(got) != 1 || got[0] != "Zoho-oauthtoken at-rt-new-1" {
		t.Errorf("API saw %q", got)
	}
	rec, err := store.LoadToken(context.Background(), ZohoTokenKey{User: "ada", ClientID: "id"})
	if err != nil || rec == nil {
		t.Fatalf("stored record = %v, %v", rec, err)
	}
	if rec.RefreshToken != "rt-new" || rec.AccessToken != "at-rt-new-1" || rec.GrantToken != "code1" || rec.Expiry.Before(time.Now().Add(50*time.Minute)) {
		t.Errorf("stored record = %+v", *rec)
	}

	// The next run, with the same settings, uses the stored access token.
	c2 := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(cfg))
	if err := get(context.Background(), c2); err != nil {
		t.Fatal(err)
	}
	if got := acc.grants(); len(got) != 1 {
		t.Errorf("accounts server calls = %q, want the exchange alone", got)
	}

	// Once the stored access token has expired, the stored refresh token
	// gets a new one; the used grant code is not sent again.
	rec.Expiry = time.Now().Add(-time.Minute)
	if err := store.SaveToken(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	c3 := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(cfg))
	if err := get(context.Background(), c3); err != nil {
		t.Fatal(err)
	}
	if got := acc.grants(); strings.Join(got, " ") != "authorization_code refresh_token" {
		t.Errorf("accounts server calls = %q", got)
	}
	if got := api.seen(); got[len(got)-1] != "Zoho-oauthtoken at-rt-new-2" {
		t.Errorf("API saw %q", got)
	}
	rec, _ = store.LoadToken(context.Background(), ZohoTokenKey{User: "ada", ClientID: "id"})
	if rec.AccessToken != "at-rt-new-2" || rec.GrantToken != "code1" {
		t.Errorf("stored record after refresh = %+v", *rec)
	}

	// A new grant code replaces the stored tokens, valid as they are.
	rec.GrantToken, rec.RefreshToken = "code0", "rt-old"
	if err := store.SaveToken(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	c4 := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(cfg))
	if err := get(context.Background(), c4); err != nil {
		t.Fatal(err)
	}
	if got := acc.grants(); strings.Join(got, " ") != "authorization_code refresh_token authorization_code" {
		t.Errorf("accounts server calls = %q", got)
	}
	rec, _ = store.LoadToken(context.Background(), ZohoTokenKey{User: "ada", ClientID: "id"})
	if rec.RefreshToken != "rt-new" || rec.GrantToken != "code1" {
		t.Errorf("stored record after a new grant code = %+v", *rec)
	}
}

func TestZohoGrantExchangeErrors(t *testing.T) {
	api, acc := newAPIServer(t), newOAuthServer(t)
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	c := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(ZohoOAuth{ClientID: "id", GrantToken: "stale"}))
	err := c.AuthorizeZoho(context.Background())
	if err == nil || !strings.Contains(err.Error(), "exchange zoho grant token: invalid_code") {
		t.Errorf("AuthorizeZoho with a bad code = %v", err)
	}
	c = newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(ZohoOAuth{ClientID: "id", User: "nobody"}))
	if err := get(context.Background(), c); err == nil || !strings.Contains(err.Error(), `no refresh token or unused grant token for user "nobody"`) {
		t.Errorf("call without tokens = %v", err)
	}
	c = newTestClient(t, api.srv)
	if err := c.AuthorizeZoho(context.Background()); err == nil {
		t.Error("AuthorizeZoho without a zoho oauth option succeeded")
	}
	if err := c.RevokeZohoToken(context.Background()); err == nil {
		t.Error("RevokeZohoToken without a zoho oauth option succeeded")
	}
}

func TestZohoRevoke(t *testing.T) {
	api, acc := newAPIServer(t), newOAuthServer(t)
	store := NewZohoFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	c := newTestClient(t, api.srv, WithDataCenter(dc), WithZohoOAuth(ZohoOAuth{ClientID: "id", ClientSecret: "secret", User: "ada", RefreshToken: "rt-ada", Store: store}))
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeZohoToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := acc.grants(); strings.Join(got, " ") != "refresh_token revoke" {
		t.Fatalf("accounts server calls = %q", got)
	}
	if diff := diffQuery(url.Values{"token": {"rt-ada"}}, acc.calls[1]); diff != "" {
		t.Errorf("revoke form %s", diff)
	}
	if rec, err := store.LoadToken(context.Background(), ZohoTokenKey{User: "ada", ClientID: "id"}); err != nil || rec != nil {
		t.Errorf("stored record after revoke = %+v, %v", rec, err)
	}
	if err := get(context.Background(), c); err == nil {
		t.Error("a call after revoke succeeded")
	}
	if n := len(api.seen()); n != 1 {
		t.Errorf("API got %d requests, want 1 (none after revoke)", n)
	}
	if err := c.RevokeZohoToken(context.Background()); err == nil {
		t.Error("a second revoke succeeded")
	}
}

// hostRouter sends every request to one of the test servers by host, as
// if DNS pointed Zoho's hosts at them, and records the hosts asked for.
type hostRouter struct {
	mu     sync.Mutex
	hosts  []string
	routes map[string]*httptest.Server
}

func (h *hostRouter) RoundTrip(req *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.hosts = append(h.hosts, req.URL.Host)
	srv, ok := h.routes[req.URL.Host]
	if !ok {
		srv = h.routes["*"]
	}
	h.mu.Unlock()
	u, _ := url.Parse(srv.URL)
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host = u.Scheme, u.Host
	return http.DefaultTransport.RoundTrip(r)
}

func TestZohoAPIDomainAdopted(t *testing.T) {
	tests := []struct {
		name      string
		dc        DataCenter
		apiDomain string
		want      string
	}{
		{"production", DataCenterUS, "https://www.zohoapis.eu", "https://www.zohoapis.eu"},
		{"sandbox keeps its environment", DataCenterUS.Sandbox(), "https://www.zohoapis.com.au", "https://sandbox.zohoapis.com.au"},
		{"developer keeps its environment", DataCenterIN.Developer(), "https://www.zohoapis.in", "https://developer.zohoapis.in"},
		{"an unknown domain is ignored", DataCenterUS, "https://evil.example", "https://www.zohoapis.com"},
		{"plain http is ignored", DataCenterUS, "http://www.zohoapis.eu", "https://www.zohoapis.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, acc := newAPIServer(t), newOAuthServer(t)
			acc.apiDomain = tt.apiDomain
			router := &hostRouter{routes: map[string]*httptest.Server{"accounts.zoho.com": acc.srv, "accounts.zoho.in": acc.srv, "*": api.srv}}
			c := newClient("https://unused.invalid", []Option{
				WithHTTPClient(&http.Client{Transport: router}),
				WithDataCenter(tt.dc),
				WithZohoRefreshToken("id", "secret", "rt"),
			})
			if err := get(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q, want %q", got, tt.want)
			}
			wantHost := strings.TrimPrefix(tt.want, "https://")
			if got := router.hosts[len(router.hosts)-1]; got != wantHost {
				t.Errorf("API call went to %q, want %q", got, wantHost)
			}
		})
	}

	// A base URL outside Zoho's domains, such as a proxy, is kept.
	api, acc := newAPIServer(t), newOAuthServer(t)
	acc.apiDomain = "https://www.zohoapis.eu"
	c := newZohoClient(t, api, &accountsServer{srv: acc.srv})
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if got := c.BaseURL(); got != api.srv.URL {
		t.Errorf("BaseURL() = %q, want the proxy %q", got, api.srv.URL)
	}
}

func TestZohoSeveralUsers(t *testing.T) {
	t.Run("file store", func(t *testing.T) {
		severalUsers(t, NewZohoFileStore(filepath.Join(t.TempDir(), "tokens.json")))
	})
	t.Run("sql store", func(t *testing.T) {
		db, _ := openFakeDB(t, true)
		store, err := NewZohoSQLStore(db, "zoho_tokens", ZohoSQLDollar)
		if err != nil {
			t.Fatal(err)
		}
		severalUsers(t, store)
	})
}

// severalUsers runs two users' calls at once on clients sharing store and
// checks that each user's calls carry that user's token, got with one
// refresh.
func severalUsers(t *testing.T, store ZohoTokenStore) {
	api, acc := newAPIServer(t), newOAuthServer(t)
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	users := []string{"ada", "bob"}
	clients := map[string]*Client{}
	for _, u := range users {
		clients[u] = newTestClient(t, api.srv, WithDataCenter(dc), WithHeader("X-User", u),
			WithZohoOAuth(ZohoOAuth{ClientID: "id", ClientSecret: "secret", User: u, RefreshToken: "rt-" + u, Store: store}))
	}
	// Each user's requests are recorded with the token they carried.
	var mu sync.Mutex
	seen := map[string]map[string]bool{}
	api.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		u := r.Header.Get("X-User")
		if seen[u] == nil {
			seen[u] = map[string]bool{}
		}
		seen[u][r.Header.Get("Authorization")] = true
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "{}")
	})
	var wg sync.WaitGroup
	for _, u := range users {
		for range 10 {
			wg.Go(func() {
				if err := get(context.Background(), clients[u]); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	for _, u := range users {
		want := "Zoho-oauthtoken at-rt-" + u + "-1"
		if len(seen[u]) != 1 || !seen[u][want] {
			t.Errorf("%s's requests carried %v, want only %q", u, seen[u], want)
		}
		acc.mu.Lock()
		n := acc.issued["rt-"+u]
		acc.mu.Unlock()
		if n != 1 {
			t.Errorf("%s: %d refreshes, want 1", u, n)
		}
		rec, err := store.LoadToken(context.Background(), ZohoTokenKey{User: u, ClientID: "id"})
		if err != nil || rec == nil || rec.RefreshToken != "rt-"+u || rec.AccessToken != "at-rt-"+u+"-1" {
			t.Errorf("%s's stored record = %+v, %v", u, rec, err)
		}
	}
}

func TestZohoLogNoSecrets(t *testing.T) {
	api, acc := newAPIServer(t), newOAuthServer(t)
	api.answer = func(n int, _ string) (int, string) {
		switch n {
		case 0:
			return http.StatusUnauthorized, invalidToken
		case 1:
			return http.StatusServiceUnavailable, `{"code":"BUSY"}`
		}
		return 0, ""
	}
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store := NewZohoFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	c := newTestClient(t, api.srv, WithDataCenter(dc), WithLogger(logger),
		WithRetry(RetryPolicy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}),
		WithZohoOAuth(ZohoOAuth{ClientID: "client-id-value", ClientSecret: "secret-value", User: "ada", GrantToken: "code1", Store: store}))
	_, err := c.doJSON(context.Background(), &request{method: http.MethodGet, path: "/crm/v8/Leads",
		query: url.Values{"token": {"query-secret"}}, auth: zohoBearer}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeZohoToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, msg := range []string{`"msg":"http request"`, `"status":401`, `"status":503`, `"attempt":2`,
		`"msg":"retrying request"`, `"msg":"access token rejected; sending again with a new one"`,
		`"msg":"zoho access token issued"`, `"grant":"authorization_code"`, `"msg":"zoho refresh token revoked"`,
		`"path":"/crm/v8/Leads"`, `"duration":`} {
		if !strings.Contains(out, msg) {
			t.Errorf("log lacks %s:\n%s", msg, out)
		}
	}
	for _, secret := range []string{"secret-value", "code1", "rt-new", "at-rt-new", "query-secret", "Zoho-oauthtoken"} {
		if strings.Contains(out, secret) {
			t.Errorf("log shows %q:\n%s", secret, out)
		}
	}
}

func TestZohoEnvironments(t *testing.T) {
	// The hosts as Zoho's Python SDK 8.0 lists them in its dc classes.
	tests := []struct {
		dc                                   DataCenter
		sandbox, developer, accounts, upload string
	}{
		{DataCenterUS, "https://sandbox.zohoapis.com", "https://developer.zohoapis.com", "https://accounts.zoho.com", "https://content.zohoapis.com"},
		{DataCenterEU, "https://sandbox.zohoapis.eu", "https://developer.zohoapis.eu", "https://accounts.zoho.eu", "https://content.zohoapis.eu"},
		{DataCenterIN, "https://sandbox.zohoapis.in", "https://developer.zohoapis.in", "https://accounts.zoho.in", "https://content.zohoapis.in"},
		{DataCenterAU, "https://sandbox.zohoapis.com.au", "https://developer.zohoapis.com.au", "https://accounts.zoho.com.au", "https://content.zohoapis.com.au"},
		{DataCenterJP, "https://sandbox.zohoapis.jp", "https://developer.zohoapis.jp", "https://accounts.zoho.jp", "https://content.zohoapis.jp"},
		{DataCenterCA, "https://sandbox.zohoapis.ca", "https://developer.zohoapis.ca", "https://accounts.zohocloud.ca", "https://upload.zohocloud.ca"},
		{DataCenterCN, "https://sandbox.zohoapis.com.cn", "https://developer.zohoapis.com.cn", "https://accounts.zoho.com.cn", "https://content.zohoapis.com.cn"},
		{DataCenterSA, "https://sandbox.zohoapis.sa", "https://developer.zohoapis.sa", "https://accounts.zoho.sa", "https://files.zoho.sa"},
	}
	for _, tt := range tests {
		for _, env := range []struct {
			dc  DataCenter
			api string
		}{{tt.dc.Production(), tt.dc.APIDomain}, {tt.dc.Sandbox(), tt.sandbox}, {tt.dc.Developer(), tt.developer}, {tt.dc.Sandbox().Production(), tt.dc.APIDomain}} {
			if env.dc.APIDomain != env.api || env.dc.AccountsURL != tt.accounts || env.dc.UploadURL != tt.upload {
				t.Errorf("environment of %s = %+v, want API %s", tt.dc.APIDomain, env.dc, env.api)
			}
			// The base URL alone gives the accounts server and upload host.
			c := newClient(env.api, nil)
			if got := c.zohoAccountsURL(); got != tt.accounts {
				t.Errorf("accounts URL for %s = %q, want %q", env.api, got, tt.accounts)
			}
			if got := c.ZohoUploadURL(); got != tt.upload {
				t.Errorf("ZohoUploadURL() for %s = %q, want %q", env.api, got, tt.upload)
			}
			// WithDataCenter sends upload operations to the upload host.
			c = newClient("https://unused.invalid", []Option{WithDataCenter(env.dc)})
			for _, host := range []string{"https://upload.zoho.com", "https://content.zohoapis.com"} {
				req, err := c.newHTTPRequest(context.Background(), &request{method: http.MethodPost, host: host, path: "/crm/v8/upload"}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := req.URL.String(); got != tt.upload+"/crm/v8/upload" {
					t.Errorf("upload to %s with %s goes to %s", host, env.api, got)
				}
			}
		}
	}
	// WithHostURL redirects the accounts server too.
	c0 := newClient("https://www.zohoapis.eu", []Option{WithHostURL("https://accounts.zoho.com/", "https://auth.example/")})
	if got := c0.zohoAccountsURL(); got != "https://auth.example" {
		t.Errorf("accounts URL with WithHostURL = %q", got)
	}
	custom := DataCenter{APIDomain: "https://crm.example", AccountsURL: "https://auth.example"}
	if got := custom.Sandbox(); got != custom {
		t.Errorf("Sandbox() of a custom data centre = %+v, want it unchanged", got)
	}
	// A WithHostURL given after WithDataCenter wins, and ZohoUploadURL
	// follows it for a base URL outside Zoho.
	c := newClient("https://unused.invalid", []Option{WithDataCenter(DataCenter{APIDomain: "http://127.0.0.1:1", UploadURL: "http://127.0.0.1:2"}), WithHostURL("https://content.zohoapis.com", "http://127.0.0.1:3")})
	if got := c.ZohoUploadURL(); got != "http://127.0.0.1:3" {
		t.Errorf("ZohoUploadURL() = %q, want the WithHostURL one", got)
	}
	req, _ := c.newHTTPRequest(context.Background(), &request{method: http.MethodPost, host: "https://upload.zoho.com", path: "/u"}, nil)
	if got := req.URL.String(); got != "http://127.0.0.1:2/u" {
		t.Errorf("upload goes to %s", got)
	}
}
