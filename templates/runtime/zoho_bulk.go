package runtime

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// The states of Zoho's bulk jobs, as the status calls report them: a job
// is ADDED, may be QUEUED, is IN PROGRESS, and ends COMPLETED or FAILED
// (Zoho's OpenAPI files also name the end state FAILURE).
const (
	// BulkStateAdded is the state of a job just created.
	BulkStateAdded = "ADDED"
	// BulkStateQueued is the state of a job waiting for its turn.
	BulkStateQueued = "QUEUED"
	// BulkStateInProgress is the state of a job being run.
	BulkStateInProgress = "IN PROGRESS"
	// BulkStateCompleted is the state of a job whose result is ready.
	BulkStateCompleted = "COMPLETED"
	// BulkStateFailed is the state of a job that failed.
	BulkStateFailed = "FAILED"
)

const (
	// bulkDefaultPollInterval is the first wait between two status calls.
	bulkDefaultPollInterval = 2 * time.Second
	// bulkDefaultMaxPollInterval caps the doubling waits between status
	// calls.
	bulkDefaultMaxPollInterval = time.Minute
	// bulkDefaultDownloadAttempts is how many times a result download is
	// tried before its error is returned.
	bulkDefaultDownloadAttempts = 5
	// bulkLimitWindow is the window of Zoho's limits of bulk calls, such
	// as 10 downloads a minute; a 429 without a Retry-After or
	// X-RATELIMIT-RESET waits this long.
	bulkLimitWindow = time.Minute
	// bulkRefusedAttempts is how many times a create or upload call that
	// Zoho refuses with a 429 is made.
	bulkRefusedAttempts = 5
	// bulkAuthPrefix is the prefix of Zoho's OAuth access tokens in the
	// Authorization header.
	bulkAuthPrefix = "Zoho-oauthtoken"
)

// BulkOptions tunes [Client.BulkReadRows] and [Client.BulkWriteRows]. A
// nil *BulkOptions means the defaults.
type BulkOptions struct {
	// Progress, when set, is called as the job moves on: when a job is
	// created, after every status call, and when the rows of a result
	// have been read.
	Progress func(BulkProgress)
	// PollInterval is the first wait between two status calls; it doubles
	// after every call up to MaxPollInterval. 0 means 2s.
	PollInterval time.Duration
	// MaxPollInterval caps the wait between two status calls. 0 means 1
	// minute.
	MaxPollInterval time.Duration
	// DownloadAttempts is how many times a result is downloaded before
	// the call gives up; a download cut short resumes where it stopped
	// when the server serves byte ranges. 0 means 5.
	DownloadAttempts int
	// TempDir is the directory for the temporary files that hold the ZIP
	// archives; "" means [os.TempDir]. The files are removed when done.
	TempDir string
}

// BulkProgress is one report of a bulk job's progress.
type BulkProgress struct {
	// Operation is "read" or "write".
	Operation string
	// JobID is Zoho's id of the current job.
	JobID string
	// State is the job's state, such as [BulkStateInProgress].
	State string
	// Page is the page of the export the job reads (bulk reads only;
	// counted from 1).
	Page int
	// Rows is how many rows have been read so far, over every job of the
	// call.
	Rows int64
}

// BulkJobError is returned when Zoho reports that a bulk job FAILED.
type BulkJobError struct {
	// Operation is "read" or "write".
	Operation string
	// JobID is Zoho's id of the job.
	JobID string
	// State is the state Zoho reported, such as "FAILED".
	State string
	// Code and Message are Zoho's reason, when the job's details give
	// one.
	Code    string
	Message string
}

// Error returns "bulk read job ID: FAILED: code: message", leaving out
// the parts that are empty.
func (e *BulkJobError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "bulk %s job %s: %s", e.Operation, e.JobID, e.State)
	if e.Code != "" {
		b.WriteString(": " + oneLine(e.Code, 200))
	}
	if e.Message != "" {
		b.WriteString(": " + oneLine(e.Message, 500))
	}
	return b.String()
}

