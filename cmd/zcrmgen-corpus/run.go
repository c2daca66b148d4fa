package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/typecheck"
	"github.com/zcrmgen/zcrmgen/internal/gotool"
)

// Exit codes.
const (
	exitOK    = 0 // every collection passed, there was none, or -help
	exitFail  = 1 // a collection failed, or the run could not be set up
	exitUsage = 2 // bad command line
)

const synopsis = "usage: zcrmgen-corpus [-dir DIR]... [-run REGEXP] [-keep] [-j N] [-timeout D] [-names]"

// config is a parsed command line.
type config struct {
	dirs    []string
	names   bool
	run     *regexp.Regexp // nil: every collection
	keep    bool
	jobs    int
	timeout time.Duration
}

// run runs the command line args (without the program name) and returns
// the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWith(ctx, args, stdout, stderr, generator.Generate)
}

// runWith is [run] with the generator given, so tests can stand in for it.
func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, generate func(generator.Options) (*generator.Result, error)) int {
	cfg, err := parseArgs(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprint(stdout, usage())
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "zcrmgen-corpus: %v\n%s", err, usage())
		return exitUsage
	}

	var cols []collection
	used := map[string]bool{}
	for _, dir := range cfg.dirs {
		c, err := listCollections(dir, cfg.run, used)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "zcrmgen-corpus: %s does not exist; no collections to run there\n", dir)
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "zcrmgen-corpus: %v\n", err)
			return exitFail
		}
		cols = append(cols, c...)
	}
	if len(cols) == 0 {
		fmt.Fprintf(stderr, "zcrmgen-corpus: no collections to run in %s\n", strings.Join(cfg.dirs, ", "))
		return exitOK
	}
	if cfg.names {
		return runNames(ctx, cols, cfg.timeout, stdout, stderr, generate)
	}

	work, err := os.MkdirTemp("", "zcrmgen-corpus-")
	if err == nil {
		err = os.WriteFile(filepath.Join(work, "go.mod"), gotool.ModFile(goModule), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "zcrmgen-corpus: work directory: %v\n", err)
		return exitFail
	}
	if cfg.keep {
		fmt.Fprintf(stderr, "zcrmgen-corpus: work directory %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	r := &runner{
		work:     work,
		jobs:     cfg.jobs,
		timeout:  cfg.timeout,
		generate: generate,
		goTool:   gotool.Command,
		types:    typecheck.New(),
		progress: stderr,
	}
	start := time.Now()
	rows := r.run(ctx, cols)
	wall := time.Since(start)

	io.WriteString(stdout, report(rows, wall))
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "zcrmgen-corpus: interrupted")
		return exitFail
	}
	for _, row := range rows {
		if !row.ok() {
			return exitFail
		}
	}
	return exitOK
}

// goModule is the path of the work module; a collection's package is
// goModule/<package>.
const goModule = "corpus"

func newFlagSet() (*pflag.FlagSet, *config, *string) {
	cfg := &config{}
	fs := pflag.NewFlagSet("zcrmgen-corpus", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.StringArrayVar(&cfg.dirs, "dir", []string{"../shared/corpus"}, "a directory `DIR` of *.json collections; repeat -dir to run several")
	runExpr := fs.String("run", "", "only the collections whose file name matches `REGEXP`")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work directory and print its path")
	fs.IntVarP(&cfg.jobs, "jobs", "j", 1, "how many collections are vetted and tested at the same time")
	fs.DurationVar(&cfg.timeout, "timeout", 10*time.Minute, "the time one collection may take")
	fs.BoolVar(&cfg.names, "names", false, "only generate, and print the naming report (numbered names, longest method)")
	return fs, cfg, runExpr
}

// parseArgs parses the command line. It returns [pflag.ErrHelp] for -h.
func parseArgs(args []string) (*config, error) {
	fs, cfg, runExpr := newFlagSet()
	if err := cliflag.Parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *runExpr != "" {
		var err error
		if cfg.run, err = regexp.Compile(*runExpr); err != nil {
			return nil, fmt.Errorf("-run: %v", err)
		}
	}
	if cfg.jobs < 1 {
		return nil, fmt.Errorf("-j %d: must be at least 1", cfg.jobs)
	}
	if cfg.timeout <= 0 {
		return nil, fmt.Errorf("-timeout %v: must be positive", cfg.timeout)
	}
	return cfg, nil
}

// usage is the synopsis and the flag list, in the order the flags are
// defined.
func usage() string {
	fs, _, _ := newFlagSet()
	var b strings.Builder
	b.WriteString(synopsis + "\n\nflags:\n")
	cliflag.PrintFlags(&b, fs, [2]string{"-h, -help", "print this usage and exit"})
	return b.String()
}
