package model

import (
	"fmt"
	"strings"

	postman "github.com/rbretecher/go-postman-collection"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/parse"
)

// The build stage walks the parsed collection in document order and fills
// the model: one Operation per request item, with its folder path, resolved
// auth, URL template, parameters, headers, body and saved examples. Types are
// inferred later (types.go) and names given later still (naming.go).

// builder carries what the walk needs.
type builder struct {
	name     string // the collection being read
	col      *parse.Collection
	vars     map[string]string // collection variables, then -env values
	secret   map[string]bool   // variables that hold credentials
	api      *API
	warnings []Warning
	// base holds, while an overlay is read, the operations of the
	// collections before it (overlay.go); nil while the first is read.
	base []*Operation
}

// frame is one enclosing folder during the walk.
type frame struct {
	name string
	auth *postman.Auth
}

func (b *builder) warn(where, format string, args ...any) {
	b.warnings = append(b.warnings, Warning{Where: where, Msg: fmt.Sprintf(format, args...)})
}

// build fills b.api.Operations from the collection, once its literal
// credentials are replaced (secrets.go).
func (b *builder) build() {
	b.redactSecrets()
	c := b.col.Postman
	b.api.Name = c.Info.Name
	b.api.Description = c.Info.Description.Content
	b.scripts("collection", c.Events)
	b.walk(c.Items, nil, "")
}

// overlay reads the overlay collection col, the n-th input (1 for the
// second), over the operations read so far (see overlay.go).
func (b *builder) overlay(n int, name string, col *parse.Collection) {
	b.name, b.col = name, col
	b.redactSecrets()
	b.base = append([]*Operation{}, b.api.Operations...)
	b.scripts(name, col.Postman.Events)
	b.walk(col.Postman.Items, nil, fmt.Sprintf("in%d/", n))
	b.base = nil
}

func (b *builder) walk(items []*postman.Items, folders []frame, key string) {
	for i, it := range items {
		if it == nil {
			continue
		}
		k := fmt.Sprintf("%s%04d", key, i)
		if it.IsGroup() {
			if len(folders) >= maxFolderDepth {
				b.warn(where(folders, it.Name), "folder nesting deeper than %d levels skipped", maxFolderDepth)
				continue
			}
			b.scripts("folder "+strings.TrimPrefix(where(folders, it.Name), "item "), it.Events)
			b.walk(it.Items, append(folders[:len(folders):len(folders)], frame{name: it.Name, auth: it.Auth}), k+"/")
			continue
		}
		if it.Request == nil {
			b.warn(where(folders, it.Name), "item has no request; skipped")
			continue
		}
		if op := b.match(it.Name, it.Request); op != nil {
			b.layOver(op, it)
			continue
		}
		b.api.Operations = append(b.api.Operations, b.operation(it, folders, k))
	}
}

// maxFolderDepth bounds folder recursion; parse rejects deeper input first.
const maxFolderDepth = 64

// where names an item for warnings: `item "A > B > Name"`.
func where(folders []frame, name string) string {
	parts := make([]string, 0, len(folders)+1)
	for _, f := range folders {
		parts = append(parts, f.name)
	}
	parts = append(parts, name)
	return fmt.Sprintf("item %q", strings.Join(parts, " > "))
}

func (b *builder) operation(it *postman.Items, folders []frame, key string) *Operation {
	req := it.Request
	op := &Operation{
		Key:         key,
		Name:        it.Name,
		Where:       where(folders, it.Name),
		Description: description(it.Description, req.Description),
		Method:      strings.ToUpper(strings.TrimSpace(string(req.Method))),
	}
	if op.Method == "" {
		op.Method = "GET"
	}
	for _, f := range folders {
		op.Folder = append(op.Folder, f.name)
	}
	b.scripts(op.Where, it.Events)
	b.clientSettings(op, req)
	op.Auth = b.resolveAuth(op, req, folders)
	if req.URL != nil {
		op.Host = hostText(req.URL)
		op.Path, op.PathParams = b.pathTemplate(req.URL)
		op.Query = b.queryParams(req.URL, b.col.Extras[it])
	}
	b.headers(op, req.Header)
	op.Body = b.body(op, req)
	for i, r := range it.Responses {
		if r == nil {
			continue
		}
		if ex := b.example(op, r, i); ex != nil {
			op.Examples = append(op.Examples, ex)
		}
	}
	typeParams(op)
	return op
}

