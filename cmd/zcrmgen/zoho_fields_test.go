package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leadsFields is the fields reply the zohofields package's goldens are made
// from; leadsGolden is the source it gives for package crm importing the
// client.
const (
	leadsFields = "../../generator/zohofields/testdata/leads.json"
	leadsGolden = "../../generator/zohofields/testdata/leads_import.golden"
)

func runZohoFields(stdin string, args ...string) result {
	var stdout, stderr bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr}
	code := c.run(append([]string{"zoho-fields"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestZohoFieldsCommand(t *testing.T) {
	want, err := os.ReadFile(leadsGolden)
	if err != nil {
		t.Fatal(err)
	}
	r := runZohoFields("", "-name", "Lead", "-package", "crm", "-import", "example.com/app/zohocrm", leadsFields)
	if r.code != 0 || r.stdout != string(want) || r.stderr != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", r.code, r.stderr, r.stdout)
	}
	data, err := os.ReadFile(leadsFields)
	if err != nil {
		t.Fatal(err)
	}
	r = runZohoFields(string(data), "-name=Lead", "-package=crm", "-import=example.com/app/zohocrm", "-")
	if r.code != 0 || r.stdout != string(want) {
		t.Errorf("standard input: exit %d, stderr %q", r.code, r.stderr)
	}
	// The name defaults to the file's.
	dir := t.TempDir()
	file := writeInput(t, dir, "sales_orders.json", `{"fields": [{"api_name": "Subject", "data_type": "text"}]}`)
	r = runZohoFields("", file)
	if r.code != 0 || !strings.Contains(r.stdout, "package main\n") || !strings.Contains(r.stdout, "type SalesOrders struct {") {
		t.Errorf("default name: exit %d, stderr %q, stdout:\n%s", r.code, r.stderr, r.stdout)
	}
}

func TestZohoFieldsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeInput(t, dir, "bad.json", "{\n  \"fields\": [\n")
	noFields := writeInput(t, dir, "modules.json", `{"modules": []}`)
	ok := writeInput(t, dir, "ok.json", `{"fields": []}`)
	missing := filepath.Join(dir, "missing.json")
	for _, tc := range []struct {
		args   []string
		stdin  string
		code   int
		stderr string
	}{
		{nil, "", exitUsage, "zcrmgen: zoho-fields: missing FILE"},
		{[]string{ok, ok}, "", exitUsage, "zcrmgen: zoho-fields: one FILE, got 2"},
		{[]string{"-"}, "", exitUsage, "zcrmgen: zoho-fields: -name is needed when reading standard input"},
		{[]string{"-name", "lead", ok}, "", exitUsage, `zcrmgen: zoho-fields: -name "lead": not an exported Go identifier`},
		{[]string{"-package", "a-b", ok}, "", exitUsage, `zcrmgen: zoho-fields: -package "a-b": not a Go package name`},
		{[]string{"-bogus", ok}, "", exitUsage, "zcrmgen: unknown flag: -bogus\nrun 'zcrmgen zoho-fields -h' for usage\n"},
		{[]string{missing}, "", exitFail, "zcrmgen: " + missing + ": no such file or directory"},
		{[]string{bad}, "", exitFail, "zcrmgen: " + bad + ":3:1: unexpected end of JSON input"},
		{[]string{"-name", "Lead", "-"}, "{\"fields\": 1}", exitFail, "zcrmgen: standard input:1:13: fields: want []zohofields.Field, got a JSON number"},
		{[]string{noFields}, "", exitFail, "zcrmgen: " + noFields + ": no fields member"},
		{[]string{"-import", "example.com/zoho-crm", ok}, "", exitFail, "zcrmgen: " + ok + `: record import "example.com/zoho-crm"`},
	} {
		r := runZohoFields(tc.stdin, tc.args...)
		if r.code != tc.code || r.stdout != "" || !strings.HasPrefix(r.stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, r.code, r.stdout, r.stderr, tc.code, tc.stderr)
		}
	}
}
