package runtime

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBulk plays Zoho's bulk read and bulk write APIs for the tests.
type fakeBulk struct {
	t *testing.T
	// pages are the CSV rows (header first) of each bulk read page; a job
	// for page i (or for the token "tok<i>") serves pages[i-1].
	pages [][][]string
	// polls is how many status calls answer IN PROGRESS before the job
	// completes.
	polls int
	// fail makes every job end FAILED.
	fail bool
	// cutOnce cuts the first download of each result halfway.
	cutOnce bool
	// ranges makes downloads honour Range headers.
	ranges bool
	// limited answers the first status call of each job with a 429.
	limited bool
	// exhausted says on the first status call of each job that no call is
	// left in the rate-limit window, which ends a second later.
	exhausted bool
	// refuse answers the first call of each POST endpoint with a 429.
	refuse bool
	// noRanges answers a Range request with 416.
	noRanges bool
	// writeResult are the rows (header first) of the bulk write result.
	writeResult [][]string

	mu        sync.Mutex
	created   []map[string]any
	statuses  map[string]int
	downloads []string
	uploads   [][]string
	pollTimes []time.Time
	auth      []string
}

func (f *fakeBulk) server() *httptest.Server {
	f.statuses = map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	f.t.Cleanup(srv.Close)
	return srv
}

