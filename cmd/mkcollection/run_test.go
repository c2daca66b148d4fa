package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/generator/synth"
)

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		args string
		n    int
		seed int64
	}{
		{"", 100, 1},
		{"-n 12", 12, 1},
		{"-n=12 -seed 3", 12, 3},
		{"--requests 12 --seed=3", 12, 3},
		{"-requests=12 -seed=3", 12, 3},
		{"-seed 3 -n 0", 0, 3},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(strings.Fields(tc.args), &stdout, &stderr); code != 0 {
			t.Errorf("run(%q) = %d, stderr %q", tc.args, code, stderr.String())
			continue
		}
		if !bytes.Equal(stdout.Bytes(), synth.Collection(tc.n, tc.seed)) {
			t.Errorf("run(%q) did not write Collection(%d, %d)", tc.args, tc.n, tc.seed)
		}
		if stderr.Len() > 0 {
			t.Errorf("run(%q) wrote to stderr: %q", tc.args, stderr.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		args string
		code int
		out  string // start of stdout
		err  string // part of stderr
	}{
		{args: "-h", code: 0, out: usage + "\n" + flagHelp},
		{args: "--help", code: 0, out: usage + "\n"},
		{args: "-n -3", code: 2, err: "cannot be negative"},
		{args: "-n x", code: 2, err: `invalid argument "x"`},
		{args: "-seed", code: 2, err: "needs an argument"},
		{args: "-count 3", code: 2, err: "unknown shorthand flag"},
		{args: "extra", code: 2, err: `unexpected argument "extra"`},
	} {
		var stdout, stderr bytes.Buffer
		code := run(strings.Fields(tc.args), &stdout, &stderr)
		if code != tc.code || !strings.HasPrefix(stdout.String(), tc.out) || !strings.Contains(stderr.String(), tc.err) {
			t.Errorf("run(%q) = %d\nstdout %q\nstderr %q\nwant %d, stdout %q..., stderr containing %q",
				tc.args, code, stdout.String(), stderr.String(), tc.code, tc.out, tc.err)
		}
		if tc.code == 2 && stdout.Len() > 0 {
			t.Errorf("run(%q) wrote to stdout on a usage error", tc.args)
		}
	}
}

// The hand-written flag list names every flag.
func TestFlagHelp(t *testing.T) {
	newFlagSet(new(flags)).VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(flagHelp, "-"+f.Name+" ") {
			t.Errorf("flagHelp does not list -%s", f.Name)
		}
	})
}
