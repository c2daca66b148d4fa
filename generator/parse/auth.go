package parse

import (
	"cmp"
	"slices"
)

// authMethods are the auth types go-postman-collection keeps parameters
// for; it drops the parameters of any other.
var authMethods = [...]string{"apikey", "awsv4", "basic", "bearer", "digest", "hawk", "noauth", "oauth1", "oauth2", "ntlm"}

// auth normalises an auth block. "auth": null leaves the field out. v2.0
// parameter objects {"token": "..."} become the v2.1 list
// [{"key": "token", "value": "...", "type": "string"}] sorted by key, and
// every parameter value becomes a string (its JSON text if it was not one),
// with "type" naming the JSON type it had.
func (n *normalizer) auth(v *node, key string) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push(key)
	defer n.pop()
	if v.kind != kObject {
		return nil, n.fail(v, "", "want an auth object, got %s", v.kind)
	}
	var typ *node
	var params [len(authMethods)]*node
	for i := range v.kids {
		m := &v.kids[i]
		if m.key == "type" {
			typ = &m.val
		}
		for j, k := range authMethods {
			if m.key == k {
				params[j] = &m.val
			}
		}
	}
	if typ != nil && typ.kind != kString && typ.kind != kNull {
		return nil, n.fail(typ, "type", "want a string, got %s", typ.kind)
	}
	var l fieldList
	if typ != nil && typ.kind == kString {
		l.add("type", typ)
	}
	for j, k := range authMethods {
		p, err := n.authParams(params[j], k)
		if err != nil {
			return nil, err
		}
		l.add(k, p)
	}
	o := l.obj(v.off)
	return &o, nil
}

func (n *normalizer) authParams(v *node, key string) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push(key)
	defer n.pop()
	switch v.kind {
	case kObject:
		// v2.0: keep the last of duplicate keys, then sort by key so the
		// order never depends on a map.
		last := map[string]int{}
		for i := range v.kids {
			last[v.kids[i].key] = i
		}
		out := node{kind: kArray, off: v.off}
		for i := range v.kids {
			m := &v.kids[i]
			if last[m.key] != i {
				continue
			}
			k, val, typ := strNode(m.key), m.val, strNode(jsonType(&m.val))
			anyText(&val)
			var l fieldList
			l.add("key", &k)
			l.add("value", &val)
			l.add("type", &typ)
			out.kids = append(out.kids, member{val: l.obj(m.val.off)})
		}
		slices.SortStableFunc(out.kids, func(a, b member) int {
			return cmp.Compare(a.val.kids[0].val.s, b.val.kids[0].val.s)
		})
		return &out, nil
	case kArray:
	default:
		return nil, n.fail(v, "", "want a list of {\"key\", \"value\"} parameters, got %s", v.kind)
	}
	kept := v.kids[:0]
	for i := range v.kids {
		p := &v.kids[i].val
		if p.kind == kNull {
			continue
		}
		if p.kind != kObject {
			n.pushIdx(i)
			defer n.pop()
			return nil, n.fail(p, "", "want a {\"key\", \"value\"} parameter, got %s", p.kind)
		}
		var k, val, typ *node
		for j := range p.kids {
			m := &p.kids[j]
			switch m.key {
			case "key":
				k = &m.val
			case "value":
				val = &m.val
			case "type":
				typ = &m.val
			}
		}
		n.pushIdx(i)
		err := n.texts("key type", k, typ)
		n.pop()
		if err != nil {
			return nil, err
		}
		if val == nil {
			e := strNode("")
			val = &e
		}
		anyText(val)
		var l fieldList
		l.add("key", k)
		l.add("value", val)
		l.add("type", typ)
		l.into(p)
		kept = append(kept, v.kids[i])
	}
	v.kids = kept
	return v, nil
}

func jsonType(v *node) string {
	switch v.kind {
	case kString, kNull:
		return "string"
	case kBool:
		return "boolean"
	case kNumber:
		return "number"
	}
	return "any"
}
