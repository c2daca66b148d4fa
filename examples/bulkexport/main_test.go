package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
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

// fakeZoho is a local stand-in for a Zoho accounts server and the bulk
// read API of one data centre. It exports its leads in pages of perPage
// records, as Zoho does with 200,000, and cuts the first download of each
// result halfway through.
type fakeZoho struct {
	t       *testing.T
	leads   [][]string
	perPage int
	// fail makes every job end FAILED.
	fail bool

	mu sync.Mutex
	// jobs holds the query of each job created, polls the status calls
	// of each and downloads the download requests.
	jobs      []map[string]any
	polls     map[string]int
	downloads []string
}

// header is the CSV header of the fake's exports.
var header = []string{"Id", "Last_Name", "Email"}

func newFake(t *testing.T, n, perPage int) (*fakeZoho, *httptest.Server) {
	f := &fakeZoho{t: t, perPage: perPage, polls: map[string]int{}}
	for i := 1; i <= n; i++ {
		f.leads = append(f.leads, []string{strconv.Itoa(5843104000000000000 + i), fmt.Sprintf("Lovelace, %d", i), fmt.Sprintf("ada%d@example.com", i)})
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

// page returns the page a job reads: its page number, or the one its
// page_token names.
func (f *fakeZoho) page(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "job"))
	q := f.jobs[n-1]
	if tok, ok := q["page_token"].(string); ok {
		p, _ := strconv.Atoi(strings.TrimPrefix(tok, "next-"))
		return p
	}
	p, _ := q["page"].(float64)
	return int(p)
}

// pageRows returns the leads of page p.
func (f *fakeZoho) pageRows(p int) [][]string {
	start := min((p-1)*f.perPage, len(f.leads))
	return f.leads[start:min(start+f.perPage, len(f.leads))]
}

