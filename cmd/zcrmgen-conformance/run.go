package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator"
)

// Exit codes.
const (
	exitOK    = 0 // both figures reach -min, or -help
	exitFail  = 1 // a figure is below -min, or the run failed
	exitUsage = 2 // bad command line
)

const synopsis = "usage: zcrmgen-conformance [-collection FILE] [-overlay FILE]... [-samples DIR] [-min PERCENT] [-show N] [-keep] [-timeout D]"

// config is a parsed command line.
type config struct {
	collection string
	// overlays are laid over the collection, as zcrmgen's repeated -in
	// lays them, so that the client checked is the one generated from
	// them all.
	overlays []string
	samples  string
	min      float64
	show     int
	keep     bool
	timeout  time.Duration
}

// run runs the command line args (without the program name) and returns
// the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprint(stdout, usage())
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "zcrmgen-conformance: %v\n%s", err, usage())
		return exitUsage
	}
	t, err := conform(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "zcrmgen-conformance: %v\n", err)
		return exitFail
	}
	t.write(stdout, cfg.show)
	if !t.passes(cfg.min) {
		fmt.Fprintf(stderr, "zcrmgen-conformance: below %g%%\n", cfg.min)
		return exitFail
	}
	return exitOK
}

// conform generates the client, checks every sample and body type, and
// counts the results.
func conform(ctx context.Context, cfg *config, progress io.Writer) (*tally, error) {
	start := time.Now()
	data, err := os.ReadFile(cfg.collection)
	if err != nil {
		return nil, err
	}
	samples, err := readIndex(cfg.samples)
	if err != nil {
		return nil, err
	}
	opts := generator.Options{Name: cfg.collection, Data: data, Package: clientDir}
	for _, name := range cfg.overlays {
		over, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		opts.Overlays = append(opts.Overlays, generator.Input{Name: name, Data: over})
	}
	res, err := generator.Generate(opts)
	if err != nil {
		return nil, err
	}
	p, err := newPlan(samples, res.Operations, cfg.samples)
	if err != nil {
		return nil, err
	}

	work, err := os.MkdirTemp("", "zcrmgen-conformance-")
	if err != nil {
		return nil, fmt.Errorf("work directory: %v", err)
	}
	if cfg.keep {
		fmt.Fprintf(progress, "zcrmgen-conformance: work directory %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	if err := writeWork(work, res, p.decodes, p.bodies); err != nil {
		return nil, fmt.Errorf("work directory: %v", err)
	}
	rctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	outcomes, err := runCheck(rctx, work)
	if err != nil {
		return nil, err
	}
	t, err := p.count(outcomes)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "zcrmgen-conformance: %s: %d %s, %d request body %s in %s\n",
		filepath.Base(cfg.collection), len(samples), plural(len(samples), "sample"),
		len(p.bodies), plural(len(p.bodies), "type"), time.Since(start).Round(100*time.Millisecond))
	return t, nil
}

func newFlagSet() (*pflag.FlagSet, *config) {
	cfg := &config{}
	fs := pflag.NewFlagSet("zcrmgen-conformance", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.StringVar(&cfg.collection, "collection", "../shared/zoho-oas/zoho-crm-v8.postman_collection.json", "the Postman collection to generate the client from")
	fs.StringArrayVar(&cfg.overlays, "overlay", nil, "a Postman collection laid over -collection, as zcrmgen's second -in (repeatable)")
	fs.StringVar(&cfg.samples, "samples", "../shared/zoho-oas/samples", "the samples `DIR`, with its index.json")
	fs.Float64Var(&cfg.min, "min", 100, "the `PERCENT` of samples that must round-trip and of body types that must encode as {}")
	fs.IntVar(&cfg.show, "show", 5, "how many failures of each kind to show")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work directory and print its path")
	fs.DurationVar(&cfg.timeout, "timeout", 5*time.Minute, "the time building and running the check may take")
	return fs, cfg
}

// parseArgs parses the command line. It returns [pflag.ErrHelp] for -h.
func parseArgs(args []string) (*config, error) {
	fs, cfg := newFlagSet()
	if err := cliflag.Parse(fs, args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case cfg.collection == "":
		return nil, errors.New("-collection: no file")
	case cfg.samples == "":
		return nil, errors.New("-samples: no directory")
	case !(cfg.min >= 0 && cfg.min <= 100):
		return nil, fmt.Errorf("-min %g: must be from 0 to 100", cfg.min)
	case cfg.show < 0:
		return nil, fmt.Errorf("-show %d: must not be negative", cfg.show)
	case cfg.timeout <= 0:
		return nil, fmt.Errorf("-timeout %v: must be positive", cfg.timeout)
	}
	return cfg, nil
}

// usage is the synopsis and the flag list, in the order the flags are
// defined.
func usage() string {
	fs, _ := newFlagSet()
	var b strings.Builder
	b.WriteString(synopsis + "\n\nflags:\n")
	cliflag.PrintFlags(&b, fs, [2]string{"-h, -help", "print this usage and exit"})
	return b.String()
}
