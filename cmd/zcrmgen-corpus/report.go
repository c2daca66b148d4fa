package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxExcerpt is how many lines of a failed stage's output the report
// shows.
const maxExcerpt = 20

var header = []string{"COLLECTION", "REQUESTS", "EXAMPLES", "TESTS", "PASSED", "WARNINGS", "RESULT", "TIME"}

// rightAligned marks the columns of numbers.
var rightAligned = []bool{false, true, true, true, true, true, false, true}

// report renders the table of rows with a totals row, a line of test
// counts, and the first lines of output of every failed stage.
func report(rows []*row, wall time.Duration) string {
	cells := make([][]string, 0, len(rows)+1)
	var sum struct{ requests, examples, tests, passed, warnings, ok int }
	var counts testCounts
	for _, r := range rows {
		passed := unknown
		if r.tested {
			passed = r.counts.passed
			counts.run += r.counts.run
			counts.passed += r.counts.passed
			counts.failed += r.counts.failed
			counts.skipped += r.counts.skipped
		}
		cells = append(cells, []string{
			r.col.name(), count(r.requests), count(r.examples), count(r.tests),
			count(passed), count(r.warnings), r.result, fmtDuration(r.elapsed),
		})
		sum.requests += max(r.requests, 0)
		sum.examples += max(r.examples, 0)
		sum.tests += max(r.tests, 0)
		sum.passed += max(passed, 0)
		sum.warnings += max(r.warnings, 0)
		if r.ok() {
			sum.ok++
		}
	}
	result := fmt.Sprintf("%d ok", sum.ok)
	if n := len(rows) - sum.ok; n > 0 {
		result += fmt.Sprintf(", %d FAIL", n)
	}
	cells = append(cells, []string{
		fmt.Sprintf("total (%d)", len(rows)), count(sum.requests), count(sum.examples), count(sum.tests),
		count(sum.passed), count(sum.warnings), result, fmtDuration(wall),
	})

	var b strings.Builder
	b.WriteString(formatTable(header, cells, rightAligned))
	// The closing line has the plain "N passed, N failed" form CI logs
	// are read for; the run count is their sum with the skipped.
	fmt.Fprintf(&b, "\ntests: %d passed, %d failed, %d skipped\n",
		counts.passed, counts.failed, counts.skipped)
	for _, r := range rows {
		for _, f := range r.failures {
			fmt.Fprintf(&b, "\n--- %s: %s", r.col.name(), f.stage)
			if f.stage == "go test" {
				fmt.Fprintf(&b, " (%d run, %d passed, %d failed, %d skipped)",
					r.counts.run, r.counts.passed, r.counts.failed, r.counts.skipped)
			}
			b.WriteString("\n")
			for _, l := range excerpt(f.lines, maxExcerpt) {
				b.WriteString(strings.TrimRight("    "+l, " \t") + "\n")
			}
		}
	}
	return b.String()
}

// count formats a count, "-" when it is not known.
func count(n int) string {
	if n < 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

// excerpt returns the first n lines, with a last line saying how many
// more there are. No lines at all becomes one line saying so.
func excerpt(lines []string, n int) []string {
	if len(lines) == 0 {
		return []string{"(no output)"}
	}
	if len(lines) <= n {
		return lines
	}
	out := append([]string(nil), lines[:n]...)
	return append(out, fmt.Sprintf("... %d more lines", len(lines)-n))
}

// formatTable aligns cells in columns two spaces apart under header,
// padding the columns marked in right on the left. No line ends in
// spaces.
func formatTable(header []string, rows [][]string, right []bool) string {
	width := make([]int, len(header))
	all := append([][]string{header}, rows...)
	for _, r := range all {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	for _, r := range all {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return b.String()
}

// fmtDuration formats d to a tenth of a second below a minute and to the
// second above: 0.4s, 12.3s, 1m23s.
func fmtDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
