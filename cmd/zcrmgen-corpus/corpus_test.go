package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

func TestPkgName(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"adyen-checkout-v71.postman_collection.json", "adyencheckoutv71"},
		{"x-api-v2.postman_collection.json", "xapiv2"},
		{"Zoho_CRM.json", "zohocrm"},
		{"2fa.postman_collection.json", "x2fa"},
		{"type.json", "typepkg"},
		{"main.postman_collection.json", "mainpkg"},
		{"小智.json", "collection"},
		{".json", "json"}, // nothing but the suffix: the suffix is the name
		{"crm.postman_collection.json.json", "crmpostmancollectionjson"},
	} {
		if got := pkgName(tc.file); got != tc.want {
			t.Errorf("pkgName(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}

func TestListCollections(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"MANIFEST.md", "notes.txt", "b-c.postman_collection.json", "bc.json",
		"a.postman_collection.json", "BC.json",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}

	cols, err := listCollections(dir, nil, map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by file name; later files that map to a taken package name
	// get a number.
	want := []collection{
		{file: "BC.json", pkg: "bc"},
		{file: "a.postman_collection.json", pkg: "a"},
		{file: "b-c.postman_collection.json", pkg: "bc2"},
		{file: "bc.json", pkg: "bc3"},
	}
	for i := range want {
		want[i].path = filepath.Join(dir, want[i].file)
	}
	if !slices.Equal(cols, want) {
		t.Errorf("listCollections = %+v\nwant %+v", cols, want)
	}

	cols, err = listCollections(dir, regexp.MustCompile(`^b`), map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[0].file != "b-c.postman_collection.json" || cols[0].pkg != "bc" {
		t.Errorf("-run ^b: %+v", cols)
	}
	if got := cols[0].name(); got != "b-c" {
		t.Errorf("name() = %q, want b-c", got)
	}

	if _, err := listCollections(filepath.Join(dir, "missing"), nil, map[string]bool{}); !os.IsNotExist(err) {
		t.Errorf("missing dir: err = %v, want not-exist", err)
	}
}

func TestCountExamples(t *testing.T) {
	for _, tc := range []struct {
		data string
		n    int
		ok   bool
	}{
		{`{"item": []}`, 0, true},
		{`{"item": [{"request": {}, "response": [{}, {}]}, {"item": [{"item": [{"response": [{}]}]}]}]}`, 3, true},
		{`{"info": {}}`, 0, false},
		{`[1, 2]`, 0, false},
		{`not json`, 0, false},
	} {
		n, ok := countExamples([]byte(tc.data))
		if n != tc.n || ok != tc.ok {
			t.Errorf("countExamples(%s) = %d, %v; want %d, %v", tc.data, n, ok, tc.n, tc.ok)
		}
	}
}
