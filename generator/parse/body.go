package parse

// body normalises a request body. A string is a raw body. Parameters of
// urlencoded and formdata bodies (which the library keeps as interface{})
// get the same shape as headers: string keys and values, boolean
// "disabled", plain-string descriptions. Body options keep only
// raw.language, the one option the library reads.
func (n *normalizer) body(v *node) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push("body")
	defer n.pop()
	switch v.kind {
	case kString:
		mode := strNode("raw")
		var l fieldList
		l.add("mode", &mode)
		l.add("raw", v)
		o := l.obj(v.off)
		return &o, nil
	case kObject:
	default:
		return nil, n.fail(v, "", "want a body object, got %s", v.kind)
	}
	var mode, raw, urlencoded, formdata, file, graphql, disabled, options *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "mode":
			mode = &m.val
		case "raw":
			raw = &m.val
		case "urlencoded":
			urlencoded = &m.val
		case "formdata":
			formdata = &m.val
		case "file":
			file = &m.val
		case "graphql":
			graphql = &m.val
		case "disabled":
			disabled = &m.val
		case "options":
			options = &m.val
		}
	}
	if err := n.texts("mode", mode); err != nil {
		return nil, err
	}
	if raw != nil && raw.kind == kNull {
		raw = nil
	}
	if raw != nil {
		anyText(raw)
	}
	urlencoded, err := n.formParams(urlencoded, "urlencoded")
	if err != nil {
		return nil, err
	}
	if formdata, err = n.formParams(formdata, "formdata"); err != nil {
		return nil, err
	}
	if disabled, err = n.boolean(disabled, "disabled"); err != nil {
		return nil, err
	}
	var l fieldList
	l.add("mode", mode)
	l.add("raw", raw)
	l.add("urlencoded", urlencoded)
	l.add("formdata", formdata)
	l.add("file", loose(file))
	l.add("graphql", loose(graphql))
	l.add("disabled", disabled)
	l.add("options", n.bodyOptions(options))
	o := l.obj(v.off)
	return &o, nil
}

func orEmpty(v *node) *node {
	if v == nil {
		e := strNode("")
		return &e
	}
	return v
}

// bodyOptions keeps options.raw.language. Anything else there is left out:
// the library reads nothing else, and fails on a raw that is not an object.
func (n *normalizer) bodyOptions(v *node) *node {
	if v == nil || v.kind != kObject {
		return nil
	}
	var lang *node
	for i := range v.kids {
		if m := &v.kids[i]; m.key == "raw" && m.val.kind == kObject {
			for j := range m.val.kids {
				if mm := &m.val.kids[j]; mm.key == "language" {
					lang = &mm.val
				}
			}
		}
	}
	if lang == nil || lang.kind == kNull || lang.kind == kArray || lang.kind == kObject {
		return nil
	}
	anyText(lang)
	var raw, opts fieldList
	raw.add("language", lang)
	r := raw.obj(-1)
	opts.add("raw", &r)
	o := opts.obj(v.off)
	return &o
}

// formParams normalises the parameter list of a urlencoded or formdata
// body.
func (n *normalizer) formParams(v *node, key string) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push(key)
	defer n.pop()
	if v.kind != kArray {
		return nil, n.fail(v, "", "want a list of parameters, got %s", v.kind)
	}
	kept := v.kids[:0]
	for i := range v.kids {
		p := &v.kids[i].val
		if p.kind == kNull {
			continue
		}
		n.pushIdx(i)
		err := n.formParam(p)
		n.pop()
		if err != nil {
			return nil, err
		}
		kept = append(kept, v.kids[i])
	}
	v.kids = kept
	return v, nil
}

func (n *normalizer) formParam(v *node) error {
	if v.kind != kObject {
		return n.fail(v, "", "want a parameter object, got %s", v.kind)
	}
	var key, value, disabled, typ, src, desc, contentType *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "key":
			key = &m.val
		case "value":
			value = &m.val
		case "disabled":
			disabled = &m.val
		case "type":
			typ = &m.val
		case "src":
			src = &m.val
		case "description":
			desc = &m.val
		case "contentType":
			contentType = &m.val
		}
	}
	key = orEmpty(key)
	if err := n.texts("key type contentType", key, typ, contentType); err != nil {
		return err
	}
	if value != nil {
		anyText(value)
	}
	disabled, err := n.boolean(disabled, "disabled")
	if err != nil {
		return err
	}
	if desc, err = n.description(desc, "description"); err != nil {
		return err
	}
	var l fieldList
	l.add("key", key)
	l.add("value", value)
	l.add("type", typ)
	l.add("src", loose(src))
	l.add("contentType", contentType)
	l.add("disabled", disabled)
	l.add("description", desc)
	l.into(v)
	return nil
}
