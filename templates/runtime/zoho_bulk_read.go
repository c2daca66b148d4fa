package runtime

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"os"
)

// BulkReadQuery says what a bulk read exports: the query of Zoho's
// "Create Bulk Read Job" call (POST /crm/bulk/v8/read).
type BulkReadQuery struct {
	// Module is the API name of the module, such as "Leads". Required.
	Module string
	// Fields are the API names of the fields to export; nil exports every
	// field.
	Fields []string
	// Criteria filters the records; nil exports them all.
	Criteria *BulkCriteria
	// CVID is the id of a custom view whose records are exported; "" for
	// none.
	CVID string
	// Page is the first page to export, counted from 1 (a page is at most
	// 200,000 records); 0 means 1.
	Page int
	// PageToken, when not "", is a next_page_token of an earlier job, sent
	// instead of Page.
	PageToken string
}

// BulkCriteria is a bulk read's filter: a single condition (Field,
// Comparator, Value) or a group of criteria joined by GroupOperator.
type BulkCriteria struct {
	// Field is the API name of the field the condition tests.
	Field string
	// Comparator is one of Zoho's comparators, such as "equal",
	// "starts_with", "in" or "between".
	Comparator string
	// Value is the value compared with; a slice for "in" and "between".
	Value any
	// GroupOperator is "and" or "or", joining Group.
	GroupOperator string
	// Group are the criteria joined by GroupOperator.
	Group []BulkCriteria
}

// MarshalJSON writes the criteria as Zoho expects them:
// {"field": {"api_name": ...}, "comparator": ..., "value": ...} or
// {"group_operator": ..., "group": [...]}.
func (c BulkCriteria) MarshalJSON() ([]byte, error) {
	if len(c.Group) > 0 {
		return json.Marshal(struct {
			GroupOperator string         `json:"group_operator"`
			Group         []BulkCriteria `json:"group"`
		}{c.GroupOperator, c.Group})
	}
	return json.Marshal(struct {
		Field      bulkAPIName `json:"field"`
		Comparator string      `json:"comparator"`
		Value      any         `json:"value"`
	}{bulkAPIName{c.Field}, c.Comparator, c.Value})
}

// bulkAPIName is Zoho's {"api_name": ...} reference to a module or field.
type bulkAPIName struct {
	APIName string `json:"api_name"`
}

// bulkReadCreateBody is the body of POST /crm/bulk/v8/read.
type bulkReadCreateBody struct {
	Query struct {
		Module    bulkAPIName   `json:"module"`
		Fields    []string      `json:"fields,omitempty"`
		Criteria  *BulkCriteria `json:"criteria,omitempty"`
		CVID      string        `json:"cvid,omitempty"`
		Page      int           `json:"page,omitempty"`
		PageToken string        `json:"page_token,omitempty"`
	} `json:"query"`
	FileType string `json:"file_type"`
}

