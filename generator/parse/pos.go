package parse

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Positions are 1-based lines and columns. Columns count characters (UTF-8
// sequences), not bytes, so they match what an editor shows; a UTF-8 byte
// order mark at the start of the file is not counted.

// position returns the line and column of byte offset off in src.
func position(src []byte, off int) (line, col int) {
	var p posSweep
	p.init(src)
	return p.to(off)
}

// posSweep turns increasing byte offsets into lines and columns in one pass
// over the input, so resolving every item of a large (even single-line,
// minified) file stays linear.
type posSweep struct {
	src       []byte
	off       int // bytes before off are counted
	line, col int
}

func (p *posSweep) init(src []byte) {
	p.src, p.line, p.col = src, 1, 1
	if len(src) >= 3 && string(src[:3]) == "\uFEFF" {
		p.off = 3
	}
}

// to advances to off, which must not be below the previous offset.
func (p *posSweep) to(off int) (line, col int) {
	off = min(max(off, p.off), len(p.src))
	for i := p.off; i < off; i++ {
		c := p.src[i]
		if c == '\n' {
			p.line++
			p.col = 1
		} else if utf8.RuneStart(c) {
			// A continuation byte belongs to the character before it. Only
			// valid UTF-8 comes before any offset asked for: the decoder
			// stops at the first invalid byte.
			p.col++
		}
	}
	p.off = off
	return p.line, p.col
}

// posTarget is a place that wants the line and column of an offset.
type posTarget struct {
	off       int
	line, col *int
}

// resolve fills every target with one sweep over src.
func resolve(src []byte, ts []posTarget) {
	slices.SortStableFunc(ts, func(a, b posTarget) int { return cmp.Compare(a.off, b.off) })
	var p posSweep
	p.init(src)
	for _, t := range ts {
		if t.off < 0 {
			continue
		}
		*t.line, *t.col = p.to(t.off)
	}
}