// typeParams gives every parameter and form field its kind from the
// values the item and its examples show (see paramKind).
func typeParams(op *Operation) {
	for i, p := range op.PathParams {
		values := []string{p.Example}
		for _, ex := range op.Examples {
			values = append(values, ex.PathValues[i])
		}
		p.Kind = paramKind(values)
	}
	for _, p := range op.Query {
		values := []string{p.Example}
		for _, ex := range op.Examples {
			values = append(values, ex.Query[p.Wire]...)
		}
		p.Kind = paramKind(values)
	}
	for _, p := range op.HeaderParams {
		p.Kind = paramKind([]string{p.Example})
	}
	if op.Body != nil {
		for _, f := range op.Body.Fields {
			f.Kind = paramKind([]string{f.Example})
		}
	}
}

// scripts warns once for each kind of script (pre-request, test) that the
// collection, a folder or an item carries: the generated client runs no
// JavaScript, so whatever a script sets up or checks is left to the caller.
// Disabled events and scripts without code are not reported.
func (b *builder) scripts(where string, events []*postman.Event) {
	seen := map[postman.ListenType]bool{}
	for _, e := range events {
		if e == nil || e.Disabled || e.Script == nil || seen[e.Listen] || !hasCode(e.Script) {
			continue
		}
		seen[e.Listen] = true
		switch e.Listen {
		case postman.PreRequest:
			b.warn(where, "pre-request script is not run by the generated client")
		case postman.Test:
			b.warn(where, "test script is not run by the generated client")
		default:
			b.warn(where, "%q script is not run by the generated client", string(e.Listen))
		}
	}
}

