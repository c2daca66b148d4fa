package parse

import (
	"strings"
	"unicode"
)

// url normalises a URL field in place. A string is split into parts the
// way Postman does it (see [splitURL]); the library would keep its JSON
// escapes undecoded. An object gets its host and path as lists, its query
// as a list, and a raw URL: built from the parts when missing, or split
// into parts when it is the only thing given.
func (n *normalizer) url(v *node, key string, x *ItemExtra) error {
	switch v.kind {
	case kString:
		*v = n.urlFromString(v.s, v.off)
		return nil
	case kObject:
	default:
		return n.fail(v, key, "want a URL string or object, got %s", v.kind)
	}
	n.push(key)
	defer n.pop()
	var raw, protocol, host, path, port, query, hash, variable *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "raw":
			raw = &m.val
		case "protocol":
			protocol = &m.val
		case "host":
			host = &m.val
		case "path":
			path = &m.val
		case "port":
			port = &m.val
		case "query":
			query = &m.val
		case "hash":
			hash = &m.val
		case "variable":
			variable = &m.val
		}
	}
	if raw != nil && raw.kind == kNull {
		raw = nil
	}
	if err := n.texts("raw protocol port hash", raw, protocol, port, hash); err != nil {
		return err
	}
	host, err := n.hostList(host)
	if err != nil {
		return err
	}
	if path, err = n.pathList(path); err != nil {
		return err
	}
	query, qs, err := n.query(query, x)
	if err != nil {
		return err
	}
	if variable, err = n.variables(variable, "variable"); err != nil {
		return err
	}
	switch {
	case raw == nil:
		r := strNode(buildRaw(protocol, host, port, path, qs, hash))
		raw = &r
	case host == nil && path == nil:
		p := splitURL(raw.s)
		protocol = orNode(protocol, p.protocol)
		host = orList(host, p.host)
		port = orNode(port, p.port)
		path = orList(path, p.path)
		hash = orNode(hash, p.hash)
		if query == nil && len(p.query) > 0 {
			q := queryNode(p.query)
			query = &q
		}
		if variable == nil {
			variable = pathVariables(p.path)
		}
	}
	var l fieldList
	l.add("raw", raw)
	l.add("protocol", protocol)
	l.add("host", host)
	l.add("port", port)
	l.add("path", path)
	l.add("query", query)
	l.add("hash", hash)
	l.add("variable", variable)
	l.into(v)
	return nil
}

// urlFromString is the URL object for a URL given as a string.
func (n *normalizer) urlFromString(s string, off int) node {
	p := splitURL(s)
	raw := strNode(p.raw)
	var l fieldList
	l.add("raw", &raw)
	l.add("protocol", orNode(nil, p.protocol))
	l.add("host", orList(nil, p.host))
	l.add("port", orNode(nil, p.port))
	l.add("path", orList(nil, p.path))
	if len(p.query) > 0 {
		q := queryNode(p.query)
		l.add("query", &q)
	}
	l.add("hash", orNode(nil, p.hash))
	l.add("variable", pathVariables(p.path))
	return l.obj(off)
}

func orNode(v *node, s string) *node {
	if v != nil || s == "" {
		return v
	}
	o := strNode(s)
	return &o
}

func orList(v *node, parts []string) *node {
	if v != nil || parts == nil {
		return v
	}
	o := listNode(parts)
	return &o
}

func listNode(parts []string) node {
	o := node{kind: kArray, off: -1, kids: make([]member, len(parts))}
	for i, p := range parts {
		o.kids[i].val = strNode(p)
	}
	return o
}

// queryNode is the query list for "k=v" segments.
func queryNode(segs []string) node {
	o := node{kind: kArray, off: -1, kids: make([]member, 0, len(segs))}
	for _, s := range segs {
		k, val, _ := strings.Cut(s, "=")
		kn, vn := strNode(k), strNode(val)
		var l fieldList
		l.add("key", &kn)
		l.add("value", &vn)
		o.kids = append(o.kids, member{val: l.obj(-1)})
	}
	return o
}

// pathVariables lists the ":name" segments of a path once each, as
// Postman does when it reads a URL string.
func pathVariables(path []string) *node {
	var seen map[string]bool
	o := node{kind: kArray, off: -1}
	for _, seg := range path {
		if len(seg) < 2 || seg[0] != ':' || seen[seg] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[seg] = true
		k := strNode(seg[1:])
		var l fieldList
		l.add("key", &k)
		o.kids = append(o.kids, member{val: l.obj(-1)})
	}
	if len(o.kids) == 0 {
		return nil
	}
	return &o
}

