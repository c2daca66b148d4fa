package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fetchCall is one call of a fake fetch: its page and token.
type fetchCall struct {
	page  int
	token string
}

// fakePage is what a fake fetch answers for one call.
type fakePage struct {
	items []int
	more  bool
	next  string
	err   error
}

// fakeFetch answers the n-th call with pages[n] and records the calls.
func fakeFetch(t *testing.T, pages ...fakePage) (func(*listPage) ([]int, error), *[]fetchCall) {
	t.Helper()
	var calls []fetchCall
	return func(page *listPage) ([]int, error) {
		calls = append(calls, fetchCall{page.pageNumber, page.pageToken})
		if len(calls) > len(pages) {
			t.Fatalf("fetch called %d times, the fake has %d pages", len(calls), len(pages))
		}
		p := pages[len(calls)-1]
		page.more, page.next = p.more, p.next
		return p.items, p.err
	}, &calls
}

// collect ranges over seq and returns the records and the errors.
func collect(seq func(func(int, error) bool)) (items []int, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func TestPaginateByPage(t *testing.T) {
	fetch, calls := fakeFetch(t,
		fakePage{items: []int{1, 2}, more: true},
		fakePage{items: []int{3, 4}, more: true},
		fakePage{items: []int{5}, more: false},
	)
	items, errs := collect(paginate(context.Background(), fetch))
	if !slices.Equal(items, []int{1, 2, 3, 4, 5}) || errs != nil {
		t.Errorf("got %v, %v", items, errs)
	}
	if want := []fetchCall{{1, ""}, {2, ""}, {3, ""}}; !slices.Equal(*calls, want) {
		t.Errorf("calls = %v, want %v", *calls, want)
	}
}

func TestPaginateByToken(t *testing.T) {
	fetch, calls := fakeFetch(t,
		fakePage{items: []int{1, 2}, more: true},
		fakePage{items: []int{3, 4}, more: true, next: "t3"},
		fakePage{items: []int{5, 6}, more: true, next: "t4"},
		fakePage{items: []int{7}, more: false, next: ""},
	)
	items, errs := collect(paginate(context.Background(), fetch))
	if !slices.Equal(items, []int{1, 2, 3, 4, 5, 6, 7}) || errs != nil {
		t.Errorf("got %v, %v", items, errs)
	}
	if want := []fetchCall{{1, ""}, {2, ""}, {3, "t3"}, {4, "t4"}}; !slices.Equal(*calls, want) {
		t.Errorf("calls = %v, want %v", *calls, want)
	}
}

func TestPaginateEmpty(t *testing.T) {
	fetch, calls := fakeFetch(t, fakePage{})
	items, errs := collect(paginate(context.Background(), fetch))
	if items != nil || errs != nil || len(*calls) != 1 {
		t.Errorf("got %v, %v after %d calls", items, errs, len(*calls))
	}
}

func TestPaginateEarlyBreak(t *testing.T) {
	fetch, calls := fakeFetch(t,
		fakePage{items: []int{1, 2}, more: true},
		fakePage{items: []int{3, 4}, more: true},
	)
	var items []int
	for it, err := range paginate(context.Background(), fetch) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
		if it == 3 {
			break
		}
	}
	if !slices.Equal(items, []int{1, 2, 3}) || len(*calls) != 2 {
		t.Errorf("got %v after %d calls", items, len(*calls))
	}
}

func TestPaginateFetchError(t *testing.T) {
	boom := errors.New("boom")
	fetch, calls := fakeFetch(t,
		fakePage{items: []int{1, 2}, more: true},
		fakePage{err: boom},
	)
	var got []string
	for it, err := range paginate(context.Background(), fetch) {
		got = append(got, fmt.Sprint(it, err))
		if err != nil && !errors.Is(err, boom) {
			t.Errorf("error %v does not wrap the fetch error", err)
		}
	}
	if want := []string{"1 <nil>", "2 <nil>", "0 page 2: boom"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(*calls) != 2 {
		t.Errorf("fetch called %d times, want 2", len(*calls))
	}
}

func TestPaginateBrokenAnswers(t *testing.T) {
	tests := []struct {
		name  string
		pages []fakePage
		items []int
		err   string
	}{
		{
			name:  "no records but more",
			pages: []fakePage{{items: []int{1}, more: true}, {more: true}},
			items: []int{1},
			err:   "page 2: no records, but more_records is true",
		},
		{
			name:  "token repeated",
			pages: []fakePage{{items: []int{1}, more: true, next: "a"}, {items: []int{2}, more: true, next: "a"}},
			items: []int{1, 2},
			err:   "page 2: next_page_token is the token of this page",
		},
	}
	for _, tt := range tests {
		fetch, _ := fakeFetch(t, tt.pages...)
		items, errs := collect(paginate(context.Background(), fetch))
		if !slices.Equal(items, tt.items) || len(errs) != 1 || errs[0].Error() != tt.err {
			t.Errorf("%s: got %v, %v; want %v, %q", tt.name, items, errs, tt.items, tt.err)
		}
	}
}

func TestPaginateContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fetch, calls := fakeFetch(t,
		fakePage{items: []int{1, 2}, more: true},
		fakePage{items: []int{3}, more: false},
	)
	var items []int
	var errs []error
	for it, err := range paginate(ctx, fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
		cancel()
	}
	if !slices.Equal(items, []int{1, 2}) || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("got %v, %v", items, errs)
	}
	if len(*calls) != 1 {
		t.Errorf("fetch called %d times after cancel, want 1", len(*calls))
	}
}

