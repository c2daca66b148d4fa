package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"strings"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

type typesFlags struct {
	name, pkg string
	runtime   bool
	showHelp  bool
}

func typesFlagSet(f *typesFlags) *pflag.FlagSet {
	fs := newFlagSet("zcrmgen types")
	fs.StringVar(&f.name, "name", "Root", "name the type `T`")
	fs.StringVar(&f.pkg, "package", "main", "put it in package `P`")
	fs.BoolVar(&f.runtime, "runtime", false, "add the runtime JSON helpers the types call, so the file compiles on its own")
	fs.BoolVarP(&f.showHelp, "help", "h", false, "print this help and exit")
	return fs
}

// typesUsage writes the help of the types subcommand.
func typesUsage(w io.Writer) {
	var f typesFlags
	fmt.Fprint(w, `usage: zcrmgen types [-name T] [-package P] [-runtime] FILE...
  e.g. zcrmgen types -name Record record1.json record2.json

Types prints Go source declaring type T, inferred from JSON samples, and
the types it uses, with their JSON methods. Every FILE is one sample of the
same value; "-" reads standard input. The methods call zcrmgen's JSON
runtime: -runtime adds it, for a file that compiles on its own.

flags:
`)
	cliflag.PrintFlags(w, typesFlagSet(&f))
}

func (c *cli) types(args []string) int {
	const help = "zcrmgen types -h"
	var f typesFlags
	fs := typesFlagSet(&f)
	if err := parseArgs(fs, args, help); err != nil {
		return c.fail(err)
	}
	files := fs.Args()
	switch {
	case f.showHelp:
		typesUsage(c.stdout)
		return exitOK
	case len(files) == 0:
		return c.fail(usagef(help, "types: missing FILE: a JSON sample to read, or - for standard input"))
	case !token.IsIdentifier(f.name) || !token.IsExported(f.name):
		return c.fail(usagef(help, "types: -name %q: not an exported Go identifier", f.name))
	case !token.IsIdentifier(f.pkg) || f.pkg == "_":
		return c.fail(usagef(help, "types: -package %q: not a Go package name", f.pkg))
	}
	samples := make([][]byte, len(files))
	stdinRead := false
	for i, name := range files {
		var err error
		if name == "-" {
			if stdinRead {
				return c.fail(usagef(help, `types: "-" given twice; standard input holds one sample`))
			}
			stdinRead = true
			if samples[i], err = io.ReadAll(c.stdin); err != nil {
				return c.fail(fmt.Errorf("standard input: %w", err))
			}
			continue
		}
		if samples[i], err = readFile(name); err != nil {
			return c.fail(err)
		}
	}
	src, err := c.typeSource(f.pkg, f.name, samples, f.runtime)
	if err != nil {
		shown := make([]string, len(files))
		for i, name := range files {
			shown[i] = name
			if name == "-" {
				shown[i] = "standard input"
			}
		}
		// A sample that is not JSON is named by its file and place, in the
		// form the main command's errors take (file:line:col: message).
		var se *infer.SampleError
		if errors.As(err, &se) && se.Sample >= 0 && se.Sample < len(files) {
			return c.fail(fmt.Errorf("%s:%d:%d: %s", shown[se.Sample], se.Line, se.Col, strings.TrimPrefix(se.Msg, "invalid JSON: ")))
		}
		return c.fail(fmt.Errorf("%s: %w", strings.Join(shown, ", "), err))
	}
	if _, err := c.stdout.Write(src); err != nil {
		return c.fail(fmt.Errorf("standard output: %w", err))
	}
	return exitOK
}
