package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	postman "github.com/rbretecher/go-postman-collection"
)

// Collection is a parsed, normalised collection.
type Collection struct {
	// Name is the input's name as given, for errors.
	Name string
	// Postman is the collection as go-postman-collection decoded it from
	// the normalised input. Every request item has a non-nil Request whose
	// URL is non-nil and whose Method is upper case and not empty; every
	// example's OriginalRequest, when present, has a non-nil URL. Auth
	// parameter values are always strings.
	Postman *postman.Collection
	// Schema is "v2.0" or "v2.1".
	Schema string
	// Extras holds what the library drops for each request item, keyed by
	// the *postman.Items of that item. Every request item has an entry.
	Extras map[*postman.Items]*ItemExtra
	// ExampleExtras holds the same for every saved example, keyed by its
	// *postman.Response; DisabledQuery refers to OriginalRequest.URL.Query.
	ExampleExtras map[*postman.Response]*ItemExtra
}

// ItemExtra is what go-postman-collection does not keep about one request
// item or saved example, and where it is in the input.
type ItemExtra struct {
	// DisabledQuery holds the indexes in Request.URL.Query of the query
	// parameters marked "disabled": true. It is nil when none is.
	DisabledQuery map[int]bool
	// Path is the JSON path of the item or example in the input, such as
	// `item[3].item[0]` or `item[3].item[0].response[1]`. Indexes count
	// the input's elements, including any that were skipped.
	Path string
	// Line and Col locate the item's opening brace (1-based).
	Line, Col int

	off int
}

// Warning reports something in the input that was skipped or read in a
// way the user may not expect. Warnings come in input order.
type Warning struct {
	// Where is the JSON path of the place, such as `item[2].request.header`.
	Where string
	// Msg says what happened.
	Msg string
	// Line and Col locate the place (1-based, 0 if unknown).
	Line, Col int
}

func (w Warning) String() string {
	var b strings.Builder
	if w.Line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", w.Line, w.Col)
	}
	if w.Where != "" {
		b.WriteString(w.Where + ": ")
	}
	b.WriteString(w.Msg)
	return oneLine(b.String())
}

// Error is every error Parse and Env return.
type Error struct {
	// File is the input's name.
	File string
	// Line and Col locate the problem (1-based, 0 if unknown).
	Line, Col int
	// Path is the JSON path of the value at fault, such as
	// `item[3].item[0].request.url`, or "" if unknown.
	Path string
	// Msg says what is wrong.
	Msg string

	err error // the cause, for errors.Is
}

// Unwrap returns the I/O error behind a read failure, or nil.
func (e *Error) Unwrap() error { return e.err }

// Error returns one line: "<file>:<line>:<col>: <path>: <msg>", leaving out
// the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	if e.Path != "" {
		b.WriteString(": " + e.Path)
	}
	b.WriteString(": " + e.Msg)
	return oneLine(b.String())
}

// oneLine escapes line breaks so that a message from any input stays on
// one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

// Default limits of a zero [Parser].
const (
	DefaultMaxBytes       = 256 << 20
	DefaultMaxFolderDepth = 64
	DefaultMaxNesting     = 1000
)

// Parser holds the limits that protect against hostile input. The zero
// value uses the defaults.
type Parser struct {
	// MaxBytes caps the input size (DefaultMaxBytes if 0).
	MaxBytes int
	// MaxFolderDepth caps how deep folders nest (DefaultMaxFolderDepth if 0).
	MaxFolderDepth int
	// MaxNesting caps how deep JSON arrays and objects nest anywhere in
	// the input (DefaultMaxNesting if 0). It stays well below the 10000
	// levels encoding/json allows, so that the library never meets a
	// nesting it refuses.
	MaxNesting int
}

func (p *Parser) maxBytes() int       { return orDefault(p.MaxBytes, DefaultMaxBytes) }
func (p *Parser) maxFolderDepth() int { return orDefault(p.MaxFolderDepth, DefaultMaxFolderDepth) }
func (p *Parser) maxNesting() int     { return orDefault(p.MaxNesting, DefaultMaxNesting) }

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Parse checks and normalises data and decodes it through
// go-postman-collection, with the default limits.
func Parse(name string, data []byte) (*Collection, []Warning, error) {
	var p Parser
	return p.Parse(name, data)
}

