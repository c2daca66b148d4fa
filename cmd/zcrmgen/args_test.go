package main

import (
	"slices"
	"strings"
	"testing"
)

func TestLongFlags(t *testing.T) {
	var f genFlags
	fs := genFlagSet(&f)
	for _, tc := range []struct {
		in, want string // space-separated arguments
		err      string
	}{
		{in: "-in c.json -out pkg", want: "--in c.json --out pkg"},
		{in: "-in=c.json -out=pkg", want: "--in=c.json --out=pkg"},
		{in: "--in c.json --out=pkg", want: "--in c.json --out=pkg"},
		{in: "-check -strict -quiet -version -help", want: "--check --strict --quiet --version --help"},
		{in: "-q -h -hq", want: "-q -h -hq"},
		// A value is never rewritten, even when it looks like a flag.
		{in: "-in -check -out --strict", want: "--in -check --out --strict"},
		{in: "-package -in", want: "--package -in"},
		// Bool flags take no separate value.
		{in: "-check -in c.json", want: "--check --in c.json"},
		// Nothing after -- is a flag.
		{in: "-in c.json -- -out", want: "--in c.json -- -out"},
		{in: "-- -in", want: "-- -in"},
		// Positional arguments and "-" stay.
		{in: "extra - -in x", want: "extra - --in x"},
		// A trailing flag with no value is left for pflag to report.
		{in: "-out", want: "--out"},
		{in: "-foo", err: "unknown flag: -foo"},
		{in: "-input x", err: "unknown flag: -input"},
		{in: "-in=x -hx", err: "unknown flag: -hx"},
	} {
		got, err := longFlags(fs, strings.Fields(tc.in))
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("longFlags(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("longFlags(%q): %v", tc.in, err)
		case !slices.Equal(got, strings.Fields(tc.want)):
			t.Errorf("longFlags(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSingleDashParse checks the rewrite together with pflag: every
// spelling sets the same flags.
func TestSingleDashParse(t *testing.T) {
	for _, args := range []string{
		"-in c.json -out pkg -package p -env e.json -check -strict -q",
		"--in c.json --out pkg --package p --env e.json --check --strict --quiet",
		"-in=c.json -out=pkg -package=p -env=e.json -check -strict -quiet",
		"--in=c.json -out pkg -package=p --env e.json --check -strict -q",
	} {
		var f genFlags
		fs := genFlagSet(&f)
		if err := parse(fs, strings.Fields(args), "zcrmgen -h"); err != nil {
			t.Errorf("%s: %v", args, err)
			continue
		}
		want := genFlags{in: "c.json", out: "pkg", pkg: "p", env: "e.json", check: true, strict: true, quiet: true}
		if f != want || len(fs.Args()) != 0 {
			t.Errorf("%s: flags = %+v, args %q; want %+v", args, f, fs.Args(), want)
		}
	}
}

func TestTypesSingleDash(t *testing.T) {
	var f typesFlags
	fs := typesFlagSet(&f)
	if err := parse(fs, []string{"-name", "Lead", "-package=crm", "a.json", "-"}, "zcrmgen types -h"); err != nil {
		t.Fatal(err)
	}
	if f.name != "Lead" || f.pkg != "crm" || !slices.Equal(fs.Args(), []string{"a.json", "-"}) {
		t.Errorf("flags = %+v, args %q", f, fs.Args())
	}
}