func (f *fakeZoho) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	if r.URL.Path == "/oauth/v2/token" {
		if r.ParseForm() != nil || r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testSecret || r.PostForm.Get("refresh_token") != testRefresh {
			fmt.Fprint(w, `{"error":"invalid_code"}`)
			return
		}
		fmt.Fprintf(w, `{"access_token":%q,"api_domain":"http://%s","token_type":"Bearer","expires_in":3600}`, testAccess, r.Host)
		return
	}
	if got := r.Header.Get("Authorization"); got != "Zoho-oauthtoken "+testAccess {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`)
		return
	}
	path := r.URL.Path
	switch {
	case r.Method == http.MethodPost && path == "/crm/bulk/v8/read":
		var body struct {
			Query    map[string]any `json:"query"`
			FileType string         `json:"file_type"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.FileType != "csv" {
			f.t.Errorf("create job: body %+v, %v", body, err)
		}
		f.jobs = append(f.jobs, body.Query)
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"data":[{"status":"success","code":"ADDED_SUCCESSFULLY","message":"Added successfully.","details":{"id":"job%d","operation":"read","state":"ADDED"}}],"info":{}}`, len(f.jobs))
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/crm/bulk/v8/read/") && !strings.HasSuffix(path, "/result"):
		id := strings.TrimPrefix(path, "/crm/bulk/v8/read/")
		f.polls[id]++
		switch {
		case f.polls[id] == 1:
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"IN PROGRESS"}]}`, id)
		case f.fail:
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"FAILED","code":"INTERNAL_ERROR","message":"the export could not be completed"}]}`, id)
		default:
			p := f.page(id)
			more := p*f.perPage < len(f.leads)
			token := ""
			if more && p >= 2 {
				// Zoho hands out a token for the pages beyond the first
				// ones; the client must send it instead of a page number.
				token = fmt.Sprintf("next-%d", p+1)
			}
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"COMPLETED","result":{"page":%d,"count":%d,"download_url":"/crm/bulk/v8/read/%s/result","per_page":%d,"more_records":%t,"next_page_token":%q}}]}`,
				id, p, len(f.pageRows(p)), id, f.perPage, more, token)
		}
	case r.Method == http.MethodGet && strings.HasSuffix(path, "/result"):
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/crm/bulk/v8/read/"), "/result")
		first := true
		for _, d := range f.downloads {
			first = first && d != id
		}
		f.downloads = append(f.downloads, id)
		data := f.zip(id, f.pageRows(f.page(id)))
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		if first {
			// The connection drops halfway through the archive.
			w.Write(data[:len(data)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		w.Write(data)
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}`)
	}
}

// zip returns the archive Zoho serves for a job: {id}.csv with the header
// and rows.
func (f *fakeZoho) zip(id string, rows [][]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(id + ".csv")
	if err != nil {
		f.t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(append([][]string{header}, rows...)); err != nil {
		f.t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		f.t.Fatal(err)
	}
	return buf.Bytes()
}

// env returns a getenv with the test credentials, without the names given.
func env(without ...string) func(string) string {
	vars := map[string]string{"ZOHO_CLIENT_ID": testClientID, "ZOHO_CLIENT_SECRET": testSecret, "ZOHO_REFRESH_TOKEN": testRefresh}
	for _, k := range without {
		delete(vars, k)
	}
	return func(k string) string { return vars[k] }
}

// runAgainst runs the program against srv with args.
func runAgainst(srv *httptest.Server, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	args = append([]string{"-api-domain", srv.URL, "-accounts-url", srv.URL, "-poll", "1ms"}, args...)
	code := run(context.Background(), args, env(), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExportCSV(t *testing.T) {
	f, srv := newFake(t, 7, 3)
	code, stdout, stderr := runAgainst(srv, "-fields", "Last_Name,Email")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	cw.WriteAll(append([][]string{header}, f.leads...))
	if stdout != want.String() {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want.String())
	}
	// Pages 1 and 2 by number, page 3 by the token Zoho gave with page 2.
	if len(f.jobs) != 3 || f.jobs[0]["page"] != 1.0 || f.jobs[1]["page"] != 2.0 || f.jobs[2]["page_token"] != "next-3" || f.jobs[2]["page"] != nil {
		t.Errorf("jobs = %v", f.jobs)
	}
	if got := f.jobs[0]["fields"]; fmt.Sprint(got) != "[Last_Name Email]" {
		t.Errorf("fields = %v", got)
	}
	// Every archive was cut once and fetched again.
	if want := "job1 job1 job2 job2 job3 job3"; strings.Join(f.downloads, " ") != want {
		t.Errorf("downloads = %q, want %q", f.downloads, want)
	}
	for _, line := range []string{
		"bulkexport: job job1, page 1: ADDED, 0 rows\n",
		"bulkexport: job job1, page 1: IN PROGRESS, 0 rows\n",
		"bulkexport: job job1, page 1: COMPLETED, 3 rows\n",
		"bulkexport: job job3, page 3: COMPLETED, 7 rows\n",
	} {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr)
		}
	}
}

func TestExportJSONLines(t *testing.T) {
	f, srv := newFake(t, 2, 5)
	code, stdout, stderr := runAgainst(srv, "-format", "jsonl", "-q")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	want := fmt.Sprintf(`{"Id":%q,"Last_Name":"Lovelace, 1","Email":"ada1@example.com"}`+"\n"+`{"Id":%q,"Last_Name":"Lovelace, 2","Email":"ada2@example.com"}`+"\n", f.leads[0][0], f.leads[1][0])
	if stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
}

func TestExportFailedJob(t *testing.T) {
	f, srv := newFake(t, 2, 5)
	f.fail = true
	code, stdout, stderr := runAgainst(srv, "-q")
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	if want := "bulkexport: bulk read job job1: FAILED: INTERNAL_ERROR: the export could not be completed\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestExportCancelled(t *testing.T) {
	_, srv := newFake(t, 2, 5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"-api-domain", srv.URL, "-accounts-url", srv.URL, "-q"}, env(), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("exit %d, stderr %q; want 1 and the context's error", code, stderr.String())
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		getenv func(string) string
		code   int
		stderr string
	}{
		{"help", []string{"-h"}, env(), 0, "usage: bulkexport"},
		{"no credentials", nil, env("ZOHO_CLIENT_ID"), 2, "bulkexport: set ZOHO_CLIENT_ID in the environment\n"},
		{"format", []string{"-format", "xml"}, env(), 2, `bulkexport: -format "xml": want csv or jsonl` + "\n"},
		{"data centre", []string{"-dc", "mars"}, env(), 2, `bulkexport: -dc "mars": want us, eu, in, au, jp, ca, cn or sa` + "\n"},
		{"poll", []string{"-poll", "0s"}, env(), 2, "bulkexport: -poll 0s: want more than 0\n"},
		{"argument", []string{"Contacts"}, env(), 2, `bulkexport: unexpected argument "Contacts"` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, tc.getenv, &stdout, &stderr)
			if code != tc.code || !strings.HasPrefix(stderr.String(), tc.stderr) || stdout.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q; want %d and %q", code, stderr.String(), stdout.String(), tc.code, tc.stderr)
			}
		})
	}
}
