package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

// syntheticCollection is a collection of n requests in folders of 20, each
// with headers, a query, a JSON body and one saved example: about 2 KB per
// request.
func syntheticCollection(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"info": {"name": "Synthetic", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},` + "\n")
	b.WriteString(`"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]}, "item": [`)
	for f := 0; f*20 < n; f++ {
		if f > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n{\"name\": \"Folder %d\", \"description\": {\"content\": \"Folder %d docs\", \"type\": \"text/markdown\"}, \"item\": [", f, f)
		for i := f * 20; i < min(n, f*20+20); i++ {
			if i > f*20 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `
  {"name": "Update record %[1]d", "request": {"method": "post",
    "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "X-Trace", "value": "{{trace}}", "disabled": true}],
    "body": {"mode": "raw", "raw": "{\n  \"id\": %[1]d,\n  \"name\": \"Record %[1]d\",\n  \"tags\": [\"a\", \"b\"],\n  \"active\": true\n}", "options": {"raw": {"language": "json"}}},
    "url": {"raw": "{{baseUrl}}/v2/records/:id?fields=name,tags&limit=10", "host": ["{{baseUrl}}"], "path": ["v2", "records", ":id"],
      "query": [{"key": "fields", "value": "name,tags"}, {"key": "limit", "value": "10"}, {"key": "debug", "value": "1", "disabled": true}],
      "variable": [{"key": "id", "value": "%[1]d", "description": "Record id"}]},
    "description": "Updates record %[1]d."},
   "response": [{"name": "OK", "code": 200, "status": "OK",
     "originalRequest": {"method": "POST", "url": {"raw": "{{baseUrl}}/v2/records/%[1]d", "host": ["{{baseUrl}}"], "path": ["v2", "records", "%[1]d"]}},
     "header": [{"key": "Content-Type", "value": "application/json"}],
     "body": "{\n  \"data\": {\"id\": %[1]d, \"name\": \"Record %[1]d\", \"created\": \"2024-01-01T00:00:00Z\", \"tags\": [\"a\", \"b\"]}\n}"}]}`, i)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}\n")
	return []byte(b.String())
}

type benchInput struct {
	name string
	data []byte
}

// benchInputs are a synthetic 2,000-request collection and, when the
// corpus is there, its largest file.
func benchInputs(b *testing.B) []benchInput {
	in := []benchInput{{"synthetic-2000", syntheticCollection(2000)}}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	var largest string
	var size int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > size {
			largest, size = f, fi.Size()
		}
	}
	if largest != "" {
		data, err := os.ReadFile(largest)
		if err != nil {
			b.Fatal(err)
		}
		in = append(in, benchInput{strings.TrimSuffix(filepath.Base(largest), ".postman_collection.json"), data})
	}
	return in
}

// BenchmarkParse measures Parse. Compare it with BenchmarkJSONDecode (the
// cost of reading the bytes as JSON at all) and BenchmarkLibraryDecode
// (go-postman-collection alone, which Parse also runs).
func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Parse(in.name, in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkJSONDecode(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				var v any
				if err := json.Unmarshal(in.data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLibraryDecode(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			if _, err := postman.ParseCollection(bytes.NewReader(in.data)); err != nil {
				b.Skipf("the library cannot read this input: %v", err)
			}
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := postman.ParseCollection(bytes.NewReader(in.data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSyntheticCollection keeps the benchmark input honest.
func TestSyntheticCollection(t *testing.T) {
	data := syntheticCollection(45)
	c, warns, err := Parse("synthetic.json", data)
	if err != nil {
		t.Fatal(err)
	}
	checkCollection(t, c)
	if len(warns) != 0 || len(c.Extras) != 45 || len(c.ExampleExtras) != 45 {
		t.Errorf("got %d warnings, %d requests, %d examples", len(warns), len(c.Extras), len(c.ExampleExtras))
	}
}
