package zohofields

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/typecheck"
	"github.com/zcrmgen/zcrmgen/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldens are the sources made from testdata/leads.json.
var goldens = []struct {
	golden string
	opt    Options
}{
	{"leads.golden", Options{Package: "zohocrm", Name: "Lead", Module: "Leads"}},
	{"leads_import.golden", Options{Package: "crm", Name: "Lead", RecordImport: "example.com/app/zohocrm"}},
}

func readLeads(t *testing.T) []Field {
	t.Helper()
	data, err := os.ReadFile("testdata/leads.json")
	if err != nil {
		t.Fatal(err)
	}
	fields, err := Parse(data)
	if err != nil {
		t.Fatalf("leads.json: %v", err)
	}
	return fields
}

func TestGolden(t *testing.T) {
	fields := readLeads(t)
	for _, g := range goldens {
		t.Run(g.golden, func(t *testing.T) {
			got, err := Source(fields, g.opt)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", g.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("source differs from %s (go test -run TestGolden -update rewrites it):\n%s", path, got)
			}
		})
	}
}

// TestCompiles type-checks the struct made for the package of the
// generated Zoho client, next to the runtime's Record.
func TestCompiles(t *testing.T) {
	src, err := Source(readLeads(t), goldens[0].opt)
	if err != nil {
		t.Fatal(err)
	}
	var record []byte
	for _, f := range templates.RuntimeFiles() {
		if f.Name == "zoho_record.go" {
			record = f.Data
		}
	}
	if record == nil {
		t.Fatal("no zoho_record.go in the runtime")
	}
	record = regexp.MustCompile(`(?m)^package runtime$`).ReplaceAll(record, []byte("package zohocrm"))
	files := []generator.File{{Name: "lead.go", Data: src}, {Name: "zoho_record.go", Data: record}}
	if err := typecheck.New().Check("example.com/zohocrm", files); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
}