// hasCode reports whether a script has a line of code or an external source.
func hasCode(s *postman.Script) bool {
	if s.Src != nil && strings.TrimSpace(s.Src.Raw) != "" {
		return true
	}
	for _, l := range s.Exec {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// clientSettings warns about request settings that belong to the HTTP
// client rather than to one call: a proxy and a client certificate.
func (b *builder) clientSettings(op *Operation, req *postman.Request) {
	if isSet(req.Proxy) {
		b.warn(op.Where, "proxy setting is not generated; give WithHTTPClient an http.Client whose Transport sets Proxy")
	}
	if isSet(req.Certificate) {
		b.warn(op.Where, "client certificate setting is not generated; give WithHTTPClient an http.Client whose Transport sets TLSClientConfig.Certificates")
	}
}

// isSet reports whether a loosely typed setting holds anything, other than
// an object marked "disabled": true.
func isSet(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case map[string]any:
		if d, _ := v["disabled"].(bool); d {
			return false
		}
		return len(v) > 0
	case []any:
		return len(v) > 0
	case string:
		return strings.TrimSpace(v) != ""
	}
	return true
}

// description picks the item's description, else the request's.
func description(item string, req any) string {
	if strings.TrimSpace(item) != "" {
		return item
	}
	switch d := req.(type) {
	case string:
		return d
	case map[string]any:
		if s, ok := d["content"].(string); ok {
			return s
		}
	}
	return ""
}

// hostText is the scheme, host and port of a URL as written.
func hostText(u *postman.URL) string {
	h := strings.Join(u.Host, ".")
	if u.Protocol != "" && h != "" {
		h = u.Protocol + "://" + h
	}
	if u.Port != "" {
		h += ":" + u.Port
	}
	return h
}

// resolveAuth follows Postman's inheritance: the request's auth, else the
// innermost folder's, else the collection's; "noauth" stops the search.
func (b *builder) resolveAuth(op *Operation, req *postman.Request, folders []frame) Auth {
	chain := []*postman.Auth{req.Auth}
	for i := len(folders) - 1; i >= 0; i-- {
		chain = append(chain, folders[i].auth)
	}
	chain = append(chain, b.col.Postman.Auth)
	for _, a := range chain {
		if a == nil || a.Type == "" || a.Type == "inherit" {
			continue
		}
		return b.authFrom(op, a)
	}
	return Auth{}
}

func authParam(a *postman.Auth, key string) string {
	for _, p := range a.GetParams() {
		if p != nil && p.Key == key {
			if s, ok := p.Value.(string); ok {
				return s
			}
			if p.Value != nil {
				return fmt.Sprint(p.Value)
			}
		}
	}
	return ""
}

func (b *builder) authFrom(op *Operation, a *postman.Auth) Auth {
	switch a.Type {
	case postman.NoAuth:
		return Auth{}
	case postman.Bearer:
		return Auth{Kind: AuthBearer, Prefix: "Bearer"}
	case postman.Basic:
		return Auth{Kind: AuthBasic}
	case postman.OAuth2:
		if strings.EqualFold(authParam(a, "addTokenTo"), "queryParams") {
			return Auth{Kind: AuthOAuth2Query, Name: "access_token"}
		}
		prefix := authParam(a, "headerPrefix")
		if prefix == "" {
			prefix = "Bearer"
		}
		return Auth{Kind: AuthBearer, Prefix: prefix}
	case postman.APIKey:
		name := authParam(a, "key")
		if name == "" {
			name = "X-API-Key"
		}
		prefix, _ := splitPrefix(authParam(a, "value"))
		if strings.EqualFold(authParam(a, "in"), "query") {
			return Auth{Kind: AuthAPIKeyQuery, Name: name, Prefix: prefix}
		}
		if !validHeaderName(name) {
			b.warn(op.Where, "API key header name %q is not a valid HTTP header name; set the key with WithHeader", name)
			return Auth{}
		}
		return Auth{Kind: AuthAPIKeyHeader, Name: name, Prefix: prefix}
	}
	b.warn(op.Where, "auth type %q cannot be generated; plug in your own http.RoundTripper with WithHTTPClient", string(a.Type))
	return Auth{}
}

// splitPrefix splits "Bot {{token}}" into "Bot" and "{{token}}". A value
// that is only a variable or a literal has no prefix.
func splitPrefix(v string) (prefix, rest string) {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexByte(v, ' '); i > 0 && strings.Contains(v[i+1:], "{{") {
		return strings.TrimSpace(v[:i]), v[i+1:]
	}
	return "", v
}

// pathTemplate turns the URL path into segments. ":name", "{{name}}" and
// "{name}" become parameters; other text is literal.
func (b *builder) pathTemplate(u *postman.URL) ([]Segment, []*Param) {
	examples, descs := map[string]string{}, map[string]string{}
	for _, v := range u.Variables {
		if v != nil {
			examples[v.Key] = v.Value
			descs[v.Key] = v.Description
		}
	}
	var segs []Segment
	var params []*Param
	seen := map[string]*Param{}
	param := func(wire, example string) *Param {
		if p := seen[wire]; p != nil {
			return p
		}
		desc, _ := splitRequired(descs[wire])
		p := &Param{Wire: wire, Example: example, Description: desc, Required: true}
		seen[wire] = p
		params = append(params, p)
		return p
	}
	for _, s := range u.Path {
		first := true
		for _, piece := range splitVars(s) {
			seg := Segment{Slash: first}
			first = false
			switch {
			case piece.isVar:
				seg.Param = param(piece.text, b.vars[piece.text])
			case strings.HasPrefix(piece.text, ":") && len(piece.text) > 1 && piece.whole:
				seg.Param = param(piece.text[1:], examples[piece.text[1:]])
			case len(piece.text) > 2 && piece.whole && piece.text[0] == '{' && piece.text[len(piece.text)-1] == '}' && !strings.ContainsAny(piece.text[1:len(piece.text)-1], "{}/"):
				name := piece.text[1 : len(piece.text)-1]
				seg.Param = param(name, examples[name])
			default:
				seg.Literal = piece.text
			}
			segs = append(segs, seg)
		}
		if first { // an empty path segment: keep its slash
			segs = append(segs, Segment{Slash: true})
		}
	}
	return segs, params
}

// varPiece is literal text or a {{variable}} reference.
type varPiece struct {
	text  string
	isVar bool
	whole bool // the piece is the whole segment
}

// splitVars splits s at {{variable}} references.
func splitVars(s string) []varPiece {
	var out []varPiece
	rest := s
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i+2:], "}}")
		if j < 0 {
			break
		}
		name := strings.TrimSpace(rest[i+2 : i+2+j])
		if i > 0 {
			out = append(out, varPiece{text: rest[:i]})
		}
		out = append(out, varPiece{text: name, isVar: true})
		rest = rest[i+2+j+2:]
	}
	if rest != "" || len(out) == 0 {
		out = append(out, varPiece{text: rest})
	}
	if len(out) == 1 {
		out[0].whole = true
	}
	return out
}

