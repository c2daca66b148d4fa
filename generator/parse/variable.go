package parse

// variables normalises a variable list. Values that are not strings become
// their JSON text, since the library holds every value as a string.
func (n *normalizer) variables(v *node, key string) (*node, error) {
	if v == nil || v.kind == kNull {
		return nil, nil
	}
	n.push(key)
	defer n.pop()
	if v.kind != kArray {
		return nil, n.fail(v, "", "want a list of variables, got %s", v.kind)
	}
	kept := v.kids[:0]
	for i := range v.kids {
		e := &v.kids[i].val
		if e.kind == kNull {
			continue
		}
		n.pushIdx(i)
		err := n.variable(e)
		n.pop()
		if err != nil {
			return nil, err
		}
		kept = append(kept, v.kids[i])
	}
	v.kids = kept
	return v, nil
}

func (n *normalizer) variable(v *node) error {
	if v.kind != kObject {
		return n.fail(v, "", "want a variable object, got %s", v.kind)
	}
	var id, key, typ, name, value, desc, system, disabled *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "id":
			id = &m.val
		case "key":
			key = &m.val
		case "type":
			typ = &m.val
		case "name":
			name = &m.val
		case "value":
			value = &m.val
		case "description":
			desc = &m.val
		case "system":
			system = &m.val
		case "disabled":
			disabled = &m.val
		}
	}
	if err := n.texts("id key type name", id, key, typ, name); err != nil {
		return err
	}
	if key == nil && id != nil {
		// Older exports name path variables by "id" only.
		k := *id
		key = &k
	}
	if value != nil {
		anyText(value)
	}
	desc, err := n.description(desc, "description")
	if err != nil {
		return err
	}
	if system, err = n.boolean(system, "system"); err != nil {
		return err
	}
	if disabled, err = n.boolean(disabled, "disabled"); err != nil {
		return err
	}
	var l fieldList
	l.add("id", id)
	l.add("key", key)
	l.add("value", value)
	l.add("type", typ)
	l.add("name", name)
	l.add("description", desc)
	l.add("system", system)
	l.add("disabled", disabled)
	l.into(v)
	return nil
}
