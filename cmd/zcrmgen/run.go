package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/apidiff"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
)

// Exit codes.
const (
	exitOK    = 0 // success, -help, -version
	exitFail  = 1 // an input that cannot be generated from, an I/O failure, or -check found a difference
	exitUsage = 2 // bad command line
	exitBug   = 3 // a failure of zcrmgen itself (a *generator.BugError)
	// exitBreaking is the status of a diff that found a change that
	// breaks callers of the generated client.
	exitBreaking = 4
)

// cli is one invocation of the command: its streams and the stages it
// calls ([generator.GenerateTo] and [gotype.Source]). Tests build one with
// stand-ins for the stages.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	generate       func(generator.Options, func(generator.File) error) (*generator.Result, error)
	typeSource     func(pkg, name string, samples [][]byte, withRuntime bool) ([]byte, error)
	compare        func(old, new apidiff.Input) (*apidiff.Report, error)
}

// run runs the command line args (without the program name) and returns
// the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{
		stdin:      stdin,
		stdout:     stdout,
		stderr:     stderr,
		generate:   generator.GenerateTo,
		typeSource: gotype.Source,
		compare:    apidiff.Collections,
	}
	return c.run(args)
}

func (c *cli) run(args []string) int {
	if len(args) > 0 && args[0] == "types" {
		return c.types(args[1:])
	}
	if len(args) > 0 && args[0] == "diff" {
		return c.diff(args[1:])
	}
	if len(args) > 0 && args[0] == zohoFieldsCommand {
		return c.zohoFields(args[1:])
	}
	return c.gen(args)
}

// usageError is a bad command line: exit code 2, and a hint to ask for
// help.
type usageError struct {
	msg  string
	help string // the command that prints the usage
}

func (e *usageError) Error() string { return e.msg }

func usagef(help, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), help: help}
}

// fail prints err as the one line of a failed run and returns its exit
// code.
func (c *cli) fail(err error) int {
	fmt.Fprintf(c.stderr, "zcrmgen: %v\n", err)
	var (
		ue  *usageError
		bug *generator.BugError
	)
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "run '%s' for usage\n", ue.help)
		return exitUsage
	case errors.As(err, &bug):
		return exitBug
	}
	return exitFail
}

// newFlagSet returns an empty flag set that reports errors only to its
// caller.
func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

// parseArgs parses args with fs after [cliflag.LongFlags] and wraps every
// error as a usage error whose hint is the help command.
func parseArgs(fs *pflag.FlagSet, args []string, help string) error {
	if err := cliflag.Parse(fs, args); err != nil {
		return usagef(help, "%s", err)
	}
	return nil
}

// version returns the module version the binary was built from, or
// "(devel)" for a build inside the module's own tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
