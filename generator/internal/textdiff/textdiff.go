// Package textdiff writes the difference between two texts as a unified
// diff, line by line, for test failures that compare golden files.
package textdiff

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines surround each change.
const context = 3

// maxCells bounds the work of the line matching: beyond it (two texts of
// many thousand differing lines) the middle is shown as all removed and all
// added, which is still a correct diff.
const maxCells = 16 << 20

// Unified returns the unified diff that turns want into got, with headers
// naming them "want" and "got", or "" when they are equal.
func Unified(name string, want, got []byte) string {
	if string(want) == string(got) {
		return ""
	}
	a, b := lines(string(want)), lines(string(got))
	ops := match(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s (want)\n+++ %s (got)\n", name, name)
	// Group the edit script into hunks with context lines around changes.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// A run of unchanged lines longer than twice the context ends
			// the hunk.
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		h := ops[start:end]
		aStart, bStart := h[0].a, h[0].b
		var aLen, bLen int
		for _, op := range h {
			if op.kind != '+' {
				aLen++
			}
			if op.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", span(aStart, aLen), span(bStart, bLen))
		for _, op := range h {
			out.WriteByte(op.kind)
			out.WriteString(op.text)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}

// span writes a hunk range: 1-based start and length.
func span(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// lines splits s into lines; a missing final newline is marked the way
// diff(1) does.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.SplitAfter(s, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	for i, l := range ls {
		if strings.HasSuffix(l, "\n") {
			ls[i] = l[:len(l)-1]
		} else {
			ls[i] = l + "\n\\ No newline at end of file"
		}
	}
	return ls
}

// op is one line of the edit script: ' ' kept, '-' only in want, '+' only
// in got; a and b are the line indexes in want and got where it stands.
type op struct {
	kind byte
	text string
	a, b int
}

// match returns an edit script from a to b: common prefix and suffix
// first, then a longest common subsequence of the middle.
func match(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := range pre {
		ops = append(ops, op{' ', a[i], i, i})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ops = append(ops, middle(ma, mb, pre, pre)...)
	for i := range suf {
		ia, ib := len(a)-suf+i, len(b)-suf+i
		ops = append(ops, op{' ', a[ia], ia, ib})
	}
	return ops
}

// middle matches a and b, which start at lines offA and offB, by dynamic
// programming over their longest common subsequence.
func middle(a, b []string, offA, offB int) []op {
	var ops []op
	if len(a)*len(b) > maxCells {
		for i, l := range a {
			ops = append(ops, op{'-', l, offA + i, offB})
		}
		for j, l := range b {
			ops = append(ops, op{'+', l, offA + len(a), offB + j})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], offA + i, offB + j})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			// Removals before additions, as diff(1) writes them.
			ops = append(ops, op{'-', a[i], offA + i, offB + j})
			i++
		default:
			ops = append(ops, op{'+', b[j], offA + i, offB + j})
			j++
		}
	}
	return ops
}
