package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// accountsServer is a fake Zoho accounts server. By default it issues
// "tok1", "tok2", ... valid for an hour; answer, when set, replaces that.
type accountsServer struct {
	srv    *httptest.Server
	hits   atomic.Int64
	mu     sync.Mutex
	forms  []url.Values
	answer func(n int64, w http.ResponseWriter, r *http.Request)
}

func newAccountsServer(t *testing.T) *accountsServer {
	t.Helper()
	a := &accountsServer{}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := a.hits.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/oauth/v2/token" {
			t.Errorf("accounts server got %s %s, want POST /oauth/v2/token", r.Method, r.URL.Path)
		}
		if r.URL.RawQuery != "" {
			t.Errorf("accounts server got query %q; credentials belong in the body", r.URL.RawQuery)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type = %q", ct)
		}
		if err := r.ParseForm(); err != nil {
			t.Errorf("parse form: %v", err)
		}
		a.mu.Lock()
		a.forms = append(a.forms, r.PostForm)
		a.mu.Unlock()
		if a.answer != nil {
			a.answer(n, w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		fmt.Fprintf(w, `{"access_token":"tok%d","expires_in":3600,"api_domain":"https://www.zohoapis.com","token_type":"Bearer"}`, n)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

// apiServer is a fake Zoho API. It records the Authorization header of
// every request and answers with answer, or 200 "{}" when answer is nil or
// returns status 0.
type apiServer struct {
	srv    *httptest.Server
	mu     sync.Mutex
	auth   []string
	bodies []string
	answer func(n int, auth string) (status int, body string)
}

func newAPIServer(t *testing.T) *apiServer {
	t.Helper()
	s := &apiServer{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.auth)
		auth := r.Header.Get("Authorization")
		s.auth = append(s.auth, auth)
		s.bodies = append(s.bodies, string(body))
		s.mu.Unlock()
		status, out := 0, ""
		if s.answer != nil {
			status, out = s.answer(n, auth)
		}
		if status == 0 {
			status, out = http.StatusOK, "{}"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, out)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *apiServer) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}

// invalidToken is Zoho's answer to an expired or revoked access token.
const invalidToken = `{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`

// zohoBearer is how generated Zoho operations send the access token.
var zohoBearer = authScheme{kind: authBearer, prefix: "Zoho-oauthtoken"}

// newZohoClient returns a client whose data centre is the two fake servers
// and whose tokens come from the refresh token "rt".
func newZohoClient(t *testing.T, api *apiServer, acc *accountsServer, opts ...Option) *Client {
	t.Helper()
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	return newTestClient(t, api.srv, append([]Option{WithDataCenter(dc), WithZohoRefreshToken("id", "secret", "rt")}, opts...)...)
}

func get(ctx context.Context, c *Client) error {
	_, err := c.doJSON(ctx, &request{method: http.MethodGet, path: "/crm/v8/Leads", auth: zohoBearer}, nil)
	return err
}

func TestZohoRefreshTokenCaches(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	c := newZohoClient(t, api, acc)
	for range 3 {
		if err := get(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	if got := acc.hits.Load(); got != 1 {
		t.Errorf("accounts server hit %d times, want 1", got)
	}
	for i, auth := range api.seen() {
		if auth != "Zoho-oauthtoken tok1" {
			t.Errorf("request %d: Authorization = %q", i, auth)
		}
	}
	want := url.Values{"refresh_token": {"rt"}, "client_id": {"id"}, "client_secret": {"secret"}, "grant_type": {"refresh_token"}}
	if diff := diffQuery(want, acc.forms[0]); diff != "" {
		t.Errorf("refresh form %s", diff)
	}
}

// TestZohoRefreshTokenOptionOrder checks that the accounts URL is read when
// a token is needed, after every option, not when the option is applied.
func TestZohoRefreshTokenOptionOrder(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	dc := DataCenter{APIDomain: api.srv.URL, AccountsURL: acc.srv.URL}
	c := newTestClient(t, api.srv, WithZohoRefreshToken("id", "secret", "rt"), WithDataCenter(dc))
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if got := acc.hits.Load(); got != 1 {
		t.Errorf("accounts server hit %d times, want 1", got)
	}
}

// fakeClock is a settable clock for zohoTokens.now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// newZohoTokens returns the token cache WithZohoRefreshToken would install
// on a client of acc, with a fake clock.
func newZohoTokens(t *testing.T, acc *accountsServer) (*zohoTokens, *fakeClock) {
	t.Helper()
	c := newClient("https://www.zohoapis.com", []Option{WithDataCenter(DataCenter{AccountsURL: acc.srv.URL})})
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	return &zohoTokens{client: c, cfg: ZohoOAuth{ClientID: "id", ClientSecret: "secret", RefreshToken: "rt"}, refreshToken: "rt", now: clock.now}, clock
}

func TestZohoRefreshTokenExpiry(t *testing.T) {
	acc := newAccountsServer(t)
	z, clock := newZohoTokens(t, acc)
	want := func(tok string, hits int64) {
		t.Helper()
		got, err := z.token(context.Background())
		if err != nil || got != tok {
			t.Fatalf("token() = %q, %v; want %q", got, err, tok)
		}
		if n := acc.hits.Load(); n != hits {
			t.Fatalf("accounts server hit %d times, want %d", n, hits)
		}
	}
	want("tok1", 1)
	clock.advance(58 * time.Minute)
	want("tok1", 1)
	// A minute before expiry the token is replaced.
	clock.advance(time.Minute)
	want("tok2", 2)
	want("tok2", 2)
}

func TestZohoTokenLifetime(t *testing.T) {
	tests := []struct {
		body string
		want time.Duration
	}{
		{`{"expires_in":3600}`, time.Hour},
		{`{"expires_in":"120"}`, 2 * time.Minute},
		{`{"expires_in":3600000,"expires_in_sec":3600}`, time.Hour},
		{`{"expires_in":3600000}`, time.Hour},
		{`{"expires_in_sec":60}`, time.Minute},
		{`{}`, time.Hour},
		{`{"expires_in":0}`, time.Hour},
		{`{"expires_in":-5}`, time.Hour},
		{`{"expires_in":1.5}`, time.Hour},
	}
	for _, tt := range tests {
		var tr zohoTokenResponse
		if err := json.Unmarshal([]byte(tt.body), &tr); err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if got := tr.lifetime(); got != tt.want {
			t.Errorf("lifetime(%s) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestZohoShortLivedToken(t *testing.T) {
	acc := newAccountsServer(t)
	acc.answer = func(n int64, w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, `{"access_token":"tok%d","expires_in":60}`, n)
	}
	z, clock := newZohoTokens(t, acc)
	for _, step := range []struct {
		advance time.Duration
		want    string
	}{{0, "tok1"}, {29 * time.Second, "tok1"}, {time.Second, "tok2"}} {
		clock.advance(step.advance)
		if got, err := z.token(context.Background()); err != nil || got != step.want {
			t.Fatalf("after %v: token() = %q, %v; want %q", step.advance, got, err, step.want)
		}
	}
}

func TestZohoRefreshTokenConcurrent(t *testing.T) {
	acc := newAccountsServer(t)
	acc.answer = func(n int64, w http.ResponseWriter, _ *http.Request) {
		time.Sleep(20 * time.Millisecond)
		fmt.Fprintf(w, `{"access_token":"tok%d","expires_in":3600}`, n)
	}
	api := newAPIServer(t)
	c := newZohoClient(t, api, acc)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() { errs <- get(context.Background(), c) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := acc.hits.Load(); got != 1 {
		t.Errorf("accounts server hit %d times, want 1", got)
	}
	for _, auth := range api.seen() {
		if auth != "Zoho-oauthtoken tok1" {
			t.Errorf("Authorization = %q", auth)
		}
	}
}

// TestZohoRefreshWaiterOutlivesCanceledCaller checks that a caller whose
// context is fine does not fail because the refresh it waited for was
// canceled with its own caller's context.
func TestZohoRefreshWaiterOutlivesCanceledCaller(t *testing.T) {
	started := make(chan struct{})
	acc := newAccountsServer(t)
	acc.answer = func(n int64, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			close(started)
			<-r.Context().Done()
			return
		}
		fmt.Fprintf(w, `{"access_token":"tok%d","expires_in":3600}`, n)
	}
	z, _ := newZohoTokens(t, acc)
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := z.token(ctx)
		first <- err
	}()
	<-started
	second := make(chan string, 1)
	go func() {
		tok, err := z.token(context.Background())
		if err != nil {
			t.Error(err)
		}
		second <- tok
	}()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("canceled caller got %v, want context.Canceled", err)
	}
	if tok := <-second; tok != "tok2" {
		t.Errorf("waiting caller got %q, want tok2", tok)
	}
}

func TestZohoRefreshWaitHonoursContext(t *testing.T) {
	release := make(chan struct{})
	acc := newAccountsServer(t)
	acc.answer = func(n int64, w http.ResponseWriter, _ *http.Request) {
		<-release
		fmt.Fprintf(w, `{"access_token":"tok%d"}`, n)
	}
	defer close(release)
	z, _ := newZohoTokens(t, acc)
	go func() { _, _ = z.token(context.Background()) }()
	for acc.hits.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := z.token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("token() = %v, want context.DeadlineExceeded", err)
	}
}

func TestZohoRefreshErrors(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    ZohoTokenError
		message string
	}{
		{
			name:    "error with status 200",
			status:  200,
			body:    `{"error":"invalid_code"}`,
			want:    ZohoTokenError{Op: zohoOpRefresh, StatusCode: 200, Code: "invalid_code"},
			message: "refresh zoho access token: invalid_code",
		},
		{
			name:    "error with description",
			status:  400,
			body:    `{"error":"invalid_client","error_description":"Client ID\ndoes not exist"}`,
			want:    ZohoTokenError{Op: zohoOpRefresh, StatusCode: 400, Code: "invalid_client", Description: "Client ID\ndoes not exist"},
			message: "refresh zoho access token: invalid_client: Client ID does not exist",
		},
		{
			name:    "html error page",
			status:  502,
			body:    `<html>bad gateway</html>`,
			want:    ZohoTokenError{Op: zohoOpRefresh, StatusCode: 502},
			message: "refresh zoho access token: status 502 Bad Gateway, no access token",
		},
		{
			name:    "no token",
			status:  200,
			body:    `{"token_type":"Bearer"}`,
			want:    ZohoTokenError{Op: zohoOpRefresh, StatusCode: 200},
			message: "refresh zoho access token: status 200 OK, no access token",
		},
		{
			name:    "token with error status",
			status:  500,
			body:    `{"access_token":"x"}`,
			want:    ZohoTokenError{Op: zohoOpRefresh, StatusCode: 500},
			message: "refresh zoho access token: status 500 Internal Server Error, no access token",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc := newAccountsServer(t)
			acc.answer = func(_ int64, w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}
			api := newAPIServer(t)
			c := newZohoClient(t, api, acc)
			err := get(context.Background(), c)
			var te *ZohoTokenError
			if !errors.As(err, &te) {
				t.Fatalf("error = %v, want a *ZohoTokenError", err)
			}
			if *te != tt.want {
				t.Errorf("error = %+v, want %+v", *te, tt.want)
			}
			if got := te.Error(); got != tt.message {
				t.Errorf("Error() = %q, want %q", got, tt.message)
			}
			if !strings.HasPrefix(err.Error(), "token source: ") {
				t.Errorf("error %q does not say where it came from", err)
			}
			if n := len(api.seen()); n != 0 {
				t.Errorf("API got %d requests without a token", n)
			}
			// Failures are not cached: the next call asks again.
			_ = get(context.Background(), c)
			if n := acc.hits.Load(); n != 2 {
				t.Errorf("accounts server hit %d times, want 2", n)
			}
		})
	}
}

