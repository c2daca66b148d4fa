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
	"iter"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
)

const (
	// bulkWriteMaxRows is Zoho's limit of records in one bulk write file.
	bulkWriteMaxRows = 25000
	// bulkWriteMaxBytes is Zoho's limit of the size of one bulk write CSV
	// file (25 MB).
	bulkWriteMaxBytes = 25 << 20
)

// BulkWriteJob says what a bulk write imports: the rows, and the job of
// Zoho's "Create Bulk Write Job" call (POST /crm/bulk/v8/write).
type BulkWriteJob struct {
	// OrgID is the organization's zgid, sent as the X-CRM-ORG header of
	// the upload. Required.
	OrgID string
	// Module is the API name of the module, such as "Leads". Required.
	Module string
	// Operation is "insert", "update" or "upsert". Required.
	Operation string
	// FindBy is the API name of the unique field that matches rows to
	// records, for update and upsert.
	FindBy string
	// IgnoreEmpty, when true, leaves a field alone when its cell is
	// empty, instead of clearing it.
	IgnoreEmpty bool
	// Header are the CSV's column names, written as its first row.
	Header []string
	// Rows are the CSV's rows, at most 25,000 (Zoho's limit of one file).
	Rows iter.Seq[[]string]
	// FieldMappings map the columns to fields; nil maps every column of
	// Header to the field of the same API name.
	FieldMappings []BulkFieldMapping
	// UploadURL is the base URL of the upload host; "" means the one of
	// the client's data centre, such as "https://content.zohoapis.com"
	// for the US one (which [WithHostURL] can redirect), or the client's
	// base URL when it is not on a Zoho API domain.
	UploadURL string
}

// BulkFieldMapping maps a CSV column, or a default value, to a field.
type BulkFieldMapping struct {
	// APIName is the field's API name.
	APIName string `json:"api_name"`
	// Index is the column's index in the CSV, from 0; nil when the field
	// takes DefaultValue instead.
	Index *int `json:"index,omitempty"`
	// Format is the format of date and date-time cells, such as
	// "MM/dd/yyyy".
	Format string `json:"format,omitempty"`
	// FindBy is the field of a lookup's module the cell names a record by.
	FindBy string `json:"find_by,omitempty"`
	// DefaultValue is the value of the field for every row, such as
	// {"value": "Web"}.
	DefaultValue json.RawMessage `json:"default_value,omitempty"`
}

// BulkWriteResult is what a completed bulk write reports.
type BulkWriteResult struct {
	// JobID is Zoho's id of the job.
	JobID string
	// State is the job's final state, [BulkStateCompleted].
	State string
	// Added, Updated, Skipped and Total are the file's counts of records.
	Added, Updated, Skipped, Total int
	// Rows are the rows of the result file: the columns sent, with
	// Zoho's per row status (such as the STATUS, RECORD_ID and ERRORS
	// columns).
	Rows []BulkRow
}

