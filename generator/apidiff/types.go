package apidiff

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// role is which body a type tree is: callers build request bodies and
// read response and error bodies, so optionality weighs the other way.
type role int

const (
	roleRequest role = iota
	roleResponse
	roleError
)

var roleNames = [...]string{roleRequest: "request", roleResponse: "response", roleError: "error"}

// typeTree compares the type trees of one body, member by member by JSON
// key.
func (d *differ) typeTree(r role, o, n *model.Operation, ot, nt *infer.Type) {
	w := &walker{d: d, role: r, o: o, n: n}
	w.walk("", ot, nt)
	w.split(ot, nt)
}

// declared maps every named type of a model to the name of the type it is
// declared as: its own, or that of the type it is an alias of (see
// [infer.Type.Alias]); groups lists the names of each declared type, in
// name order.
type declared struct {
	as     map[string]string
	groups map[string][]string
}

func declaredTypes(api *model.API) declared {
	d := declared{as: map[string]string{}, groups: map[string][]string{}}
	if api.Types == nil {
		return d
	}
	for _, t := range api.Types.Named() {
		as := t.Name
		if t.Alias != nil {
			as = t.Alias.Name
		}
		d.as[t.Name] = as
		d.groups[as] = append(d.groups[as], t.Name)
	}
	return d
}

// split reports a body type that was the same Go type as other named
// types (aliases of one declaration) and is no longer the same as some of
// them, though they are still declared: code that used one for the other
// stops compiling. Types that become the same break nothing and are not
// reported.
func (w *walker) split(o, n *infer.Type) {
	if o == nil || n == nil || !o.Named() || !n.Named() {
		return
	}
	old, new := w.d.oldTypes, w.d.newTypes
	now := new.as[n.Name]
	var lost []string
	for _, name := range old.groups[old.as[o.Name]] {
		if as, ok := new.as[name]; ok && name != o.Name && name != n.Name && as != now {
			lost = append(lost, name)
		}
	}
	if len(lost) > 0 {
		list := strings.Join(lost, ", ")
		w.change(Breaking, TypeSplit, "", list, "", "type %s is no longer the same Go type as %s", n.Name, list)
	}
}

type walker struct {
	d    *differ
	role role
	o, n *model.Operation
}

// subject names a place in the body: "response body" for the root,
// "response member data[].id" below it.
func (w *walker) subject(path string) string {
	if path == "" {
		return roleNames[w.role] + " body"
	}
	return roleNames[w.role] + " member " + path
}

func (w *walker) change(class Class, kind Kind, path, old, new, format string, args ...any) {
	w.d.change(class, kind, w.subject(path), old, new, "%s %s", w.subject(path), fmt.Sprintf(format, args...))
}

// plainKey matches keys that read well unquoted in a member path.
var plainKey = regexp.MustCompile(`^[A-Za-z_$@][A-Za-z0-9_$@-]*$`)

// member extends a member path by one key: data.id, or data["a b"].
func member(path, key string) string {
	if !plainKey.MatchString(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// typeText describes a type for messages: "string", "nullable int",
// "[]object Owner".
func typeText(t *infer.Type) string {
	if t == nil {
		return "none"
	}
	s := ""
	if t.Nullable {
		s = "nullable "
	}
	switch {
	case t.Kind == infer.Array:
		return s + "[]" + typeText(t.Elem)
	case t.Named() && t.Name != "":
		return s + t.Kind.String() + " " + t.Name
	}
	return s + t.Kind.String()
}

// sameShape reports whether two types have the same kind and nullability
// at the top, so that their insides can be compared.
func sameShape(o, n *infer.Type) bool {
	return o.Kind == n.Kind && o.Nullable == n.Nullable
}

func (w *walker) walk(path string, o, n *infer.Type) {
	if o == nil || n == nil {
		if o != n {
			w.change(Breaking, MemberTypeChanged, path, typeText(o), typeText(n), "changed type from %s to %s", typeText(o), typeText(n))
		}
		return
	}
	if !sameShape(o, n) {
		w.change(Breaking, MemberTypeChanged, path, typeText(o), typeText(n), "changed type from %s to %s", typeText(o), typeText(n))
		return
	}
	if o.Named() && o.Name != n.Name && !renamedWith(w.o, w.n, o.Name, n.Name) {
		w.change(Breaking, TypeRenamed, path, o.Name, n.Name, "type renamed from %s to %s", o.Name, n.Name)
	}
	switch n.Kind {
	case infer.Array:
		w.walk(path+"[]", o.Elem, n.Elem)
	case infer.Object:
		w.fields(path, o, n)
	case infer.Union:
		w.variants(path, o, n)
	}
}

// fields compares an object's members by JSON key.
func (w *walker) fields(path string, o, n *infer.Type) {
	oldKey, newKey := map[string]*infer.Field{}, map[string]*infer.Field{}
	for _, f := range o.Fields {
		oldKey[f.Key] = f
	}
	for _, f := range n.Fields {
		newKey[f.Key] = f
	}
	for _, f := range o.Fields {
		if newKey[f.Key] == nil {
			w.change(Breaking, MemberRemoved, member(path, f.Key), typeText(f.Type), "", "removed")
		}
	}
	for _, nf := range n.Fields {
		p := member(path, nf.Key)
		of := oldKey[nf.Key]
		if of == nil {
			w.change(Additive, MemberAdded, p, "", typeText(nf.Type), "added (%s)", typeText(nf.Type))
			continue
		}
		if of.Optional != nf.Optional {
			w.optionality(p, nf.Optional)
		}
		w.walk(p, of.Type, nf.Type)
	}
}

// optionality reports a member that became required or optional: in a
// request a newly required member breaks callers that leave it out, in a
// response a newly optional one breaks callers that count on it.
func (w *walker) optionality(path string, is bool) {
	request := w.role == roleRequest
	switch {
	case is && request:
		w.change(Additive, MemberOptional, path, "required", "optional", "made optional")
	case is:
		w.change(Breaking, MemberOptional, path, "required", "optional", "made optional: not in every sample")
	case request:
		w.change(Breaking, MemberRequired, path, "optional", "required", "made required: in every sample")
	default:
		w.change(Info, MemberRequired, path, "optional", "required", "made required")
	}
}

// variants compares a union's forms, one per JSON kind.
func (w *walker) variants(path string, o, n *infer.Type) {
	byKind := func(t *infer.Type) map[infer.Kind]*infer.Type {
		m := map[infer.Kind]*infer.Type{}
		for _, v := range t.Variants {
			m[v.Kind] = v
		}
		return m
	}
	ok, nk := byKind(o), byKind(n)
	for _, v := range o.Variants {
		if nk[v.Kind] == nil {
			w.change(Breaking, MemberTypeChanged, path, typeText(o), typeText(n), "no longer takes the %s form", v.Kind)
		}
	}
	for _, v := range n.Variants {
		ov := ok[v.Kind]
		if ov == nil {
			w.change(Additive, MemberTypeChanged, path, typeText(o), typeText(n), "takes a new %s form", v.Kind)
			continue
		}
		w.walk(path+"("+v.Kind.String()+")", ov, v)
	}
}
