package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/cliflag"
	"github.com/zcrmgen/zcrmgen/cmd/internal/gopkg"
	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/apidiff"
	"github.com/zcrmgen/zcrmgen/generator/parse"
	"github.com/zcrmgen/zcrmgen/generator/write"
)

// genFlags are the flags of the generation command.
type genFlags struct {
	in                    []string
	out, pkg, env         string
	check, strict, quiet  bool
	showVersion, showHelp bool
}

func genFlagSet(f *genFlags) *pflag.FlagSet {
	fs := newFlagSet("zcrmgen")
	fs.StringArrayVar(&f.in, "in", nil, "read the Postman collection `FILE` (export v2.0 or v2.1); again: lay FILE over the ones before")
	fs.StringVar(&f.out, "out", "", "write the package into `DIR`, created when missing")
	fs.StringVar(&f.pkg, "package", "", "Go package `NAME` (default: the base name of -out as an identifier)")
	fs.StringVar(&f.env, "env", "", "take defaults from the Postman environment `FILE`")
	fs.BoolVar(&f.check, "check", false, "write nothing; list what differs in DIR and exit 1 if anything does")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors: exit 1 and write nothing")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print no summary line")
	fs.BoolVar(&f.showVersion, "version", false, "print the version and exit")
	fs.BoolVarP(&f.showHelp, "help", "h", false, "print this help and exit")
	return fs
}

// usage writes the help of the generation command.
func usage(w io.Writer) {
	var f genFlags
	fmt.Fprint(w, `usage: zcrmgen -in collection.json -out DIR [flags]
  e.g. zcrmgen -in collection.json -out pkg
       zcrmgen -in vendor.json -in overlay.json -out pkg
   or: zcrmgen types [-name T] [-package P] FILE...
   or: zcrmgen diff [-format F] OLD.json NEW.json
   or: zcrmgen zoho-fields [-name T] [-package P] [-import PATH] FILE

Zcrmgen writes a typed, tested Go client package for the requests of a
Postman collection. Only files that changed are rewritten, generated files
that are no longer needed are deleted, and hand-written files are left
alone. "zcrmgen types" prints a Go type for JSON samples instead,
"zcrmgen diff" what changed for callers between two versions of a
collection, and "zcrmgen zoho-fields" a Go struct for a Zoho CRM module
from its fields metadata.

flags:
`)
	cliflag.PrintFlags(w, genFlagSet(&f))
}

func (c *cli) gen(args []string) int {
	var f genFlags
	fs := genFlagSet(&f)
	if err := parseArgs(fs, args, "zcrmgen -h"); err != nil {
		return c.fail(err)
	}
	switch {
	case f.showHelp:
		usage(c.stdout)
		return exitOK
	case f.showVersion:
		fmt.Fprintf(c.stdout, "zcrmgen %s\n", version())
		return exitOK
	case len(fs.Args()) > 0:
		a := fs.Args()[0]
		if a == "types" || a == "diff" || a == zohoFieldsCommand {
			return c.fail(usagef("zcrmgen -h", "unexpected argument %q: the %s subcommand comes first", a, a))
		}
		return c.fail(usagef("zcrmgen -h", "unexpected argument %q", a))
	case len(f.in) == 0:
		return c.fail(usagef("zcrmgen -h", "missing -in: the Postman collection to read"))
	case f.out == "":
		return c.fail(usagef("zcrmgen -h", "missing -out: the directory to write the package into"))
	}
	if f.pkg == "" {
		f.pkg = packageName(f.out)
	} else if !token.IsIdentifier(f.pkg) || f.pkg == "_" {
		return c.fail(usagef("zcrmgen -h", "-package %q: not a Go package name", f.pkg))
	}
	if err := c.generateInto(&f); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// errOutOfDate is the failure of a -check run that found differences.
var errOutOfDate = errors.New("out of date")

func (c *cli) generateInto(f *genFlags) error {
	start := time.Now()
	data, err := readFile(f.in[0])
	if err != nil {
		return err
	}
	var overlays []generator.Input
	for _, name := range f.in[1:] {
		d, err := readFile(name)
		if err != nil {
			return err
		}
		overlays = append(overlays, generator.Input{Name: name, Data: d})
	}
	var env []byte
	if f.env != "" {
		if env, err = readFile(f.env); err != nil {
			return err
		}
	}
	// Each file goes to the Writer as soon as it is rendered: staged in a
	// temporary directory, or compared with the one on disk for -check,
	// which also keeps the package's own .go sources for the summary of
	// the exported API.
	newWriter := write.NewWriter
	if f.check {
		newWriter = write.NewChecker
	}
	w, err := newWriter(f.out)
	if err != nil {
		return err
	}
	defer w.Close()
	var (
		files  int
		goSrcs []generator.File
	)
	res, err := c.generate(generator.Options{Name: f.in[0], Data: data, Overlays: overlays, Package: f.pkg, Env: env, EnvName: f.env}, func(gf generator.File) error {
		files++
		if f.check && apidiff.IsGoSource(gf.Name) {
			goSrcs = append(goSrcs, gf)
		}
		return w.Add(gf)
	})
	if err != nil {
		// GenerateTo's errors name the input (see its documentation), and
		// the Writer's the file.
		return err
	}
	printWarnings(c.stderr, res.Warnings)
	if f.strict && len(res.Warnings) > 0 {
		return fmt.Errorf("%s: %s with -strict; nothing written", strings.Join(f.in, ", "), plural(len(res.Warnings), "warning"))
	}
	counts := fmt.Sprintf("%s, %s, %s, %s",
		plural(res.Stats.Endpoints, "endpoint"), plural(res.Stats.Types, "type"),
		plural(res.Stats.Tests, "test"), plural(len(res.Warnings), "warning"))

	if f.check {
		diffs, err := w.Diffs()
		if err != nil {
			return err
		}
		for _, d := range diffs {
			fmt.Fprintf(c.stderr, "zcrmgen: -check: %s\n", d)
		}
		if len(diffs) > 0 {
			api := apidiff.GoSummary(generatedGo(f.out), goSrcs)
			if api == "" {
				api = "unchanged"
			}
			fmt.Fprintf(c.stderr, "zcrmgen: -check: exported API: %s\n", api)
			return fmt.Errorf("-check: %s is %w: %s; run zcrmgen without -check to update it",
				f.out, errOutOfDate, plural(len(diffs), "difference"))
		}
		if !f.quiet {
			fmt.Fprintf(c.stderr, "zcrmgen: -check: %s is up to date: %s (%s) in %s\n",
				f.out, counts, plural(files, "file"), elapsed(start))
		}
		return nil
	}

	rep, err := w.Commit()
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(c.stderr, "zcrmgen: wrote %s: %s (%d written, %d unchanged, %d deleted) in %s\n",
			f.out, counts, len(rep.Written), len(rep.Unchanged), len(rep.Deleted), elapsed(start))
	}
	return nil
}

