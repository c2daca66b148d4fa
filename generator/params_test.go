package generator

import (
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// TestFeatureParams (issue 10, items 2, 3 and 5): the "params" case.
// Placeholders and examples type path, query and header parameters and
// form fields; disabled entries are optional members, not dropped; the
// importer's (Required) marker is kept as Required; a form key file_name
// beside a file field file names both.
func TestFeatureParams(t *testing.T) {
	opts := caseOptions(t, "params")
	api := modelOf(t, opts)
	for _, w := range api.Warnings {
		t.Errorf("warning: %s", w)
	}
	type want struct {
		wire               string
		kind               infer.Kind
		repeated, required bool
		disabled           bool
	}
	check := func(what string, ps []*model.Param, wants []want) {
		t.Helper()
		var got []want
		for _, p := range ps {
			got = append(got, want{p.Wire, p.Kind, p.Repeated, p.Required, p.Disabled})
		}
		if !slices.Equal(got, wants) {
			t.Errorf("%s =\n%v, want\n%v", what, got, wants)
		}
	}
	list := findOp(t, api, "ListRecords")
	check("ListRecords path", list.PathParams, []want{{"module", infer.String, false, true, false}})
	if p := list.PathParams[0]; p.Description != "" {
		t.Errorf("module description = %q, want the marker stripped", p.Description)
	}
	check("ListRecords query", list.Query, []want{
		{"fields", infer.String, false, true, false},
		{"page", infer.Int, false, false, true},
		{"per_page", infer.Int, false, false, true},
		{"approved", infer.Bool, false, false, true},
		{"min_score", infer.Float, false, false, true},
		{"modified_since", infer.Time, false, false, true},
		{"birthday", infer.Date, false, false, true},
		{"ids", infer.Int, true, false, true},
		{"sort_order", infer.String, false, false, true},
	})
	check("ListRecords headers", list.HeaderParams, []want{
		{"If-Modified-Since", infer.Time, false, false, false},
		{"X-Trace", infer.String, false, false, true},
	})
	if len(list.Headers) != 1 || list.Headers[0].Name != "Accept" {
		t.Errorf("ListRecords constant headers = %v, want Accept only (a placeholder is no constant)", list.Headers)
	}

	inv := findOp(t, api, "GetInvoice")
	check("GetInvoice path", inv.PathParams, []want{
		{"invoice_id", infer.Int, false, true, false},
		{"code", infer.String, false, true, false}, // "007"
	})
	check("GetInvoice query", inv.Query, []want{
		{"limit", infer.Int, false, false, false},
		{"expand", infer.Bool, false, false, false},
		{"account", infer.String, false, false, false},
		{"big", infer.String, false, false, false},
	})

	type field struct {
		wire, goName       string
		kind               infer.Kind
		file               bool
		fileName           string
		required, disabled bool
	}
	fields := func(op string) []field {
		var out []field
		for _, f := range findOp(t, api, op).Body.Fields {
			out = append(out, field{f.Wire, f.GoName, f.Kind, f.File, f.FileNameGo, f.Required, f.Disabled})
		}
		return out
	}
	// Every field disabled: still a typed body.
	if got, want := fields("CreateACustomer"), []field{
		{"email", "Email", infer.String, false, "", false, true},
		{"balance", "Balance", infer.Int, false, "", false, true},
		{"tax_exempt", "TaxExempt", infer.Bool, false, "", false, true},
		{"name", "Name", infer.String, false, "", true, true},
		{"next_invoice", "NextInvoice", infer.Time, false, "", false, true},
	}; !slices.Equal(got, want) {
		t.Errorf("CreateACustomer fields =\n%v, want\n%v", got, want)
	}
	if got, want := fields("UploadAttachment"), []field{
		{"file_name", "FileName", infer.String, false, "", false, false},
		{"file", "File", infer.String, true, "FileName2", false, false},
		{"pages", "Pages", infer.Int, false, "", false, true},
	}; !slices.Equal(got, want) {
		t.Errorf("UploadAttachment fields =\n%v, want\n%v", got, want)
	}
	// "<binary>" makes a file part; the order of the keys does not change
	// the names.
	if got, want := fields("UploadPhoto"), []field{
		{"file", "File", infer.String, true, "FileName2", true, false},
		{"file_name", "FileName", infer.String, false, "", false, false},
	}; !slices.Equal(got, want) {
		t.Errorf("UploadPhoto fields =\n%v, want\n%v", got, want)
	}

	src := caseFile(t, opts, "ops_operations.go")
	for _, want := range []string{
		"func (c *Client) GetInvoice(ctx context.Context, invoiceID int64, code string, params *GetInvoiceParams) (*GetInvoiceResponse, error) {",
		`newRequest("GET", "/invoices/"+strconv.FormatInt(invoiceID, 10)+"/lines/"+url.PathEscape(code), "", authScheme{kind: authBearer, prefix: "Bearer"})`,
		"\tPerPage *int64\n",
		"\tIDs []int64\n",
		"\tBirthday *time.Time\n",
		"\t// Fields is the query parameter \"fields\"; required: the API expects it, nil leaves it out.\n\t// Comma-separated field API names.\n\tFields *string\n",
		"\tqueryParam(r, \"min_score\", p.MinScore)\n",
		"\t\tr.setQuery(\"birthday\", p.Birthday.Format(time.DateOnly))\n",
		"\theaderParam(r, \"If-Modified-Since\", p.IfModifiedSince)\n",
		"func (c *Client) CreateACustomer(ctx context.Context, form *CreateACustomerForm) (*CreateACustomerResponse, error) {",
		"\tFileName *string\n",
		"\t// FileName2 is the file name sent with File.\n\tFileName2 string\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("ops_operations.go lacks %q", want)
		}
	}
	test := caseFile(t, opts, "ops_operations_test.go")
	if strings.Contains(test, `"<`) {
		t.Error("ops_operations_test.go passes a placeholder as a value")
	}
	for _, want := range []string{
		`c.GetInvoice(context.Background(), int64(456), "007", &GetInvoiceParams{`,
		"\t\tLimit:   new(int64(10)),\n",
		"\t\tExpand:  new(false),\n",
		"\t\tPage:   new(int64(1)),\n",
		`&CreateACustomerForm{Name: new("example")}`,
	} {
		if !strings.Contains(test, want) {
			t.Errorf("ops_operations_test.go lacks %q", want)
		}
	}
}
