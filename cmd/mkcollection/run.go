package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator/synth"
)

const usage = "usage: mkcollection [-n N] [-seed S] > collection.json"

const flagHelp = `  -n, -requests N   the number of requests (default 100)
  -seed S           the seed; the same N and S always give the same bytes (default 1)
  -h, -help         print the usage and exit
`

// run runs the command line args (without the program name) and returns
// the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var f flags
	fs := newFlagSet(&f)
	// An unknown single-dash word is left for pflag to report, in its
	// own words ("unknown shorthand flag: 'c' in -count").
	args, _ = cliflag.LongFlags(fs, args)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp) || err == nil && f.help:
		fmt.Fprint(stdout, usage+"\n"+flagHelp)
		return 0
	case err != nil:
		return usageErr(stderr, err.Error())
	case fs.NArg() > 0:
		return usageErr(stderr, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case f.n < 0:
		return usageErr(stderr, fmt.Sprintf("-n %d: the number of requests cannot be negative", f.n))
	}
	if _, err := stdout.Write(synth.Collection(f.n, f.seed)); err != nil {
		fmt.Fprintf(stderr, "mkcollection: %v\n", err)
		return 1
	}
	return 0
}

// flags are the command-line flags.
type flags struct {
	n    int
	seed int64
	help bool
}

// newFlagSet returns the flag set that fills f. It reports errors only to
// its caller.
func newFlagSet(f *flags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("mkcollection", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.IntVarP(&f.n, "requests", "n", 100, "the number of requests")
	fs.Int64Var(&f.seed, "seed", 1, "the seed; the same N and S always give the same bytes")
	fs.BoolVarP(&f.help, "help", "h", false, "print the usage and exit")
	return fs
}

func usageErr(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "mkcollection: %s\n%s\n", msg, usage)
	return 2
}
