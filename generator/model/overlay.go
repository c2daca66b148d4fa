package model

import (
	"encoding/json"
	"fmt"
	"strings"

	postman "github.com/rbretecher/go-postman-collection"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// Input is a collection laid over the first one (see [Options.Overlays]).
type Input struct {
	// Name is how the input is named in errors and warnings, usually its
	// path.
	Name string
	// Data is the collection export (Postman schema v2.0 or v2.1).
	Data []byte
}

// The overlay stage reads the collections after the first one. A request of
// an overlay that has the method and path of an operation read before it
// (see match) is laid over that operation (layOver); any other request is
// added as it is, in the overlay's folders, like a request of the first
// collection.

// match returns the operation read before the current overlay that req
// targets: the same method and a path of as many segments where each
// literal segment of the operation's template equals the request's and a
// segment that is one path parameter matches any. Hosts are not compared.
// Of several matches the one with the most literal segments wins; on a tie
// the one named like the request (ignoring case), else the first in
// collection order. It returns nil outside an overlay.
func (b *builder) match(name string, req *postman.Request) *Operation {
	if b.base == nil || req == nil || req.URL == nil {
		return nil
	}
	method := strings.ToUpper(strings.TrimSpace(string(req.Method)))
	if method == "" {
		method = "GET"
	}
	path := trimEmpty(req.URL.Path)
	var best *Operation
	bestScore := -1
	for _, op := range b.base {
		if op.Method != method {
			continue
		}
		score, ok := pathMatch(op, path)
		if !ok {
			continue
		}
		if score > bestScore || score == bestScore && strings.EqualFold(op.Name, name) && !strings.EqualFold(best.Name, name) {
			best, bestScore = op, score
		}
	}
	return best
}

// pathMatch reports whether path fits op's template segment by segment,
// and how many of the template's segments are literal.
func pathMatch(op *Operation, path []string) (literals int, ok bool) {
	groups := pathGroups(op)
	if len(groups) != len(path) {
		return 0, false
	}
	for i, g := range groups {
		if len(g) == 1 && g[0].Param != nil {
			continue
		}
		if segmentText(g) != path[i] {
			return 0, false
		}
		literals++
	}
	return literals, true
}

// pathGroups splits op's template into its "/"-separated segments.
func pathGroups(op *Operation) [][]Segment {
	var groups [][]Segment
	for _, s := range op.Path {
		if s.Slash || len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
	}
	return groups
}

// trimEmpty drops the empty segments a leading, trailing or doubled "/"
// leaves in a Postman path.
func trimEmpty(path []string) []string {
	out := make([]string, 0, len(path))
	for _, s := range path {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// layOver lays the overlay's request it over op, an operation read before:
// op keeps its parameters, body and URL, and takes the overlay's name and,
// when it has one, its description. The overlay's saved responses come
// first among op's examples, with the path values the overlay's URL shows;
// op's own examples stay, so that the types are inferred from both and the
// generated tests replay both. A JSON request body of the overlay is one
// more sample of op's body type.
func (b *builder) layOver(op *Operation, it *postman.Items) {
	req := it.Request
	op.Name = it.Name
	if d := description(it.Description, req.Description); strings.TrimSpace(d) != "" {
		op.Description = d
	}
	values, _ := b.matchPath(op, b.overlayPath(req.URL))
	var examples []*Example
	for i, r := range it.Responses {
		if r == nil {
			continue
		}
		ex := b.example(op, r, i)
		if ex == nil {
			continue
		}
		ex.Where = fmt.Sprintf("%s: overlay %s: example %q", op.Where, b.name, ex.Name)
		if !ex.SameRequest && values != nil {
			ex.PathValues = values
		}
		examples = append(examples, ex)
	}
	op.Examples = append(examples, op.Examples...)
	if op.Body != nil && op.Body.Kind == BodyJSON && req.Body != nil && !req.Body.Disabled && req.Body.Mode == "raw" {
		if sample := infer.Sanitize([]byte(req.Body.Raw)); strings.TrimSpace(req.Body.Raw) != "" && json.Valid(sample) {
			op.Body.Samples = append(op.Body.Samples, sample)
		}
	}
	typeParams(op)
}

// overlayPath is the path of u with each ":name" segment replaced by the
// value u gives that path variable, when it gives one.
func (b *builder) overlayPath(u *postman.URL) []string {
	path := trimEmpty(u.Path)
	out := make([]string, len(path))
	for i, s := range path {
		out[i] = s
		name, ok := strings.CutPrefix(s, ":")
		if !ok {
			continue
		}
		for _, v := range u.Variables {
			if v != nil && v.Key == name && strings.TrimSpace(v.Value) != "" {
				out[i] = v.Value
			}
		}
	}
	return out
}
