package cliflag

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// The flag sets below have the shapes of the commands' own: long flags
// with and without values, bool and value shorthands, and -help defined or
// left to pflag.

type genFlags struct {
	in, out, pkg, env          string
	check, strict, quiet, v, h bool
}

// genFlagSet is shaped like the flags of zcrmgen.
func genFlagSet(f *genFlags) *pflag.FlagSet {
	fs := newFlagSet("gen")
	fs.StringVar(&f.in, "in", "", "")
	fs.StringVar(&f.out, "out", "", "")
	fs.StringVar(&f.pkg, "package", "", "")
	fs.StringVar(&f.env, "env", "", "")
	fs.BoolVar(&f.check, "check", false, "")
	fs.BoolVar(&f.strict, "strict", false, "")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "")
	fs.BoolVar(&f.v, "version", false, "")
	fs.BoolVarP(&f.h, "help", "h", false, "")
	return fs
}

type corpusFlags struct {
	dir, run string
	keep     bool
	jobs     int
	timeout  time.Duration
}

// corpusFlagSet is shaped like the flags of zcrmgen-corpus: a shorthand
// that takes a value, and no -help of its own.
func corpusFlagSet(f *corpusFlags) *pflag.FlagSet {
	fs := newFlagSet("corpus")
	fs.StringVar(&f.dir, "dir", "", "")
	fs.StringVar(&f.run, "run", "", "")
	fs.BoolVar(&f.keep, "keep", false, "")
	fs.IntVarP(&f.jobs, "jobs", "j", 1, "")
	fs.DurationVar(&f.timeout, "timeout", time.Minute, "")
	return fs
}

type synthFlags struct {
	n    int
	seed int64
	h    bool
}

// synthFlagSet is shaped like the flags of mkcollection.
func synthFlagSet(f *synthFlags) *pflag.FlagSet {
	fs := newFlagSet("synth")
	fs.IntVarP(&f.n, "requests", "n", 100, "")
	fs.Int64Var(&f.seed, "seed", 1, "")
	fs.BoolVarP(&f.h, "help", "h", false, "")
	return fs
}

func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

func TestLongFlags(t *testing.T) {
	gen := genFlagSet(new(genFlags))
	corpus := corpusFlagSet(new(corpusFlags))
	synth := synthFlagSet(new(synthFlags))
	for _, tc := range []struct {
		fs       *pflag.FlagSet
		in, want string // space-separated arguments
		err      string
	}{
		{fs: gen, in: "-in c.json -out pkg", want: "--in c.json --out pkg"},
		{fs: gen, in: "-in=c.json -out=pkg", want: "--in=c.json --out=pkg"},
		{fs: gen, in: "--in c.json --out=pkg", want: "--in c.json --out=pkg"},
		{fs: gen, in: "-check -strict -quiet -version -help", want: "--check --strict --quiet --version --help"},
		{fs: gen, in: "-q -h -hq", want: "-q -h -hq"},
		{fs: corpus, in: "-dir d -run=x -keep", want: "--dir d --run=x --keep"},
		{fs: synth, in: "-seed=1 --requests=5", want: "--seed=1 --requests=5"},
		{fs: synth, in: "-n 5 -h", want: "-n 5 -h"},

		// A shorthand that takes a value takes the rest of its word.
		{fs: corpus, in: "--dir d -j 2 -j2 -j=2 -jobs=3", want: "--dir d -j 2 -j2 -j=2 --jobs=3"},
		{fs: synth, in: "-n5 -hn5 -hn=5", want: "-n5 -hn5 -hn=5"},
		{fs: gen, in: "-qh=true", want: "-qh=true"},

		// A value is never rewritten, even when it looks like a flag.
		{fs: gen, in: "-in -check -out --strict", want: "--in -check --out --strict"},
		{fs: gen, in: "-package -in", want: "--package -in"},
		{fs: corpus, in: "-run -x -timeout 1m", want: "--run -x --timeout 1m"},
		{fs: synth, in: "-seed -requests", want: "--seed -requests"},

		// Bool flags take no separate value.
		{fs: gen, in: "-check -in c.json", want: "--check --in c.json"},

		// pflag answers --help with ErrHelp when no flag is named help.
		{fs: corpus, in: "-help", want: "--help"},

		// Nothing after -- is a flag.
		{fs: gen, in: "-in c.json -- -out", want: "--in c.json -- -out"},
		{fs: gen, in: "-- -in", want: "-- -in"},
		{fs: corpus, in: "-keep -- -dir", want: "--keep -- -dir"},
		{fs: synth, in: "-n 5 -- -seed", want: "-n 5 -- -seed"},

		// Positional arguments and "-" stay.
		{fs: gen, in: "extra - -in x", want: "extra - --in x"},

		// What pflag reports itself stays for it.
		{fs: gen, in: "-out", want: "--out"},
		{fs: gen, in: "-x -=x ---in", want: "-x -=x ---in"},
		{fs: corpus, in: "-=x -j=", want: "-=x -j="},

		{fs: gen, in: "-foo", err: "unknown flag: -foo"},
		{fs: gen, in: "-input x", err: "unknown flag: -input"},
		{fs: gen, in: "-in=x -hx", err: "unknown flag: -hx"},
		{fs: gen, in: "-hx=y", err: "unknown flag: -hx=y"},
		{fs: corpus, in: "-verbose", err: "unknown flag: -verbose"},
		{fs: corpus, in: "-hj", err: "unknown flag: -hj"},
		{fs: synth, in: "-count 3", err: "unknown flag: -count"},
	} {
		got, err := LongFlags(tc.fs, strings.Fields(tc.in))
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: LongFlags(%q) error = %v, want %q", tc.fs.Name(), tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: LongFlags(%q): %v", tc.fs.Name(), tc.in, err)
		case !slices.Equal(got, strings.Fields(tc.want)):
			t.Errorf("%s: LongFlags(%q) = %q, want %q", tc.fs.Name(), tc.in, got, tc.want)
		}
	}
}

