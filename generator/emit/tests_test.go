package emit

import (
	"maps"
	"net/url"
	"slices"
	"testing"
)

func TestQueryText(t *testing.T) {
	for _, q := range []map[string][]string{
		{},
		{"fields": {"Account_Name,Website"}, "page": {"1"}},
		{"criteria": {"(Last_Name:equals:O'Brien & Sons)"}, "a b": {"x=y;z", "100%", "1+1", " "}},
		{"ids": {"1", "2", "3"}, "é": {"ü/?#"}},
	} {
		text := queryText(q)
		got, err := url.ParseQuery(text)
		if err != nil {
			t.Errorf("queryText(%q) = %q, which url.ParseQuery rejects: %v", q, text, err)
			continue
		}
		if !maps.EqualFunc(got, url.Values(q), slices.Equal) {
			t.Errorf("queryText(%q) = %q, read back as %q", q, text, got)
		}
	}
	if got, want := queryText(map[string][]string{"page": {"2"}, "fields": {"a,b"}}), "fields=a,b&page=2"; got != want {
		t.Errorf("queryText = %q, want %q", got, want)
	}
}
