package main

import (
	"slices"
	"strings"
	"testing"
)

// TestSingleDashParse checks the rewrite together with pflag: every
// spelling sets the same flags.
func TestSingleDashParse(t *testing.T) {
	for _, args := range []string{
		"-in c.json -out pkg -package p -env e.json -check -strict -q",
		"--in c.json --out pkg --package p --env e.json --check --strict --quiet",
		"-in=c.json -out=pkg -package=p -env=e.json -check -strict -quiet",
		"--in=c.json -out pkg -package=p --env e.json --check -strict -q -in o.json",
	} {
		var f genFlags
		fs := genFlagSet(&f)
		if err := parseArgs(fs, strings.Fields(args), "zcrmgen -h"); err != nil {
			t.Errorf("%s: %v", args, err)
			continue
		}
		want := genFlags{in: []string{"c.json"}, out: "pkg", pkg: "p", env: "e.json", check: true, strict: true, quiet: true}
		if strings.HasSuffix(args, "o.json") {
			want.in = append(want.in, "o.json")
		}
		if !slices.Equal(f.in, want.in) || f.out != want.out || f.pkg != want.pkg || f.env != want.env ||
			f.check != want.check || f.strict != want.strict || f.quiet != want.quiet || len(fs.Args()) != 0 {
			t.Errorf("%s: flags = %+v, args %q; want %+v", args, f, fs.Args(), want)
		}
	}
}

func TestTypesSingleDash(t *testing.T) {
	var f typesFlags
	fs := typesFlagSet(&f)
	if err := parseArgs(fs, []string{"-name", "Lead", "-package=crm", "a.json", "-"}, "zcrmgen types -h"); err != nil {
		t.Fatal(err)
	}
	if f.name != "Lead" || f.pkg != "crm" || !slices.Equal(fs.Args(), []string{"a.json", "-"}) {
		t.Errorf("flags = %+v, args %q", f, fs.Args())
	}
}
