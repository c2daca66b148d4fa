package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/generator/zohofields"
)

// zohoFieldsCommand is the name of the subcommand that prints a struct for
// a Zoho CRM module.
const zohoFieldsCommand = "zoho-fields"

type zohoFieldsFlags struct {
	name, pkg, recordImport, module string
	showHelp                        bool
}

func zohoFieldsFlagSet(f *zohoFieldsFlags) *pflag.FlagSet {
	fs := newFlagSet("zcrmgen " + zohoFieldsCommand)
	fs.StringVar(&f.name, "name", "", "name the struct `T` (default: FILE's base name as a Go name)")
	fs.StringVar(&f.pkg, "package", "main", "put it in package `P`")
	fs.StringVar(&f.recordImport, "import", "", "import the generated Zoho client from `PATH` for its Record (default: P is that package)")
	fs.StringVar(&f.module, "module", "", "name the module `M` in the struct's doc comment")
	fs.BoolVarP(&f.showHelp, "help", "h", false, "print this help and exit")
	return fs
}

// zohoFieldsUsage writes the help of the zoho-fields subcommand.
func zohoFieldsUsage(w io.Writer) {
	var f zohoFieldsFlags
	fmt.Fprint(w, `usage: zcrmgen zoho-fields [-name T] [-package P] [-import PATH] FILE
  e.g. zcrmgen zoho-fields -name Lead -package crm -import example.com/app/zohocrm leads_fields.json

Zoho-fields prints a Go struct for the records of a Zoho CRM module, with
one typed field per field of the module, from FILE, the saved reply of
GET /crm/v8/settings/fields?module=M ("-" reads standard input). Custom
fields differ per org, so the struct is made from the org's own metadata.
The struct's FromRecord and ToRecord convert from and to the Record of a
generated Zoho client.

flags:
`)
	cliflag.PrintFlags(w, zohoFieldsFlagSet(&f))
}

func (c *cli) zohoFields(args []string) int {
	const help = "zcrmgen " + zohoFieldsCommand + " -h"
	var f zohoFieldsFlags
	fs := zohoFieldsFlagSet(&f)
	if err := parseArgs(fs, args, help); err != nil {
		return c.fail(err)
	}
	files := fs.Args()
	switch {
	case f.showHelp:
		zohoFieldsUsage(c.stdout)
		return exitOK
	case len(files) == 0:
		return c.fail(usagef(help, "%s: missing FILE: the saved reply of GET /crm/v8/settings/fields, or - for standard input", zohoFieldsCommand))
	case len(files) > 1:
		return c.fail(usagef(help, "%s: one FILE, got %d", zohoFieldsCommand, len(files)))
	case f.name == "" && files[0] == "-":
		return c.fail(usagef(help, "%s: -name is needed when reading standard input", zohoFieldsCommand))
	}
	name, shown := files[0], files[0]
	if f.name == "" {
		base := filepath.Base(name)
		f.name = naming.New().Exported(strings.TrimSuffix(base, filepath.Ext(base)))
	}
	switch {
	case !token.IsIdentifier(f.name) || !token.IsExported(f.name):
		return c.fail(usagef(help, "%s: -name %q: not an exported Go identifier", zohoFieldsCommand, f.name))
	case !token.IsIdentifier(f.pkg) || f.pkg == "_":
		return c.fail(usagef(help, "%s: -package %q: not a Go package name", zohoFieldsCommand, f.pkg))
	}
	var (
		data []byte
		err  error
	)
	if name == "-" {
		shown = "standard input"
		data, err = io.ReadAll(c.stdin)
	} else {
		data, err = readFile(name)
	}
	if err != nil {
		// readFile's errors name the file already.
		if name == "-" {
			err = fmt.Errorf("%s: %w", shown, err)
		}
		return c.fail(err)
	}
	fields, err := zohofields.Parse(data)
	if err != nil {
		// A place in the file is named in the form the main command's
		// errors take (file:line:col: message).
		var pe *zohofields.PlaceError
		if errors.As(err, &pe) {
			return c.fail(fmt.Errorf("%s:%d:%d: %v", shown, pe.Line, pe.Col, pe.Err))
		}
		return c.fail(fmt.Errorf("%s: %w", shown, err))
	}
	src, err := zohofields.Source(fields, zohofields.Options{Package: f.pkg, Name: f.name, RecordImport: f.recordImport, Module: f.module})
	if err != nil {
		return c.fail(fmt.Errorf("%s: %w", shown, err))
	}
	if _, err := c.stdout.Write(src); err != nil {
		return c.fail(fmt.Errorf("standard output: %w", err))
	}
	return exitOK
}