// After an unknown word LongFlags still rewrites the rest, and reports the
// first unknown word only.
func TestLongFlagsAfterError(t *testing.T) {
	fs := synthFlagSet(new(synthFlags))
	args := strings.Fields("-count 3 -seed 4 -other -requests=5 -- -seed")
	got, err := LongFlags(fs, args)
	if err == nil || err.Error() != "unknown flag: -count" {
		t.Errorf("LongFlags(%q) error = %v, want unknown flag: -count", args, err)
	}
	want := strings.Fields("-count 3 --seed 4 -other --requests=5 -- -seed")
	if !slices.Equal(got, want) {
		t.Errorf("LongFlags(%q) = %q, want %q", args, got, want)
	}
}

// TestParse checks the rewrite together with pflag: every spelling sets
// the same flags.
func TestParse(t *testing.T) {
	for _, args := range []string{
		"-in c.json -out pkg -package p -env e.json -check -strict -q",
		"--in c.json --out pkg --package p --env e.json --check --strict --quiet",
		"-in=c.json -out=pkg -package=p -env=e.json -check -strict -quiet",
		"--in=c.json -out pkg -package=p --env e.json --check -strict -q",
	} {
		var f genFlags
		fs := genFlagSet(&f)
		if err := Parse(fs, strings.Fields(args)); err != nil {
			t.Errorf("%s: %v", args, err)
			continue
		}
		want := genFlags{in: "c.json", out: "pkg", pkg: "p", env: "e.json", check: true, strict: true, quiet: true}
		if f != want || fs.NArg() != 0 {
			t.Errorf("%s: flags = %+v, args %q; want %+v", args, f, fs.Args(), want)
		}
	}

	for _, args := range []string{
		"-dir d -run x -keep -j 3 -timeout 2m",
		"-dir=d -run=x -keep -j3 -timeout=2m",
		"--dir d --run=x --keep -j=3 -jobs 3 --timeout 2m",
	} {
		var f corpusFlags
		fs := corpusFlagSet(&f)
		if err := Parse(fs, strings.Fields(args)); err != nil {
			t.Errorf("%s: %v", args, err)
			continue
		}
		want := corpusFlags{dir: "d", run: "x", keep: true, jobs: 3, timeout: 2 * time.Minute}
		if f != want || fs.NArg() != 0 {
			t.Errorf("%s: flags = %+v, args %q; want %+v", args, f, fs.Args(), want)
		}
	}

	fs := corpusFlagSet(new(corpusFlags))
	rewritten, err := LongFlags(fs, []string{"-help"})
	if err == nil {
		err = fs.Parse(rewritten)
	}
	if !errors.Is(err, pflag.ErrHelp) {
		t.Errorf("-help without a help flag: err = %v, want pflag.ErrHelp", err)
	}
}

func TestParseErrors(t *testing.T) {
	var f genFlags
	err := Parse(genFlagSet(&f), []string{"-in"})
	if err == nil || err.Error() != "flag needs an argument: -in" {
		t.Errorf("-in without a value: %v", err)
	}
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := Parse(fs, []string{"-h"}); !errors.Is(err, pflag.ErrHelp) {
		t.Errorf("-h where it is not defined: %v, want pflag.ErrHelp", err)
	}
}

func TestSingleDash(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"flag needs an argument: --in", "flag needs an argument: -in"},
		{`invalid argument "x" for "-j, --jobs" flag: parse error`, `invalid argument "x" for "-j, -jobs" flag: parse error`},
		{"--out: bad", "-out: bad"},
		{"unknown flag: --foo", "unknown flag: -foo"},
		{`invalid argument "a--b" for 'x'`, `invalid argument "a--b" for 'x'`},
		{"unknown shorthand flag: 'c' in -count", "unknown shorthand flag: 'c' in -count"},
	} {
		if got := SingleDash(tc.in); got != tc.want {
			t.Errorf("SingleDash(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
