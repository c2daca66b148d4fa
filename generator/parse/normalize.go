package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// root checks that the top-level value is a Postman v2 collection, tells
// apart the documents people confuse with one, and normalises it.
func (n *normalizer) root(v *node) error {
	if v.kind != kObject {
		return n.fail(v, "", "top-level value is %s: want a Postman collection object", v.kind)
	}
	var info, item, auth, event, variable *node
	has := map[string]*node{}
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "info":
			info = &m.val
		case "item":
			item = &m.val
		case "auth":
			auth = &m.val
		case "event":
			event = &m.val
		case "variable":
			variable = &m.val
		case "openapi", "swagger", "requests", "order", "values", "_postman_variable_scope",
			"collection", "collections", "items":
			has[m.key] = &m.val
		}
	}
	if info == nil && item == nil {
		if c := has["collection"]; c != nil && c.kind == kObject {
			// The Postman API wraps a collection as {"collection": {...}}.
			n.push("collection")
			defer n.pop()
			if err := n.root(c); err != nil {
				return err
			}
			*v = *c
			return nil
		}
	}
	switch {
	case has["openapi"] != nil:
		return n.fail(v, "", "this is an OpenAPI document, not a Postman collection")
	case has["swagger"] != nil:
		return n.fail(v, "", "this is an OpenAPI (Swagger 2.0) document, not a Postman collection")
	case info == nil && has["requests"] != nil:
		return n.fail(v, "", "Postman v1 collection: export it as Collection v2.1 from Postman")
	case info == nil && item == nil && (has["_postman_variable_scope"] != nil || has["values"] != nil):
		return n.fail(v, "", "this is a Postman environment, not a collection")
	case info == nil && has["collections"] != nil:
		return n.fail(v, "", "this is a Postman data dump holding many collections: export one collection")
	case info == nil:
		return n.fail(v, "", `no "info" object: not a Postman collection`)
	case info.kind != kObject:
		return n.fail(info, "info", "want an object, got %s", info.kind)
	}
	newInfo, err := n.info(info)
	if err != nil {
		return err
	}
	switch {
	case item == nil && has["items"] != nil:
		return n.fail(v, "", `no "item" array (found "items"; Postman collections use "item")`)
	case item == nil:
		return n.fail(v, "", `no "item" array: not a Postman collection`)
	}
	n.push("item")
	err = n.items(item, 0)
	n.pop()
	if err != nil {
		return err
	}
	var l fieldList
	l.add("info", newInfo)
	l.add("item", item)
	if err := n.common(&l, auth, event, variable); err != nil {
		return err
	}
	l.into(v)
	return nil
}

// common normalises the auth, event and variable fields that collections,
// folders and request items share, and adds them to l.
func (n *normalizer) common(l *fieldList, auth, event, variable *node) error {
	auth, err := n.auth(auth, "auth")
	if err != nil {
		return err
	}
	if variable, err = n.variables(variable, "variable"); err != nil {
		return err
	}
	l.add("auth", auth)
	l.add("event", n.events(event))
	l.add("variable", variable)
	return nil
}

func (n *normalizer) info(v *node) (*node, error) {
	var name, desc, version, schema *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "name":
			name = &m.val
		case "description":
			desc = &m.val
		case "version":
			version = &m.val
		case "schema":
			schema = &m.val
		}
	}
	n.push("info")
	defer n.pop()
	if err := n.texts("name schema", name, schema); err != nil {
		return nil, err
	}
	s := ""
	if schema != nil {
		s = schema.s
	}
	switch {
	case strings.Contains(s, "v2.1"):
		n.schema = "v2.1"
	case strings.Contains(s, "v2.0"):
		n.schema = "v2.0"
	case strings.Contains(s, "/v1"):
		return nil, n.fail(schema, "schema", "Postman v1 collection: export it as Collection v2.1 from Postman")
	case s == "":
		n.schema = "v2.1"
		n.warn(v, "schema", "no schema given: read as Collection v2.1")
	default:
		n.schema = "v2.1"
		n.warn(schema, "schema", "unknown schema %q: read as Collection v2.1", s)
	}
	if version != nil && version.kind == kObject {
		// {"major": 1, "minor": 2, "patch": 3} reads as "1.2.3".
		var parts [3]string
		for i := range version.kids {
			m := &version.kids[i]
			for j, k := range [3]string{"major", "minor", "patch"} {
				if m.key == k {
					parts[j] = jsonText(&m.val)
				}
			}
		}
		*version = strNode(strings.Join(parts[:], "."))
	} else if version != nil {
		anyText(version)
	}
	d, err := n.descriptionObject(desc)
	if err != nil {
		return nil, err
	}
	var l fieldList
	l.add("name", name)
	l.add("description", d)
	l.add("version", version)
	l.add("schema", schema)
	o := l.obj(v.off)
	return &o, nil
}

