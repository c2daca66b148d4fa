package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// testCounts counts the top-level tests of one go test run. Subtests are
// not counted: the generated tests are one top-level test per example.
type testCounts struct {
	run, passed, failed, skipped int
}

// testEvent is one line of `go test -json` (see `go doc test2json`).
type testEvent struct {
	Action string
	Test   string
	Output string
}

// parseTestJSON reads the output of `go test -json` for one package. It
// returns the counts and what explains a failure: the build output, the
// output of every failed test (without its === RUN lines), and the
// package's own output except the PASS/FAIL/ok summary lines. Lines that
// are not JSON are kept as they are.
func parseTestJSON(data []byte) (testCounts, []string) {
	var c testCounts
	var lines []string
	pending := map[string][]string{} // output of tests still running
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var e testEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			if line := strings.TrimRight(sc.Text(), "\r"); line != "" {
				lines = append(lines, line)
			}
			continue
		}
		top := e.Test != "" && !strings.Contains(e.Test, "/")
		switch e.Action {
		case "build-output":
			lines = append(lines, splitLines(e.Output)...)
		case "output":
			if e.Test == "" {
				lines = append(lines, packageOutput(e.Output)...)
				break
			}
			for _, l := range splitLines(e.Output) {
				if !isProgress(l) {
					pending[e.Test] = append(pending[e.Test], l)
				}
			}
		case "run":
			if top {
				c.run++
			}
		case "pass", "skip", "fail":
			if e.Test == "" {
				break
			}
			if e.Action == "fail" {
				lines = append(lines, pending[e.Test]...)
			}
			delete(pending, e.Test)
			if !top {
				break
			}
			switch e.Action {
			case "pass":
				c.passed++
			case "skip":
				c.skipped++
			case "fail":
				c.failed++
			}
		}
	}
	if err := sc.Err(); err != nil {
		lines = append(lines, "reading go test output: "+err.Error())
	}
	// A test that never ended (the binary crashed or was killed) leaves
	// its output here; it explains the failure.
	for _, name := range slices.Sorted(maps.Keys(pending)) {
		lines = append(lines, pending[name]...)
	}
	return c, lines
}

// isProgress reports whether l is one of the lines go test -v prints as
// tests start, pause and go on.
func isProgress(l string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// packageOutput drops the summary lines from package-level output.
func packageOutput(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		switch {
		case l == "PASS", l == "FAIL",
			strings.HasPrefix(l, "ok  \t"), strings.HasPrefix(l, "FAIL\t"),
			strings.HasPrefix(l, "?   \t"):
			continue
		}
		out = append(out, l)
	}
	return out
}
