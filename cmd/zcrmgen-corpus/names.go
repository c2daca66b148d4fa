package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/zcrmgen/zcrmgen/generator"
)

// nameRow is one collection of the naming report.
type nameRow struct {
	col   collection
	stats generator.Stats
	err   string // why it did not generate; empty when it did
}

var namesHeader = []string{"COLLECTION", "TYPES", "NUMBERED", "METHODS", "NUMBERED", "LONGEST METHOD"}

var namesRight = []bool{false, true, true, true, true, false}

// runNames generates every collection, in this process and one after the
// other, and prints the naming report: per collection the type and method
// counts, how many of each took a number because every name wanted was
// taken (generator.Stats), and the longest method name, then the totals
// and the numbered names themselves. It writes no package and runs no go
// command. The exit code is exitFail when a collection does not generate.
func runNames(ctx context.Context, cols []collection, timeout time.Duration, stdout, stderr io.Writer, generate func(generator.Options) (*generator.Result, error)) int {
	r := &runner{timeout: timeout, generate: generate}
	rows := make([]nameRow, len(cols))
	code := exitOK
	for i, c := range cols {
		rows[i].col = c
		data, err := os.ReadFile(c.path)
		var res *generator.Result
		if err == nil {
			res, err = r.generateTimed(ctx, generator.Options{Name: c.path, Data: data, Package: c.pkg})
		}
		if err != nil {
			rows[i].err = firstLine(err.Error())
			fmt.Fprintf(stderr, "%s%s: %s\n", progressPrefix, c.name(), rows[i].err)
			code = exitFail
			continue
		}
		rows[i].stats = res.Stats
	}
	io.WriteString(stdout, namesReport(rows))
	return code
}

// namesReport renders the naming report of rows.
func namesReport(rows []nameRow) string {
	var cells [][]string
	var types, numTypes, methods, numMethods int
	longest, longestIn := "", ""
	for _, r := range rows {
		if r.err != "" {
			cells = append(cells, []string{r.col.name(), "-", "-", "-", "-", "FAIL: " + r.err})
			continue
		}
		st := r.stats
		cells = append(cells, []string{
			r.col.name(), strconv.Itoa(st.Types), strconv.Itoa(len(st.NumberedTypes)),
			strconv.Itoa(st.Endpoints), strconv.Itoa(len(st.NumberedMethods)), lengthOf(st.LongestMethod),
		})
		types += st.Types
		numTypes += len(st.NumberedTypes)
		methods += st.Endpoints
		numMethods += len(st.NumberedMethods)
		if len(st.LongestMethod) > len(longest) {
			longest, longestIn = st.LongestMethod, r.col.name()
		}
	}
	total := lengthOf(longest)
	if longest != "" {
		total += " in " + longestIn
	}
	cells = append(cells, []string{
		fmt.Sprintf("total (%d)", len(rows)), strconv.Itoa(types), strconv.Itoa(numTypes),
		strconv.Itoa(methods), strconv.Itoa(numMethods), total,
	})
	var b strings.Builder
	b.WriteString("TYPES counts the declared body types; METHODS the operations. NUMBERED counts\n")
	b.WriteString("the names that took a number because every name wanted was taken.\n\n")
	b.WriteString(formatTable(namesHeader, cells, namesRight))
	for _, r := range rows {
		if n := len(r.stats.NumberedTypes) + len(r.stats.NumberedMethods); n > 0 {
			fmt.Fprintf(&b, "\n%s:\n", r.col.name())
			if len(r.stats.NumberedTypes) > 0 {
				fmt.Fprintf(&b, "  types:   %s\n", strings.Join(r.stats.NumberedTypes, " "))
			}
			if len(r.stats.NumberedMethods) > 0 {
				fmt.Fprintf(&b, "  methods: %s\n", strings.Join(r.stats.NumberedMethods, " "))
			}
		}
	}
	return b.String()
}

// lengthOf writes a method name with its length: "GetRecords (10)".
func lengthOf(name string) string {
	if name == "" {
		return "-"
	}
	return fmt.Sprintf("%s (%d)", name, len(name))
}

// firstLine is s up to its first line end.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
