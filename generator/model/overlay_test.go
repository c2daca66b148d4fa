package model

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// overlayCase builds the golden case testdata/overlay: a collection as an
// OpenAPI import gives it and a hand-written one laid over it.
func overlayCase(t *testing.T) *API {
	t.Helper()
	dir := filepath.Join("..", "testdata", "overlay")
	base, err := os.ReadFile(filepath.Join(dir, "collection.json"))
	if err != nil {
		t.Fatal(err)
	}
	over, err := os.ReadFile(filepath.Join(dir, "overlay.json"))
	if err != nil {
		t.Fatal(err)
	}
	api, err := Build(Options{Name: "collection.json", Data: base, Package: "overlay", Overlays: []Input{{Name: "overlay.json", Data: over}}})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func opNamed(t *testing.T, api *API, goName string) *Operation {
	t.Helper()
	for _, op := range api.Operations {
		if op.GoName == goName {
			return op
		}
	}
	t.Fatalf("no operation %s", goName)
	return nil
}

func exampleNames(op *Operation) []string {
	var names []string
	for _, ex := range op.Examples {
		names = append(names, ex.Name)
	}
	return names
}

func TestOverlayMatches(t *testing.T) {
	api := overlayCase(t)
	var names []string
	for _, op := range api.Operations {
		names = append(names, op.GoName)
	}
	// Four requests of the overlay match (their names replace the base's),
	// Ping matches none and is added; Get item keeps its name.
	if want := []string{"ListItems", "GetItem", "CountItems", "AddItems", "Ping"}; !slices.Equal(names, want) {
		t.Fatalf("operations = %q, want %q", names, want)
	}
	if api.BaseURL != "https://api.shop.example" {
		t.Errorf("base URL = %q: the first collection's host stays the client's", api.BaseURL)
	}

	list := opNamed(t, api, "ListItems")
	if list.Description != "Lists the items of a collection, 50 at a time unless limit says otherwise." {
		t.Errorf("ListItems description = %q, want the overlay's", list.Description)
	}
	if len(list.PathParams) != 1 || list.PathParams[0].Wire != "collection" {
		t.Errorf("ListItems path parameters = %+v, want the base's collection", list.PathParams)
	}
	if len(list.Query) != 1 || list.Query[0].Wire != "limit" || list.Query[0].Kind != infer.Int || !list.Query[0].Disabled {
		t.Errorf("ListItems query = %+v, want the base's optional integer limit", list.Query)
	}
	// The overlay's examples come first; the base's stays.
	if got, want := exampleNames(list), []string{"Two shoes", "Unknown collection", "OK"}; !slices.Equal(got, want) {
		t.Errorf("ListItems examples = %q, want %q", got, want)
	}
	if ex := list.Examples[0]; !ex.SameRequest || !slices.Equal(ex.PathValues, []string{"shoes"}) {
		t.Errorf("Two shoes: same request %v, path values %q; want true, [shoes]", ex.SameRequest, ex.PathValues)
	}
	if ex := list.Examples[1]; !slices.Equal(ex.PathValues, []string{"shoes"}) {
		t.Errorf("Unknown collection: path values %q, want the overlay URL's [shoes]", ex.PathValues)
	}
	item := field(list.Result.Type, "items")
	if item == nil || item.Type.Elem == nil {
		t.Fatalf("ListItems result %v has no items list", list.Result.Type)
	}
	// Both samples shape the type: tags from both, discount from the
	// overlay's only.
	for _, key := range []string{"id", "price", "tags", "discount"} {
		if field(item.Type.Elem, key) == nil {
			t.Errorf("ListItems item type lacks %q", key)
		}
	}
	if list.ErrorType == nil {
		t.Error("ListItems has no error type: the overlay's 404 example was not read")
	}

	// /v1/:kind/count fits both /v1/:collection/:id and
	// /v1/:collection/count: the more literal one wins.
	count := opNamed(t, api, "CountItems")
	if got, want := exampleNames(count), []string{"Shoes counted", "OK"}; !slices.Equal(got, want) {
		t.Errorf("CountItems examples = %q, want %q", got, want)
	}
	if ex := count.Examples[0]; !slices.Equal(ex.PathValues, []string{"shoes"}) {
		t.Errorf("Shoes counted: path values %q, want the overlay variable's [shoes]", ex.PathValues)
	}
	if got := exampleNames(opNamed(t, api, "GetItem")); !slices.Equal(got, []string{"OK"}) {
		t.Errorf("GetItem examples = %q, want only its own", got)
	}

	add := opNamed(t, api, "AddItems")
	if len(add.Body.Samples) != 2 {
		t.Errorf("AddItems body samples = %d, want the base's and the overlay's", len(add.Body.Samples))
	}
	if it := field(add.Body.Type, "items"); it == nil || it.Type.Elem == nil || field(it.Type.Elem, "sku") == nil {
		t.Error("AddItems request type lacks the overlay's sku")
	}

	ping := opNamed(t, api, "Ping")
	if !slices.Equal(ping.Folder, []string{"Catalogue"}) || ping.HostURL != "https://eu.shop.example" {
		t.Errorf("Ping: folder %q, host %q; want the overlay's [Catalogue] and https://eu.shop.example", ping.Folder, ping.HostURL)
	}
}

func TestOverlayTieAndVariables(t *testing.T) {
	base := `{"info": {"name": "B", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	"auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code"}]},
	"item": [
		{"name": "Search module", "request": {"method": "GET", "url": {"raw": "https://x.example/{{m}}/search", "host": ["https", "x", "example"], "path": ["{{m}}", "search"]}}},
		{"name": "Search records", "request": {"method": "GET", "url": {"raw": "https://x.example/{{module}}/search", "host": ["https", "x", "example"], "path": ["{{module}}", "search"]}}},
		{"name": "Delete", "request": {"method": "DELETE", "url": {"raw": "https://x.example/{{m}}/search", "host": ["https", "x", "example"], "path": ["{{m}}", "search"]}}}
	]}`
	over := `{"info": {"name": "O", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	"auth": {"type": "oauth2", "oauth2": [{"key": "addTokenTo", "value": "header"}, {"key": "headerPrefix", "value": "Token"}]},
	"item": [
		{"name": "Search Records", "request": {"method": "GET", "url": {"raw": "https://y.example/Leads/search", "host": ["https", "y", "example"], "path": ["Leads", "search"]}}},
		{"name": "Post search", "request": {"method": "POST", "url": {"raw": "https://y.example/Leads/search", "host": ["https", "y", "example"], "path": ["Leads", "search"]}}}
	]}`
	api, err := Build(Options{Name: "b.json", Data: []byte(base), Package: "p", Overlays: []Input{{Name: "o.json", Data: []byte(over)}}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, op := range api.Operations {
		names = append(names, op.Name)
		// The overlay's collection auth is the one requests inherit.
		if op.Auth.Kind != AuthBearer || op.Auth.Prefix != "Token" {
			t.Errorf("%s: auth %+v, want the overlay's bearer with prefix Token", op.Name, op.Auth)
		}
	}
	// The tie between two templates goes to the one named like the
	// request; another method matches nothing and is added.
	if want := []string{"Search module", "Search Records", "Delete", "Post search"}; !slices.Equal(names, want) {
		t.Errorf("operations = %q, want %q", names, want)
	}
}

func TestOverlayError(t *testing.T) {
	base := `{"info": {"name": "B", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}`
	_, err := Build(Options{Name: "b.json", Data: []byte(base), Package: "p", Overlays: []Input{{Name: "o.json", Data: []byte(`{"info": `)}}})
	if err == nil || err.Error()[:6] != "o.json" {
		t.Errorf("error = %v, want one naming o.json", err)
	}
}
