package apidiff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Summary is the counts of the report as one phrase: "2 breaking, 1
// additive, 0 info changes", or "no API changes".
func (r *Report) Summary() string {
	if len(r.Changes) == 0 {
		return "no API changes"
	}
	noun := "changes"
	if len(r.Changes) == 1 {
		noun = "change"
	}
	return fmt.Sprintf("%d breaking, %d additive, %d info %s", r.Count(Breaking), r.Count(Additive), r.Count(Info), noun)
}

// collectionHeading and rootHeading head the changes of the whole
// collection and of the operations outside any folder.
const (
	collectionHeading = "(collection)"
	rootHeading       = "(root)"
)

// heading names the group of a change: its folder path.
func heading(c Change) string {
	switch {
	case c.Operation == "" && c.Item == "":
		return collectionHeading
	case len(c.Folder) == 0:
		return rootHeading
	}
	return strings.Join(c.Folder, " > ")
}

// WriteText writes the report for a terminal: a summary line, then the
// changes under a heading per folder and a line per operation, each
// change tagged with its class.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s -> %s: %s\n", r.Old, r.New, r.Summary())
	group, op := "", ""
	for i, c := range r.Changes {
		if h := heading(c); i == 0 || h != group {
			group, op = h, ""
			fmt.Fprintf(bw, "\n%s\n", oneLine(h))
		}
		indent := "  "
		if c.Operation != "" {
			if c.Operation != op {
				op = c.Operation
				fmt.Fprintf(bw, "  %s (%s)\n", c.Operation, oneLine(c.Item))
			}
			indent = "    "
		}
		fmt.Fprintf(bw, "%s%-9s %s\n", indent, c.Class, oneLine(c.Message))
	}
	return bw.Flush()
}

// WriteMarkdown writes the report as a pull-request comment: a summary
// line, then a table of the breaking changes, one of the additive ones and
// one of the informational ones (folded), each sorted by folder and
// operation.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "### API changes: %s\n\n", r.Summary())
	fmt.Fprintf(bw, "`%s` → `%s`\n", codeSpan(r.Old), codeSpan(r.New))
	for _, sec := range []struct {
		class Class
		title string
		fold  bool
	}{
		{Breaking, "Breaking changes", false},
		{Additive, "Additive changes", false},
		{Info, "Other changes", true},
	} {
		var rows []Change
		for _, c := range r.Changes {
			if c.Class == sec.class {
				rows = append(rows, c)
			}
		}
		if len(rows) == 0 {
			continue
		}
		if sec.fold {
			fmt.Fprintf(bw, "\n<details><summary>%s (%d)</summary>\n\n", sec.title, len(rows))
		} else {
			fmt.Fprintf(bw, "\n#### %s (%d)\n\n", sec.title, len(rows))
		}
		fmt.Fprintf(bw, "| Folder | Operation | Change |\n|---|---|---|\n")
		for _, c := range rows {
			op := ""
			if c.Operation != "" {
				op = "`" + codeSpan(c.Operation) + "`"
			}
			fmt.Fprintf(bw, "| %s | %s | %s |\n", mdEscape(heading(c)), op, mdEscape(c.Message))
		}
		if sec.fold {
			fmt.Fprintf(bw, "\n</details>\n")
		}
	}
	return bw.Flush()
}

// jsonReport and jsonChange are the JSON schema documented in the package
// doc.
type jsonReport struct {
	Old      string       `json:"old"`
	New      string       `json:"new"`
	Breaking int          `json:"breaking"`
	Additive int          `json:"additive"`
	Info     int          `json:"info"`
	Changes  []jsonChange `json:"changes"`
}

type jsonChange struct {
	Class     string   `json:"class"`
	Kind      Kind     `json:"kind"`
	Folder    []string `json:"folder"`
	Item      string   `json:"item"`
	Operation string   `json:"operation"`
	Subject   string   `json:"subject"`
	Old       string   `json:"old"`
	New       string   `json:"new"`
	Message   string   `json:"message"`
}

// WriteJSON writes the report as the JSON object the package doc
// describes.
func (r *Report) WriteJSON(w io.Writer) error {
	out := jsonReport{Old: r.Old, New: r.New, Breaking: r.Count(Breaking), Additive: r.Count(Additive), Info: r.Count(Info),
		Changes: make([]jsonChange, 0, len(r.Changes))}
	for _, c := range r.Changes {
		folder := slices.Clone(c.Folder)
		if folder == nil {
			folder = []string{}
		}
		out.Changes = append(out.Changes, jsonChange{Class: c.Class.String(), Kind: c.Kind, Folder: folder, Item: c.Item,
			Operation: c.Operation, Subject: c.Subject, Old: c.Old, New: c.New, Message: c.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Formats returns the format names [Report.Write] takes, the default
// first.
func Formats() []string {
	return []string{"text", "markdown", "json"}
}

// Write writes the report in the named format, one of [Formats].
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "text":
		return r.WriteText(w)
	case "markdown":
		return r.WriteMarkdown(w)
	case "json":
		return r.WriteJSON(w)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// oneLine keeps collection text that reaches the output on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// mdEscape makes text safe in a Markdown table cell: punctuation that
// Markdown or HTML would read is escaped and the text kept on one line.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '<', '>', '~', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// codeSpan keeps text inside a one-backtick code span: a backtick would
// end it and a pipe would end a table cell.
func codeSpan(s string) string {
	return strings.NewReplacer("`", "'", "|", "\\|").Replace(oneLine(s))
}
