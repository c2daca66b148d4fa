package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generated/zohocrm"
)

// pageRecords is how many records the page of BenchmarkPage holds, the
// most one call of Zoho's "Get Records" returns.
const pageRecords = 200

// recordPage returns a Zoho-like page of n records: the record of the
// saved "Lead found" example, compacted, n times with distinct ids and
// names, in {"data":[...],"info":{...}}.
func recordPage(tb testing.TB, n int) []byte {
	tb.Helper()
	var body bytes.Buffer
	if err := json.Compact(&body, exampleBody(tb, "Get Record", 0)); err != nil {
		tb.Fatal(err)
	}
	rec, ok := strings.CutPrefix(body.String(), `{"data":[`)
	if !ok {
		tb.Fatalf("the example body does not start with a data array: %.40s", body.String())
	}
	rec, ok = strings.CutSuffix(rec, `]}`)
	if !ok || !strings.Contains(rec, `"id":"5843104000002004117"`) || !strings.Contains(rec, `"Last_Name":"Okafor"`) {
		tb.Fatal("the example record is not the one BenchmarkPage expects")
	}
	var page strings.Builder
	page.WriteString(`{"data":[`)
	for i := range n {
		if i > 0 {
			page.WriteByte(',')
		}
		r := strings.Replace(rec, `"id":"5843104000002004117"`, fmt.Sprintf(`"id":"58431040000020%05d"`, i), 1)
		r = strings.Replace(r, `"Last_Name":"Okafor"`, fmt.Sprintf(`"Last_Name":"Okafor %d"`, i), 1)
		page.WriteString(r)
	}
	fmt.Fprintf(&page, `],"info":{"per_page":%d,"count":%d,"page":1,"more_records":true}}`, n, n)
	return []byte(page.String())
}

// pageResponse is the hand-written type of the page: leadResponse's
// records and the page's info.
type pageResponse struct {
	leadResponse
	Info struct {
		PerPage     int64 `json:"per_page"`
		Count       int64 `json:"count"`
		Page        int64 `json:"page"`
		MoreRecords bool  `json:"more_records"`
	} `json:"info"`
}

// BenchmarkPage decodes and encodes the same page of 200 records with the
// generated types and with encoding/json into hand-written plain structs:
//
//   - generated: the generated type's UnmarshalJSON and MarshalJSON, which
//     is what the client runs on a response body.
//   - generated-via-encoding-json: json.Unmarshal and json.Marshal of the
//     generated type, which add encoding/json's own pass over the whole
//     text (it checks the input before calling UnmarshalJSON, and checks
//     and compacts the output of MarshalJSON).
//   - encoding-json: json.Unmarshal and json.Marshal of pageResponse.
func BenchmarkPage(b *testing.B) {
	page := recordPage(b, pageRecords)
	b.Run("decode/generated", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var out zohocrm.GetRecordResponse
			if err := out.UnmarshalJSON(page); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode/generated-via-encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var out zohocrm.GetRecordResponse
			if err := json.Unmarshal(page, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode/encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var out pageResponse
			if err := json.Unmarshal(page, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	var gen zohocrm.GetRecordResponse
	var plain pageResponse
	if err := json.Unmarshal(page, &gen); err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(page, &plain); err != nil {
		b.Fatal(err)
	}
	b.Run("encode/generated", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := gen.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode/generated-via-encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(gen); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode/encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(plain); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The page decodes into the generated type with every member fitting, and
// encodes back to the same JSON; the hand-written type reads every member,
// so both sides of BenchmarkPage do the same work.
func TestPage(t *testing.T) {
	page := recordPage(t, pageRecords)
	var gen zohocrm.GetRecordResponse
	if err := gen.UnmarshalJSON(page); err != nil {
		t.Fatal(err)
	}
	if len(gen.Data) != pageRecords || gen.Info == nil || len(gen.Extra) != 0 {
		t.Fatalf("%d records, info %v, extra %v; want %d records, info and nothing in Extra", len(gen.Data), gen.Info, gen.Extra, pageRecords)
	}
	if ms := zohocrm.Mismatches(&gen); len(ms) > 0 {
		t.Fatalf("mismatches: %v", ms)
	}
	out, err := gen.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(page, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(a, b) {
		t.Errorf("the page does not encode back to the same JSON")
	}
	var plain pageResponse
	dec := json.NewDecoder(bytes.NewReader(page))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&plain); err != nil {
		t.Fatal(err)
	}
	t.Logf("page: %d records, %d bytes", pageRecords, len(page))
}

// jsonEqual reports whether two values from json.Unmarshal into an any
// are equal.
func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
