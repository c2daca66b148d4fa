package seed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// This file is written by hand: zcrmgen never touches a file without its
// generated-code header. It checks the decoded values of the seed's saved
// examples field by field, beyond the generated round-trip tests. The
// saved bodies are named by their content: each file below is the Response
// of the CreateBulkReadJobICS example of that name in
// ops_operations_test.go.

func serve(t *testing.T, status int, file string) *Client {
	t.Helper()
	body, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Values("Authorization"); len(got) != 1 || got[0] != "Bearer tok" {
			t.Errorf("Authorization headers = %q, want exactly one %q", got, "Bearer tok")
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithToken("tok"))
}

// value returns *p, or the zero value when the member was absent (nil).
func value[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func TestSeedCreatedJob(t *testing.T) {
	c := serve(t, http.StatusCreated, "zcrmgen/a0ab32ce69151c42.json")
	got, err := c.CreateBulkReadJobICS(context.Background(), &CreateBulkReadJobICSRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Data) != 1 {
		t.Fatalf("%d data entries, want 1", len(got.Data))
	}
	d := got.Data[0].Details
	if d == nil || d.CreatedBy == nil || d.CreatedTime == nil {
		t.Fatalf("details = %+v, want details with created_by and created_time", d)
	}
	if value(d.ID) != "4150868000005277059" || value(d.State) != "ADDED" || value(d.CreatedBy.Name) != "Patricia Boyle" {
		t.Errorf("details = %+v", d)
	}
	created := d.CreatedTime.Time // a time.Time
	want := time.Date(2021, 5, 3, 13, 2, 25, 0, time.UTC)
	if !created.Equal(want) {
		t.Errorf("created_time = %v, want %v", created, want)
	}
}

func TestSeedErrors(t *testing.T) {
	for _, c := range []struct {
		status     int
		file, code string
	}{
		{415, "zcrmgen/84a7984be86a2501.json", "MEDIA_TYPE_NOT_SUPPORTED"},
		{404, "zcrmgen/d586da980b94b543.json", "INVALID_URL_PATTERN"},
		{400, "zcrmgen/c2b8918f035318fb.json", "INVALID_REQUEST_METHOD"},
	} {
		_, err := serve(t, c.status, c.file).CreateBulkReadJobICS(context.Background(), &CreateBulkReadJobICSRequest{})
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%s: err = %v, want *APIError", c.code, err)
		}
		if apiErr.StatusCode != c.status || apiErr.Code != c.code {
			t.Errorf("got %d %s, want %d %s", apiErr.StatusCode, apiErr.Code, c.status, c.code)
		}
		if e, ok := apiErr.Value.(*CreateBulkReadJobICSError); !ok || value(e.Code) != c.code || value(e.Status) != "error" {
			t.Errorf("%s: typed error = %#v", c.code, apiErr.Value)
		}
	}
}