// items normalises an item array in place, dropping the items that are
// skipped. The path already ends in the array's key.
func (n *normalizer) items(v *node, depth int) error {
	if v.kind != kArray {
		return n.fail(v, "", "want an array of items, got %s", v.kind)
	}
	kept := v.kids[:0]
	for i := range v.kids {
		n.pushIdx(i)
		keep, err := n.item(&v.kids[i].val, depth)
		n.pop()
		if err != nil {
			return err
		}
		if keep {
			kept = append(kept, v.kids[i])
		}
	}
	v.kids = kept
	return nil
}

// item normalises one folder or request item and reports whether to keep it.
func (n *normalizer) item(v *node, depth int) (bool, error) {
	switch v.kind {
	case kObject:
	case kNull:
		n.warn(v, "", "null item: skipped")
		return false, nil
	default:
		return false, n.fail(v, "", "want an item object, got %s", v.kind)
	}
	var name, desc, variable, event, ppb, id, request, response, item, auth *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "name":
			name = &m.val
		case "description":
			desc = &m.val
		case "variable":
			variable = &m.val
		case "event":
			event = &m.val
		case "protocolProfileBehavior":
			ppb = &m.val
		case "id":
			id = &m.val
		case "request":
			request = &m.val
		case "response":
			response = &m.val
		case "item":
			item = &m.val
		case "auth":
			auth = &m.val
		}
	}
	if err := n.texts("name id", name, id); err != nil {
		return false, err
	}
	label := "item"
	if name != nil && name.s != "" {
		label = "item " + quote(name.s)
	}
	if request != nil && request.kind == kNull {
		request = nil
	}
	if item != nil && item.kind == kNull {
		item = nil
	}
	var l fieldList
	l.add("name", name)
	d, err := n.description(desc, "description")
	if err != nil {
		return false, err
	}
	l.add("description", d)
	l.add("id", id)
	l.add("protocolProfileBehavior", loose(ppb))
	switch {
	case item != nil:
		if depth >= n.maxFolderDepth {
			return false, n.fail(v, "", "folders nested deeper than %d levels", n.maxFolderDepth)
		}
		if request != nil {
			n.warn(request, "request", "%s has both \"item\" and \"request\": read as a folder, request ignored", label)
		}
		n.push("item")
		err := n.items(item, depth+1)
		n.pop()
		if err != nil {
			return false, err
		}
		l.add("item", item)
	case request != nil:
		x := &ItemExtra{Path: n.where(""), off: v.off}
		n.push("request")
		err := n.request(request, x, false)
		n.pop()
		if err != nil {
			return false, err
		}
		n.reqs = append(n.reqs, x)
		l.add("request", request)
		if response, err = n.responses(response); err != nil {
			return false, err
		}
		l.add("response", response)
	default:
		n.warn(v, "", "%s has neither \"request\" nor \"item\": skipped", label)
		return false, nil
	}
	if err := n.common(&l, auth, event, variable); err != nil {
		return false, err
	}
	l.into(v)
	return true, nil
}

