package parse

import "strings"

// events normalises event scripts only as far as the library needs to
// read them: an "exec" given as one string becomes a list of lines. Events
// play no part in a client, so a malformed one is dropped with a warning.
func (n *normalizer) events(v *node) *node {
	if v == nil || v.kind == kNull {
		return nil
	}
	n.push("event")
	defer n.pop()
	if v.kind != kArray {
		n.warn(v, "", "want a list of events, got %s: ignored", v.kind)
		return nil
	}
	kept := v.kids[:0]
	for i := range v.kids {
		e := &v.kids[i].val
		if e.kind == kNull {
			continue
		}
		n.pushIdx(i)
		ok := n.event(e)
		n.pop()
		if ok {
			kept = append(kept, v.kids[i])
		}
	}
	v.kids = kept
	return v
}

func (n *normalizer) event(v *node) bool {
	if v.kind != kObject {
		n.warn(v, "", "want an event object, got %s: ignored", v.kind)
		return false
	}
	var id, listen, script, disabled *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "id":
			id = &m.val
		case "listen":
			listen = &m.val
		case "script":
			script = &m.val
		case "disabled":
			disabled = &m.val
		}
	}
	if err := n.texts("id listen", id, listen); err != nil {
		n.warn(v, "", "malformed event: ignored")
		return false
	}
	disabled, err := n.boolean(disabled, "disabled")
	if err != nil {
		disabled = nil
	}
	if script != nil && script.kind == kNull {
		script = nil
	}
	if script != nil && !n.script(script) {
		n.warn(script, "script", "malformed script: ignored")
		return false
	}
	var l fieldList
	l.add("id", id)
	l.add("listen", listen)
	l.add("script", script)
	l.add("disabled", disabled)
	l.into(v)
	return true
}

func (n *normalizer) script(v *node) bool {
	if v.kind != kObject {
		return false
	}
	var id, typ, exec, src, name *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "id":
			id = &m.val
		case "type":
			typ = &m.val
		case "exec":
			exec = &m.val
		case "src":
			src = &m.val
		case "name":
			name = &m.val
		}
	}
	if n.texts("id type name", id, typ, name) != nil {
		return false
	}
	if exec != nil {
		switch exec.kind {
		case kNull:
			exec = nil
		case kString:
			lines := strings.Split(strings.ReplaceAll(exec.s, "\r\n", "\n"), "\n")
			out := node{kind: kArray, off: exec.off}
			for _, line := range lines {
				out.kids = append(out.kids, member{val: strNode(line)})
			}
			exec = &out
		case kArray:
			for i := range exec.kids {
				anyText(&exec.kids[i].val)
			}
		default:
			return false
		}
	}
	if src != nil && src.kind == kNull {
		src = nil
	}
	if src != nil && n.url(src, "src", &ItemExtra{}) != nil {
		return false
	}
	var l fieldList
	l.add("id", id)
	l.add("type", typ)
	l.add("exec", exec)
	l.add("src", src)
	l.add("name", name)
	l.into(v)
	return true
}
