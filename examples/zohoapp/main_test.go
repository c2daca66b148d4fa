package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The credentials of the tests. They are made up; a local server checks
// them.
const (
	testClientID = "1000.TESTCLIENT"
	testSecret   = "test-secret"
	testRefresh  = "1000.test-refresh"
	testAccess   = "1000.test-access"
)

// fakeZoho is a local stand-in for a Zoho accounts server and the records
// API of one data centre. It serves the leads in pages.
type fakeZoho struct {
	t     *testing.T
	leads []map[string]any

	mu sync.Mutex
	// tokens and pages count the token requests and the list requests.
	tokens, pages int
	// form is the body of the last token request.
	form url.Values
	// perPage holds the per_page of each list request, and tokenUsed
	// whether it sent page_token.
	perPage   []string
	tokenUsed []bool
}

// window returns the first record and the page size a list request asks
// for, by page and per_page or by page_token, as Zoho reads them: page
// numbers reach the first 2,000 records only, and a token comes without a
// page number.
func (f *fakeZoho) window(q url.Values) (start, perPage int, err error) {
	perPage, err = strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage < 1 || perPage > 200 {
		return 0, 0, fmt.Errorf("per_page %q", q.Get("per_page"))
	}
	if q.Has("page_token") {
		if q.Has("page") {
			return 0, 0, errors.New("page and page_token together")
		}
		var size int
		if _, err := fmt.Sscanf(q.Get("page_token"), "t%d.%d", &start, &size); err != nil || size != perPage {
			return 0, 0, fmt.Errorf("page_token %q for per_page %d", q.Get("page_token"), perPage)
		}
		return start, perPage, nil
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		return 0, 0, fmt.Errorf("page %q", q.Get("page"))
	}
	start = (page - 1) * perPage
	if start+perPage > 2000 {
		return 0, 0, errors.New("page beyond the 2,000th record; use page_token")
	}
	return start, perPage, nil
}

func (f *fakeZoho) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/oauth/v2/token":
		f.tokens++
		if err := r.ParseForm(); err != nil {
			f.t.Errorf("token request: %v", err)
		}
		if r.URL.RawQuery != "" {
			f.t.Errorf("token request has a query string %q; credentials belong in the body", r.URL.RawQuery)
		}
		f.form = r.PostForm
		// Zoho answers a refused refresh with 200 and an error field.
		if r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testSecret || r.PostForm.Get("refresh_token") != testRefresh {
			fmt.Fprint(w, `{"error":"invalid_code"}`)
			return
		}
		fmt.Fprintf(w, `{"access_token":%q,"api_domain":"https://www.zohoapis.eu","token_type":"Bearer","expires_in":3600}`, testAccess)
	case r.Method == http.MethodGet && r.URL.Path == "/crm/v8/Leads":
		f.pages++
		if got, want := r.Header.Get("Authorization"), "Zoho-oauthtoken "+testAccess; got != want {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"code":"AUTHENTICATION_FAILURE","details":{},"message":"Authentication failed","status":"error"}`)
			return
		}
		q := r.URL.Query()
		if got := q.Get("fields"); got != "First_Name,Last_Name" {
			f.t.Errorf("fields = %q", got)
		}
		f.perPage = append(f.perPage, q.Get("per_page"))
		f.tokenUsed = append(f.tokenUsed, q.Has("page_token"))
		start, perPage, err := f.window(q)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"code":"INVALID_DATA","details":{},"message":%q,"status":"error"}`, err.Error())
			return
		}
		start = min(start, len(f.leads))
		end := min(start+perPage, len(f.leads))
		info := map[string]any{
			"per_page":     perPage,
			"count":        end - start,
			"more_records": end < len(f.leads),
		}
		if end < len(f.leads) {
			// The fake's tokens name the next record and the page size.
			info["next_page_token"] = fmt.Sprintf("t%d.%d", end, perPage)
		}
		body, err := json.Marshal(map[string]any{"data": f.leads[start:end], "info": info})
		if err != nil {
			f.t.Error(err)
		}
		w.Write(body)
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusNotFound)
	}
}

// lead returns a lead as Zoho lists it; first may be nil.
func lead(id string, first any, last string) map[string]any {
	return map[string]any{"id": id, "First_Name": first, "Last_Name": last}
}

// env returns a getenv that knows the test credentials, less the names in
// unset.
func env(unset ...string) func(string) string {
	vars := map[string]string{"ZOHO_CLIENT_ID": testClientID, "ZOHO_CLIENT_SECRET": testSecret, "ZOHO_REFRESH_TOKEN": testRefresh}
	for _, k := range unset {
		delete(vars, k)
	}
	return func(k string) string { return vars[k] }
}

// start serves f and returns the flags that point the program at it.
func start(t *testing.T, f *fakeZoho) []string {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return []string{"-api-domain", srv.URL, "-accounts-url", srv.URL}
}

