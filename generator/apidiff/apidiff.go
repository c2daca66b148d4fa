package apidiff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// Class says what a change means for code that calls the generated client.
type Class int

// The classes, from the least to the most serious.
const (
	// Info neither breaks callers nor adds to the API.
	Info Class = iota
	// Additive adds to the API; callers' code keeps working.
	Additive
	// Breaking makes callers' code stop compiling or behave differently.
	Breaking
)

var classNames = [...]string{Info: "info", Additive: "additive", Breaking: "breaking"}

// String returns "info", "additive" or "breaking".
func (c Class) String() string {
	if c < 0 || int(c) >= len(classNames) {
		return fmt.Sprintf("Class(%d)", int(c))
	}
	return classNames[c]
}

// Kind names what changed; it is stable across releases and appears in the
// JSON output.
type Kind string

// The kinds of change.
const (
	BaseURLChanged     Kind = "base-url-changed"
	OperationAdded     Kind = "operation-added"
	OperationRemoved   Kind = "operation-removed"
	OperationRenamed   Kind = "operation-renamed"
	OperationMoved     Kind = "operation-moved"
	MethodChanged      Kind = "method-changed"
	PathChanged        Kind = "path-changed"
	PathParamAdded     Kind = "path-param-added"
	PathParamRemoved   Kind = "path-param-removed"
	PathParamRenamed   Kind = "path-param-renamed"
	HostChanged        Kind = "host-changed"
	ParamsArgChanged   Kind = "params-argument-changed"
	ParamAdded         Kind = "param-added"
	ParamRemoved       Kind = "param-removed"
	ParamRequired      Kind = "param-required"
	ParamOptional      Kind = "param-optional"
	ParamDefault       Kind = "param-default-changed"
	ParamTypeChanged   Kind = "param-type-changed"
	TypeRenamed        Kind = "type-renamed"
	TypeSplit          Kind = "type-split"
	BodyChanged        Kind = "body-changed"
	ContentTypeChanged Kind = "content-type-changed"
	ResponseChanged    Kind = "response-changed"
	MemberAdded        Kind = "member-added"
	MemberRemoved      Kind = "member-removed"
	MemberTypeChanged  Kind = "member-type-changed"
	MemberRequired     Kind = "member-required"
	MemberOptional     Kind = "member-optional"
	AuthChanged        Kind = "auth-changed"
	ExampleAdded       Kind = "example-added"
	ExampleRemoved     Kind = "example-removed"
)

// BreaksBuild reports whether a breaking change of kind k makes callers'
// code stop compiling (a removed or renamed method, field, argument or
// type, a new argument, another Go type), rather than changing what the
// same call does (another method, path or auth, a parameter or member the
// API now needs).
func (k Kind) BreaksBuild() bool {
	switch k {
	case OperationRemoved, OperationRenamed, PathParamAdded, PathParamRemoved, ParamsArgChanged,
		ParamRemoved, ParamTypeChanged, TypeRenamed, TypeSplit, BodyChanged, ResponseChanged,
		MemberRemoved, MemberTypeChanged:
		return true
	}
	return false
}

// Change is one difference between the two versions.
type Change struct {
	Class Class
	Kind  Kind
	// Folder is the folder path of the operation (in the new version,
	// or the old one for a removed operation); nil for the root and for
	// changes of the whole collection.
	Folder []string
	// Item is the Postman item name and Operation the Go method name;
	// both are "" for changes of the whole collection.
	Item, Operation string
	// Subject names the part of the operation that changed, e.g.
	// `query parameter "limit"` or `response member data[].id`; "" for
	// the operation itself.
	Subject string
	// Old and New are the values before and after ("" when none).
	Old, New string
	// Message is the change as one line of text.
	Message string
}

// Report is the result of a comparison.
type Report struct {
	// Old and New name the two inputs.
	Old, New string
	// Changes are grouped by folder path and then operation name, the
	// collection's own changes first; within an operation, breaking
	// changes come first and the rest in the order they were found.
	Changes []Change
}

// Count returns how many changes are of class c.
func (r *Report) Count(c Class) int {
	n := 0
	for _, ch := range r.Changes {
		if ch.Class == c {
			n++
		}
	}
	return n
}

// Breaking reports whether any change breaks callers.
func (r *Report) Breaking() bool {
	return r.Count(Breaking) > 0
}

// Input is one version of a collection.
type Input struct {
	// Name is how the input is named in errors and in the report,
	// usually its path.
	Name string
	// Data is the collection export.
	Data []byte
}