// bulkWriteStatus is a job as GET /crm/bulk/v8/write/{job_id} describes it.
type bulkWriteStatus struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Resource []struct {
		Status  string `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
		File    *struct {
			Status  string `json:"status"`
			Added   int    `json:"added_count"`
			Skipped int    `json:"skipped_count"`
			Updated int    `json:"updated_count"`
			Total   int    `json:"total_count"`
		} `json:"file"`
	} `json:"resource"`
	Result *struct {
		DownloadURL string `json:"download_url"`
	} `json:"result"`
}

// reason returns the first code and message the job or its resources give.
func (s *bulkWriteStatus) reason() (string, string) {
	code, message := s.Code, s.Message
	for _, r := range s.Resource {
		if code == "" {
			code = r.Code
		}
		if message == "" {
			message = r.Message
		}
	}
	return code, message
}

// BulkWriteRows imports w's rows with Zoho's bulk write API: it writes
// the header and rows as a CSV file into a ZIP archive (a temporary file),
// uploads it with the headers feature: bulk-write and X-CRM-ORG, creates
// the job, polls its status until it is COMPLETED, and downloads and reads
// the result file, whose rows say what became of each row sent. Progress,
// polling and downloads follow o as in [Client.BulkReadRows]; o may be
// nil. A job that FAILED gives a [*BulkJobError].
func (c *Client) BulkWriteRows(ctx context.Context, w BulkWriteJob, o *BulkOptions) (*BulkWriteResult, error) {
	if w.OrgID == "" || w.Module == "" || w.Operation == "" || len(w.Header) == 0 {
		return nil, errors.New("bulk write: OrgID, Module, Operation and Header are required")
	}
	var rows int64
	j := &bulkJob{operation: "write", opts: o, rows: &rows}
	zipFile, err := bulkWriteZip(w, o.tempDir())
	if err != nil {
		return nil, fmt.Errorf("bulk write: %w", err)
	}
	defer os.Remove(zipFile)
	fileID, err := c.bulkUpload(ctx, w, zipFile)
	if err != nil {
		return nil, fmt.Errorf("bulk write: upload: %w", err)
	}
	j.id, err = c.bulkWriteCreate(ctx, w, fileID)
	if err != nil {
		return nil, fmt.Errorf("bulk write: create job: %w", err)
	}
	j.report(BulkStateAdded)
	var st bulkWriteStatus
	err = c.wait(ctx, j, func(ctx context.Context) (string, string, string, *http.Response, error) {
		st = bulkWriteStatus{}
		resp, err := c.bulkJSON(ctx, bulkRequest(http.MethodGet, "/crm/bulk/v8/write/"+url.PathEscape(j.id)), &st)
		if err != nil {
			return "", "", "", nil, err
		}
		code, message := st.reason()
		return st.Status, code, message, resp, nil
	})
	if err != nil {
		return nil, err
	}
	res := &BulkWriteResult{JobID: j.id, State: st.Status}
	for _, r := range st.Resource {
		if r.File != nil {
			res.Added += r.File.Added
			res.Updated += r.File.Updated
			res.Skipped += r.File.Skipped
			res.Total += r.File.Total
		}
	}
	if st.Result == nil || st.Result.DownloadURL == "" {
		return nil, fmt.Errorf("bulk write job %s: COMPLETED without a download_url", j.id)
	}
	r, err := downloadRequest(st.Result.DownloadURL)
	if err != nil {
		return nil, fmt.Errorf("bulk write job %s: %w", j.id, err)
	}
	f, size, err := c.download(ctx, j, r)
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	err = zipCSVRows(f, size, func(header, values []string) bool {
		res.Rows = append(res.Rows, BulkRow{Header: header, Values: values})
		rows++
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("bulk write job %s: %w", j.id, err)
	}
	j.report(st.Status)
	return res, nil
}

// bulkWriteZip writes w's header and rows as one CSV file in a ZIP archive
// in a new temporary file and returns its name. It stops at Zoho's limits
// of a bulk write file.
func bulkWriteZip(w BulkWriteJob, dir string) (name string, err error) {
	f, err := os.CreateTemp(dir, "zoho-bulk-write-*.zip")
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	zw := zip.NewWriter(f)
	// The writer sets the header's sizes when the file is written.
	fh := &zip.FileHeader{Name: w.Module + ".csv", Method: zip.Deflate}
	entry, err := zw.CreateHeader(fh)
	if err != nil {
		return "", err
	}
	cw := csv.NewWriter(entry)
	if err := cw.Write(w.Header); err != nil {
		return "", err
	}
	n := 0
	if w.Rows != nil {
		for row := range w.Rows {
			if n++; n > bulkWriteMaxRows {
				return "", fmt.Errorf("more than %d rows, Zoho's limit of one bulk write file", bulkWriteMaxRows)
			}
			if err := cw.Write(row); err != nil {
				return "", fmt.Errorf("row %d: %w", n, err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	if fh.UncompressedSize64 > bulkWriteMaxBytes {
		return "", fmt.Errorf("CSV of %d bytes, more than %d, Zoho's limit of one bulk write file", fh.UncompressedSize64, bulkWriteMaxBytes)
	}
	return f.Name(), nil
}

// bulkUploadBase returns the base URL of the upload host for w: w's own,
// or, for a client on a Zoho API domain, the upload host of its data
// centre ([Client.ZohoUploadURL]: "https://www.zohoapis.eu" gives
// "https://content.zohoapis.eu", which [WithHostURL] can redirect as any
// operation's host), or else the client's base URL (a local stand-in for
// Zoho).
func (c *Client) bulkUploadBase(w BulkWriteJob) string {
	if w.UploadURL != "" {
		return strings.TrimRight(w.UploadURL, "/")
	}
	if u, err := url.Parse(c.BaseURL()); err == nil {
		if _, _, ok := zohoDataCenterOf(u.Hostname()); ok {
			return c.ZohoUploadURL()
		}
	}
	return c.baseURL
}

// bulkUpload uploads the ZIP archive in the file named zipFile and returns
// Zoho's file_id. Every attempt reads the file again, so the upload can be
// retried as the client's retry policy allows.
func (c *Client) bulkUpload(ctx context.Context, w BulkWriteJob, zipFile string) (string, error) {
	r := bulkRequest(http.MethodPost, "/crm/v8/upload")
	r.host = c.bulkUploadBase(w)
	r.header.Set("feature", "bulk-write")
	r.header.Set("X-CRM-ORG", w.OrgID)
	boundary := multipart.NewWriter(io.Discard).Boundary()
	r.contentType = "multipart/form-data; boundary=" + boundary
	r.body = func() (io.ReadCloser, error) {
		f, err := os.Open(zipFile)
		if err != nil {
			return nil, err
		}
		part := formPart{name: "file", file: f, fileName: w.Module + ".zip", contentType: "application/zip"}
		return pipeMultipart(boundary, []formPart{part}, func() { f.Close() }), nil
	}
	var out struct {
		Status  string `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
		Details struct {
			// Zoho's documents show the id as a string, its OpenAPI file
			// as an integer.
			FileID json.RawMessage `json:"file_id"`
		} `json:"details"`
	}
	err := whileRefused(ctx, func() error {
		_, err := c.bulkJSON(ctx, r, &out)
		return err
	})
	if err != nil {
		return "", err
	}
	id := string(bytes.Trim(out.Details.FileID, `"`))
	if id == "" || id == "null" {
		return "", fmt.Errorf("the reply has no file_id (%s: %s)", out.Code, out.Message)
	}
	return id, nil
}

