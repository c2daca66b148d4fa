package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestUsageGolden(t *testing.T) {
	for _, tc := range []struct {
		file  string
		usage func(io.Writer)
	}{
		{"usage.golden", usage},
		{"types_usage.golden", typesUsage},
		{"diff_usage.golden", diffUsage},
		{"zoho_fields_usage.golden", zohoFieldsUsage},
	} {
		var buf bytes.Buffer
		tc.usage(&buf)
		golden := filepath.Join("testdata", tc.file)
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (create it with: go test ./cmd/zcrmgen -run TestUsageGolden -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs; if the new text is right, run: go test ./cmd/zcrmgen -run TestUsageGolden -update\ngot:\n%s\nwant:\n%s", golden, buf.Bytes(), want)
		}
	}
}

// TestHelp checks that every spelling of help prints the usage on stdout
// and exits 0, with nothing on stderr.
func TestHelp(t *testing.T) {
	var want, typesWant, diffWant, fieldsWant bytes.Buffer
	usage(&want)
	typesUsage(&typesWant)
	diffUsage(&diffWant)
	zohoFieldsUsage(&fieldsWant)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, want.String()},
		{[]string{"--help"}, want.String()},
		{[]string{"-help"}, want.String()},
		{[]string{"-in", "c.json", "-h"}, want.String()},
		{[]string{"types", "-h"}, typesWant.String()},
		{[]string{"types", "--help"}, typesWant.String()},
		{[]string{"diff", "-h"}, diffWant.String()},
		{[]string{"diff", "-format", "json", "-help"}, diffWant.String()},
		{[]string{"zoho-fields", "-h"}, fieldsWant.String()},
		{[]string{"zoho-fields", "-name", "Lead", "--help"}, fieldsWant.String()},
	} {
		r := zcrmgen(t, t.TempDir(), "", tc.args...)
		if r.code != 0 || r.stdout != tc.want || r.stderr != "" {
			t.Errorf("zcrmgen %q: exit %d, stdout %q, stderr %q; want exit 0 and the usage", tc.args, r.code, r.stdout, r.stderr)
		}
	}
}
