package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/zcrmgen/zcrmgen/generator"
)

// plan is what one run checks: which methods decode which sample, and
// which request body types are encoded.
type plan struct {
	samples []sample
	ops     []generator.OperationSummary
	// matches holds, for each sample, the operations serving its route;
	// replies holds the sample files' content (nil for those unmapped).
	matches [][]int
	replies [][]byte
	// decodes are the decodings for the check program, in sample order
	// then operation order, for the operations that decode JSON.
	decodes []decodeCheck
	// bodies are the JSON request body types, each once, through the
	// first method taking it.
	bodies []bodyCheck
}

// newPlan matches the samples listed in the samples directory dir to ops
// and reads the files of those a method serves.
func newPlan(samples []sample, ops []generator.OperationSummary, dir string) (*plan, error) {
	p := &plan{samples: samples, ops: ops, matches: make([][]int, len(samples)), replies: make([][]byte, len(samples))}
	m := newMatcher(ops)
	for i, s := range samples {
		p.matches[i] = m.match(s.Method, s.Path)
		if len(p.matches[i]) == 0 {
			continue
		}
		path, err := filepath.Abs(filepath.Join(dir, s.File))
		if err == nil {
			p.replies[i], err = os.ReadFile(path)
		}
		if err != nil {
			return nil, err
		}
		for _, op := range p.matches[i] {
			if ops[op].Result != "" {
				p.decodes = append(p.decodes, decodeCheck{path: path, method: ops[op].GoName})
			}
		}
	}
	seen := map[string]bool{}
	for _, op := range ops {
		if op.Body != "" && !seen[op.Body] {
			seen[op.Body] = true
			p.bodies = append(p.bodies, bodyCheck{typeName: op.Body, method: op.GoName})
		}
	}
	return p, nil
}

// count reads the check program's outcomes, one per check in plan order,
// into a tally. A sample is decoded when every method serving its route
// decodes it, and equal when each of them also encodes it back to the
// same JSON.
func (p *plan) count(outcomes map[string][]outcome) (*tally, error) {
	if n := len(outcomes["sample"]); n != len(p.decodes) {
		return nil, fmt.Errorf("check program: %d sample outcomes for %d checks", n, len(p.decodes))
	}
	if n := len(outcomes["body"]); n != len(p.bodies) {
		return nil, fmt.Errorf("check program: %d body outcomes for %d checks", n, len(p.bodies))
	}
	t := &tally{methods: len(p.ops), samples: len(p.samples), bodies: len(p.bodies)}
	next := 0 // the next sample outcome
	for i, s := range p.samples {
		if len(p.matches[i]) == 0 {
			t.unmappedRoute(s.route())
			continue
		}
		t.mapped++
		decoded, equal, fits := true, true, true
		for _, k := range p.matches[i] {
			op := p.ops[k]
			f := failure{file: s.File, route: s.route(), method: op.GoName, goType: op.Result}
			if op.Result == "" {
				f.goType = "no JSON type"
				f.reason = "the method does not decode its reply as JSON"
				t.decodeFailures = append(t.decodeFailures, f)
				decoded = false
				continue
			}
			o := outcomes["sample"][next]
			next++
			if o.Stage != "" {
				f.reason = o.Stage + ": " + o.Error
				t.decodeFailures = append(t.decodeFailures, f)
				decoded = false
				continue
			}
			if o.Mismatches > 0 {
				fits = false
				m := f
				m.reason = fmt.Sprintf("%d (%s)", o.Mismatches, o.Mismatch)
				t.mismatches = append(t.mismatches, m)
			}
			d, err := jsonDiff(p.replies[i], o.JSON)
			switch {
			case err != nil:
				f.reason = "compare: " + err.Error()
			case d != nil:
				f.reason = d.String()
			default:
				continue
			}
			t.differences = append(t.differences, f)
			equal = false
		}
		if decoded {
			t.decoded++
			if equal {
				t.equal++
			}
			if fits {
				t.strict++
			}
		}
	}
	for k, b := range p.bodies {
		o := outcomes["body"][k]
		f := failure{method: b.method, goType: b.typeName}
		if o.Stage != "" {
			f.reason = o.Stage + ": " + o.Error
			t.bodyFailures = append(t.bodyFailures, f)
			continue
		}
		if d, err := jsonDiff([]byte("{}"), o.JSON); err == nil && d == nil {
			t.empty++
			continue
		}
		f.reason = "encodes as " + shorten(string(o.JSON), 2*maxShown)
		t.bodyFailures = append(t.bodyFailures, f)
	}
	return t, nil
}