func TestPaginateRangesAgain(t *testing.T) {
	n := 0
	seq := paginate(context.Background(), func(page *listPage) ([]int, error) {
		n++
		page.more = page.pageNumber < 2
		return []int{page.pageNumber}, nil
	})
	for range 2 {
		if items, errs := collect(seq); !slices.Equal(items, []int{1, 2}) || errs != nil {
			t.Errorf("got %v, %v", items, errs)
		}
	}
	if n != 4 {
		t.Errorf("fetch called %d times, want 4", n)
	}
}

// zohoLeads is a Zoho list response, as a generated method decodes it.
type zohoLeads struct {
	Data []struct {
		ID string `json:"id"`
	} `json:"data"`
	Info struct {
		PerPage       int    `json:"per_page"`
		Page          int    `json:"page"`
		MoreRecords   bool   `json:"more_records"`
		NextPageToken string `json:"next_page_token"`
	} `json:"info"`
}

// TestPaginateZohoServer pages through a fake Zoho list endpoint the way a
// generated iterator does: by page number for the first pages and by token
// once the server gives one.
func TestPaginateZohoServer(t *testing.T) {
	const total, perPage = 7, 2
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q.Encode())
		start := 0
		if tok := q.Get("page_token"); tok != "" {
			start, _ = strconv.Atoi(strings.TrimPrefix(tok, "from"))
		} else {
			page, _ := strconv.Atoi(q.Get("page"))
			start = (page - 1) * perPage
		}
		end := min(start+perPage, total)
		var ids []string
		for i := start; i < end; i++ {
			ids = append(ids, fmt.Sprintf(`{"id":"%d"}`, i+1))
		}
		next := "null"
		// Like Zoho beyond the 2,000th record, but sooner: tokens from
		// the fifth record on.
		if end >= 4 && end < total {
			next = fmt.Sprintf(`"from%d"`, end)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":[%s],"info":{"per_page":%d,"page":%d,"more_records":%v,"next_page_token":%s}}`,
			strings.Join(ids, ","), perPage, start/perPage+1, end < total, next)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv)
	ctx := context.Background()
	fetch := func(page *listPage) ([]string, error) {
		q := url.Values{"per_page": {strconv.Itoa(perPage)}}
		if n := page.numberTextParam(); n != nil {
			q.Set("page", *n)
		}
		if tok := page.tokenParam(); tok != nil {
			q.Set("page_token", *tok)
		}
		var out zohoLeads
		if _, err := c.doJSON(ctx, &request{method: http.MethodGet, path: "/crm/v8/Leads", query: q}, &out); err != nil {
			return nil, err
		}
		var ids []string
		for _, d := range out.Data {
			ids = append(ids, d.ID)
		}
		page.more, page.next = out.Info.MoreRecords, out.Info.NextPageToken
		return ids, nil
	}
	var ids []string
	for id, err := range paginate(ctx, fetch) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if want := []string{"1", "2", "3", "4", "5", "6", "7"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if want := []string{"page=1&per_page=2", "page=2&per_page=2", "page_token=from4&per_page=2", "page_token=from6&per_page=2"}; !slices.Equal(queries, want) {
		t.Errorf("queries = %q, want %q", queries, want)
	}
}

// TestListPageParams checks the parameters a generated fetch sends: the
// page number until the API gives a token, then the token alone.
func TestListPageParams(t *testing.T) {
	page := listPage{pageNumber: 3}
	if n, s, tok := page.numberParam(), page.numberTextParam(), page.tokenParam(); n == nil || *n != 3 || s == nil || *s != "3" || tok != nil {
		t.Errorf("page 3 without token: numberParam %v, numberTextParam %v, tokenParam %v", n, s, tok)
	}
	page.pageToken = "t3"
	if n, s, tok := page.numberParam(), page.numberTextParam(), page.tokenParam(); n != nil || s != nil || tok == nil || *tok != "t3" {
		t.Errorf("page 3 with token t3: numberParam %v, numberTextParam %v, tokenParam %v", n, s, tok)
	}
}

// TestPaginateReaders checks the helpers a generated fetch reads its params
// and the reply's info with.
func TestPaginateReaders(t *testing.T) {
	type params struct{ PerPage *int64 }
	if got := deref[params](nil); got.PerPage != nil {
		t.Errorf("deref(nil) = %+v, want the zero params", got)
	}
	in := &params{PerPage: new(int64(200))}
	if got := deref(in); got.PerPage != in.PerPage {
		t.Errorf("deref(%+v) = %+v, want a copy", in, got)
	}
	if deref[bool](nil) || !deref(new(true)) {
		t.Error("deref of a *bool: want false for nil, the value otherwise")
	}
	for _, tc := range []struct {
		in   Nullable[string]
		want string
	}{
		{Nullable[string]{}, ""},
		{Nullable[string]{Null: true}, ""},
		{Nullable[string]{Value: "stale"}, ""},
		{Nullable[string]{Value: "t", Valid: true}, "t"},
	} {
		if got := nullValue(tc.in); got != tc.want {
			t.Errorf("nullValue(%+v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
