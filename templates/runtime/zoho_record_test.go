package runtime

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// recordLead is a record of the Leads module in the shape Zoho documents:
// system fields, standard fields, a custom field and $-prefixed metadata.
const recordLead = `{
  "Owner": {"name": "Patricia Boyle", "id": "3652397000000186017", "email": "p.boyle@zylker.com"},
  "Company": "Zylker",
  "Email": "j.hill@zylker.com",
  "$currency_symbol": "$",
  "Last_Activity_Time": "2026-03-26T12:46:11+05:30",
  "$approval_state": "approved",
  "Annual_Revenue": 125000.5,
  "No_of_Employees": 42,
  "Lead_Score__c": "9007199254740993",
  "Email_Opt_Out": false,
  "Created_By": {"name": "Patricia Boyle", "id": "3652397000000186017", "email": "p.boyle@zylker.com"},
  "Modified_By": {"name": "Ted Watson", "id": "3652397000000186023", "email": "t.watson@zylker.com"},
  "Created_Time": "2026-03-20T09:01:02-07:00",
  "Modified_Time": "2026-03-26T12:46:11+05:30",
  "Follow_Up_On": "2026-04-01",
  "Tag": [{"name": "Hot", "id": "3652397000000371001", "color_code": "#F17574"}],
  "Layout": {"name": "Standard", "id": "3652397000000091055"},
  "$editable": true,
  "Description": null,
  "Last_Name": "Hill",
  "id": "3652397000000412001"
}`

func decodeRecord(t *testing.T, text string) Record {
	t.Helper()
	var r Record
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return r
}