// quote quotes a name for a message, cut to a readable length.
func quote(s string) string {
	if len(s) > 80 {
		cut := 77
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}

// request normalises a request or an example's originalRequest. A string
// is a GET of that URL. x receives what the library drops.
func (n *normalizer) request(v *node, x *ItemExtra, example bool) error {
	if v.kind == kString {
		u := n.urlFromString(v.s, v.off)
		method := strNode("GET")
		var l fieldList
		l.add("url", &u)
		l.add("method", &method)
		l.into(v)
		return nil
	}
	if v.kind != kObject {
		return n.fail(v, "", "want a request object or a URL string, got %s", v.kind)
	}
	var url, auth, proxy, cert, method, desc, header, body *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "url":
			url = &m.val
		case "auth":
			auth = &m.val
		case "proxy":
			proxy = &m.val
		case "certificate":
			cert = &m.val
		case "method":
			method = &m.val
		case "description":
			desc = &m.val
		case "header":
			header = &m.val
		case "body":
			body = &m.val
		}
	}
	if url == nil || url.kind == kNull {
		if !example {
			n.warn(v, "url", "request has no url")
		}
		u := node{kind: kObject, off: -1, kids: []member{{key: "raw", val: strNode("")}}}
		url = &u
	} else if err := n.url(url, "url", x); err != nil {
		return err
	}
	switch {
	case method == nil || method.kind == kNull:
		m := strNode("GET")
		method = &m
	case method.kind == kString:
		method.s = upperASCII(strings.TrimSpace(method.s))
		if method.s == "" {
			method.s = "GET"
		}
	default:
		return n.fail(method, "method", "want a string, got %s", method.kind)
	}
	header, err := n.headers(header, "header")
	if err != nil {
		return err
	}
	if body, err = n.body(body); err != nil {
		return err
	}
	if auth, err = n.auth(auth, "auth"); err != nil {
		return err
	}
	if desc, err = n.description(desc, "description"); err != nil {
		return err
	}
	var l fieldList
	l.add("url", url)
	l.add("method", method)
	l.add("header", header)
	l.add("body", body)
	l.add("auth", auth)
	l.add("description", desc)
	l.add("proxy", loose(proxy))
	l.add("certificate", loose(cert))
	l.into(v)
	return nil
}

// responses normalises the saved examples of a request item. It returns
// nil to leave the field out.
func (n *normalizer) responses(v *node) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push("response")
	defer n.pop()
	if v.kind != kArray {
		return nil, n.fail(v, "", "want an array of examples, got %s", v.kind)
	}
	kept := v.kids[:0]
	for i := range v.kids {
		r := &v.kids[i].val
		n.pushIdx(i)
		err := n.response(r)
		n.pop()
		if err != nil {
			return nil, err
		}
		if r.kind != kNull {
			kept = append(kept, v.kids[i])
		}
	}
	v.kids = kept
	return v, nil
}

func (n *normalizer) response(v *node) error {
	switch v.kind {
	case kObject:
	case kNull:
		n.warn(v, "", "null example: skipped")
		return nil
	default:
		return n.fail(v, "", "want an example object, got %s", v.kind)
	}
	var id, orig, rtime, timings, header, cookie, body, status, code, name, preview *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "id":
			id = &m.val
		case "originalRequest":
			orig = &m.val
		case "responseTime":
			rtime = &m.val
		case "timings":
			timings = &m.val
		case "header":
			header = &m.val
		case "cookie":
			cookie = &m.val
		case "body":
			body = &m.val
		case "status":
			status = &m.val
		case "code":
			code = &m.val
		case "name":
			name = &m.val
		case "_postman_previewlanguage":
			preview = &m.val
		}
	}
	x := &ItemExtra{Path: n.where(""), off: v.off}
	if err := n.texts("id status name _postman_previewlanguage", id, status, name, preview); err != nil {
		return err
	}
	if orig != nil && orig.kind == kNull {
		orig = nil
	}
	if orig != nil {
		n.push("originalRequest")
		err := n.request(orig, x, true)
		n.pop()
		if err != nil {
			return err
		}
	}
	header, err := n.headers(header, "header")
	if err != nil {
		return err
	}
	if body != nil {
		anyText(body)
	}
	var l fieldList
	l.add("id", id)
	l.add("name", name)
	l.add("originalRequest", orig)
	l.add("status", status)
	l.add("code", n.statusCode(code))
	l.add("_postman_previewlanguage", preview)
	l.add("header", header)
	l.add("cookie", n.cookies(cookie))
	l.add("body", body)
	l.add("responseTime", loose(rtime))
	l.add("timings", loose(timings))
	l.into(v)
	n.resps = append(n.resps, x)
	return nil
}
