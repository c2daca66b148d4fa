package main

import (
	"fmt"
	"io"
	"strings"
)

// failure is one check that did not pass, as the report shows it.
type failure struct {
	file   string // the sample file; "" for a request body
	route  string // the sample's route
	method string // the Client method
	goType string // the Go type decoded into or encoded
	reason string
}

func (f failure) String() string {
	if f.file == "" {
		return fmt.Sprintf("%s (body of %s): %s", f.goType, f.method, f.reason)
	}
	return fmt.Sprintf("%s %s -> %s (%s): %s", f.file, f.route, f.method, f.goType, f.reason)
}

// routeCount is a route and how many samples it has.
type routeCount struct {
	route string
	n     int
}

// tally is what a run found.
type tally struct {
	methods int // the generated client's methods
	samples int
	mapped  int // samples whose route some method serves
	decoded int // mapped samples that decode into every such method's type
	equal   int // decoded samples that encode back to the same JSON
	// strict counts the decoded samples in which every member fits its Go
	// type: none was kept raw as a mismatch.
	strict   int
	unmapped []routeCount
	bodies   int // request body types
	empty    int // body types whose zero value encodes as {}

	decodeFailures, differences, bodyFailures, mismatches []failure
}

// unmappedRoute counts a sample whose route no method serves.
func (t *tally) unmappedRoute(route string) {
	for i := range t.unmapped {
		if t.unmapped[i].route == route {
			t.unmapped[i].n++
			return
		}
	}
	t.unmapped = append(t.unmapped, routeCount{route, 1})
}

// percent is 100 * n / total, and 100 when total is 0.
func percent(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return 100 * float64(n) / float64(total)
}

// passes reports whether the round-tripped samples and the empty bodies
// both reach min percent.
func (t *tally) passes(min float64) bool {
	return percent(t.equal, t.samples) >= min && percent(t.empty, t.bodies) >= min
}

// write prints the counts, the unmapped routes and the first show
// failures of each kind.
func (t *tally) write(w io.Writer, show int) {
	var b strings.Builder
	fmt.Fprintf(&b, "methods:              %5d\n", t.methods)
	fmt.Fprintf(&b, "samples:              %5d\n", t.samples)
	fmt.Fprintf(&b, "  mapped to a method: %5d\n", t.mapped)
	fmt.Fprintf(&b, "  unmapped:           %5d\n", t.samples-t.mapped)
	fmt.Fprintf(&b, "  decoded:            %5d  %5.1f%%\n", t.decoded, percent(t.decoded, t.samples))
	fmt.Fprintf(&b, "  decode failures:    %5d\n", t.mapped-t.decoded)
	fmt.Fprintf(&b, "  round-trip equal:   %5d  %5.1f%%\n", t.equal, percent(t.equal, t.samples))
	fmt.Fprintf(&b, "  every member fits:  %5d  %5.1f%%  (the others keep what did not fit raw)\n", t.strict, percent(t.strict, t.samples))
	fmt.Fprintf(&b, "request body types:   %5d\n", t.bodies)
	fmt.Fprintf(&b, "  zero value is {}:   %5d  %5.1f%%\n", t.empty, percent(t.empty, t.bodies))
	if len(t.unmapped) > 0 {
		b.WriteString("\nunmapped routes:\n")
		for _, r := range t.unmapped {
			fmt.Fprintf(&b, "  %s (%d %s)\n", r.route, r.n, plural(r.n, "sample"))
		}
	}
	section := func(title string, fs []failure) {
		if len(fs) == 0 || show <= 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s (%d, first %d):\n", title, len(fs), min(show, len(fs)))
		for _, f := range fs[:min(show, len(fs))] {
			b.WriteString("  " + f.String() + "\n")
		}
	}
	section("decode failures", t.decodeFailures)
	section("round-trip differences", t.differences)
	section("request bodies not {} when zero", t.bodyFailures)
	section("members kept raw because they did not fit", t.mismatches)
	io.WriteString(w, b.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