func TestRecordSystemFields(t *testing.T) {
	r := decodeRecord(t, recordLead)
	ist := time.FixedZone("", 5*3600+1800)
	pdt := time.FixedZone("", -7*3600)
	for _, tc := range []struct {
		name     string
		got      func() (any, bool)
		want     any
		wantBool bool
	}{
		{"ID", func() (any, bool) { return r.ID() }, "3652397000000412001", true},
		{"Owner", func() (any, bool) { return r.Owner() }, RecordUser{ID: "3652397000000186017", Name: "Patricia Boyle", Email: "p.boyle@zylker.com"}, true},
		{"CreatedBy", func() (any, bool) { return r.CreatedBy() }, RecordUser{ID: "3652397000000186017", Name: "Patricia Boyle", Email: "p.boyle@zylker.com"}, true},
		{"ModifiedBy", func() (any, bool) { return r.ModifiedBy() }, RecordUser{ID: "3652397000000186023", Name: "Ted Watson", Email: "t.watson@zylker.com"}, true},
		{"CreatedTime", func() (any, bool) { return r.CreatedTime() }, time.Date(2026, 3, 20, 9, 1, 2, 0, pdt), true},
		{"ModifiedTime", func() (any, bool) { return r.ModifiedTime() }, time.Date(2026, 3, 26, 12, 46, 11, 0, ist), true},
		{"LastActivityTime", func() (any, bool) { return r.LastActivityTime() }, time.Date(2026, 3, 26, 12, 46, 11, 0, ist), true},
		{"Tag", func() (any, bool) { return r.Tag() }, []RecordTag{{ID: "3652397000000371001", Name: "Hot", ColorCode: "#F17574"}}, true},
		{"Layout", func() (any, bool) { return r.Layout() }, RecordLayout{ID: "3652397000000091055", Name: "Standard"}, true},
		{"ApprovalState", func() (any, bool) { return r.ApprovalState() }, "approved", true},
		{"Editable", func() (any, bool) { return r.Editable() }, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.got()
			if ok != tc.wantBool {
				t.Fatalf("ok = %v, want %v", ok, tc.wantBool)
			}
			if gt, isTime := got.(time.Time); isTime {
				if !gt.Equal(tc.want.(time.Time)) {
					t.Fatalf("got %v, want %v", gt, tc.want)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestRecordSystemFieldsAbsent(t *testing.T) {
	// An empty record, and one whose system fields are null or of
	// another type, have none of them.
	for _, text := range []string{`{}`, `{"id": null, "Owner": null, "Created_Time": null, "Tag": null, "$editable": null}`,
		`{"id": true, "Owner": "someone", "Created_Time": "yesterday", "Tag": {}, "$editable": "yes"}`} {
		r := decodeRecord(t, text)
		if _, ok := r.ID(); ok {
			t.Errorf("%s: ID found", text)
		}
		if _, ok := r.Owner(); ok {
			t.Errorf("%s: Owner found", text)
		}
		if _, ok := r.CreatedTime(); ok {
			t.Errorf("%s: CreatedTime found", text)
		}
		if _, ok := r.Tag(); ok {
			t.Errorf("%s: Tag found", text)
		}
		if _, ok := r.Editable(); ok {
			t.Errorf("%s: Editable found", text)
		}
	}
	// Some APIs write the ID as a number.
	if id, ok := decodeRecord(t, `{"id": 3652397000000412001}`).ID(); !ok || id != "3652397000000412001" {
		t.Errorf("numeric id: got %q, %v", id, ok)
	}
}

func TestRecordReaders(t *testing.T) {
	r := decodeRecord(t, recordLead)
	for _, tc := range []struct {
		field  string
		read   func(string) (any, bool)
		want   any
		wantOK bool
	}{
		{"Company", func(k string) (any, bool) { return r.String(k) }, "Zylker", true},
		{"Description", func(k string) (any, bool) { return r.String(k) }, "", false},
		{"Missing", func(k string) (any, bool) { return r.String(k) }, "", false},
		{"No_of_Employees", func(k string) (any, bool) { return r.String(k) }, "", false},
		{"No_of_Employees", func(k string) (any, bool) { return r.Int(k) }, int64(42), true},
		// A bigint beyond float64's exact integers, as a string.
		{"Lead_Score__c", func(k string) (any, bool) { return r.Int(k) }, int64(9007199254740993), true},
		{"Annual_Revenue", func(k string) (any, bool) { return r.Int(k) }, int64(0), false},
		{"Company", func(k string) (any, bool) { return r.Int(k) }, int64(0), false},
		{"Annual_Revenue", func(k string) (any, bool) { return r.Float(k) }, 125000.5, true},
		{"No_of_Employees", func(k string) (any, bool) { return r.Float(k) }, 42.0, true},
		{"Owner", func(k string) (any, bool) { return r.Float(k) }, 0.0, false},
		{"Email_Opt_Out", func(k string) (any, bool) { return r.Bool(k) }, false, true},
		{"Company", func(k string) (any, bool) { return r.Bool(k) }, false, false},
		{"Follow_Up_On", func(k string) (any, bool) { return r.Time(k) }, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{"Company", func(k string) (any, bool) { return r.Time(k) }, time.Time{}, false},
	} {
		got, ok := tc.read(tc.field)
		if ok != tc.wantOK || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %#v, %v; want %#v, %v", tc.field, got, ok, tc.want, tc.wantOK)
		}
	}
	if raw, ok := r.Get("Description"); !ok || string(raw) != "null" {
		t.Errorf("Get(Description) = %s, %v; want null, true", raw, ok)
	}
	if raw, ok := r.Get("Owner"); !ok || !json.Valid(raw) || !bytes.Contains(raw, []byte(`"Patricia Boyle"`)) {
		t.Errorf("Get(Owner) = %s, %v", raw, ok)
	}
	if _, ok := r.Get("Missing"); ok {
		t.Error("Get(Missing) found")
	}
	var owner map[string]string
	if ok, err := r.Decode("Owner", &owner); !ok || err != nil || owner["email"] != "p.boyle@zylker.com" {
		t.Errorf("Decode(Owner) = %v, %v, %v", owner, ok, err)
	}
	var n int
	if ok, err := r.Decode("Company", &n); ok || err == nil {
		t.Errorf("Decode(Company) into an int = %v, %v; want an error", ok, err)
	}
}

func TestRecordEdit(t *testing.T) {
	var r Record
	if got, _ := json.Marshal(r); string(got) != `{}` {
		t.Fatalf("zero record = %s, want {}", got)
	}
	steps := []struct {
		do   func() error
		want string
	}{
		{func() error { return r.Set("Last_Name", "Hill") }, `{"Last_Name":"Hill"}`},
		{func() error { return r.Set("Email_Opt_Out", false) }, `{"Last_Name":"Hill","Email_Opt_Out":false}`},
		{func() error { return r.Set("Tag", []RecordTag{{Name: "Hot"}}) }, `{"Last_Name":"Hill","Email_Opt_Out":false,"Tag":[{"id":"","name":"Hot","color_code":""}]}`},
		// Setting a field again keeps its place.
		{func() error { return r.Set("Last_Name", "Hall") }, `{"Last_Name":"Hall","Email_Opt_Out":false,"Tag":[{"id":"","name":"Hot","color_code":""}]}`},
		{func() error { r.Delete("Email_Opt_Out"); return nil }, `{"Last_Name":"Hall","Tag":[{"id":"","name":"Hot","color_code":""}]}`},
		{func() error { r.Delete("Missing"); return nil }, `{"Last_Name":"Hall","Tag":[{"id":"","name":"Hot","color_code":""}]}`},
		{func() error { return r.Set("Description", nil) }, `{"Last_Name":"Hall","Tag":[{"id":"","name":"Hot","color_code":""}],"Description":null}`},
		{func() error { return r.Set("Layout", json.RawMessage(`{"id": "7"}`)) }, `{"Last_Name":"Hall","Tag":[{"id":"","name":"Hot","color_code":""}],"Description":null,"Layout":{"id":"7"}}`},
		{func() error { r.Delete("Tag"); r.Delete("Layout"); return nil }, `{"Last_Name":"Hall","Description":null}`},
	}
	for i, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if string(got) != s.want {
			t.Fatalf("step %d: got %s\nwant %s", i, got, s.want)
		}
	}
	if got := r.Keys(); !slices.Equal(got, []string{"Last_Name", "Description"}) || r.Len() != 2 {
		t.Errorf("Keys = %q, Len = %d", got, r.Len())
	}
	// Values that are not JSON are refused and change nothing.
	if err := r.Set("Bad", json.RawMessage(`{`)); err == nil {
		t.Error("Set of invalid raw JSON: no error")
	}
	if err := r.Set("Bad", func() {}); err == nil {
		t.Error("Set of a func: no error")
	}
	if _, ok := r.Get("Bad"); ok {
		t.Error("a refused Set added the field")
	}
}

func TestRecordDecodeErrors(t *testing.T) {
	for _, text := range []string{`[]`, `"x"`, `1`, `true`, `{"a":}`, `{"a":1`} {
		var r Record
		if err := r.UnmarshalJSON([]byte(text)); err == nil {
			t.Errorf("%s: no error", text)
		}
	}
	// null leaves the record as it was.
	r := decodeRecord(t, `{"a":1}`)
	if err := json.Unmarshal([]byte(`null`), &r); err != nil || r.Len() != 1 {
		t.Errorf("null: %v, %d fields", err, r.Len())
	}
	// A key given twice keeps its first place and its last value.
	r = decodeRecord(t, `{"a":1,"b":2,"a":3}`)
	if got, _ := json.Marshal(r); string(got) != `{"a":3,"b":2}` {
		t.Errorf("duplicate key: got %s", got)
	}
}

// TestRecordRoundTrip checks that a record encodes back to the bytes it was
// decoded from, once compacted: every member, its value and its place.
func TestRecordRoundTrip(t *testing.T) {
	for _, text := range []string{recordLead, `{}`, `{"":1,"a\"b":"\u00e9","<x>":[1,{"y":null}]}`, `{"n":1.0e+2,"big":123456789012345678901234567890}`} {
		roundTrip(t, "literal", []byte(text))
	}
	var list []Record
	if err := json.Unmarshal([]byte(`[`+recordLead+`,{"id":"2"}]`), &list); err != nil || len(list) != 2 {
		t.Fatalf("list: %v, %d records", err, len(list))
	}
}

func roundTrip(t *testing.T, name string, text []byte) {
	t.Helper()
	var r Record
	if err := json.Unmarshal(text, &r); err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	// MarshalJSON gives back the members as they were read; compacted, the
	// bytes are the input's compacted.
	got, err := r.MarshalJSON()
	if err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	var gotc, want bytes.Buffer
	if err := json.Compact(&gotc, got); err != nil {
		t.Fatalf("%s: encoded %s: %v", name, got, err)
	}
	if err := json.Compact(&want, text); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotc.Bytes(), want.Bytes()) {
		t.Fatalf("%s: round trip changed the record\n got %s\nwant %s", name, gotc.Bytes(), want.Bytes())
	}
	// encoding/json's result is the same JSON value.
	viaJSON, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("%s: json.Marshal: %v", name, err)
	}
	var a, b any
	if json.Unmarshal(viaJSON, &a) != nil || json.Unmarshal(want.Bytes(), &b) != nil || !reflect.DeepEqual(a, b) {
		t.Fatalf("%s: json.Marshal gives another value: %s", name, viaJSON)
	}
}

// zohoSamples holds schema-valid replies of Zoho CRM v8 made from Zoho's
// OpenAPI files. The test that reads them skips when they are missing.
const zohoSamples = "../../../shared/zoho-oas/samples"

// TestRecordZohoSamples decodes every object in the data arrays of Zoho's
// sample replies into a Record and checks it encodes back to the same
// bytes. (The samples of GET /crm/v8/{module_api_name} are the error and
// empty replies Zoho's schema allows; records come from the replies of
// the other record APIs.)
func TestRecordZohoSamples(t *testing.T) {
	index, err := os.ReadFile(filepath.Join(zohoSamples, "index.json"))
	if err != nil {
		t.Skip("no Zoho samples at " + zohoSamples)
	}
	var entries []struct {
		Method, Path, File string
	}
	if err := json.Unmarshal(index, &entries); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	records, replies, getRecords := 0, 0, 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(zohoSamples, e.File))
		if err != nil {
			t.Fatal(err)
		}
		var reply struct {
			Data []json.RawMessage `json:"data"`
		}
		if json.Unmarshal(data, &reply) != nil {
			continue // not an object with a data array
		}
		if e.Method == "GET" && e.Path == "/crm/v8/{module_api_name}" {
			getRecords++
		}
		if len(reply.Data) > 0 {
			replies++
		}
		for _, el := range reply.Data {
			if recordFirstByte(el) != '{' {
				continue
			}
			roundTrip(t, e.File, el)
			records++
		}
	}
	if getRecords == 0 || records < 100 {
		t.Fatalf("%d GET records replies, %d records in %d replies: the samples have changed", getRecords, records, replies)
	}
	t.Logf("%d records from the data arrays of %d replies round-trip", records, replies)
}
