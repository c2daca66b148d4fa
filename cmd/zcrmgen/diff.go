package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator/apidiff"
)

type diffFlags struct {
	format   string
	showHelp bool
}

func diffFlagSet(f *diffFlags) *pflag.FlagSet {
	fs := newFlagSet("zcrmgen diff")
	fs.StringVar(&f.format, "format", apidiff.Formats()[0], "write the report as `F`: "+strings.Join(apidiff.Formats(), ", "))
	fs.BoolVarP(&f.showHelp, "help", "h", false, "print this help and exit")
	return fs
}

// diffUsage writes the help of the diff subcommand.
func diffUsage(w io.Writer) {
	var f diffFlags
	fmt.Fprintf(w, `usage: zcrmgen diff [-format F] OLD.json NEW.json
  e.g. zcrmgen diff -format markdown old/collection.json collection.json

Diff reports what changed between two versions of a Postman collection for
the Go code that calls the generated client: operations, parameters,
request and response members, auth, base URL, content types and saved
examples, grouped by folder and operation, each change classed breaking,
additive or info.

Exit status: %d when nothing breaks callers, %d when something does, %d on
error, %d for a usage error.

flags:
`, exitOK, exitBreaking, exitFail, exitUsage)
	cliflag.PrintFlags(w, diffFlagSet(&f))
}

func (c *cli) diff(args []string) int {
	const help = "zcrmgen diff -h"
	var f diffFlags
	fs := diffFlagSet(&f)
	if err := parseArgs(fs, args, help); err != nil {
		return c.fail(err)
	}
	files := fs.Args()
	switch {
	case f.showHelp:
		diffUsage(c.stdout)
		return exitOK
	case !slices.Contains(apidiff.Formats(), f.format):
		return c.fail(usagef(help, "diff: -format %q: want one of %s", f.format, strings.Join(apidiff.Formats(), ", ")))
	case len(files) != 2:
		return c.fail(usagef(help, "diff: want two collections, OLD and NEW; got %s", plural(len(files), "argument")))
	}
	var in [2]apidiff.Input
	for i, name := range files {
		data, err := readFile(name)
		if err != nil {
			return c.fail(err)
		}
		in[i] = apidiff.Input{Name: name, Data: data}
	}
	rep, err := c.compare(in[0], in[1])
	if err != nil {
		return c.fail(err)
	}
	if err := rep.Write(c.stdout, f.format); err != nil {
		return c.fail(fmt.Errorf("standard output: %w", err))
	}
	if rep.Breaking() {
		return exitBreaking
	}
	return exitOK
}