// generatedGo returns the generated .go files of dir as they are on disk:
// those zcrmgen wrote, by their header. A file it cannot read is left
// out; the summary it feeds is a hint next to the list of differences.
func generatedGo(dir string) []generator.File {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var files []generator.File
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".go" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && write.IsGenerated(data) {
			files = append(files, generator.File{Name: e.Name(), Data: data})
		}
	}
	return files
}

// readFile reads the input file name, within the parser's size limit,
// and returns an error of the form "name: reason".
func readFile(name string) ([]byte, error) {
	var p parse.Parser
	return p.ReadInput(name)
}

func elapsed(start time.Time) string {
	return fmt.Sprintf("%dms", time.Since(start).Milliseconds())
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// warningKind is the part of a warning message before its first ": ", so
// that "body is not JSON: invalid character 'x'" and "body is not JSON:
// unexpected end" are one kind.
func warningKind(w generator.Warning) string {
	kind, _, _ := strings.Cut(w.Msg, ": ")
	return kind
}

// printWarnings writes ws grouped by kind, kinds in sorted order and each
// group sorted by place, so the output is the same on every run whatever
// order the warnings came in. A kind with more than one warning ends with
// a line counting them.
func printWarnings(w io.Writer, ws []generator.Warning) {
	sorted := slices.Clone(ws)
	slices.SortStableFunc(sorted, func(a, b generator.Warning) int {
		if c := strings.Compare(warningKind(a), warningKind(b)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Where, b.Where); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	for i := 0; i < len(sorted); {
		kind := warningKind(sorted[i])
		j := i
		for ; j < len(sorted) && warningKind(sorted[j]) == kind; j++ {
			fmt.Fprintf(w, "zcrmgen: warning: %s\n", oneLine(sorted[j].String()))
		}
		if j-i > 1 {
			fmt.Fprintf(w, "zcrmgen: %d warnings: %s\n", j-i, oneLine(kind))
		}
		i = j
	}
}

// oneLine keeps collection text that reaches a message on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// packageName makes the default package name from the output directory:
// the base name of its absolute path, lower-cased, with everything but
// ASCII letters and digits dropped. "x" goes in front of a leading digit,
// and "pkg" after a keyword or "main" (a main package cannot be imported),
// so the result is always a valid, importable package name.
func packageName(out string) string {
	base := filepath.Base(out)
	if abs, err := filepath.Abs(out); err == nil {
		base = filepath.Base(abs)
	}
	return gopkg.Name(base, "client")
}
