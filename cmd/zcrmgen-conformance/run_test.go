package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRunShop runs the whole command on a small collection whose base URL
// variable carries part of the path, with a route written twice, a PNG
// reply, a JSON body, and samples for each route plus one no method
// serves.
func TestRunShop(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool")
	}
	args := []string{"-collection", "testdata/shop.postman_collection.json", "-samples", "testdata/samples"}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	out := stdout.String()
	if code != exitFail {
		t.Errorf("exit %d, want %d (a sample is unmapped)\nstdout:\n%s\nstderr:\n%s", code, exitFail, out, stderr.String())
	}
	for _, want := range []string{
		`(?m)^methods: +5$`,
		`(?m)^samples: +6$`,
		`(?m)^  mapped to a method: +5$`,
		`(?m)^  unmapped: +1$`,
		// s1 decodes through both methods of its route, s2 and s3 through
		// theirs; s4's method returns the PNG as it comes; s6 decodes, its
		// "id" a string where the examples have a number, kept raw.
		`(?m)^  decoded: +4 +66\.7%$`,
		`(?m)^  decode failures: +1$`,
		`(?m)^  round-trip equal: +4 +66\.7%$`,
		`(?m)^  every member fits: +3 +50\.0%`,
		`(?m)^members kept raw because they did not fit \(\d, first \d\):\n  s6\.json GET /v2/items/\{item_id\} -> \w+ \(\w+\): 1 \(json: id: a string does not fit \*int64\)$`,
		`(?m)^request body types: +1$`,
		`(?m)^  zero value is \{\}: +[01] +(0|100)\.0%$`,
		`(?m)^unmapped routes:\n  DELETE /v2/items/\{item_id\} \(1 sample\)$`,
		`(?m)^decode failures \(1, first 1\):\n  s4\.json GET /v2/items/\{item_id\}/photo -> \w+ \(no JSON type\): the method does not decode its reply as JSON$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("stdout does not match %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "round-trip differences") {
		t.Errorf("stdout shows round-trip differences:\n%s", out)
	}
	if !strings.Contains(stderr.String(), "below 100%") {
		t.Errorf("stderr = %q, want it to say the run is below 100%%", stderr.String())
	}

	// With -min 0 any figures pass.
	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), append(args, "-min", "0", "-show", "0"), &stdout, &stderr); code != exitOK {
		t.Errorf("-min 0: exit %d, want %d\n%s", code, exitOK, stderr.String())
	}
	if strings.Contains(stdout.String(), "first") {
		t.Errorf("-show 0 shows failures:\n%s", stdout.String())
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	col := "testdata/shop.postman_collection.json"
	samples := "testdata/samples"
	notJSON := write("bad/index.json", "[")
	notCollection := write("bad.json", `{"item": 1}`)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-h"}, exitOK, ""},
		{[]string{"-nope"}, exitUsage, "unknown flag: -nope"},
		{[]string{"extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"-min", "101"}, exitUsage, "-min 101: must be from 0 to 100"},
		{[]string{"-min", "NaN"}, exitUsage, "-min NaN: must be from 0 to 100"},
		{[]string{"-show", "-1"}, exitUsage, "-show -1: must not be negative"},
		{[]string{"-timeout", "0s"}, exitUsage, "-timeout 0s: must be positive"},
		{[]string{"-collection", ""}, exitUsage, "-collection: no file"},
		{[]string{"-collection", filepath.Join(dir, "none.json"), "-samples", samples}, exitFail, "none.json: no such file"},
		{[]string{"-collection", col, "-samples", filepath.Join(dir, "none")}, exitFail, "index.json: no such file"},
		{[]string{"-collection", col, "-samples", filepath.Dir(notJSON)}, exitFail, "bad/index.json: unexpected end of JSON input"},
		{[]string{"-collection", notCollection, "-samples", samples}, exitFail, "bad.json"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr.String(), tt.code, tt.msg)
		}
		if tt.code == exitOK && !strings.HasPrefix(stdout.String(), synopsis) {
			t.Errorf("%q: stdout %q, want the usage", tt.args, stdout.String())
		}
	}
}

func TestReadIndex(t *testing.T) {
	for _, tt := range []struct {
		index, err string
	}{
		{`[{"method": "GET", "path": "/a", "status": 200, "file": "a.json"}]`, ""},
		{`[{"method": "GET", "path": "/a", "file": "a.json", "extra": 1}]`, ""},
		{`{}`, "cannot unmarshal object"},
		{`[{"path": "/a", "file": "a.json"}]`, "entry 0: no method"},
		{`[{"method": "GET", "path": "/a", "file": "a.json"}, {"method": "GET", "file": "a.json"}]`, "entry 1: no path"},
		{`[{"method": "GET", "path": "/a", "status": 404, "file": "a.json"}]`, "entry 0: status 404 is not a success status"},
		{`[{"method": "GET", "path": "/a"}]`, "entry 0: no file"},
		{`[{"method": "GET", "path": "/a", "file": "../a.json"}]`, `entry 0: file "../a.json" is not a name inside`},
		{`[{"method": "GET", "path": "/a", "file": "/etc/passwd"}]`, `entry 0: file "/etc/passwd" is not a name inside`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, indexName), []byte(tt.index), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := readIndex(dir)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("readIndex(%s): %v", tt.index, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("readIndex(%s) = %v, want an error with %q", tt.index, err, tt.err)
		case err != nil && !strings.Contains(err.Error(), filepath.Join(dir, indexName)):
			t.Errorf("readIndex(%s) = %v, want the error to name the file", tt.index, err)
		}
	}
}