// hostList normalises url.host. A string splits at the dots that are not
// inside a {{variable}}, as Postman does.
func (n *normalizer) hostList(v *node) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	switch v.kind {
	case kString:
		o := listNode(splitHost(v.s))
		o.off = v.off
		return &o, nil
	case kArray:
		n.push("host")
		defer n.pop()
		for i := range v.kids {
			n.pushIdx(i)
			err := n.text(&v.kids[i].val, "")
			n.pop()
			if err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	return nil, n.fail(v, "host", "want a list of host parts or a string, got %s", v.kind)
}

// splitHost splits a host at dots, except a dot followed by "}}" before
// any "{" (Postman's /\.(?![^{]*\}{2})/).
func splitHost(s string) []string {
	var cuts []int
	closes := false // from here on, "}}" comes before any "{"
	for i := len(s) - 1; i >= 0; i-- {
		switch {
		case s[i] == '{':
			closes = false
		case s[i] == '}' && i+1 < len(s) && s[i+1] == '}':
			closes = true
		case s[i] == '.' && !closes:
			cuts = append(cuts, i)
		}
	}
	parts := make([]string, 0, len(cuts)+1)
	start := 0
	for j := len(cuts) - 1; j >= 0; j-- {
		parts = append(parts, s[start:cuts[j]])
		start = cuts[j] + 1
	}
	return append(parts, s[start:])
}

// pathList normalises url.path. A string loses one leading slash and
// splits at every "/"; a segment object {"type", "value"} gives its value.
func (n *normalizer) pathList(v *node) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	switch v.kind {
	case kString:
		s := v.s
		if len(s) > 1 && s[0] == '/' {
			s = s[1:]
		}
		switch s {
		case "":
			return nil, nil
		case "/":
			s = ""
		}
		o := listNode(strings.Split(s, "/"))
		o.off = v.off
		return &o, nil
	case kArray:
	default:
		return nil, n.fail(v, "path", "want a list of path segments or a string, got %s", v.kind)
	}
	n.push("path")
	defer n.pop()
	for i := range v.kids {
		seg := &v.kids[i].val
		if seg.kind == kObject {
			val := strNode("")
			for j := range seg.kids {
				if seg.kids[j].key == "value" {
					val = seg.kids[j].val
				}
			}
			*seg = val
		}
		n.pushIdx(i)
		err := n.text(seg, "")
		n.pop()
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// query normalises url.query into a list of {"key", "value",
// "description"} objects; a string "a=1&b" or an object {"a": "1"} becomes
// such a list. Disabled entries stay in the list (so indexes hold) and are
// recorded in x. It also returns the "k=v" text of each enabled entry, for
// building a raw URL.
func (n *normalizer) query(v *node, x *ItemExtra) (*node, []string, error) {
	if v == nil || v.kind == kNull {
		return nil, nil, nil
	}
	switch v.kind {
	case kString:
		segs := splitQuery(v.s, maskVariables(v.s))
		o := queryNode(segs)
		o.off = v.off
		return &o, segs, nil
	case kObject:
		o := node{kind: kArray, off: v.off}
		var segs []string
		for i := range v.kids {
			m := &v.kids[i]
			k, val := strNode(m.key), m.val
			seg := m.key
			if val.kind != kNull {
				anyText(&val)
				seg += "=" + val.s
			}
			anyText(&val)
			var l fieldList
			l.add("key", &k)
			l.add("value", &val)
			o.kids = append(o.kids, member{val: l.obj(m.val.off)})
			segs = append(segs, seg)
		}
		return &o, segs, nil
	case kArray:
	default:
		return nil, nil, n.fail(v, "query", "want a list of query parameters, got %s", v.kind)
	}
	n.push("query")
	defer n.pop()
	var segs []string
	kept := v.kids[:0]
	for i := range v.kids {
		q := &v.kids[i].val
		switch q.kind {
		case kNull:
			continue
		case kString:
			s := q.s
			*q = queryNode([]string{s}).kids[0].val
			segs = append(segs, s)
		case kObject:
			n.pushIdx(i)
			seg, disabled, err := n.queryParam(q)
			n.pop()
			if err != nil {
				return nil, nil, err
			}
			if disabled {
				if x.DisabledQuery == nil {
					x.DisabledQuery = map[int]bool{}
				}
				x.DisabledQuery[len(kept)] = true
			} else {
				segs = append(segs, seg)
			}
		default:
			n.pushIdx(i)
			defer n.pop()
			return nil, nil, n.fail(q, "", "want a query parameter object, got %s", q.kind)
		}
		kept = append(kept, v.kids[i])
	}
	v.kids = kept
	return v, segs, nil
}

func (n *normalizer) queryParam(v *node) (seg string, disabled bool, err error) {
	var key, value, dis, desc *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "key":
			key = &m.val
		case "value":
			value = &m.val
		case "disabled":
			dis = &m.val
		case "description":
			desc = &m.val
		}
	}
	if key == nil {
		k := strNode("")
		key = &k
	}
	if err := n.text(key, "key"); err != nil {
		return "", false, err
	}
	seg = key.s
	if value == nil {
		e := strNode("")
		value = &e
	} else if value.kind != kNull {
		// Postman writes "k" for a null value and "k=v" otherwise.
		anyText(value)
		seg += "=" + value.s
	}
	anyText(value)
	if dis, err = n.boolean(dis, "disabled"); err != nil {
		return "", false, err
	}
	if desc, err = n.description(desc, "description"); err != nil {
		return "", false, err
	}
	// Read dis before l.into rewrites v.kids, where it points.
	disabled = dis != nil && dis.b
	var l fieldList
	l.add("key", key)
	l.add("value", value)
	l.add("disabled", dis)
	l.add("description", desc)
	l.into(v)
	return seg, disabled, nil
}