// bulkReadJob is a job as Zoho's bulk read calls describe it.
type bulkReadJob struct {
	ID      string `json:"id"`
	State   string `json:"state"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Result  *struct {
		Page          int    `json:"page"`
		Count         int64  `json:"count"`
		DownloadURL   string `json:"download_url"`
		MoreRecords   bool   `json:"more_records"`
		NextPageToken string `json:"next_page_token"`
	} `json:"result"`
}

// BulkReadRows exports the records q selects with Zoho's bulk read API
// and yields them row by row: it creates a job, polls its status until it
// is COMPLETED, downloads the ZIP archive into a temporary file, and reads
// the CSV inside it row by row, so that memory holds one row at a time
// whatever the export's size. While Zoho says more_records, it creates the
// job of the next page (with next_page_token when Zoho gives one) and goes
// on. Each row carries the CSV's header row.
//
// Polling starts at o.PollInterval and doubles up to o.MaxPollInterval; a
// 429, or a response that leaves no calls in the rate-limit window, waits
// for the window to end, and a job creation refused with a 429 is made
// again after the wait the answer asks for. A download cut short is
// resumed or made again up to o.DownloadAttempts times. A job that FAILED gives a [*BulkJobError].
// An error is yielded once, with the zero BulkRow, and ends the export;
// so does the end of ctx. o may be nil. Each range over the result runs
// the export again.
func (c *Client) BulkReadRows(ctx context.Context, q BulkReadQuery, o *BulkOptions) iter.Seq2[BulkRow, error] {
	return func(yield func(BulkRow, error) bool) {
		var rows int64
		page, token := max(q.Page, 1), q.PageToken
		for {
			j := &bulkJob{operation: "read", page: page, opts: o, rows: &rows}
			job, err := c.bulkReadPage(ctx, q, j, token)
			if err != nil {
				yield(BulkRow{}, err)
				return
			}
			stopped := false
			err = c.bulkReadResult(ctx, j, job, func(r BulkRow) bool {
				rows++
				if !yield(r, nil) {
					stopped = true
					return false
				}
				return true
			})
			if stopped {
				return
			}
			if err != nil {
				yield(BulkRow{}, err)
				return
			}
			j.report(job.State)
			if !job.Result.MoreRecords {
				return
			}
			next := job.Result.NextPageToken
			if next != "" && next == token {
				yield(BulkRow{}, fmt.Errorf("bulk read job %s: next_page_token is the token of this job", j.id))
				return
			}
			page, token = page+1, next
		}
	}
}

// bulkReadPage creates the job of one page and waits for it to complete.
// token, when not "", is sent instead of the page number.
func (c *Client) bulkReadPage(ctx context.Context, q BulkReadQuery, j *bulkJob, token string) (*bulkReadJob, error) {
	var body bulkReadCreateBody
	body.Query.Module = bulkAPIName{q.Module}
	body.Query.Fields = q.Fields
	body.Query.Criteria = q.Criteria
	body.Query.CVID = q.CVID
	if token != "" {
		body.Query.PageToken = token
	} else {
		body.Query.Page = j.page
	}
	body.FileType = "csv"
	r := bulkRequest(http.MethodPost, "/crm/bulk/v8/read")
	if err := r.setJSON(body); err != nil {
		return nil, err
	}
	var created struct {
		Data []struct {
			Status  string      `json:"status"`
			Code    string      `json:"code"`
			Message string      `json:"message"`
			Details bulkReadJob `json:"details"`
		} `json:"data"`
	}
	err := whileRefused(ctx, func() error {
		_, err := c.bulkJSON(ctx, r, &created)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bulk read page %d: create job: %w", j.page, err)
	}
	if len(created.Data) == 0 || created.Data[0].Details.ID == "" {
		if len(created.Data) > 0 && created.Data[0].Status == "error" {
			return nil, fmt.Errorf("bulk read page %d: create job: %s: %s", j.page, created.Data[0].Code, created.Data[0].Message)
		}
		return nil, fmt.Errorf("bulk read page %d: create job: the reply has no job id", j.page)
	}
	j.id = created.Data[0].Details.ID
	j.report(created.Data[0].Details.State)
	var job bulkReadJob
	err = c.wait(ctx, j, func(ctx context.Context) (string, string, string, *http.Response, error) {
		var status struct {
			Data []bulkReadJob `json:"data"`
		}
		resp, err := c.bulkJSON(ctx, bulkRequest(http.MethodGet, "/crm/bulk/v8/read/"+url.PathEscape(j.id)), &status)
		if err != nil {
			return "", "", "", nil, err
		}
		if len(status.Data) == 0 {
			return "", "", "", nil, fmt.Errorf("the reply has no job")
		}
		job = status.Data[0]
		return job.State, job.Code, job.Message, resp, nil
	})
	if err != nil {
		return nil, err
	}
	if job.Result == nil {
		return nil, fmt.Errorf("bulk read job %s: COMPLETED without a result", j.id)
	}
	return &job, nil
}

// bulkReadResult downloads the result of a completed job and passes its
// rows to each until it returns false.
func (c *Client) bulkReadResult(ctx context.Context, j *bulkJob, job *bulkReadJob, each func(BulkRow) bool) error {
	u := job.Result.DownloadURL
	if u == "" {
		u = "/crm/bulk/v8/read/" + url.PathEscape(j.id) + "/result"
	}
	r, err := downloadRequest(u)
	if err != nil {
		return fmt.Errorf("bulk read job %s: %w", j.id, err)
	}
	f, size, err := c.download(ctx, j, r)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	err = zipCSVRows(f, size, func(header, values []string) bool {
		return each(BulkRow{Header: header, Values: values})
	})
	if err != nil {
		return fmt.Errorf("bulk read job %s: %w", j.id, err)
	}
	return nil
}
