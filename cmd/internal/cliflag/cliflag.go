// Package cliflag lets the commands of this module take their long flags
// with one dash (-in, -seed=3) as well as two, while they parse with
// [github.com/spf13/pflag], which reads a single-dash word as a cluster of
// shorthand letters: pflag v1.1.0 answers -in with "unknown shorthand flag:
// 'i' in -in".
//
// A command rewrites its arguments with [LongFlags] before
// [pflag.FlagSet.Parse], and spells the flags in a parse error the way its
// usage does with [SingleDash].
package cliflag

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
)

// LongFlags rewrites the single-dash spelling of each long flag of fs
// (-in, -in=x) to the double-dash one (--in, --in=x) that pflag expects.
// -help counts as a long flag even when fs does not define it, because
// pflag answers --help with [pflag.ErrHelp] then.
//
// LongFlags stops at "--", after which nothing is a flag. It leaves the
// value after a long flag that takes one alone, so -out -x keeps "-x" as
// the value of -out. A word with one letter after the dash (-q, -h) is a
// shorthand and stays as it is.
//
// A longer single-dash word that is neither a long flag nor a cluster of
// shorthands pflag can read (-hq, -j2) is reported as "unknown flag: -word",
// so the error names what the user typed rather than its first letter. The
// returned arguments are complete even then: the words after it are
// rewritten too, so a caller that prefers pflag's own message may parse
// them and drop the error.
func LongFlags(fs *pflag.FlagSet, args []string) ([]string, error) {
	var err error
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		out = append(out, a)
		if a == "--" {
			return append(out, args[i+1:]...), err
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		var f *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--"):
			f = fs.Lookup(name)
		case len(name) < 2:
			// A shorthand, perhaps with its value (-q, -j=2), or a
			// word pflag reports itself (-=x).
		case fs.Lookup(name) != nil || name == "help":
			f = fs.Lookup(name)
			out[len(out)-1] = "-" + a
		case !isShorthands(fs, a[1:]) && err == nil:
			err = fmt.Errorf("unknown flag: %s", a)
		}
		// The value of a long flag is never rewritten, even when it
		// looks like a flag.
		if f != nil && !hasValue && f.NoOptDefVal == "" && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return out, err
}

// isShorthands reports whether pflag reads s, a word without its dash, as a
// cluster of shorthands: flags that take no value, then perhaps one that
// takes the rest of the word as its value (-qj2, -qj=2).
func isShorthands(fs *pflag.FlagSet, s string) bool {
	for i := range len(s) {
		f := fs.ShorthandLookup(s[i : i+1])
		if f == nil {
			return false
		}
		if f.NoOptDefVal == "" || i+1 < len(s) && s[i+1] == '=' {
			return true
		}
	}
	return true
}

// doubleDash matches the double-dash name of a flag at the start of a
// message or after a space or a quote.
var doubleDash = regexp.MustCompile(`(^|[ "'])--([a-z])`)

// SingleDash returns msg, the text of a pflag parse error, with each flag
// spelled with one dash (-in), as the usage of the commands spells it;
// pflag names a flag the way it reads it (--in), which after [LongFlags]
// is with two dashes.
func SingleDash(msg string) string {
	return doubleDash.ReplaceAllString(msg, "$1-$2")
}

// Parse parses args with fs after [LongFlags], the way every command of
// this module reads its command line. It returns [pflag.ErrHelp] as it is,
// for -h where fs does not define it, and any other error with its flags
// spelled as [SingleDash] does.
func Parse(fs *pflag.FlagSet, args []string) error {
	args, err := LongFlags(fs, args)
	if err == nil {
		err = fs.Parse(args)
	}
	if err == nil || errors.Is(err, pflag.ErrHelp) {
		return err
	}
	return errors.New(SingleDash(err.Error()))
}

// PrintFlags writes the flag list of fs, one flag a line in the order the
// flags were defined, with the single-dash spelling the commands document.
// A back-quoted word in a flag's usage names its value. Extra rows (a
// name and its text) follow in the same aligned table.
func PrintFlags(w io.Writer, fs *pflag.FlagSet, extra ...[2]string) {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fs.VisitAll(func(f *pflag.Flag) {
		arg, usage := pflag.UnquoteUsage(f)
		name := "-" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", " + name
		}
		if arg != "" {
			name += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, usage)
	})
	for _, row := range extra {
		fmt.Fprintf(tw, "  %s\t%s\n", row[0], row[1])
	}
	tw.Flush()
}
