package main

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator"
)

// paramRef matches a path parameter inside a segment: a Postman
// {{variable}} or an OpenAPI {name}.
var paramRef = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}|\{([^{}]+)\}`)

// pathForms reads a URL path template and returns two forms of it: shape,
// with every parameter written {}, and named, with every parameter written
// {name}. Parameters are Postman's :name segments, {{name}} variables
// anywhere in a segment and OpenAPI's {name}. Empty segments are dropped,
// so "/a/b/", "a/b" and "/a//b" are all "/a/b"; the root is "/".
func pathForms(path string) (shape, named string) {
	var s, n strings.Builder
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		s.WriteByte('/')
		n.WriteByte('/')
		if len(seg) > 1 && seg[0] == ':' {
			s.WriteString("{}")
			n.WriteString("{" + seg[1:] + "}")
			continue
		}
		last := 0
		for _, m := range paramRef.FindAllStringSubmatchIndex(seg, -1) {
			lit := seg[last:m[0]]
			var name string
			if m[2] >= 0 {
				name = seg[m[2]:m[3]] // a {{variable}}
			} else {
				name = seg[m[4]:m[5]] // an {name}
			}
			s.WriteString(lit + "{}")
			n.WriteString(lit + "{" + name + "}")
			last = m[1]
		}
		s.WriteString(seg[last:])
		n.WriteString(seg[last:])
	}
	if s.Len() == 0 {
		return "/", "/"
	}
	return s.String(), n.String()
}

// basePath returns the path part of a base URL without its final slash:
// "https://host/crm/v8/" gives "/crm/v8". A base URL that is empty, not a
// URL or still holds a {{variable}} gives "".
func basePath(base string) string {
	if base == "" || strings.Contains(base, "{{") {
		return ""
	}
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.Path, "/")
}

// routeKey is an upper-case HTTP method and a path shape (see [pathForms]).
type routeKey struct {
	method, shape string
}

// matcher finds the methods of a generated client that serve a route.
type matcher struct {
	named  []string           // the full named template of each operation
	shapes map[routeKey][]int // operations by route, in collection order
}

// newMatcher indexes ops by method and full path: the path of the base URL
// the operation is sent to, then its own path template.
func newMatcher(ops []generator.OperationSummary) *matcher {
	m := &matcher{named: make([]string, len(ops)), shapes: map[routeKey][]int{}}
	for i, op := range ops {
		shape, named := pathForms(basePath(op.BaseURL) + "/" + op.Path)
		m.named[i] = named
		k := routeKey{strings.ToUpper(op.Method), shape}
		m.shapes[k] = append(m.shapes[k], i)
	}
	return m
}

// match returns the indexes of the operations that serve method and path,
// in collection order. Those whose parameters have the same names as in
// path win over those that only have parameters in the same places
// ("/modules/{api_name}" goes to the operation written with :api_name, not
// the one with :id). Several operations remain when the collection writes
// the same route more than once: each of them is a method a caller may use
// for it.
func (m *matcher) match(method, path string) []int {
	shape, named := pathForms(path)
	all := m.shapes[routeKey{strings.ToUpper(method), shape}]
	var same []int
	for _, i := range all {
		if m.named[i] == named {
			same = append(same, i)
		}
	}
	if len(same) > 0 {
		return same
	}
	return all
}