func TestZohoRefreshTransportErrorHidesCredentials(t *testing.T) {
	acc := newAccountsServer(t)
	acc.srv.Close()
	api := newAPIServer(t)
	c := newZohoClient(t, api, acc)
	err := get(context.Background(), c)
	if err == nil {
		t.Fatal("no error from a closed accounts server")
	}
	for _, s := range []string{"secret", "refresh_token"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error shows a credential: %v", err)
		}
	}
}

func TestZohoInvalidTokenRetriedOnce(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	api.answer = func(_ int, auth string) (int, string) {
		if auth == "Zoho-oauthtoken tok1" {
			return http.StatusUnauthorized, invalidToken
		}
		return 0, ""
	}
	c := newZohoClient(t, api, acc)
	r := &request{method: http.MethodPost, path: "/crm/v8/Leads", auth: zohoBearer}
	if err := r.setJSON(map[string]string{"Last_Name": "Smith"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.doJSON(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(api.seen(), ","), "Zoho-oauthtoken tok1,Zoho-oauthtoken tok2"; got != want {
		t.Errorf("Authorization headers = %s, want %s", got, want)
	}
	api.mu.Lock()
	if api.bodies[1] != api.bodies[0] || api.bodies[1] == "" {
		t.Errorf("bodies = %q, want the same body twice", api.bodies)
	}
	api.mu.Unlock()
	// The fresh token is cached for the calls that follow.
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if n := acc.hits.Load(); n != 2 {
		t.Errorf("accounts server hit %d times, want 2", n)
	}
}

func TestZohoInvalidTokenNotRetriedTwice(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	api.answer = func(int, string) (int, string) { return http.StatusUnauthorized, invalidToken }
	c := newZohoClient(t, api, acc, WithRetry(fast))
	err := get(context.Background(), c)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnauthorized || ae.Code != "INVALID_TOKEN" {
		t.Fatalf("error = %v, want a 401 INVALID_TOKEN APIError", err)
	}
	if got, want := strings.Join(api.seen(), ","), "Zoho-oauthtoken tok1,Zoho-oauthtoken tok2"; got != want {
		t.Errorf("Authorization headers = %s, want %s", got, want)
	}
}

func TestZohoInvalidTokenRetryOutsideRetryPolicy(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	api.answer = func(n int, _ string) (int, string) {
		switch n {
		case 0:
			return http.StatusUnauthorized, invalidToken
		case 1:
			return http.StatusServiceUnavailable, `{"code":"INTERNAL_ERROR"}`
		}
		return 0, ""
	}
	c := newZohoClient(t, api, acc, WithRetry(RetryPolicy{MaxAttempts: 2, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
	if err := get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(api.seen(), ","), "Zoho-oauthtoken tok1,Zoho-oauthtoken tok2,Zoho-oauthtoken tok2"; got != want {
		t.Errorf("Authorization headers = %s, want %s", got, want)
	}
}

func TestZohoNoRetryWithoutFreshTokenHope(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		r      *request
	}{
		{"other 401 code", 401, `{"code":"OAUTH_SCOPE_MISMATCH","message":"invalid oauth scope"}`, &request{method: "GET", auth: zohoBearer}},
		{"INVALID_TOKEN with another status", 400, invalidToken, &request{method: "GET", auth: zohoBearer}},
		{"operation without a token", 401, invalidToken, &request{method: "GET"}},
		{"streamed body", 401, invalidToken, func() *request {
			r := &request{method: "POST", auth: zohoBearer}
			r.setReader(strings.NewReader("data"), "")
			return r
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, acc := newAPIServer(t), newAccountsServer(t)
			api.answer = func(int, string) (int, string) { return tt.status, tt.body }
			c := newZohoClient(t, api, acc)
			_, err := c.doJSON(context.Background(), tt.r, nil)
			var ae *APIError
			if !errors.As(err, &ae) || ae.StatusCode != tt.status {
				t.Fatalf("error = %v, want a %d APIError", err, tt.status)
			}
			if n := len(api.seen()); n != 1 {
				t.Errorf("API got %d requests, want 1", n)
			}
		})
	}
}

// TestZohoReauthKeepsNewerToken checks that a request that failed with a
// token older than the cached one does not throw the newer one away.
func TestZohoReauthKeepsNewerToken(t *testing.T) {
	z := &zohoTokens{tok: "new", expiry: time.Now().Add(time.Hour), now: time.Now}
	e := &APIError{StatusCode: 401, Code: "INVALID_TOKEN"}
	old := httptest.NewRequest("GET", "/", nil)
	old.Header.Set("Authorization", "Zoho-oauthtoken old")
	if !z.reauth(old, e) {
		t.Error("reauth = false, want a retry")
	}
	if z.tok != "new" {
		t.Errorf("cached token = %q, want it kept", z.tok)
	}
	cur := httptest.NewRequest("GET", "/?access_token=new", nil)
	if !z.reauth(cur, e) {
		t.Error("reauth = false, want a retry")
	}
	if z.tok != "" {
		t.Errorf("cached token = %q, want it dropped", z.tok)
	}
}

func TestCarriesToken(t *testing.T) {
	tests := []struct {
		header, target string
		want           bool
	}{
		{"Zoho-oauthtoken abc", "/", true},
		{"abc", "/", true},
		{"Zoho-oauthtoken xabc", "/", false},
		{"", "/?access_token=abc", true},
		{"", "/?access_token=Zoho-oauthtoken+abc", true},
		{"", "/?q=abcd", false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", tt.target, nil)
		if tt.header != "" {
			req.Header.Set("X-Auth", tt.header)
		}
		if got := carriesToken(req, "abc"); got != tt.want {
			t.Errorf("carriesToken(%q, %q) = %v, want %v", tt.header, tt.target, got, tt.want)
		}
	}
}