// BulkRow is one row of a bulk job's CSV result.
type BulkRow struct {
	// Header is the CSV's header row, the column names; it is shared by
	// every row of a result and must not be modified.
	Header []string
	// Values are the row's cells, in the order of Header.
	Values []string
}

// Cell returns the cell of the column named name, or "" when there is no
// such column. (The runtime's method names are kept out of the generated
// methods' way, so they avoid common words such as Get.)
func (r BulkRow) Cell(name string) string {
	for i, h := range r.Header {
		if h == name && i < len(r.Values) {
			return r.Values[i]
		}
	}
	return ""
}

// AsMap returns the row as a map from column name to cell.
func (r BulkRow) AsMap() map[string]string {
	m := make(map[string]string, len(r.Header))
	for i, h := range r.Header {
		if i < len(r.Values) {
			m[h] = r.Values[i]
		}
	}
	return m
}

// bulkJob is what the bulk helpers need of one job: its kind and id, and
// the progress callback.
type bulkJob struct {
	operation string
	id        string
	page      int
	opts      *BulkOptions
	rows      *int64
}

// report calls the progress callback, if any, with state.
func (j *bulkJob) report(state string) {
	if j.opts != nil && j.opts.Progress != nil {
		j.opts.Progress(BulkProgress{Operation: j.operation, JobID: j.id, State: state, Page: j.page, Rows: *j.rows})
	}
}

// pollIntervals returns the first and the longest wait between status
// calls.
func (o *BulkOptions) pollIntervals() (time.Duration, time.Duration) {
	lo, hi := bulkDefaultPollInterval, bulkDefaultMaxPollInterval
	if o != nil && o.PollInterval > 0 {
		lo = o.PollInterval
	}
	if o != nil && o.MaxPollInterval > 0 {
		hi = o.MaxPollInterval
	}
	return lo, max(lo, hi)
}

// downloadAttempts returns how many times a result is downloaded at most.
func (o *BulkOptions) downloadAttempts() int {
	if o == nil || o.DownloadAttempts < 1 {
		return bulkDefaultDownloadAttempts
	}
	return o.DownloadAttempts
}

// tempDir returns the directory for temporary files ("" for the default).
func (o *BulkOptions) tempDir() string {
	if o == nil {
		return ""
	}
	return o.TempDir
}

// bulkRequest returns a request of a bulk helper: Zoho's token auth, the
// method and an escaped path on the client's base URL.
func bulkRequest(method, path string) *request {
	return &request{
		method: method,
		path:   path,
		header: http.Header{},
		auth:   authScheme{kind: authBearer, prefix: bulkAuthPrefix},
	}
}

// bulkJSON sends r and decodes its JSON body into out.
func (c *Client) bulkJSON(ctx context.Context, r *request, out any) (*http.Response, error) {
	data, resp, err := c.doBytes(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, out); err != nil {
		return nil, newDecodeError(resp, data, err)
	}
	return resp, nil
}

// wait polls the job with status until it ends. status returns the job's
// state and, for a FAILED job, Zoho's code and message. The waits between
// calls start at the first poll interval and double up to the longest;
// a 429 answer, or a response that says no calls are left in the
// rate-limit window, makes the next call wait for the window's end. The
// context ends the wait with its error.
func (c *Client) wait(ctx context.Context, j *bulkJob, status func(ctx context.Context) (state, code, message string, resp *http.Response, err error)) error {
	interval, longest := j.opts.pollIntervals()
	for {
		state, code, message, resp, err := status(ctx)
		delay := interval
		var apiErr *APIError
		switch {
		case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests:
			delay = rateLimitDelay(apiErr.Header, http.StatusTooManyRequests, longest)
		case err != nil:
			return fmt.Errorf("bulk %s job %s: status: %w", j.operation, j.id, err)
		default:
			j.report(state)
			switch strings.ToUpper(state) {
			case BulkStateCompleted:
				return nil
			case BulkStateFailed, "FAILURE":
				return &BulkJobError{Operation: j.operation, JobID: j.id, State: state, Code: code, Message: message}
			}
			if resp != nil {
				if rl, ok := RateLimitFrom(resp.Header); ok && rl.Remaining == 0 && !rl.Reset.IsZero() {
					delay = max(delay, time.Until(rl.Reset))
				}
			}
			interval = min(interval*2, longest)
		}
		if err := sleep(ctx, delay); err != nil {
			return fmt.Errorf("bulk %s job %s: wait: %w", j.operation, j.id, err)
		}
	}
}