// ReadInput reads the file at path for [Parser.Parse] or [Parser.Env],
// refusing a file over the size limit before reading it, and reading no
// more than the limit from one whose size is not known beforehand (a pipe).
// Its errors are [*Error]s naming path.
func (p *Parser) ReadInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ioError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(p.maxBytes()) {
		return nil, tooLarge(path, fi.Size(), p.maxBytes())
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(p.maxBytes())+1))
	if err != nil {
		return nil, ioError(path, err)
	}
	if len(data) > p.maxBytes() {
		return nil, tooLarge(path, int64(len(data)), p.maxBytes())
	}
	return data, nil
}

// ioError reports a failure to read; errors.Is sees the cause.
func ioError(name string, err error) *Error {
	msg := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err // the path is already the file name
	}
	return &Error{File: fileName(name), Msg: msg.Error(), err: err}
}

func tooLarge(name string, size int64, limit int) *Error {
	msg := fmt.Sprintf("file is too large: %d bytes, the limit is %d", size, limit)
	if limit >= 1<<20 {
		msg += fmt.Sprintf(" (%d MiB)", limit>>20)
	}
	return &Error{File: fileName(name), Msg: msg}
}

func fileName(name string) string {
	if name == "" {
		return "<input>"
	}
	return name
}

// Parse checks and normalises data and decodes it through
// go-postman-collection. name labels errors and warnings.
func (p *Parser) Parse(name string, data []byte) (*Collection, []Warning, error) {
	file := fileName(name)
	if len(data) > p.maxBytes() {
		return nil, nil, tooLarge(file, int64(len(data)), p.maxBytes())
	}
	root, n, err := p.normalize(file, data)
	if err != nil {
		return nil, nil, err
	}
	// Every position is found before the library decodes the tree, which
	// it drops as it goes.
	var ts []posTarget
	for _, x := range n.reqs {
		ts = append(ts, posTarget{x.off, &x.Line, &x.Col})
	}
	for _, x := range n.resps {
		ts = append(ts, posTarget{x.off, &x.Line, &x.Col})
	}
	warns := make([]Warning, len(n.warns))
	for i, w := range n.warns {
		warns[i] = Warning{Where: w.path, Msg: w.msg}
		ts = append(ts, posTarget{w.off, &warns[i].Line, &warns[i].Col})
	}
	resolve(data, ts)

	pc, e := decodeLibrary(&root)
	if e != nil {
		err := &Error{File: file, Msg: e.Error()}
		if te, ok := errors.AsType[*json.UnmarshalTypeError](e); ok {
			err.Path = te.Field
		}
		return nil, nil, err
	}
	c := &Collection{
		Name:          name,
		Postman:       pc,
		Schema:        n.schema,
		Extras:        make(map[*postman.Items]*ItemExtra, len(n.reqs)),
		ExampleExtras: make(map[*postman.Response]*ItemExtra, len(n.resps)),
	}
	m := mapper{c: c, reqs: n.reqs, resps: n.resps}
	m.items(pc.Items)
	if m.i != len(m.reqs) || m.j != len(m.resps) || m.bad {
		return nil, nil, &Error{File: file, Msg: fmt.Sprintf("internal error: the library decoded %d requests and %d examples, the normaliser kept %d and %d", m.i, m.j, len(m.reqs), len(m.resps))}
	}
	return c, warns, nil
}

// normalize checks src and returns it decoded and normalised, with the
// normaliser's records.
func (p *Parser) normalize(file string, src []byte) (node, *normalizer, error) {
	if len(src) > p.maxBytes() {
		return node{}, nil, tooLarge(file, int64(len(src)), p.maxBytes())
	}
	root, err := decodeTree(file, src, p.maxNesting())
	if err != nil {
		return node{}, nil, err
	}
	n := &normalizer{maxFolderDepth: p.maxFolderDepth()}
	if e := n.root(&root); e != nil {
		return node{}, nil, n.toError(file, src, e)
	}
	return root, n, nil
}

// decodeTree checks the raw bytes and decodes them into a tree.
func decodeTree(file string, src []byte, maxNesting int) (node, error) {
	fail := func(off int, msg string) (node, error) {
		e := &Error{File: file, Msg: msg}
		if off >= 0 {
			e.Line, e.Col = position(src, off)
		}
		return node{}, e
	}
	if len(src) == 0 {
		return fail(-1, "empty file")
	}
	start := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		start = 3
	}
	if msg := sniff(src[start:]); msg != "" {
		return fail(-1, msg)
	}
	if len(bytes.TrimLeft(src[start:], " \t\r\n")) == 0 {
		return fail(-1, "file has only whitespace, no JSON")
	}
	d := decoder{src: src, pos: start, maxDepth: maxNesting}
	root, err := d.top()
	if err != nil {
		return fail(err.off, err.msg)
	}
	return root, nil
}

