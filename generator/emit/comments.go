package emit

import (
	"regexp"
	"strings"
	"unicode"
)

// Doc comments carry text from the collection. Every line is emitted as its
// own // comment, so nothing in the text can end the comment: jennifer
// would write multi-line text as a /* */ block, where "*/" ends it.

// maxDocLines bounds how much of a long description goes into a comment.
const maxDocLines = 40

var (
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
	// htmlTag matches common HTML markup only, so text such as <token>
	// or <module> in a description stays.
	htmlTag = regexp.MustCompile(`(?i)</?(p|br|b|i|u|em|strong|code|pre|ul|ol|li|a|span|div|h[1-6]|table|thead|tbody|tr|td|th|hr|img|sup|sub|blockquote)(\s[^<>]*)?/?>`)
)

// docText reduces a Markdown description to plain Go doc lines: headings,
// emphasis, HTML tags and code fences are dropped, links keep their text
// and address, and runs of blank lines become one.
func docText(md string) []string {
	md = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(md)
	var out []string
	blank := true
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			continue
		}
		line = mdHeading.ReplaceAllString(strings.TrimSpace(line), "")
		line = mdLink.ReplaceAllString(line, "$1 ($2)")
		line = mdEmphasis.ReplaceAllString(line, "$2")
		line = htmlTag.ReplaceAllString(line, "")
		line = strings.TrimSpace(commentSafe(line))
		if line == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, line)
		if len(out) >= maxDocLines {
			out = append(out, "...")
			break
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// commentBlock renders lines as complete // comments. Each is handed to
// jennifer already starting with "//", which it prints unchanged, so the
// text decides nothing about the comment's form.
func commentBlock(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = commentSafe(l)
		switch {
		case l == "":
			out = append(out, "//")
		case strings.HasPrefix(l, "\t"):
			out = append(out, "//"+l)
		default:
			out = append(out, "// "+l)
		}
	}
	return out
}

// commentSafe cleans one comment line.
func commentSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return r
		case r == '\n', r == '\r', r == '\u2028', r == '\u2029', r == '\u0085':
			return ' '
		case unicode.IsControl(r), r == '\uFEFF', unicode.Is(unicode.Bidi_Control, r):
			// Bidirectional controls would let the text reorder how the
			// code around the comment is displayed.
			return -1
		}
		return r
	}, s)
	return s
}

// oneLine squeezes text into a single comment-safe line.
func oneLine(s string) string {
	return commentSafe(strings.Join(strings.Fields(s), " "))
}