func (f *fakeBulk) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	path := r.URL.Path
	if r.Method == http.MethodPost && f.refuse && f.statuses["POST "+path] == 0 {
		f.statuses["POST "+path]++
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"code":"TOO_MANY_REQUESTS","details":{},"message":"too many requests","status":"error"}`)
		return
	}
	switch {
	case r.Method == http.MethodPost && path == "/crm/bulk/v8/read":
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Errorf("create bulk read: %v", err)
		}
		f.created = append(f.created, body)
		id := fmt.Sprintf("job%d", len(f.created))
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"data":[{"status":"success","code":"ADDED_SUCCESSFULLY","message":"Added successfully.","details":{"id":%q,"operation":"read","state":"ADDED"}}],"info":{}}`, id)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/crm/bulk/v8/read/") && !strings.HasSuffix(path, "/result"):
		id := strings.TrimPrefix(path, "/crm/bulk/v8/read/")
		n := f.statuses[id]
		f.statuses[id]++
		f.pollTimes = append(f.pollTimes, time.Now())
		if f.exhausted && n == 0 {
			w.Header().Set("X-RATELIMIT-LIMIT", "100")
			w.Header().Set("X-RATELIMIT-REMAINING", "0")
			w.Header().Set("X-RATELIMIT-RESET", "1")
		}
		if f.limited && n == 0 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"code":"TOO_MANY_REQUESTS","details":{},"message":"too many requests","status":"error"}`)
			return
		}
		if f.limited {
			n--
		}
		switch {
		case n < f.polls:
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"IN PROGRESS"}]}`, id)
		case f.fail:
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"FAILED","code":"INTERNAL_ERROR","message":"the export could not be completed"}]}`, id)
		default:
			page := f.pageOf(id)
			more := page < len(f.pages)
			fmt.Fprintf(w, `{"data":[{"id":%q,"operation":"read","state":"COMPLETED","result":{"page":%d,"count":%d,"download_url":"/crm/bulk/v8/read/%s/result","per_page":200000,"more_records":%t,"next_page_token":%q}}]}`,
				id, page, len(f.pages[page-1])-1, id, more, "tok"+strconv.Itoa(page+1))
		}
	case r.Method == http.MethodGet && strings.HasSuffix(path, "/result"):
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/crm/bulk/v8/read/"), "/result")
		f.serveZip(w, r, id, zipCSV(f.t, id+".csv", f.pages[f.pageOf(id)-1]))
	case r.Method == http.MethodPost && path == "/crm/v8/upload":
		f.upload(w, r)
	case r.Method == http.MethodPost && path == "/crm/bulk/v8/write":
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Errorf("create bulk write: %v", err)
		}
		f.created = append(f.created, body)
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"status":"success","code":"SUCCESS","message":"success","details":{"id":"wjob1","created_by":{"name":"Ada","id":"1"}}}`)
	case r.Method == http.MethodGet && path == "/crm/bulk/v8/write/wjob1":
		n := f.statuses["wjob1"]
		f.statuses["wjob1"]++
		switch {
		case n < f.polls:
			fmt.Fprint(w, `{"status":"IN PROGRESS","id":"wjob1","operation":"insert","resource":[{"status":"IN PROGRESS","type":"data","module":{"api_name":"Leads"}}]}`)
		case f.fail:
			fmt.Fprint(w, `{"status":"FAILED","id":"wjob1","operation":"insert","resource":[{"status":"FAILED","type":"data","code":"INVALID_DATA","message":"invalid mapping. invalid api_name ast_Name."}]}`)
		default:
			fmt.Fprintf(w, `{"status":"COMPLETED","id":"wjob1","operation":"insert","resource":[{"status":"COMPLETED","type":"data","module":{"api_name":"Leads"},"file":{"status":"COMPLETED","name":"Leads.csv","added_count":2,"skipped_count":1,"updated_count":0,"total_count":3}}],"result":{"download_url":"http://%s/v2/crm/7/bulk-write/wjob1/wjob1.zip"}}`, r.Host)
		}
	case r.Method == http.MethodGet && path == "/v2/crm/7/bulk-write/wjob1/wjob1.zip":
		f.serveZip(w, r, "wjob1", zipCSV(f.t, "wjob1.csv", f.writeResult))
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}`)
	}
}

// pageOf returns the page a bulk read job reads, from its create body.
func (f *fakeBulk) pageOf(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "job"))
	q := f.created[n-1]["query"].(map[string]any)
	if tok, ok := q["page_token"].(string); ok {
		p, _ := strconv.Atoi(strings.TrimPrefix(tok, "tok"))
		return p
	}
	return int(q["page"].(float64))
}

// serveZip sends data, honouring a Range header when f.ranges is set, and
// cutting the connection halfway through the first download of id when
// f.cutOnce is set.
func (f *fakeBulk) serveZip(w http.ResponseWriter, r *http.Request, id string, data []byte) {
	f.downloads = append(f.downloads, id+" "+r.Header.Get("Range"))
	first := !slices.ContainsFunc(f.downloads[:len(f.downloads)-1], func(d string) bool { return strings.HasPrefix(d, id+" ") })
	w.Header().Set("Content-Type", "application/zip")
	if f.noRanges && r.Header.Get("Range") != "" {
		w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
		return
	}
	start := 0
	if rg := r.Header.Get("Range"); f.ranges && rg != "" {
		start, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(data)-1, len(data)))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)-start))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(data[start:])
		return
	}
	if f.ranges {
		w.Header().Set("Accept-Ranges", "bytes")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if f.cutOnce && first {
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	w.Write(data)
}

// upload checks a bulk write upload and records the rows of its CSV.
func (f *fakeBulk) upload(w http.ResponseWriter, r *http.Request) {
	if got := r.Header.Get("feature"); got != "bulk-write" {
		f.t.Errorf("upload: feature = %q, want bulk-write", got)
	}
	if got := r.Header.Get("X-CRM-ORG"); got != "700214386" {
		f.t.Errorf("upload: X-CRM-ORG = %q", got)
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		f.t.Errorf("upload: %v", err)
		return
	}
	data, _ := io.ReadAll(file)
	if hdr.Header.Get("Content-Type") != "application/zip" {
		f.t.Errorf("upload: part Content-Type = %q", hdr.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) != 1 {
		f.t.Errorf("upload: not a ZIP of one file: %v", err)
		return
	}
	rc, _ := zr.File[0].Open()
	f.uploads, err = csv.NewReader(rc).ReadAll()
	if err != nil {
		f.t.Errorf("upload: CSV: %v", err)
	}
	fmt.Fprint(w, `{"status":"success","code":"FILE_UPLOAD_SUCCESS","message":"file uploaded.","details":{"file_id":"5843104000001912003","created_time":"2024-03-12T11:02:47+05:30"}}`)
}

// zipCSV returns a ZIP archive holding rows as the CSV file name.
func zipCSV(t *testing.T, name string, rows [][]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// leadRows returns a header and n rows of leads starting at from.
func leadRows(from, n int) [][]string {
	rows := [][]string{{"Id", "Last_Name", "Email"}}
	for i := from; i < from+n; i++ {
		rows = append(rows, []string{strconv.Itoa(i), "Lovelace " + strconv.Itoa(i), fmt.Sprintf("ada%d@example.com", i)})
	}
	return rows
}

// fastPolls are options that poll without waiting long.
func fastPolls(progress func(BulkProgress)) *BulkOptions {
	return &BulkOptions{PollInterval: time.Millisecond, MaxPollInterval: 4 * time.Millisecond, Progress: progress}
}

// collectBulk runs a bulk read and returns the rows' values and the first error.
func collectBulk(t *testing.T, c *Client, q BulkReadQuery, o *BulkOptions) ([][]string, []string, error) {
	t.Helper()
	var rows [][]string
	var header []string
	for row, err := range c.BulkReadRows(context.Background(), q, o) {
		if err != nil {
			return rows, header, err
		}
		header = row.Header
		rows = append(rows, row.Values)
	}
	return rows, header, nil
}

func TestBulkReadRowsFollowsPages(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 3), leadRows(4, 2)}, polls: 2}
	srv := f.server()
	c := newClient(srv.URL, []Option{WithToken("tkn")})
	var progress []BulkProgress
	q := BulkReadQuery{
		Module: "Leads",
		Fields: []string{"Last_Name", "Email"},
		Criteria: &BulkCriteria{GroupOperator: "and", Group: []BulkCriteria{
			{Field: "Lead_Source", Comparator: "equal", Value: "Trade Show"},
			{Field: "Company", Comparator: "in", Value: []string{"North", "South"}},
		}},
	}
	rows, header, err := collectBulk(t, c, q, fastPolls(func(p BulkProgress) { progress = append(progress, p) }))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Id", "Last_Name", "Email"}; !slices.Equal(header, want) {
		t.Errorf("header = %q, want %q", header, want)
	}
	want := append(leadRows(1, 3)[1:], leadRows(4, 2)[1:]...)
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
	if len(f.created) != 2 {
		t.Fatalf("%d jobs created, want 2", len(f.created))
	}
	first, _ := json.Marshal(f.created[0])
	wantFirst := `{"file_type":"csv","query":{"criteria":{"group":[{"comparator":"equal","field":{"api_name":"Lead_Source"},"value":"Trade Show"},{"comparator":"in","field":{"api_name":"Company"},"value":["North","South"]}],"group_operator":"and"},"fields":["Last_Name","Email"],"module":{"api_name":"Leads"},"page":1}}`
	if string(first) != wantFirst {
		t.Errorf("first job body = %s\nwant %s", first, wantFirst)
	}
	q2 := f.created[1]["query"].(map[string]any)
	if q2["page_token"] != "tok2" || q2["page"] != nil {
		t.Errorf("second job query = %v, want page_token tok2 and no page", q2)
	}
	for _, a := range f.auth {
		if a != "Zoho-oauthtoken tkn" {
			t.Errorf("Authorization = %q", a)
		}
	}
	// ADDED, IN PROGRESS twice, COMPLETED, then the rows read, per job.
	var states []string
	for _, p := range progress {
		states = append(states, fmt.Sprintf("%s %s p%d %d", p.JobID, p.State, p.Page, p.Rows))
	}
	wantStates := []string{
		"job1 ADDED p1 0", "job1 IN PROGRESS p1 0", "job1 IN PROGRESS p1 0", "job1 COMPLETED p1 0", "job1 COMPLETED p1 3",
		"job2 ADDED p2 3", "job2 IN PROGRESS p2 3", "job2 IN PROGRESS p2 3", "job2 COMPLETED p2 3", "job2 COMPLETED p2 5",
	}
	if !slices.Equal(states, wantStates) {
		t.Errorf("progress =\n%q\nwant\n%q", states, wantStates)
	}
}

func TestBulkReadRowsDroppedDownload(t *testing.T) {
	for _, ranges := range []bool{true, false} {
		t.Run("ranges="+strconv.FormatBool(ranges), func(t *testing.T) {
			f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 500)}, cutOnce: true, ranges: ranges}
			c := newClient(f.server().URL, []Option{WithToken("tkn")})
			rows, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, fastPolls(nil))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(rows, leadRows(1, 500)[1:], slices.Equal) {
				t.Errorf("got %d rows, want the 500 served", len(rows))
			}
			if len(f.downloads) != 2 {
				t.Fatalf("downloads = %q, want 2", f.downloads)
			}
			// The client asks for the rest; a server without ranges sends
			// the whole archive again, which the client starts over with.
			asked := strings.HasPrefix(f.downloads[1], "job1 bytes=") && f.downloads[1] != "job1 bytes=0-"
			if !asked {
				t.Errorf("second download = %q, want a Range from the bytes kept", f.downloads[1])
			}
		})
	}
}

func TestBulkReadRowsDownloadGivesUp(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 100)}, cutOnce: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	_, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, &BulkOptions{PollInterval: time.Millisecond, DownloadAttempts: 1})
	if err == nil || !strings.Contains(err.Error(), "bulk read job job1: download: 1 attempts") {
		t.Errorf("err = %v, want the download to give up after 1 attempt", err)
	}
}

func TestBulkReadRowsFailedJob(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 1)}, polls: 1, fail: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	_, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, fastPolls(nil))
	var je *BulkJobError
	if !errors.As(err, &je) {
		t.Fatalf("err = %v, want a *BulkJobError", err)
	}
	want := BulkJobError{Operation: "read", JobID: "job1", State: "FAILED", Code: "INTERNAL_ERROR", Message: "the export could not be completed"}
	if *je != want {
		t.Errorf("error = %+v, want %+v", *je, want)
	}
	if got := err.Error(); got != "bulk read job job1: FAILED: INTERNAL_ERROR: the export could not be completed" {
		t.Errorf("Error() = %q", got)
	}
}

func TestBulkReadRowsRangeRefused(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 300)}, cutOnce: true, noRanges: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	rows, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, fastPolls(nil))
	if err != nil || len(rows) != 300 {
		t.Fatalf("%d rows, err = %v; want 300", len(rows), err)
	}
	if len(f.downloads) != 3 || f.downloads[2] != "job1 " {
		t.Errorf("downloads = %q, want the cut one, the refused range, and a whole one", f.downloads)
	}
}

func TestBulkReadRowsRateLimited(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 2)}, limited: true, refuse: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	rows, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, fastPolls(nil))
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows = %q, err = %v; want 2 rows after the 429", rows, err)
	}
	if f.statuses["job1"] != 2 {
		t.Errorf("%d status calls, want 2 (the 429, then COMPLETED)", f.statuses["job1"])
	}
	if len(f.created) != 1 || f.statuses["POST /crm/bulk/v8/read"] != 1 {
		t.Errorf("%d jobs created after a refused create, want 1", len(f.created))
	}
}

func TestBulkReadRowsWaitsForRateLimitWindow(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 2)}, polls: 1, exhausted: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	if _, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, fastPolls(nil)); err != nil {
		t.Fatal(err)
	}
	if len(f.pollTimes) != 2 {
		t.Fatalf("%d status calls, want 2", len(f.pollTimes))
	}
	if gap := f.pollTimes[1].Sub(f.pollTimes[0]); gap < 900*time.Millisecond {
		t.Errorf("second status call %v after the first, want the window's end (1s) despite a 1ms poll interval", gap)
	}
}

func TestBulkReadRowsCancelStopsPolling(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 1)}, polls: 1 << 30}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := fastPolls(func(p BulkProgress) {
		if p.State == BulkStateInProgress {
			cancel()
		}
	})
	var err error
	for _, e := range c.BulkReadRows(ctx, BulkReadQuery{Module: "Leads"}, o) {
		err = e
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	f.mu.Lock()
	n := f.statuses["job1"]
	f.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	if n != 1 || f.statuses["job1"] != n {
		t.Errorf("status calls: %d at return, %d later; want 1 and no more", n, f.statuses["job1"])
	}
}

func TestBulkReadRowsStopEarly(t *testing.T) {
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 3), leadRows(4, 3)}}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	o := fastPolls(nil)
	o.TempDir = t.TempDir()
	n := 0
	for _, err := range c.BulkReadRows(context.Background(), BulkReadQuery{Module: "Leads"}, o) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if len(f.created) != 1 {
		t.Errorf("%d jobs created after the loop stopped on page 1, want 1", len(f.created))
	}
	if left, _ := os.ReadDir(o.TempDir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestBulkReadRowsTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	f := &fakeBulk{t: t, pages: [][][]string{leadRows(1, 3), leadRows(4, 3)}}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	o := fastPolls(nil)
	o.TempDir = dir
	if _, _, err := collectBulk(t, c, BulkReadQuery{Module: "Leads"}, o); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestBulkWriteRows(t *testing.T) {
	f := &fakeBulk{t: t, polls: 1, cutOnce: true, refuse: true, writeResult: [][]string{
		{"Last_Name", "Email", "RECORD_ID", "STATUS", "ERRORS"},
		{"Lovelace", "ada@example.com", "5843104000001912101", "ADDED", ""},
		{"Hopper", "grace@example.com", "5843104000001912102", "ADDED", ""},
		{"", "nobody@example.com", "", "SKIPPED", "MANDATORY_NOT_FOUND - Last_Name"},
	}}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	var states []string
	o := fastPolls(func(p BulkProgress) { states = append(states, fmt.Sprintf("%s %s %d", p.JobID, p.State, p.Rows)) })
	o.TempDir = t.TempDir()
	in := [][]string{{"Lovelace", "ada@example.com"}, {"Hopper", "grace@example.com"}, {"", "nobody@example.com"}}
	res, err := c.BulkWriteRows(context.Background(), BulkWriteJob{
		OrgID:       "700214386",
		Module:      "Leads",
		Operation:   "insert",
		IgnoreEmpty: true,
		Header:      []string{"Last_Name", "Email"},
		Rows:        slices.Values(in),
	}, o)
	if err != nil {
		t.Fatal(err)
	}
	if want := append([][]string{{"Last_Name", "Email"}}, in...); !slices.EqualFunc(f.uploads, want, slices.Equal) {
		t.Errorf("uploaded CSV = %q, want %q", f.uploads, want)
	}
	if len(f.created) != 1 || f.statuses["POST /crm/v8/upload"] != 1 || f.statuses["POST /crm/bulk/v8/write"] != 1 {
		t.Fatalf("%d jobs created, refusals %v; want one job after a refused upload and create", len(f.created), f.statuses)
	}
	body, _ := json.Marshal(f.created[0])
	wantBody := `{"ignore_empty":true,"operation":"insert","resource":[{"field_mappings":[{"api_name":"Last_Name","index":0},{"api_name":"Email","index":1}],"file_id":"5843104000001912003","module":{"api_name":"Leads"},"type":"data"}]}`
	if string(body) != wantBody {
		t.Errorf("job body = %s\nwant %s", body, wantBody)
	}
	if res.JobID != "wjob1" || res.State != "COMPLETED" || res.Added != 2 || res.Skipped != 1 || res.Updated != 0 || res.Total != 3 {
		t.Errorf("result = %+v", res)
	}
	if len(res.Rows) != 3 || res.Rows[2].Cell("STATUS") != "SKIPPED" || res.Rows[0].AsMap()["RECORD_ID"] != "5843104000001912101" {
		t.Errorf("result rows = %+v", res.Rows)
	}
	if len(f.downloads) != 2 {
		t.Errorf("downloads = %q, want the cut one and one more", f.downloads)
	}
	if want := []string{"wjob1 ADDED 0", "wjob1 IN PROGRESS 0", "wjob1 COMPLETED 0", "wjob1 COMPLETED 3"}; !slices.Equal(states, want) {
		t.Errorf("progress = %q, want %q", states, want)
	}
	if left, _ := os.ReadDir(o.TempDir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestBulkWriteRowsFailedJob(t *testing.T) {
	f := &fakeBulk{t: t, fail: true}
	c := newClient(f.server().URL, []Option{WithToken("tkn")})
	_, err := c.BulkWriteRows(context.Background(), BulkWriteJob{
		OrgID: "700214386", Module: "Leads", Operation: "insert",
		Header: []string{"ast_Name"}, Rows: slices.Values([][]string{{"x"}}),
	}, fastPolls(nil))
	var je *BulkJobError
	if !errors.As(err, &je) || je.Code != "INVALID_DATA" || je.Message != "invalid mapping. invalid api_name ast_Name." || je.State != "FAILED" || je.JobID != "wjob1" {
		t.Errorf("err = %v, want the job's INVALID_DATA as a *BulkJobError", err)
	}
}

func TestBulkWriteRowsLimits(t *testing.T) {
	c := newClient("http://127.0.0.1:1", nil)
	rows := func(yield func([]string) bool) {
		for range bulkWriteMaxRows + 1 {
			if !yield([]string{"x"}) {
				return
			}
		}
	}
	_, err := c.BulkWriteRows(context.Background(), BulkWriteJob{OrgID: "1", Module: "Leads", Operation: "insert", Header: []string{"Last_Name"}, Rows: rows}, &BulkOptions{TempDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "more than 25000 rows") {
		t.Errorf("err = %v, want Zoho's row limit", err)
	}
	big := strings.Repeat("x", 1<<20)
	bigRows := func(yield func([]string) bool) {
		for range 26 {
			if !yield([]string{big}) {
				return
			}
		}
	}
	_, err = c.BulkWriteRows(context.Background(), BulkWriteJob{OrgID: "1", Module: "Leads", Operation: "insert", Header: []string{"Description"}, Rows: bigRows}, &BulkOptions{TempDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "more than 26214400, Zoho's limit") {
		t.Errorf("err = %v, want Zoho's size limit", err)
	}
	_, err = c.BulkWriteRows(context.Background(), BulkWriteJob{Module: "Leads"}, nil)
	if err == nil || !strings.Contains(err.Error(), "required") {
		t.Errorf("err = %v, want the required fields named", err)
	}
}

func TestBulkUploadBase(t *testing.T) {
	for base, want := range map[string]string{
		"https://www.zohoapis.eu":     "https://content.zohoapis.eu",
		"https://www.zohoapis.com.au": "https://content.zohoapis.com.au",
		"https://www.zohoapis.ca":     DataCenterCA.UploadURL,
		"http://127.0.0.1:8080":       "http://127.0.0.1:8080",
	} {
		c := newClient(base, nil)
		if got := c.bulkUploadBase(BulkWriteJob{}); got != want {
			t.Errorf("upload base of %s = %q, want %q", base, got, want)
		}
	}
	c := newClient("https://www.zohoapis.com", nil)
	if got := c.bulkUploadBase(BulkWriteJob{UploadURL: "https://upload.example/"}); got != "https://upload.example" {
		t.Errorf("UploadURL not used: %q", got)
	}
}

func TestContentRange(t *testing.T) {
	for v, want := range map[string][3]int64{
		"bytes 100-199/200": {100, 200, 1},
		"bytes 0-9/*":       {0, -1, 1},
		"bytes */200":       {0, 0, 0},
		"items 1-2/3":       {0, 0, 0},
	} {
		start, total, ok := contentRange(v)
		okInt := int64(0)
		if ok {
			okInt = 1
		}
		if got := [3]int64{start, total, okInt}; ok != (want[2] == 1) || ok && got != want {
			t.Errorf("contentRange(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestDownloadRequest(t *testing.T) {
	r, err := downloadRequest("https://download-accl.zoho.com/v2/crm/7/bulk-write/1/1.zip?x=1")
	if err != nil || r.host != "https://download-accl.zoho.com" || r.path != "/v2/crm/7/bulk-write/1/1.zip" || r.query.Get("x") != "1" {
		t.Errorf("absolute: %+v, %v", r, err)
	}
	r, err = downloadRequest("/crm/bulk/v8/read/5/result")
	if err != nil || r.host != "" || r.path != "/crm/bulk/v8/read/5/result" {
		t.Errorf("relative: %+v, %v", r, err)
	}
}