// buildRaw writes a URL from its parts the way Postman's Url.toString
// does: disabled query parameters are left out.
func buildRaw(protocol, host, port, path *node, query []string, hash *node) string {
	var b strings.Builder
	if protocol != nil && protocol.s != "" {
		b.WriteString(protocol.s)
		if !strings.HasSuffix(protocol.s, "://") {
			b.WriteString("://")
		}
	}
	join := func(v *node, sep string) {
		for i := range v.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(v.kids[i].val.s)
		}
	}
	if host != nil {
		join(host, ".")
	}
	if port != nil && port.s != "" {
		b.WriteString(":" + port.s)
	}
	if path != nil {
		b.WriteByte('/')
		join(path, "/")
	}
	if qs := strings.Join(query, "&"); qs != "" {
		b.WriteString("?" + qs)
	}
	if hash != nil && hash.s != "" {
		b.WriteString("#" + hash.s)
	}
	return b.String()
}

// urlParts is a URL string broken into Postman's parts. A nil list means
// the part is absent.
type urlParts struct {
	raw, protocol, port, hash string
	host, path                []string
	query                     []string // "k=v" segments
}

// splitURL breaks a URL string into parts exactly as Postman's URL parser
// (postman-url-encoder/parser) does, so "{{base}}/v1/users/:id?x=1" has
// host ["{{base}}"], path ["v1", "users", ":id"] and query ["x=1"]:
// leading whitespace goes; then, ignoring separators inside {{variables}},
// the hash is cut at the first "#", the query at the first "?", the
// protocol at the first "://" (backslashes count as slashes), the path at
// the first "/", user info at the last "@", the port at the last ":" and
// the host splits at ".". Empty query segments are dropped.
func splitURL(s string) urlParts {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	p := urlParts{raw: s}
	if s == "" {
		return p
	}
	m := maskVariables(s)
	if i := strings.IndexByte(m, '#'); i >= 0 {
		p.hash = s[i+1:]
		s, m = s[:i], m[:i]
	}
	if i := strings.IndexByte(m, '?'); i >= 0 {
		p.query = splitQuery(s[i+1:], m[i+1:])
		s, m = s[:i], m[:i]
	}
	if strings.IndexByte(m, '\\') >= 0 {
		b := []byte(s)
		for i := 0; i < len(m); i++ {
			if m[i] == '\\' {
				b[i] = '/'
			}
		}
		s, m = string(b), strings.ReplaceAll(m, `\`, "/")
	}
	if i := strings.Index(m, "://"); i >= 0 {
		p.protocol = s[:i]
		s, m = s[i+3:], m[i+3:]
		j := 0
		for j < len(m) && m[j] == '/' {
			j++
		}
		if j > 0 && strings.EqualFold(p.protocol, "file") {
			j-- // file:////path keeps one slash
		}
		s, m = s[j:], m[j:]
	}
	if i := strings.IndexByte(m, '/'); i >= 0 {
		p.path = splitAt(s[i+1:], m[i+1:], '/')
		s, m = s[:i], m[:i]
	}
	if i := strings.LastIndexByte(m, '@'); i >= 0 {
		s, m = s[i+1:], m[i+1:]
	}
	if i := strings.LastIndexByte(m, ':'); i >= 0 && strings.IndexByte(m[i+1:], ']') < 0 {
		p.port = s[i+1:]
		s, m = s[:i], m[:i]
	}
	if s != "" {
		p.host = splitAt(s, m, '.')
	}
	return p
}

// splitQuery splits a query string with mask m at "&", dropping empty
// segments. Postman reads a query without percent-decoding it, and so does
// this.
func splitQuery(q, m string) []string {
	segs := splitAt(q, m, '&')
	kept := segs[:0]
	for _, seg := range segs {
		if seg != "" {
			kept = append(kept, seg)
		}
	}
	return kept
}

// splitAt splits s at the positions where its mask m has sep.
func splitAt(s, m string, sep byte) []string {
	parts := make([]string, 0, strings.Count(m, string(sep))+1)
	start := 0
	for i := 0; i < len(m); i++ {
		if m[i] == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// maskVariables returns s with every byte of each {{variable}} (Postman's
// /{{[^{}]*}}/) replaced by '_', so separators inside variables are not
// found. The result has the same length as s.
func maskVariables(s string) string {
	var b []byte
	for i := 0; i+1 < len(s); {
		if s[i] == '{' && s[i+1] == '{' {
			j := i + 2
			for j < len(s) && s[j] != '{' && s[j] != '}' {
				j++
			}
			if j+1 < len(s) && s[j] == '}' && s[j+1] == '}' {
				if b == nil {
					b = []byte(s)
				}
				for k := i; k < j+2; k++ {
					b[k] = '_'
				}
				i = j + 2
				continue
			}
		}
		i++
	}
	if b == nil {
		return s
	}
	return string(b)
}