// bulkWriteCreate creates the job that imports the uploaded file fileID
// and returns its id.
func (c *Client) bulkWriteCreate(ctx context.Context, w BulkWriteJob, fileID string) (string, error) {
	mappings := w.FieldMappings
	if mappings == nil {
		mappings = make([]BulkFieldMapping, len(w.Header))
		for i, h := range w.Header {
			mappings[i] = BulkFieldMapping{APIName: h, Index: &i}
		}
	}
	type resource struct {
		Type          string             `json:"type"`
		Module        bulkAPIName        `json:"module"`
		FileID        string             `json:"file_id"`
		FindBy        string             `json:"find_by,omitempty"`
		FieldMappings []BulkFieldMapping `json:"field_mappings"`
	}
	body := struct {
		Operation   string     `json:"operation"`
		IgnoreEmpty bool       `json:"ignore_empty,omitempty"`
		Resource    []resource `json:"resource"`
	}{
		Operation:   w.Operation,
		IgnoreEmpty: w.IgnoreEmpty,
		Resource: []resource{{
			Type:          "data",
			Module:        bulkAPIName{w.Module},
			FileID:        fileID,
			FindBy:        w.FindBy,
			FieldMappings: mappings,
		}},
	}
	r := bulkRequest(http.MethodPost, "/crm/bulk/v8/write")
	if err := r.setJSON(body); err != nil {
		return "", err
	}
	var out struct {
		Status  string `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
		Details struct {
			ID string `json:"id"`
		} `json:"details"`
	}
	err := whileRefused(ctx, func() error {
		_, err := c.bulkJSON(ctx, r, &out)
		return err
	})
	if err != nil {
		return "", err
	}
	if out.Details.ID == "" {
		return "", fmt.Errorf("the reply has no job id (%s: %s)", out.Code, out.Message)
	}
	return out.Details.ID, nil
}