// queryParams turns the URL query into Params fields; a key given twice
// becomes a slice.
func (b *builder) queryParams(u *postman.URL, extra *parse.ItemExtra) []*Param {
	var out []*Param
	byKey := map[string]*Param{}
	for i, q := range u.Query {
		if q == nil || q.Key == "" {
			continue
		}
		disabled := extra != nil && extra.DisabledQuery[i]
		if p := byKey[q.Key]; p != nil {
			p.Repeated = true
			p.Disabled = p.Disabled && disabled
			continue
		}
		p := &Param{Wire: q.Key, Example: q.Value, Disabled: disabled}
		if q.Description != nil {
			p.Description, p.Required = splitRequired(*q.Description)
		}
		byKey[q.Key] = p
		out = append(out, p)
	}
	return out
}

// hopByHop headers belong to a connection, never to an API call; the
// transport sets the rest of this list itself.
var hopByHop = map[string]bool{
	"connection": true, "keep-alive": true, "proxy-authenticate": true,
	"proxy-authorization": true, "te": true, "trailer": true,
	"transfer-encoding": true, "upgrade": true, "host": true,
	"content-length": true, "accept-encoding": true,
}

// headers sorts the item's headers into constants, parameters and the
// content type. A header whose value is a {{variable}} or a type
// placeholder, or that holds a credential, is a parameter; so is a
// disabled header, which the collection leaves out by default (an enabled
// header of the same name wins). An Authorization header is dropped when
// an auth block already sends one (Postman itself overrides it); without
// one, a "Bearer {{token}}" header becomes bearer auth.
func (b *builder) headers(op *Operation, hs []*postman.Header) {
	seen := map[string]bool{}
	for _, disabled := range []bool{false, true} {
		for _, h := range hs {
			if h == nil || h.Disabled != disabled || strings.TrimSpace(h.Key) == "" {
				continue
			}
			b.header(op, h, seen)
		}
	}
}

// header sorts one header; seen holds the lower-case names already taken.
func (b *builder) header(op *Operation, h *postman.Header, seen map[string]bool) {
	name := strings.TrimSpace(h.Key)
	lower := strings.ToLower(name)
	switch {
	case !validHeaderName(name):
		if !h.Disabled {
			b.warn(op.Where, "header name %q is not a valid HTTP header name; skipped", name)
		}
		return
	case hopByHop[lower]:
		return
	case lower == "content-type":
		return // follows the body mode
	case lower == "authorization":
		if !h.Disabled && op.Auth.Kind == AuthNone {
			op.Auth = authFromHeader(h.Value)
			if op.Auth.Kind == AuthNone {
				b.warn(op.Where, "Authorization header %q is not a bearer or basic credential; set it with WithHeader", redact(h.Value))
			}
		}
		return
	}
	if seen[lower] {
		return
	}
	seen[lower] = true
	_, isPlaceholder := infer.ParsePlaceholder(strings.TrimSpace(h.Value))
	secret := parse.IsSecretName(name) || strings.Contains(h.Value, placeholder)
	if h.Disabled || isPlaceholder || secret || strings.Contains(h.Value, "{{") {
		desc, required := splitRequired(h.Description)
		p := &Param{Wire: name, Description: desc, Required: required, Disabled: h.Disabled}
		if !secret {
			p.Example = exampleValue(h.Value)
		}
		op.HeaderParams = append(op.HeaderParams, p)
		return
	}
	op.Headers = append(op.Headers, ConstHeader{Name: name, Value: h.Value})
}

// validHeaderName reports whether name is an HTTP field name (an RFC 9110
// token); net/http refuses to send any other, so such a header would make
// every call fail.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// exampleValue keeps a literal value as a doc example but never a variable
// reference or what looks like a credential.
func exampleValue(v string) string {
	if strings.Contains(v, "{{") || looksSecret(v) {
		return ""
	}
	return v
}

func authFromHeader(v string) Auth {
	prefix, _, ok := strings.Cut(strings.TrimSpace(v), " ")
	switch {
	case ok && strings.EqualFold(prefix, "bearer"):
		return Auth{Kind: AuthBearer, Prefix: prefix}
	case ok && strings.EqualFold(prefix, "basic"):
		return Auth{Kind: AuthBasic}
	}
	return Auth{}
}

// headerValue finds a header in a list, ignoring disabled entries.
func headerValue(hs []*postman.Header, name string) string {
	for _, h := range hs {
		if h != nil && !h.Disabled && strings.EqualFold(strings.TrimSpace(h.Key), name) {
			return h.Value
		}
	}
	return ""
}
