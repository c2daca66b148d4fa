package parse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	postman "github.com/rbretecher/go-postman-collection"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestNormalizeGolden normalises every fixture in testdata/normalize and
// compares the warnings and the JSON handed to the library with the
// fixture's .golden file.
func TestNormalizeGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/normalize/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			got := normalizedText(t, file)
			golden := strings.TrimSuffix(file, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run: go test ./generator/parse -run TestNormalizeGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the normalised output (run: go test ./generator/parse -run TestNormalizeGolden -update, then review the diff)\ngot:\n%s", golden, got)
			}
		})
	}
}

// normalizedText is the golden text of a fixture: its warnings, one a
// line, then the normalised JSON, indented.
func normalizedText(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(file)
	var p Parser
	root, _, err := p.normalize(name, data)
	if err != nil {
		t.Fatal(err)
	}
	w := writer{}
	w.value(&root)
	out := w.buf
	_, warns, err := p.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("# warnings\n")
	for _, w := range warns {
		b.WriteString(w.String() + "\n")
	}
	b.WriteString("# normalised\n")
	if err := json.Indent(&b, out, "", "  "); err != nil {
		t.Fatalf("normalised output is not JSON: %v", err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// parseFixture parses testdata/normalize/<name>.json.
func parseFixture(t *testing.T, name string) (*Collection, []Warning) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "normalize", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	c, warns, err := Parse(name+".json", data)
	if err != nil {
		t.Fatal(err)
	}
	return c, warns
}

// requests lists the request items of items in document order.
func requests(items []*postman.Items) []*postman.Items {
	var out []*postman.Items
	var walk func([]*postman.Items)
	walk = func(items []*postman.Items) {
		for _, it := range items {
			if it.IsGroup() {
				walk(it.Items)
			} else {
				out = append(out, it)
			}
		}
	}
	walk(items)
	return out
}

// byName finds the request item called name.
func byName(t *testing.T, c *Collection, name string) *postman.Items {
	t.Helper()
	for _, it := range requests(c.Postman.Items) {
		if it.Name == name {
			return it
		}
	}
	t.Fatalf("no request item %q", name)
	return nil
}

func warnings(ws []Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.String()
	}
	return out
}
