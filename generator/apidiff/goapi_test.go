package apidiff

import (
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
)

func goFile(name, src string) generator.File {
	return generator.File{Name: name, Data: []byte("package client\n\n" + src)}
}

func TestGoSummary(t *testing.T) {
	old := []generator.File{
		goFile("client.go", `type Client struct{ base string }
const DefaultBaseURL = "https://a.example"
func (c *Client) GetLead(id string) (*Lead, error) { return nil, nil }
func (c *Client) DeleteLead(id string) error { return nil }
func (c *Client) helper() {}`),
		goFile("types.go", `type Lead struct {
	Name  *string
	Email *string
	extra int
}
type Gone struct{ A, B int }
func (g Gone) MarshalJSON() ([]byte, error) { return nil, nil }`),
		goFile("ops_test.go", `func TestX() {}`),
		{Name: "testdata/zcrmgen/x.go", Data: []byte("not go")},
		{Name: "broken.go", Data: []byte("package client\nfunc {")},
	}
	new := []generator.File{
		goFile("client.go", `type Client struct{ base string; more int }
const DefaultBaseURL = "https://b.example"
func (c *Client) GetLead(id string, params *GetLeadParams) (*Lead, error) { return nil, nil }
func (c *Client) ListLeads() ([]Lead, error) { return nil, nil }`),
		goFile("types.go", `type Lead struct {
	Name  *string
	Email []string
	Phone *string
}
type GetLeadParams struct{ Fields *string }
type New struct{}`),
	}
	want := "1 method removed, 1 method changed, 1 method added, 1 type removed, 2 types added, 1 field changed, 1 field added"
	if got := GoSummary(old, new); got != want {
		t.Errorf("GoSummary:\n got %q\nwant %q", got, want)
	}
	if got := GoSummary(new, new); got != "" {
		t.Errorf("GoSummary of the same files: %q, want \"\"", got)
	}
}

// TestGoSummaryAliases checks that a type that becomes an alias of one of
// the same fields and methods, or stops being one, is no change, and that
// an alias follows the changes of the type it names.
func TestGoSummaryAliases(t *testing.T) {
	methods := func(typ string) string {
		return "func (v " + typ + ") MarshalJSON() ([]byte, error) { return nil, nil }\nfunc (v *" + typ + ") UnmarshalJSON([]byte) error { return nil }\n"
	}
	twoStructs := []generator.File{goFile("types.go", `type AddError struct {
	Code    *string
	Message *string
}
`+methods("AddError")+`type GetError struct {
	Code    *string
	Message *string
}
`+methods("GetError"))}
	aliased := []generator.File{goFile("types.go", `type AddError struct {
	Code    *string
	Message *string
}
`+methods("AddError")+`type GetError = AddError
type OtherError = GetError
`)}
	if got := GoSummary(twoStructs, aliased); got != "1 type added" {
		t.Errorf("struct to alias: %q, want only the new OtherError", got)
	}
	if got := GoSummary(aliased, twoStructs); got != "1 type removed" {
		t.Errorf("alias to struct: %q, want only OtherError removed", got)
	}
	grown := []generator.File{goFile("types.go", `type AddError struct {
	Code    *string
	Message *string
	Status  *string
}
`+methods("AddError")+`type GetError = AddError
type OtherError = GetError
`)}
	if got := GoSummary(aliased, grown); got != "3 fields added" {
		t.Errorf("a field added to an aliased type: %q, want it on each of its names", got)
	}
}
