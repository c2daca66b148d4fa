package parse

import "strings"

// headers normalises a header list: a string "K: V\nK2: V2" becomes a
// list (split at the first colon only, so "Date: 12:00" keeps its value),
// an object {"K": "V"} becomes a list in key order, and null leaves the
// field out.
func (n *normalizer) headers(v *node, key string) (*node, error) {
	if v == nil {
		return nil, nil
	}
	switch v.kind {
	case kNull:
		return nil, nil
	case kString:
		lines := strings.Split(v.s, "\n")
		out := node{kind: kArray, off: v.off}
		for _, line := range lines {
			if h, ok := n.headerLine(v, key, line); ok {
				out.kids = append(out.kids, member{val: h})
			}
		}
		return &out, nil
	case kObject:
		out := node{kind: kArray, off: v.off}
		for i := range v.kids {
			m := &v.kids[i]
			k := strNode(m.key)
			val := m.val
			anyText(&val)
			var l fieldList
			l.add("key", &k)
			l.add("value", &val)
			out.kids = append(out.kids, member{val: l.obj(m.val.off)})
		}
		return &out, nil
	case kArray:
	default:
		return nil, n.fail(v, key, "want a list of headers, got %s", v.kind)
	}
	n.push(key)
	defer n.pop()
	kept := v.kids[:0]
	for i := range v.kids {
		h := &v.kids[i].val
		switch h.kind {
		case kNull:
			continue
		case kString:
			hv, ok := n.headerLine(h, "", h.s)
			if !ok {
				continue
			}
			*h = hv
		case kObject:
			n.pushIdx(i)
			err := n.header(h)
			n.pop()
			if err != nil {
				return nil, err
			}
		default:
			n.pushIdx(i)
			defer n.pop()
			return nil, n.fail(h, "", "want a header object, got %s", h.kind)
		}
		kept = append(kept, v.kids[i])
	}
	v.kids = kept
	return v, nil
}

// headerLine reads one "Key: value" line of a header string.
func (n *normalizer) headerLine(at *node, key, line string) (node, bool) {
	line = strings.TrimSpace(line)
	if line == "" {
		return node{}, false
	}
	k, val, ok := strings.Cut(line, ":")
	if !ok || strings.TrimSpace(k) == "" {
		n.warn(at, key, "header line %s is not \"Key: value\": skipped", quote(line))
		return node{}, false
	}
	kn, vn := strNode(strings.TrimSpace(k)), strNode(strings.TrimSpace(val))
	var l fieldList
	l.add("key", &kn)
	l.add("value", &vn)
	return l.obj(at.off), true
}

func (n *normalizer) header(v *node) error {
	var key, value, disabled, desc *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "key":
			key = &m.val
		case "value":
			value = &m.val
		case "disabled":
			disabled = &m.val
		case "description":
			desc = &m.val
		}
	}
	if key == nil {
		k := strNode("")
		key = &k
	}
	if value == nil {
		v := strNode("")
		value = &v
	}
	if err := n.text(key, "key"); err != nil {
		return err
	}
	anyText(value)
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
	l.add("disabled", disabled)
	l.add("description", desc)
	l.into(v)
	return nil
}

// cookies normalises an example's cookies. Cookies play no part in a
// client, so a malformed one is dropped with a warning instead of failing.
func (n *normalizer) cookies(v *node) *node {
	if v == nil || v.kind == kNull {
		return nil
	}
	n.push("cookie")
	defer n.pop()
	if v.kind != kArray {
		n.warn(v, "", "want a list of cookies, got %s: ignored", v.kind)
		return nil
	}
	kept := v.kids[:0]
	for i := range v.kids {
		c := &v.kids[i].val
		n.pushIdx(i)
		ok := n.cookie(c)
		n.pop()
		if ok {
			kept = append(kept, v.kids[i])
		}
	}
	v.kids = kept
	return v
}

func (n *normalizer) cookie(v *node) bool {
	if v.kind == kNull {
		return false
	}
	if v.kind != kObject {
		n.warn(v, "", "want a cookie object, got %s: ignored", v.kind)
		return false
	}
	var strs [8]*node // domain expires maxAge name path secure value
	var bools [3]*node
	var ext *node
	strKeys := [...]string{"domain", "expires", "maxAge", "name", "path", "secure", "value"}
	boolKeys := [...]string{"hostOnly", "httpOnly", "session"}
	for i := range v.kids {
		m := &v.kids[i]
		if m.key == "extensions" {
			ext = &m.val
		}
		for j, k := range strKeys {
			if m.key == k {
				strs[j] = &m.val
			}
		}
		for j, k := range boolKeys {
			if m.key == k {
				bools[j] = &m.val
			}
		}
	}
	var l fieldList
	for j, k := range strKeys {
		if f := strs[j]; f != nil {
			// Booleans (secure) and numbers (expires, maxAge) become text;
			// the library holds these as strings.
			anyText(f)
			l.add(k, f)
		}
	}
	for j, k := range boolKeys {
		b, err := n.boolean(bools[j], k)
		if err != nil {
			n.warn(bools[j], k, "not a boolean: ignored")
			continue
		}
		l.add(k, b)
	}
	l.add("extensions", loose(ext))
	l.into(v)
	return true
}