// whileRefused makes call, and makes it again while Zoho refuses it with a
// 429 (a refused call did nothing, so making it again is safe), waiting
// as the answer says or for Zoho's limit window, up to
// bulkRefusedAttempts times in all.
func whileRefused(ctx context.Context, call func() error) error {
	for attempt := 1; ; attempt++ {
		err := call()
		var apiErr *APIError
		if attempt == bulkRefusedAttempts || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests {
			return err
		}
		if err := sleep(ctx, rateLimitDelay(apiErr.Header, apiErr.StatusCode, bulkLimitWindow)); err != nil {
			return err
		}
	}
}

// rateLimitDelay is the wait a response with header h and status code
// asks for (Retry-After, or on a 429 X-RATELIMIT-RESET), or fallback when
// it asks for none.
func rateLimitDelay(h http.Header, code int, fallback time.Duration) time.Duration {
	if d, ok := serverDelay(&http.Response{StatusCode: code, Header: h}, time.Now()); ok {
		return d
	}
	return fallback
}

// download fetches the archive at r into a new temporary file, resuming
// with a Range request when a download is cut short and the server serves
// ranges, and starting again otherwise. It tries up to the options'
// download attempts; a 429 waits for the end of Zoho's download window.
// The caller must close and remove the file.
func (c *Client) download(ctx context.Context, j *bulkJob, r *request) (*os.File, int64, error) {
	f, err := os.CreateTemp(j.opts.tempDir(), "zoho-bulk-*.zip")
	if err != nil {
		return nil, 0, fmt.Errorf("bulk %s job %s: download: %w", j.operation, j.id, err)
	}
	fail := func(err error) (*os.File, int64, error) {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, fmt.Errorf("bulk %s job %s: download: %w", j.operation, j.id, err)
	}
	var have int64
	var last error
	for attempt := 1; attempt <= j.opts.downloadAttempts(); attempt++ {
		if attempt > 1 {
			delay := time.Duration(0)
			var apiErr *APIError
			if errors.As(last, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests {
				delay = rateLimitDelay(apiErr.Header, apiErr.StatusCode, bulkLimitWindow)
			}
			if err := sleep(ctx, delay); err != nil {
				return fail(err)
			}
		}
		done, size, err := c.downloadOnce(ctx, r, f, &have)
		if err == nil && done {
			_, zerr := zip.NewReader(f, size)
			if zerr == nil {
				return f, size, nil
			}
			// The whole body arrived but is no archive: a proxy's page or
			// a body cut without a length. Fetch it again whole.
			last = fmt.Errorf("not a ZIP archive: %w", zerr)
			have = 0
			continue
		}
		last = err
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0 {
			// The server does not serve the rest: fetch it all again.
			have = 0
			continue
		}
		if errors.As(err, &apiErr) && !retryableStatus(apiErr.StatusCode) {
			return fail(err)
		}
	}
	return fail(fmt.Errorf("%d attempts: %w", j.opts.downloadAttempts(), last))
}

// downloadOnce makes one download attempt into f, which holds have bytes
// of the body already. It asks for the rest with a Range header when have
// is not 0, and starts again from the first byte when the server sends the
// whole body instead. It reports whether the body is complete, and its
// size.
func (c *Client) downloadOnce(ctx context.Context, r *request, f *os.File, have *int64) (bool, int64, error) {
	rr := *r
	rr.header = r.header.Clone()
	if *have > 0 {
		rr.header.Set("Range", "bytes="+strconv.FormatInt(*have, 10)+"-")
	}
	resp, err := c.do(ctx, &rr)
	if err != nil {
		return false, 0, err
	}
	defer closeBody(resp)
	total := int64(-1)
	if resp.StatusCode == http.StatusPartialContent {
		// "bytes start-end/total": check that the range starts where the
		// file ends.
		start, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != *have {
			*have = 0
			return false, 0, fmt.Errorf("unexpected Content-Range %q", resp.Header.Get("Content-Range"))
		}
		total = size
	} else {
		*have = 0
		if resp.ContentLength >= 0 {
			total = resp.ContentLength
		}
	}
	if err := f.Truncate(*have); err != nil {
		return false, 0, err
	}
	if _, err := f.Seek(*have, io.SeekStart); err != nil {
		return false, 0, err
	}
	n, err := io.Copy(f, resp.Body)
	*have += n
	if err != nil {
		return false, 0, fmt.Errorf("read body: %w", err)
	}
	if total >= 0 && *have != total {
		return false, 0, fmt.Errorf("body cut short: %d of %d bytes", *have, total)
	}
	return true, *have, nil
}

// contentRange parses "bytes start-end/total" and returns start and total;
// total is -1 when it is "*".
func contentRange(v string) (start, total int64, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !found {
		return 0, 0, false
	}
	span, size, found := strings.Cut(rest, "/")
	from, _, found2 := strings.Cut(span, "-")
	if !found || !found2 {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(from, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	if size == "*" {
		return start, -1, true
	}
	total, err = strconv.ParseInt(size, 10, 64)
	return start, total, err == nil
}

// downloadRequest returns the request that downloads u, Zoho's
// download_url: a path on the client's base URL, or an absolute URL whose
// host [WithHostURL] can redirect.
func downloadRequest(u string) (*request, error) {
	p, err := url.Parse(u)
	if err != nil {
		return nil, fmt.Errorf("download_url %q: %w", u, err)
	}
	r := bulkRequest(http.MethodGet, p.EscapedPath())
	if p.IsAbs() {
		r.host = p.Scheme + "://" + p.Host
	} else if !strings.HasPrefix(r.path, "/") {
		r.path = "/" + r.path
	}
	if p.RawQuery != "" {
		r.query = p.Query()
	}
	return r, nil
}

// zipCSVRows yields the rows of the first CSV file (or else the first
// file) of the ZIP archive f of the given size, header first. It reads
// the archive from the file, never whole into memory.
func zipCSVRows(f *os.File, size int64, yield func(header, row []string) bool) error {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return fmt.Errorf("open result archive: %w", err)
	}
	var entry *zip.File
	for _, e := range zr.File {
		if e.FileInfo().IsDir() {
			continue
		}
		if entry == nil || strings.HasSuffix(strings.ToLower(e.Name), ".csv") && !strings.HasSuffix(strings.ToLower(entry.Name), ".csv") {
			entry = e
		}
	}
	if entry == nil {
		return errors.New("result archive holds no file")
	}
	rc, err := entry.Open()
	if err != nil {
		return fmt.Errorf("open %s in result archive: %w", entry.Name, err)
	}
	defer rc.Close()
	cr := csv.NewReader(rc)
	cr.FieldsPerRecord = -1
	var header []string
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			if header == nil {
				return fmt.Errorf("%s: no header row", entry.Name)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", entry.Name, err)
		}
		if header == nil {
			// Zoho's CSV files may start with a byte order mark.
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			header = rec
			continue
		}
		if !yield(header, rec) {
			return nil
		}
	}
}
