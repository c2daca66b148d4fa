package parse

import (
	"strings"
)

// Env reads a Postman environment export
// ({"name": ..., "values": [{"key", "value", "enabled", "type"}]}) into key
// -> value for the enabled entries (an entry without "enabled" is enabled;
// a later entry for the same key wins), and reports which of those keys are
// secrets: type "secret", or a name that looks like a credential (see
// [IsSecretName]). Values that are not strings become their JSON text.
func Env(name string, data []byte) (values map[string]string, secret map[string]bool, err error) {
	var p Parser
	return p.Env(name, data)
}

// Env is [Env] with the parser's limits.
func (p *Parser) Env(name string, data []byte) (values map[string]string, secret map[string]bool, err error) {
	file := fileName(name)
	if len(data) > p.maxBytes() {
		return nil, nil, tooLarge(file, int64(len(data)), p.maxBytes())
	}
	root, err := decodeTree(file, data, p.maxNesting())
	if err != nil {
		return nil, nil, err
	}
	var n normalizer
	values, secret, e := n.env(&root)
	if e != nil {
		return nil, nil, n.toError(file, data, e)
	}
	return values, secret, nil
}

func (n *normalizer) env(v *node) (map[string]string, map[string]bool, error) {
	if v.kind != kObject {
		return nil, nil, n.fail(v, "", "top-level value is %s: want a Postman environment object", v.kind)
	}
	var values, wrapped *node
	collection := false
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "values":
			values = &m.val
		case "environment":
			wrapped = &m.val
		case "info", "item":
			collection = true
		}
	}
	switch {
	case values == nil && wrapped != nil && wrapped.kind == kObject:
		// The Postman API wraps an environment as {"environment": {...}}.
		n.push("environment")
		defer n.pop()
		return n.env(wrapped)
	case collection:
		return nil, nil, n.fail(v, "", "this is a Postman collection, not an environment")
	case values == nil:
		return nil, nil, n.fail(v, "", `no "values" array: not a Postman environment`)
	case values.kind != kArray:
		return nil, nil, n.fail(values, "values", "want an array of variables, got %s", values.kind)
	}
	out := map[string]string{}
	secret := map[string]bool{}
	n.push("values")
	defer n.pop()
	for i := range values.kids {
		e := &values.kids[i].val
		if e.kind == kNull {
			continue
		}
		n.pushIdx(i)
		key, value, enabled, isSecret, err := n.envEntry(e)
		n.pop()
		if err != nil {
			return nil, nil, err
		}
		if !enabled || key == "" {
			continue
		}
		out[key] = value
		// Once any entry marks a key secret, it stays secret: leaking a
		// value is worse than losing a default.
		if isSecret || IsSecretName(key) {
			secret[key] = true
		}
	}
	return out, secret, nil
}

func (n *normalizer) envEntry(v *node) (key, value string, enabled, secret bool, err error) {
	if v.kind != kObject {
		return "", "", false, false, n.fail(v, "", "want a variable object, got %s", v.kind)
	}
	var k, val, en, typ *node
	for i := range v.kids {
		m := &v.kids[i]
		switch m.key {
		case "key":
			k = &m.val
		case "value":
			val = &m.val
		case "enabled":
			en = &m.val
		case "type":
			typ = &m.val
		}
	}
	if err := n.texts("key type", k, typ); err != nil {
		return "", "", false, false, err
	}
	enabled = true
	if en != nil {
		b, err := n.boolean(en, "enabled")
		if err != nil {
			return "", "", false, false, err
		}
		enabled = b == nil || b.b
	}
	if k != nil {
		key = k.s
	}
	if val != nil {
		anyText(val)
		value = val.s
	}
	return key, value, enabled, typ != nil && strings.EqualFold(typ.s, "secret"), nil
}

// secretWords are parts of a name that mark it as holding a credential,
// compared after lower-casing the name and dropping everything but letters
// and digits (so "api_key", "X-Api-Key" and "apiKey" all contain "apikey").
// It is the one list of them: environment variables, collection variables,
// headers and query keys are all judged by [IsSecretName].
var secretWords = [...]string{
	"token", "secret", "password", "passwd", "apikey", "authorization",
	"credential", "privatekey", "accesskey", "session", "cookie", "signature",
}

// IsSecretName reports whether a variable, header or query key name looks
// like it holds a credential: token, secret, password, api_key, apikey,
// authorization, client_secret, refresh_token, access_token, Cookie,
// session ids, signatures and the like, in any case, and "key" alone or as
// the last word ("x_key", "app-key").
func IsSecretName(name string) bool {
	lower := strings.ToLower(name)
	if lower == "key" || strings.HasSuffix(lower, "_key") || strings.HasSuffix(lower, "-key") {
		return true
	}
	var b strings.Builder
	for _, r := range lower {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	for _, w := range secretWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