// Collections builds the model of each collection with the generator's
// pipeline, both at once, and compares them. An error names the input it
// is about; when both fail, the old one's error is returned.
func Collections(old, new Input) (*Report, error) {
	var models [2]*model.API
	var errs [2]error
	var wg sync.WaitGroup
	for i, in := range []Input{old, new} {
		wg.Go(func() {
			models[i], errs[i] = generator.BuildModel(generator.Options{Name: in.Name, Data: in.Data, Package: "client"})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	r := Compare(models[0], models[1])
	r.Old, r.New = old.Name, new.Name
	return r, nil
}

// Compare reports what changed from the model old to the model new. The
// report's Old and New names are left empty.
func Compare(old, new *model.API) *Report {
	d := &differ{oldTypes: declaredTypes(old), newTypes: declaredTypes(new)}
	if old.BaseURL != new.BaseURL {
		d.add(Change{Class: Info, Kind: BaseURLChanged, Subject: "base URL", Old: old.BaseURL, New: new.BaseURL,
			Message: fmt.Sprintf("base URL changed from %s to %s", show(old.BaseURL), show(new.BaseURL))})
	}
	for _, p := range pairOperations(old.Operations, new.Operations) {
		switch {
		case p.old == nil:
			d.op = p.new
			d.add(Change{Class: Additive, Kind: OperationAdded, New: request(p.new),
				Message: fmt.Sprintf("operation added: %s", request(p.new))})
		case p.new == nil:
			d.op = p.old
			d.add(Change{Class: Breaking, Kind: OperationRemoved, Old: request(p.old),
				Message: fmt.Sprintf("operation removed: %s", request(p.old))})
		default:
			d.op = p.new
			d.operation(p.old, p.new)
		}
	}
	slices.SortStableFunc(d.changes, func(a, b Change) int {
		if c := slices.Compare(a.Folder, b.Folder); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Operation, b.Operation); c != 0 {
			return c
		}
		return cmp.Compare(b.Class, a.Class)
	})
	return &Report{Changes: d.changes}
}

// show quotes a value for a message; the empty value is "none".
func show(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

// request is an operation's method and path, e.g. "GET /deals/{id}".
func request(op *model.Operation) string {
	return op.Method + " " + pathText(op, false)
}

// pathText is the path template with parameters as {wire}; blank leaves
// the braces empty, so that two paths that differ only in parameter names
// compare equal.
func pathText(op *model.Operation, blank bool) string {
	var b strings.Builder
	for _, s := range op.Path {
		if s.Slash {
			b.WriteByte('/')
		}
		switch {
		case s.Param != nil && blank:
			b.WriteString("{}")
		case s.Param != nil:
			b.WriteString("{" + s.Param.Wire + "}")
		default:
			b.WriteString(s.Literal)
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// opPair is an operation in both versions, or in one (the other is nil).
type opPair struct{ old, new *model.Operation }

// pairOperations pairs operations by Go name, then the rest by method and
// path shape in collection order. Pairs come in new collection order,
// removed operations last in old collection order.
func pairOperations(old, new []*model.Operation) []opPair {
	match := map[*model.Operation]*model.Operation{} // new -> old
	used := map[*model.Operation]bool{}              // old ones paired
	byName := map[string]*model.Operation{}
	for _, o := range old {
		byName[o.GoName] = o
	}
	for _, n := range new {
		if o := byName[n.GoName]; o != nil && !used[o] {
			match[n], used[o] = o, true
		}
	}
	shape := func(op *model.Operation) string { return op.Method + " " + pathText(op, true) }
	byShape := map[string][]*model.Operation{}
	for _, o := range old {
		if !used[o] {
			byShape[shape(o)] = append(byShape[shape(o)], o)
		}
	}
	for _, n := range new {
		if match[n] != nil {
			continue
		}
		if cands := byShape[shape(n)]; len(cands) > 0 {
			match[n], used[cands[0]] = cands[0], true
			byShape[shape(n)] = cands[1:]
		}
	}
	var out []opPair
	for _, n := range new {
		out = append(out, opPair{old: match[n], new: n})
	}
	for _, o := range old {
		if !used[o] {
			out = append(out, opPair{old: o})
		}
	}
	return out
}

// differ collects the changes, each placed at the operation being
// compared.
type differ struct {
	op      *model.Operation
	changes []Change
	// oldTypes and newTypes tell which named types of each model are
	// one Go type.
	oldTypes, newTypes declared
}

func (d *differ) add(c Change) {
	if d.op != nil {
		c.Folder = slices.Clone(d.op.Folder)
		c.Item, c.Operation = d.op.Name, d.op.GoName
	}
	d.changes = append(d.changes, c)
}

// change records a change of subject from old to new.
func (d *differ) change(class Class, kind Kind, subject, old, new, format string, args ...any) {
	d.add(Change{Class: class, Kind: kind, Subject: subject, Old: old, New: new, Message: fmt.Sprintf(format, args...)})
}

func (d *differ) operation(o, n *model.Operation) {
	if o.GoName != n.GoName {
		d.change(Breaking, OperationRenamed, "", o.GoName, n.GoName, "method renamed from %s to %s (%s)", o.GoName, n.GoName, request(n))
	}
	if !slices.Equal(o.Folder, n.Folder) {
		of, nf := strings.Join(o.Folder, " > "), strings.Join(n.Folder, " > ")
		d.change(Info, OperationMoved, "folder", of, nf, "moved from folder %s to %s", show(of), show(nf))
	}
	if o.Method != n.Method {
		d.change(Breaking, MethodChanged, "method", o.Method, n.Method, "method changed from %s to %s", o.Method, n.Method)
	}
	op, np := pathText(o, false), pathText(n, false)
	switch {
	case pathText(o, true) != pathText(n, true):
		d.change(Breaking, PathChanged, "path", op, np, "path changed from %s to %s", op, np)
	case op != np:
		d.change(Info, PathParamRenamed, "path", op, np, "path parameter renamed: %s is now %s", op, np)
	}
	switch {
	case o.HostURL == n.HostURL:
	case n.HostURL == "":
		d.change(Info, HostChanged, "host", o.HostURL, n.HostURL, "now served from the client's base URL, not %q", o.HostURL)
	case o.HostURL == "":
		d.change(Info, HostChanged, "host", o.HostURL, n.HostURL, "now served from %q, not the client's base URL", n.HostURL)
	default:
		d.change(Info, HostChanged, "host", o.HostURL, n.HostURL, "now served from %q, not %q", n.HostURL, o.HostURL)
	}
	d.auth(o.Auth, n.Auth)
	d.pathParams(o, n)
	d.params(o, n)
	d.body(o, n)
	d.result(o, n)
	d.errorBody(o, n)
	d.examples(o, n)
}

var authNames = map[model.AuthKind]string{
	model.AuthNone:         "none",
	model.AuthBearer:       "bearer token",
	model.AuthBasic:        "basic auth",
	model.AuthAPIKeyHeader: "API key header",
	model.AuthAPIKeyQuery:  "API key query parameter",
	model.AuthOAuth2Query:  "OAuth 2 token query parameter",
}

// authText describes an auth for messages.
func authText(a model.Auth) string {
	s, ok := authNames[a.Kind]
	if !ok {
		s = fmt.Sprintf("auth kind %d", int(a.Kind))
	}
	if a.Name != "" {
		s += fmt.Sprintf(" %q", a.Name)
	}
	if a.Prefix != "" {
		s += fmt.Sprintf(" with prefix %q", a.Prefix)
	}
	return s
}

// auth: another kind of credential breaks callers; another header name or
// prefix for the same kind is handled by the client.
func (d *differ) auth(o, n model.Auth) {
	if o == n {
		return
	}
	class := Info
	if o.Kind != n.Kind {
		class = Breaking
	}
	ot, nt := authText(o), authText(n)
	d.change(class, AuthChanged, "auth", ot, nt, "auth changed from %s to %s", ot, nt)
}

// pathParams compares the method arguments by position; their names do
// not matter to callers, their types do.
func (d *differ) pathParams(o, n *model.Operation) {
	for i := len(n.PathParams); i < len(o.PathParams); i++ {
		p := o.PathParams[i]
		d.change(Breaking, PathParamRemoved, fmt.Sprintf("path parameter %q", p.Wire), p.Wire, "",
			"path parameter %q removed: the method takes one argument less", p.Wire)
	}
	for i := len(o.PathParams); i < len(n.PathParams); i++ {
		p := n.PathParams[i]
		d.change(Breaking, PathParamAdded, fmt.Sprintf("path parameter %q", p.Wire), "", p.Wire,
			"path parameter %q added: the method takes a new argument", p.Wire)
	}
	for i := range min(len(o.PathParams), len(n.PathParams)) {
		op, np := paramOf(o.PathParams[i]), paramOf(n.PathParams[i])
		if op.typ != np.typ {
			d.change(Breaking, ParamTypeChanged, fmt.Sprintf("path parameter %q", np.wire), op.typ, np.typ,
				"path parameter %q changed type from %s to %s", np.wire, op.typ, np.typ)
		}
	}
}

// param is what callers see of a parameter or form field: its Go type and
// whether the API needs it. Disabled ones the collection leaves out by
// default, which matters only to the collection.
type param struct {
	wire, typ          string
	required, disabled bool
}

func paramOf(p *model.Param) param {
	t := p.Kind.String()
	if p.Repeated {
		t = "[]" + t
	}
	return param{wire: p.Wire, typ: t, required: p.Required, disabled: p.Disabled}
}

func formFieldOf(f *model.FormField) param {
	t := f.Kind.String()
	if f.File {
		t = "file"
	}
	return param{wire: f.Wire, typ: t, required: f.Required, disabled: f.Disabled}
}

// params compares the Params struct: its presence is an argument of the
// method, its fields are the query and header parameters.
func (d *differ) params(o, n *model.Operation) {
	switch {
	case o.ParamsType == "" && n.ParamsType != "":
		d.change(Breaking, ParamsArgChanged, "params argument", "", n.ParamsType, "the method takes a new argument params *%s", n.ParamsType)
	case o.ParamsType != "" && n.ParamsType == "":
		d.change(Breaking, ParamsArgChanged, "params argument", o.ParamsType, "", "the method no longer takes params *%s", o.ParamsType)
	case o.ParamsType != n.ParamsType && !renamedWith(o, n, o.ParamsType, n.ParamsType):
		d.change(Breaking, TypeRenamed, "params argument", o.ParamsType, n.ParamsType, "params type renamed from %s to %s", o.ParamsType, n.ParamsType)
	}
	d.paramList("query parameter", mapSlice(o.Query, paramOf), mapSlice(n.Query, paramOf))
	d.paramList("header parameter", mapSlice(o.HeaderParams, paramOf), mapSlice(n.HeaderParams, paramOf))
}

func mapSlice[T any](in []T, f func(T) param) []param {
	out := make([]param, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// paramList compares parameters or form fields by wire name: a removed
// one, another type, and one the API now needs break callers.
func (d *differ) paramList(what string, old, new []param) {
	oldWire, newWire := map[string]param{}, map[string]param{}
	for _, p := range old {
		oldWire[p.wire] = p
	}
	for _, p := range new {
		newWire[p.wire] = p
	}
	for _, p := range old {
		if _, ok := newWire[p.wire]; !ok {
			d.change(Breaking, ParamRemoved, fmt.Sprintf("%s %q", what, p.wire), p.typ, "", "%s %q removed", what, p.wire)
		}
	}
	for _, np := range new {
		subject := fmt.Sprintf("%s %q", what, np.wire)
		op, ok := oldWire[np.wire]
		switch {
		case !ok && np.required:
			d.change(Breaking, ParamAdded, subject, "", np.typ, "required %s %q added (%s)", what, np.wire, np.typ)
			continue
		case !ok:
			d.change(Additive, ParamAdded, subject, "", np.typ, "%s %q added (%s)", what, np.wire, np.typ)
			continue
		}
		if op.typ != np.typ {
			d.change(Breaking, ParamTypeChanged, subject, op.typ, np.typ, "%s %q changed type from %s to %s", what, np.wire, op.typ, np.typ)
		}
		switch {
		case !op.required && np.required:
			d.change(Breaking, ParamRequired, subject, "optional", "required", "%s %q made required", what, np.wire)
		case op.required && !np.required:
			d.change(Additive, ParamOptional, subject, "required", "optional", "%s %q made optional", what, np.wire)
		}
		switch {
		case op.disabled && !np.disabled:
			d.change(Info, ParamDefault, subject, "left out", "sent", "%s %q now sent by the collection by default", what, np.wire)
		case !op.disabled && np.disabled:
			d.change(Info, ParamDefault, subject, "sent", "left out", "%s %q now left out by the collection by default", what, np.wire)
		}
	}
}

// renamedWith reports whether a type name changed only because its
// operation was renamed: the old name starts with the old method name, the
// new one with the new, and the rest is the same.
func renamedWith(o, n *model.Operation, oldName, newName string) bool {
	if o.GoName == n.GoName {
		return false
	}
	os, ok1 := strings.CutPrefix(oldName, o.GoName)
	ns, ok2 := strings.CutPrefix(newName, n.GoName)
	return ok1 && ok2 && os == ns
}

var bodyKinds = map[model.BodyKind]string{
	model.BodyNone:      "none",
	model.BodyJSON:      "JSON",
	model.BodyText:      "text",
	model.BodyForm:      "urlencoded form",
	model.BodyMultipart: "multipart form",
	model.BodyFile:      "file",
}

func bodyKind(b *model.Body) string {
	if b == nil {
		return "none"
	}
	if s, ok := bodyKinds[b.Kind]; ok {
		return s
	}
	return fmt.Sprintf("body kind %d", int(b.Kind))
}

// body compares the request body: its presence and kind are the type of a
// method argument.
func (d *differ) body(o, n *model.Operation) {
	ob, nb := o.Body, n.Body
	ok, nk := bodyKind(ob), bodyKind(nb)
	switch {
	case ob == nil && nb == nil:
		return
	case ob == nil:
		d.change(Breaking, BodyChanged, "request body", ok, nk, "request body added (%s): the method takes a new argument", nk)
		return
	case nb == nil:
		d.change(Breaking, BodyChanged, "request body", ok, nk, "request body removed (was %s): the method takes one argument less", ok)
		return
	case ob.Kind != nb.Kind:
		d.change(Breaking, BodyChanged, "request body", ok, nk, "request body changed from %s to %s", ok, nk)
		return
	}
	if ob.ContentType != nb.ContentType {
		d.change(Info, ContentTypeChanged, "request body", ob.ContentType, nb.ContentType,
			"request content type changed from %s to %s", show(ob.ContentType), show(nb.ContentType))
	}
	switch nb.Kind {
	case model.BodyJSON:
		d.typeTree(roleRequest, o, n, ob.Type, nb.Type)
	case model.BodyForm, model.BodyMultipart:
		if ob.GoType != nb.GoType && !renamedWith(o, n, ob.GoType, nb.GoType) {
			d.change(Breaking, TypeRenamed, "request body", ob.GoType, nb.GoType, "form type renamed from %s to %s", ob.GoType, nb.GoType)
		}
		d.paramList("form field", mapSlice(ob.Fields, formFieldOf), mapSlice(nb.Fields, formFieldOf))
	}
}

var resultKinds = map[model.ResultKind]string{
	model.ResultBytes:  "raw bytes",
	model.ResultJSON:   "JSON",
	model.ResultText:   "text",
	model.ResultStream: "stream",
	model.ResultNone:   "nothing",
}

func resultKind(k model.ResultKind) string {
	if s, ok := resultKinds[k]; ok {
		return s
	}
	return fmt.Sprintf("result kind %d", int(k))
}

// result compares what the method returns.
func (d *differ) result(o, n *model.Operation) {
	if o.Result.Kind != n.Result.Kind {
		ok, nk := resultKind(o.Result.Kind), resultKind(n.Result.Kind)
		d.change(Breaking, ResponseChanged, "response", ok, nk, "response changed from %s to %s: the method returns another type", ok, nk)
		return
	}
	if n.Result.Kind == model.ResultJSON {
		d.typeTree(roleResponse, o, n, o.Result.Type, n.Result.Type)
	}
}

// errorBody compares the typed error body an APIError carries.
func (d *differ) errorBody(o, n *model.Operation) {
	switch {
	case o.ErrorType == nil && n.ErrorType == nil:
	case o.ErrorType == nil:
		d.change(Additive, ResponseChanged, "error body", "", typeText(n.ErrorType), "error responses now typed (%s)", typeText(n.ErrorType))
	case n.ErrorType == nil:
		d.change(Breaking, ResponseChanged, "error body", typeText(o.ErrorType), "", "error responses no longer typed (was %s)", typeText(o.ErrorType))
	default:
		d.typeTree(roleError, o, n, o.ErrorType, n.ErrorType)
	}
}

// examples compares saved examples by name; they only change the
// generated tests.
func (d *differ) examples(o, n *model.Operation) {
	names := func(op *model.Operation) map[string]bool {
		m := map[string]bool{}
		for _, ex := range op.Examples {
			m[ex.Name] = true
		}
		return m
	}
	on, nn := names(o), names(n)
	for _, ex := range o.Examples {
		if !nn[ex.Name] {
			d.change(Info, ExampleRemoved, fmt.Sprintf("example %q", ex.Name), ex.Name, "", "saved example %q removed", ex.Name)
			nn[ex.Name] = true // report a repeated name once
		}
	}
	for _, ex := range n.Examples {
		if !on[ex.Name] {
			d.change(Info, ExampleAdded, fmt.Sprintf("example %q", ex.Name), "", ex.Name, "saved example %q added (status %d)", ex.Name, ex.Status)
			on[ex.Name] = true
		}
	}
}
