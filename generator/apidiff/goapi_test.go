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