// sniff recognises input that is not JSON text at all, so that the error
// names what it is instead of its first odd byte. Text that starts like
// JSON is left to the decoder, which names the line and column of a bad
// byte (such as Latin-1 inside a string).
func sniff(s []byte) string {
	switch {
	case bytes.HasPrefix(s, []byte("\x1f\x8b")):
		return "gzip-compressed data, not JSON: decompress it first"
	case bytes.HasPrefix(s, []byte("PK\x03\x04")):
		return "zip archive, not JSON: extract the collection first"
	case bytes.HasPrefix(s, []byte("\xff\xfe")) || bytes.HasPrefix(s, []byte("\xfe\xff")):
		return "UTF-16 text: save the file as UTF-8"
	}
	t := bytes.TrimLeft(s, " \t\r\n")
	if len(t) == 0 || strings.IndexByte(`{["-0123456789tfn`, t[0]) >= 0 {
		return ""
	}
	head := t[:min(len(t), 512)]
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return "binary data, not a JSON document"
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && utf8.FullRune(head[i:]) {
			return "binary data, not a JSON document"
		}
		i += size
	}
	return ""
}

// decodeLibrary decodes the normalised tree root with go-postman-collection's
// types, as postman.ParseCollection decodes the tree's JSON text, but a part
// at a time: every item is written as JSON and decoded on its own, its
// items in turn, and each part of the tree is dropped once decoded. So
// neither the whole text nor the whole tree is kept beside the collection
// being built. The library indexes into its input without checks in
// places, so a panic becomes an error instead of taking the program down.
func decodeLibrary(root *node) (c *postman.Collection, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("internal error: go-postman-collection panicked: %v", r)
		}
	}()
	var w writer
	items, err := decodePart(&w, root, &c)
	if err == nil && c != nil && items != nil {
		c.Items, err = decodeItems(&w, items)
	}
	if err != nil {
		return nil, fmt.Errorf("internal error: go-postman-collection rejected the normalised collection: %w", err)
	}
	if c == nil {
		return nil, errors.New("internal error: go-postman-collection returned no collection")
	}
	return c, nil
}

// decodeItems decodes the elements of an "item" array (see decodePart)
// and drops them.
func decodeItems(w *writer, arr *node) ([]*postman.Items, error) {
	items := make([]*postman.Items, len(arr.kids))
	for i := range arr.kids {
		sub, err := decodePart(w, &arr.kids[i].val, &items[i])
		if err != nil {
			return nil, err
		}
		if sub != nil && items[i] != nil {
			if items[i].Items, err = decodeItems(w, sub); err != nil {
				return nil, err
			}
		}
	}
	arr.kids = nil
	return items, nil
}

// decodePart decodes v into dst with encoding/json, through w's buffer,
// and drops v's members. The "item" member of an object, when it is an
// array and no other member's key matches the field's name (encoding/json
// matches keys without regard to case), is left out and returned, for the
// caller to decode into the field one element at a time; what the field
// gets is the same.
func decodePart(w *writer, v *node, dst any) (items *node, err error) {
	part := *v
	if v.kind == kObject {
		at := -1
		for i, m := range v.kids {
			if strings.EqualFold(m.key, "item") {
				if at != -1 {
					at = -2
					break
				}
				at = i
			}
		}
		if at >= 0 && v.kids[at].key == "item" && v.kids[at].val.kind == kArray {
			arr := v.kids[at].val
			items = &arr
			part.kids = append(v.kids[:at:at], v.kids[at+1:]...)
		}
	}
	w.buf, w.consume = w.buf[:0], true
	w.value(&part)
	v.kids = nil
	if err := json.Unmarshal(w.buf, dst); err != nil {
		return nil, err
	}
	return items, nil
}

// mapper pairs the library's items with the normaliser's records. Both
// walk the same tree in the same order, so the i-th request item of one is
// the i-th of the other.
type mapper struct {
	c     *Collection
	reqs  []*ItemExtra
	resps []*ItemExtra
	i, j  int
	bad   bool
}

func (m *mapper) items(items []*postman.Items) {
	for _, it := range items {
		if it == nil {
			m.bad = true
			continue
		}
		if it.IsGroup() {
			m.items(it.Items)
			continue
		}
		if m.i >= len(m.reqs) {
			m.bad = true
			return
		}
		m.c.Extras[it] = m.reqs[m.i]
		m.i++
		for _, r := range it.Responses {
			if m.j >= len(m.resps) || r == nil {
				m.bad = true
				return
			}
			m.c.ExampleExtras[r] = m.resps[m.j]
			m.j++
		}
	}
}
