package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	postman "github.com/rbretecher/go-postman-collection"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/parse"
)

// Credentials in a collection never reach generated code or testdata.
// Before the model is built, redactSecrets replaces every literal
// credential in the parsed collection with a placeholder and warns, naming
// where it was found: auth blocks, credential headers (Authorization,
// Cookie, API keys), credential query parameters and path variables,
// token-shaped text in URLs and descriptions, credential fields of request
// bodies, all of it in items and in saved examples' original requests
// alike. {{variable}} references are left as they are. Header and query parameters that carry
// credentials become method parameters; collection variables that hold
// them give no default values.
//
// Saved response bodies are example data and are kept as written.

var (
	// JWTs, bearer-like tokens and provider key formats.
	jwtLike  = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
	prefixed = regexp.MustCompile(`(?i)\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abposr]-[A-Za-z0-9-]{10,}|\b1000\.[0-9a-f]{32}\.[0-9a-f]{32}\b`)
	// botToken is a chat bot token as it appears in a URL path:
	// /bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage.
	botToken = regexp.MustCompile(`[0-9]{6,}:[A-Za-z0-9_-]{30,}`)
	// secretPair is a credential written as key=value inside other text,
	// such as a URL: ?access_token=abc123 or client_secret=xyz. The value
	// stops at a separator or at a {{variable}}.
	secretPair = regexp.MustCompile(`(?i)\b([a-z0-9_.-]*(?:token|secret|password|passwd|api_?key|access_?key|signature)[a-z0-9_.-]*=)([^&#;,\s"'{}<>]+)`)
	longRandom = regexp.MustCompile(`^[A-Za-z0-9+/_.=-]{32,}$`)
	uuidLike   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// schemeWord is an auth scheme in front of a credential ("Bearer",
	// "Zoho-oauthtoken"); it is kept when the credential is redacted.
	schemeWord = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,31}$`)
	// varRef is a {{variable}} reference.
	varRef = regexp.MustCompile(`\{\{[^{}]*\}\}`)
)

// literalText is v with its {{variable}} references removed: the part of
// the value that the collection itself supplies.
func literalText(v string) string {
	return varRef.ReplaceAllString(v, "")
}

// looksSecret reports whether a literal value looks like a credential: a
// JWT, a provider key format, a bot token, a key=value credential pair, a
// bearer or basic credential, or a long random-looking string with both
// letters and digits (but not a UUID). {{variable}} references are not
// credentials; only the text around them counts.
func looksSecret(v string) bool {
	v = strings.TrimSpace(literalText(v))
	if v == "" {
		return false
	}
	if jwtLike.MatchString(v) || prefixed.MatchString(v) || botToken.MatchString(v) || secretPair.MatchString(v) {
		return true
	}
	if scheme, rest, ok := strings.Cut(v, " "); ok && (strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "basic")) {
		return strings.TrimSpace(rest) != ""
	}
	if longRandom.MatchString(v) && !uuidLike.MatchString(v) && strings.ContainsAny(v, "0123456789") && strings.IndexFunc(v, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }) >= 0 {
		return !strings.Contains(v, "/") && !strings.HasPrefix(v, "http")
	}
	return false
}

// placeholder replaces a credential found in the collection.
const placeholder = "REDACTED"

// redact is a credential-bearing value without its secret part: a value
// made only of {{variables}} (and an auth scheme in front of them), or a
// Postman type placeholder ("<string>", which names a type and holds no
// secret), stays as it is; otherwise an auth scheme in front is kept
// ("Bearer REDACTED") and the rest becomes the placeholder.
func redact(v string) string {
	lit := strings.TrimSpace(literalText(v))
	if lit == "" || lit == placeholder {
		return v
	}
	if _, ok := infer.ParsePlaceholder(strings.TrimSpace(v)); ok {
		return v
	}
	scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
	if ok && schemeWord.MatchString(scheme) && strings.Contains(rest, "{{") && strings.TrimSpace(literalText(rest)) == "" {
		return v // "Bearer {{token}}"
	}
	if ok && strings.TrimSpace(rest) != "" && schemeWord.MatchString(scheme) && !looksSecret(scheme) {
		return scheme + " " + placeholder
	}
	return placeholder
}

// scrubText replaces the credentials inside free text (a URL piece, a
// header, a text body) with the placeholder and keeps the rest: JWTs,
// provider keys, bot tokens and the values of key=value credential pairs.
func scrubText(s string) string {
	// Each pattern is tried only when s has a piece of text every match
	// must contain; most text has none, and the regexps are the cost.
	if strings.Contains(s, "eyJ") {
		s = jwtLike.ReplaceAllString(s, placeholder)
	}
	if strings.IndexByte(s, '_') >= 0 || strings.Contains(s, "AKIA") || strings.Contains(s, "xox") || strings.Contains(s, "1000.") {
		s = prefixed.ReplaceAllString(s, placeholder)
	}
	if strings.IndexByte(s, ':') >= 0 {
		s = botToken.ReplaceAllString(s, placeholder)
	}
	if strings.IndexByte(s, '=') < 0 {
		return s
	}
	return secretPair.ReplaceAllStringFunc(s, func(m string) string {
		k, _, _ := strings.Cut(m, "=")
		return k + "=" + placeholder
	})
}

// scrubValue is the value of a named field (header, query parameter, form
// field, path variable) with its credentials replaced: all of it when the
// name says it holds one, else the credentials inside it.
func scrubValue(name, v string) string {
	if parse.IsSecretName(name) {
		return redact(v)
	}
	if scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " "); ok && (strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "basic")) && strings.TrimSpace(literalText(rest)) != "" {
		return scheme + " " + placeholder
	}
	return scrubText(v)
}

// authSecretParams are the auth block parameters that hold credentials,
// by lower-case key. The others (key, in, addTokenTo, headerPrefix, ...)
// configure how the credential is sent, and only a value that looks like a
// credential is redacted there.
var authSecretParams = map[string]bool{
	"token": true, "password": true, "value": true, "accesstoken": true,
	"refreshtoken": true, "idtoken": true, "clientsecret": true,
	"consumersecret": true, "tokensecret": true, "secretkey": true,
	"sessiontoken": true, "privatekey": true, "authkey": true,
	"clienttoken": true, "signature": true,
}

// redactor walks a parsed collection and replaces its literal credentials.
type redactor struct {
	b *builder
}

// redactSecrets replaces every literal credential in the parsed collection
// with the placeholder before the model is built, warning once per place.
// Variables that hold credentials keep no value the generator could use.
func (b *builder) redactSecrets() {
	r := redactor{b: b}
	c := b.col.Postman
	for _, v := range c.Variables {
		if v == nil || v.Key == "" || !b.secret[v.Key] {
			continue
		}
		if strings.TrimSpace(literalText(v.Value)) != "" {
			r.warn(fmt.Sprintf("collection variable %q", v.Key), "")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b.secret)) {
		if strings.TrimSpace(literalText(b.vars[k])) != "" {
			b.vars[k] = placeholder
		}
	}
	r.text("collection description", &c.Info.Description.Content)
	r.auth("collection auth", c.Auth)
	r.items(c.Items, nil)
}

// text scrubs credentials out of free text, such as a description, that
// becomes a doc comment.
func (r redactor) text(where string, s *string) {
	if ns := scrubText(*s); ns != *s {
		*s = ns
		r.warn(where, placeholder)
	}
}

// anyText scrubs a description that may be a string or a {"content": ...}
// object.
func (r redactor) anyText(where string, v any) any {
	switch d := v.(type) {
	case string:
		r.text(where, &d)
		return d
	case map[string]any:
		if c, ok := d["content"].(string); ok {
			r.text(where, &c)
			d["content"] = c
		}
	}
	return v
}

func (r redactor) warn(where, replacedBy string) {
	if replacedBy == "" {
		r.b.warn(where, "literal credential; its value is not used")
		return
	}
	r.b.warn(where, "literal credential replaced by %q", replacedBy)
}

func (r redactor) items(items []*postman.Items, folders []frame) {
	if len(folders) > maxFolderDepth {
		return
	}
	for _, it := range items {
		if it == nil {
			continue
		}
		if it.IsGroup() {
			path := append(folders[:len(folders):len(folders)], frame{name: it.Name})
			names := make([]string, len(path))
			for i, f := range path {
				names[i] = f.name
			}
			folder := fmt.Sprintf("folder %q", strings.Join(names, " > "))
			r.text(folder+" description", &it.Description)
			r.auth(folder+" auth", it.Auth)
			r.items(it.Items, path)
			continue
		}
		w := where(folders, it.Name)
		r.text(w+": description", &it.Description)
		r.request(w+": ", it.Request)
		for i, resp := range it.Responses {
			if resp == nil {
				continue
			}
			name := resp.Name
			if strings.TrimSpace(name) == "" {
				name = fmt.Sprintf("example %d", i+1)
			}
			r.request(fmt.Sprintf("%s: example %q: original request ", w, name), resp.OriginalRequest)
		}
	}
}

// auth redacts the credentials of an auth block.
func (r redactor) auth(where string, a *postman.Auth) {
	if a == nil {
		return
	}
	for _, p := range a.GetParams() {
		if p == nil {
			continue
		}
		v, ok := p.Value.(string)
		if !ok {
			continue
		}
		var nv string
		switch {
		case authSecretParams[strings.ToLower(p.Key)]:
			nv = redact(v)
		case looksSecret(v):
			nv = placeholder
		default:
			continue
		}
		if nv != v {
			p.Value = nv
			r.warn(fmt.Sprintf("%s %q: %s", where, string(a.Type), p.Key), nv)
		}
	}
}

// request redacts a request: auth, headers, URL and body. prefix names it.
func (r redactor) request(prefix string, req *postman.Request) {
	if req == nil {
		return
	}
	req.Description = r.anyText(prefix+"description", req.Description)
	r.auth(prefix+"auth", req.Auth)
	for _, h := range req.Header {
		if h == nil || h.Disabled {
			continue
		}
		if nv := scrubValue(strings.TrimSpace(h.Key), h.Value); nv != h.Value {
			h.Value = nv
			r.warn(fmt.Sprintf("%sheader %q", prefix, h.Key), nv)
		}
		r.text(fmt.Sprintf("%sheader %q description", prefix, h.Key), &h.Description)
	}
	if u := req.URL; u != nil {
		r.url(prefix, u)
	}
	if req.Body != nil {
		r.body(prefix, req.Body)
	}
}

func (r redactor) url(prefix string, u *postman.URL) {
	changed := false
	for i, h := range u.Host {
		nh := h
		if at := strings.LastIndexByte(nh, '@'); at >= 0 {
			nh = nh[at+1:] // user info in front of the host
		}
		nh = scrubText(nh)
		if nh != h {
			u.Host[i] = nh
			changed = true
		}
	}
	if changed {
		r.b.warn(prefix+"URL host", "literal credential removed")
	}
	changed = false
	for i, s := range u.Path {
		if ns := scrubText(s); ns != s {
			u.Path[i] = ns
			changed = true
		}
	}
	if changed {
		r.warn(prefix+"URL path", placeholder)
	}
	for _, v := range u.Variables {
		if v == nil {
			continue
		}
		if nv := scrubValue(v.Key, v.Value); nv != v.Value {
			v.Value = nv
			r.warn(fmt.Sprintf("%spath variable %q", prefix, v.Key), nv)
		}
		r.text(fmt.Sprintf("%spath variable %q description", prefix, v.Key), &v.Description)
	}
	for _, q := range u.Query {
		if q == nil {
			continue
		}
		if nv := scrubValue(q.Key, q.Value); nv != q.Value {
			q.Value = nv
			r.warn(fmt.Sprintf("%squery parameter %q", prefix, q.Key), nv)
		}
		if q.Description != nil {
			r.text(fmt.Sprintf("%squery parameter %q description", prefix, q.Key), q.Description)
		}
	}
	if nr := scrubText(u.Raw); nr != u.Raw {
		u.Raw = nr // not used for output, but kept consistent
	}
}

func (r redactor) body(prefix string, pb *postman.Body) {
	switch pb.Mode {
	case "raw":
		var nr string
		if t := strings.TrimSpace(pb.Raw); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			nr = redactJSON(pb.Raw)
		} else {
			nr = scrubText(pb.Raw)
		}
		if nr != pb.Raw {
			pb.Raw = nr
			r.warn(prefix+"body", placeholder)
		}
	case "urlencoded":
		r.fields(prefix, pb.URLEncoded)
	case "formdata":
		r.fields(prefix, pb.FormData)
	case "graphql":
		if m, ok := pb.GraphQL.(map[string]any); ok {
			if v, ok := m["variables"].(string); ok {
				if nv := redactJSON(v); nv != v {
					m["variables"] = nv
					r.warn(prefix+"GraphQL variables", placeholder)
				}
			}
		}
	}
}

// fields redacts the values of urlencoded and formdata fields.
func (r redactor) fields(prefix string, list any) {
	entries, _ := list.([]any)
	for _, e := range entries {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		key := strings.TrimSpace(str(m["key"]))
		if v, ok := m["value"].(string); ok {
			if nv := scrubValue(key, v); nv != v {
				m["value"] = nv
				r.warn(fmt.Sprintf("%sbody field %q", prefix, key), nv)
			}
		}
		if d, ok := m["description"]; ok {
			m["description"] = r.anyText(fmt.Sprintf("%sbody field %q description", prefix, key), d)
		}
	}
}

// redactJSON replaces credentials in JSON text, which may hold unquoted
// {{variables}} and so need not parse: the string value of a member whose
// key names a credential becomes "REDACTED", and credentials inside other
// strings are scrubbed. Everything else is kept byte for byte, so the
// sample's key order, numbers and layout do not change.
func redactJSON(s string) string {
	var sb strings.Builder
	key := ""
	afterKey := false // the next token is the value of key
	for i := 0; i < len(s); {
		c := s[i]
		if c != '"' {
			if c != ':' && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				afterKey = false
			}
			sb.WriteByte(c)
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j+1, len(s))
		lit := s[i:j]
		if len(lit) < 2 || lit[len(lit)-1] != '"' {
			sb.WriteString(lit) // unterminated
			i = j
			continue
		}
		val := lit[1 : len(lit)-1]
		if strings.IndexByte(val, '\\') < 0 {
			// No escapes: the text is the value.
		} else if err := json.Unmarshal([]byte(lit), &val); err != nil {
			sb.WriteString(lit)
			i = j
			afterKey = false
			continue
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
			k++
		}
		switch {
		case k < len(s) && s[k] == ':':
			key, afterKey = val, true
			sb.WriteString(lit)
		default:
			nv := scrubText(val)
			if afterKey {
				nv = scrubValue(key, val)
			}
			if nv == val {
				sb.WriteString(lit)
			} else {
				q, _ := json.Marshal(nv)
				sb.Write(q)
			}
			afterKey = false
		}
		i = j
	}
	return sb.String()
}