func TestGoType(t *testing.T) {
	for _, tc := range []struct {
		dataType, jsonType, want string
	}{
		{"text", "string", "string"},
		{"multiselectpicklist", "jsonarray", "[]string"},
		{"integer", "integer", "int64"},
		{"bigint", "string", "string"},
		{"currency", "double", "float64"},
		{"boolean", "boolean", "bool"},
		{"date", "string", "string"},
		{"datetime", "string", "time.Time"},
		{"lookup", "jsonobject", "L"},
		{"userlookup", "jsonobject", "L"},
		{"subform", "jsonarray", "json.RawMessage"},
		// A formula's type is its result's.
		{"formula", "boolean", "bool"},
		{"formula", "", "json.RawMessage"},
		// Data types the table lacks follow their json_type.
		{"new_kind", "integer", "int64"},
		{"new_kind", "new_json", "json.RawMessage"},
		{"", "", "json.RawMessage"},
	} {
		if got := GoType(Field{DataType: tc.dataType, JSONType: tc.jsonType}, "L"); got != tc.want {
			t.Errorf("GoType(%q, %q) = %q, want %q", tc.dataType, tc.jsonType, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{`{"fields": [`, "1:13: unexpected end of JSON input"},
		{"{\n  \"fields\": [{\"api_name\": 7}]}", "2:28: fields.api_name: want string, got a JSON number"},
		{`{"fields": {}}`, "want []zohofields.Field, got a JSON object"},
		{`{"modules": []}`, "no fields member"},
		{`{"fields": [{"api_name": "A"}, {"data_type": "text"}]}`, "fields[1]: no api_name"},
		{`[]`, "got a JSON array"},
	} {
		_, err := Parse([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%s) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
	if fields, err := Parse([]byte(`{"fields": []}`)); err != nil || len(fields) != 0 {
		t.Errorf("no fields: %v, %v", fields, err)
	}
}

func TestSourceErrors(t *testing.T) {
	ok := []Field{{APIName: "Last_Name", DataType: "text"}}
	for _, tc := range []struct {
		fields []Field
		opt    Options
		want   string
	}{
		{ok, Options{Package: "1x", Name: "Lead"}, "not a Go package name"},
		{ok, Options{Package: "p", Name: "lead"}, "not an exported Go identifier"},
		{ok, Options{Package: "p", Name: "Record"}, "the runtime's record type"},
		{ok, Options{Package: "p", Name: "Lead", RecordImport: "example.com/zoho-crm"}, "not a package name"},
		{[]Field{{APIName: "A"}, {APIName: "A"}}, Options{Package: "p", Name: "Lead"}, `api_name "A" given twice`},
		{[]Field{{APIName: "a,b"}}, Options{Package: "p", Name: "Lead"}, "cannot match it by a struct tag"},
		{[]Field{{APIName: "a`b"}}, Options{Package: "p", Name: "Lead"}, "cannot match it by a struct tag"},
	} {
		_, err := Source(tc.fields, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Source(%v, %+v) = %v, want an error containing %q", tc.fields, tc.opt, err, tc.want)
		}
	}
}

// TestSourceNames checks that API names that make the same Go name, or
// the name of a method, get names of their own.
func TestSourceNames(t *testing.T) {
	src, err := Source([]Field{
		{APIName: "Email", DataType: "email"},
		{APIName: "email", DataType: "email"},
		{APIName: "To_Record", DataType: "text"},
	}, Options{Package: "p", Name: "Lead"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\tEmail *string `json:\"Email,omitempty\"`", "\tEmail2 *string `json:\"email,omitempty\"`", "\tToRecord2 *string `json:\"To_Record,omitempty\"`"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("source lacks %q:\n%s", want, src)
		}
	}
}

// conversionMain decodes a record, converts it to the generated struct and
// back, and prints what it sees.
const conversionMain = `package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var r Record
	if err := json.Unmarshal([]byte(` + "`" + `{"id":"41","Last_Name":"Hill","Owner":{"id":"7","name":"Ada","email":"ada@zylker.com"},"No_of_Employees":42,"Interests__c":["Go","CRM"],"Created_Time":"2026-03-26T12:46:11+05:30","Visits__c":[{"id":"1"}],"Email_Opt_Out":false,"Unknown__c":"kept out"}` + "`" + `), &r); err != nil {
		panic(err)
	}
	var l Lead
	if err := l.FromRecord(r); err != nil {
		panic(err)
	}
	fmt.Println(*l.ID, *l.LastName, *l.Owner.Email, *l.NoOfEmployees, l.InterestsC, l.CreatedTime.UTC().Format("15:04"), string(l.VisitsC), *l.EmailOptOut, l.Company == nil)
	l.Company = new("Zylker")
	back, err := l.ToRecord()
	if err != nil {
		panic(err)
	}
	out, err := json.Marshal(back)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	if err := l.FromRecord(Record{}); err != nil {
		panic(err)
	}
	fmt.Println(*l.LastName)
}
`

// TestConversions runs FromRecord and ToRecord with the go tool: typed
// fields filled from a record, unset fields staying nil, and back to a
// record holding the set fields only.
func TestConversions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with the go tool")
	}
	src, err := Source(readLeads(t), Options{Package: "main", Name: "Lead"})
	if err != nil {
		t.Fatal(err)
	}
	var record []byte
	for _, f := range templates.RuntimeFiles() {
		if f.Name == "zoho_record.go" {
			record = regexp.MustCompile(`(?m)^package runtime$`).ReplaceAll(f.Data, []byte("package main"))
		}
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"go.mod":         []byte("module example.com/conv\n\ngo 1.26\n"),
		"lead.go":        src,
		"zoho_record.go": record,
		"main.go":        []byte(conversionMain),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	want := `41 Hill ada@zylker.com 42 [Go CRM] 07:16 [{"id":"1"}] false true
{"Owner":{"id":"7","name":"Ada","email":"ada@zylker.com"},"Company":"Zylker","Last_Name":"Hill","Interests__c":["Go","CRM"],"No_of_Employees":42,"Email_Opt_Out":false,"Created_Time":"2026-03-26T12:46:11+05:30","Visits__c":[{"id":"1"}],"id":"41"}
Hill
`
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