func TestRunPrintsLeads(t *testing.T) {
	f := &fakeZoho{leads: []map[string]any{
		lead("1", "Ada", "Lovelace"),
		lead("2", nil, "Hopper"),
		lead("3", "Alan", "Turing"),
	}}
	args := start(t, f)
	var stdout, stderr strings.Builder
	code := run(context.Background(), args, env(), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if want := "Ada Lovelace\nHopper\nAlan Turing\n"; stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	if f.tokens != 1 {
		t.Errorf("%d token requests, want 1", f.tokens)
	}
	want := url.Values{"grant_type": {"refresh_token"}, "client_id": {testClientID}, "client_secret": {testSecret}, "refresh_token": {testRefresh}}
	if f.form.Encode() != want.Encode() {
		t.Errorf("token request form: %s, want %s", f.form.Encode(), want.Encode())
	}
}

func TestRunPages(t *testing.T) {
	var leads []map[string]any
	for i := range 2450 {
		leads = append(leads, lead(strconv.Itoa(i), "Lead", strconv.Itoa(i)))
	}
	tests := []struct {
		max   string
		lines int
		// perPage has the per_page of each list request.
		perPage []string
	}{
		{"5", 5, []string{"5"}},
		{"200", 200, []string{"200"}},
		{"250", 250, []string{"200", "200"}},
		// Every lead: past the 2,000th, only page_token reaches them.
		{"0", 2450, slices.Repeat([]string{"200"}, 13)},
		{"3000", 2450, slices.Repeat([]string{"200"}, 13)},
	}
	for _, tt := range tests {
		t.Run(tt.max, func(t *testing.T) {
			f := &fakeZoho{leads: leads}
			args := append(start(t, f), "-max", tt.max)
			var stdout, stderr strings.Builder
			if code := run(context.Background(), args, env(), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			for i, line := range lines {
				if want := "Lead " + strconv.Itoa(i); line != want {
					t.Fatalf("line %d is %q, want %q", i+1, line, want)
				}
			}
			if len(lines) != tt.lines {
				t.Errorf("printed %d leads, want %d", len(lines), tt.lines)
			}
			if !slices.Equal(f.perPage, tt.perPage) {
				t.Errorf("per_page of the requests: %v, want %v", f.perPage, tt.perPage)
			}
			if len(f.tokenUsed) > 0 && f.tokenUsed[0] {
				t.Errorf("the first request sent page_token")
			}
			if f.tokens != 1 {
				t.Errorf("%d token requests, want 1", f.tokens)
			}
		})
	}
}

func TestRunRefusedToken(t *testing.T) {
	f := &fakeZoho{}
	args := start(t, f)
	var stdout, stderr strings.Builder
	getenv := func(k string) string {
		if k == "ZOHO_REFRESH_TOKEN" {
			return "1000.revoked"
		}
		return env()(k)
	}
	code := run(context.Background(), args, getenv, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if got := stderr.String(); !strings.HasPrefix(got, "zohoapp: list leads: ") || !strings.HasSuffix(got, "refresh zoho access token: invalid_code\n") {
		t.Errorf("stderr = %q, want the list error with Zoho's code", got)
	}
	if strings.Contains(stderr.String(), "1000.revoked") || strings.Contains(stderr.String(), testSecret) {
		t.Errorf("stderr shows a credential: %q", stderr.String())
	}
	if stdout.Len() != 0 || f.pages != 0 {
		t.Errorf("stdout %q after %d list requests, want nothing", stdout.String(), f.pages)
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		getenv func(string) string
		code   int
		stderr string
	}{
		{"help", []string{"-h"}, env(), 0, "usage: zohoapp"},
		{"no credentials", nil, env("ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN"), 2, "zohoapp: set ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN in the environment\n"},
		{"unknown data centre", []string{"-dc", "mars"}, env(), 2, `zohoapp: -dc "mars": want us, eu, in, au, jp, ca, cn or sa` + "\n"},
		{"negative max", []string{"-max", "-1"}, env(), 2, "zohoapp: -max -1: want 0 or more\n"},
		{"argument", []string{"Contacts"}, env(), 2, `zohoapp: unexpected argument "Contacts"` + "\n"},
		{"unknown flag", []string{"-module", "Contacts"}, env(), 2, "flag provided but not defined: -module"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(context.Background(), tt.args, tt.getenv, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if !strings.HasPrefix(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to start with %q", stderr.String(), tt.stderr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestParseDataCenter(t *testing.T) {
	cfg, err := parse([]string{"-dc", "US"}, env(), &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.dc.APIDomain != "https://www.zohoapis.com" || cfg.dc.AccountsURL != "https://accounts.zoho.com" {
		t.Errorf("-dc US gives %+v", cfg.dc)
	}
	cfg, err = parse(nil, env(), &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.dc.APIDomain != "https://www.zohoapis.eu" || cfg.dc.AccountsURL != "https://accounts.zoho.eu" {
		t.Errorf("the default data centre is %+v, want the EU one", cfg.dc)
	}
}
