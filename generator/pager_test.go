package generator

import (
	"os/exec"
	"testing"
)

// pagerTest is a hand-written test of the package generated from the
// page_var case: its two page iterators against a server that pages like
// Zoho.
const pagerTest = `package pagevar

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// zohoPages serves pages of two records out of total: by page number,
// and by the token "from<N>" once N records are served, when tokens is
// true; the last page's next_page_token is null. It records each query.
func zohoPages(t *testing.T, total int, tokens bool) (*Client, *[]url.Values) {
	var queries []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q)
		var start int
		if tok := q.Get("page_token"); tok != "" {
			fmt.Sscanf(tok, "from%d", &start)
		} else {
			var page int
			fmt.Sscanf(q.Get("page"), "%d", &page)
			start = (page - 1) * 2
		}
		end := min(start+2, total)
		var data []string
		for i := start; i < end; i++ {
			data = append(data, fmt.Sprintf(` + "`" + `{"id":"%d","Last_Name":"L"}` + "`" + `, i+1))
		}
		next := "null"
		if tokens && end >= 4 && end < total {
			next = fmt.Sprintf(` + "`" + `"from%d"` + "`" + `, end)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, ` + "`" + `{"data":[%s],"info":{"per_page":2,"more_records":%v,"next_page_token":%s}}` + "`" + `,
			strings.Join(data, ","), end < total, next)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithToken("t")), &queries
}

// ids ranges over seq and returns the records' IDs, failing on an error.
func ids(t *testing.T, seq func(func(Data, error) bool)) []string {
	var got []string
	for d, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *d.ID)
	}
	return got
}

// TestPagesByNumber: the page numbers count from 1 whatever params.Page
// says, the other parameters go with every page, and the walk stops after
// the page whose more_records is false.
func TestPagesByNumber(t *testing.T) {
	c, queries := zohoPages(t, 5, false)
	params := &GetRecordsParams{Page: new(int64(9)), PerPage: new(int64(2))}
	if got, want := ids(t, c.GetRecordsAll(context.Background(), "Leads", params)), []string{"1", "2", "3", "4", "5"}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	var got []string
	for _, q := range *queries {
		got = append(got, q.Encode())
	}
	if want := []string{"page=1&per_page=2", "page=2&per_page=2", "page=3&per_page=2"}; !slices.Equal(got, want) {
		t.Errorf("queries %q, want %q", got, want)
	}
	if *params.Page != 9 {
		t.Errorf("params.Page = %d: the iterator changed the caller's params", *params.Page)
	}
}

// TestPagesByToken: page numbers until the API gives a next_page_token,
// then page_token alone; params.Page and params.PageToken are ignored.
func TestPagesByToken(t *testing.T) {
	c, queries := zohoPages(t, 7, true)
	params := &GetRecordsByTokenParams{Page: new(int64(9)), PageToken: new("mine")}
	seq := c.GetRecordsByTokenAll(context.Background(), "Leads", "i", "r", "e", "d", "p", params)
	if got, want := ids(t, seq), []string{"1", "2", "3", "4", "5", "6", "7"}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	var got []string
	for _, q := range *queries {
		got = append(got, q.Encode())
	}
	if want := []string{"page=1", "page=2", "page_token=from4", "page_token=from6"}; !slices.Equal(got, want) {
		t.Errorf("queries %q, want %q", got, want)
	}
}
`

// TestPageIteratorsOnTheWire generates the page_var case and runs
// pagerTest against an httptest server: the emitted iterators ask for the
// pages the runtime's paginate walks, read more_records and
// next_page_token (a pointer and a Nullable) off each reply, and leave the
// caller's params alone.
func TestPageIteratorsOnTheWire(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated code")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	res := mustGenerate(t, caseOptions(t, "page_var"))
	runInModule(t, gobin, "pagevar", append(res.Files, File{Name: "pager_test.go", Data: []byte(pagerTest)}), "^TestPagesBy(Number|Token)$")
}
