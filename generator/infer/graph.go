package infer

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/naming"
)

// Graph collects every body of a collection, so that types shared between
// bodies are found and declared once. Add every body, then call Finish once.
type Graph struct {
	namer    *naming.Namer
	scope    *naming.Scope
	bodies   []*body
	keys     map[string]bool
	named    []*Type
	finished bool
}

// body is one added body.
type body struct {
	key  string
	name string
	// role says what the body is, for the root's doc comment (see Add).
	role string
	root *Type
}

// where says where t is, for its doc comment: the body's root name, final
// once Finish has named the root, then the path.
func (t *Type) where() string {
	name := t.at.body.name
	if t.at.body.root.Name != "" {
		name = t.at.body.root.Name
	}
	return name + t.at.rel
}

// NewGraph returns an empty graph. n names fields; reserved is the package
// scope, holding the names already taken (operations, the client, the
// runtime), in which [Graph.Finish] claims the type names. The names passed
// to [Graph.Add] must not be claimed in it beforehand, or the types get
// them with a number.
func NewGraph(n *naming.Namer, reserved *naming.Scope) *Graph {
	return &Graph{namer: n, scope: reserved, keys: map[string]bool{}}
}

// Add infers the type of one body from its samples, each one JSON text. It
// runs [Sanitize] on each sample first. name is the Go name wanted for the
// root type when it is an object or a union ("CreateJobResponse"); nested
// types are named from it and their field path, or by sharing, when
// [Graph.Finish] runs. key is a stable key, unique within the graph, that
// orders the bodies for naming ("0003/response"). role, when not "",
// says what the body is, for the root type's doc comment ("the request
// body of [Client.CreateJob]").
//
// A sample that is not valid JSON or nests deeper than [MaxDepth] makes
// Add fail with a [*SampleError] and leaves the graph unchanged, so the
// caller may add the body again without samples (which gives raw JSON).
// With no samples the type is [Unknown].
func (g *Graph) Add(key, name, role string, samples [][]byte) (*Type, error) {
	if g.finished {
		return nil, fmt.Errorf("infer: body %q added after Finish", key)
	}
	if g.keys[key] {
		return nil, fmt.Errorf("infer: body key %q added twice", key)
	}
	var s shape
	for i, data := range samples {
		data = Sanitize(data)
		if err := checkSample(i, data); err != nil {
			return nil, err
		}
		if err := s.addSample(i, data); err != nil {
			return nil, err
		}
	}
	if !token.IsIdentifier(name) || !token.IsExported(name) {
		name = g.namer.Exported(name)
	}
	root := s.build()
	if root.Named() {
		root.at = &placement{root: true}
	}
	b := &body{key: key, name: name, role: role, root: root}
	g.place(b, root, nil, name, name, "")
	g.bodies = append(g.bodies, b)
	g.keys[key] = true
	return root, nil
}

// place names the fields of the named types in t's tree and records, for
// each named type, its parent, the segment its context name adds, the name
// it wants when shared and where it is in body b. seg, short and where are
// for t itself.
func (g *Graph) place(b *body, t *Type, parent *Type, seg, short, where string) {
	switch t.Kind {
	case Array:
		g.place(b, t.Elem, parent, seg+"Item", short+"Item", where+"[]")
	case Object:
		t.place(parent, seg, short, b, where)
		// Every object type declares ExtraField and the two methods;
		// reserving them first keeps field names off them ("extra"
		// becomes Extra2). The unexported members cannot clash.
		fields := naming.NewScope(ExtraField, MarshalMethod, UnmarshalMethod)
		for _, f := range t.Fields {
			f.GoName = fields.Claim(g.namer.Exported(f.Key))
		}
		for _, f := range t.Fields {
			w := where + keyPath(f.Key)
			if f.Type.Kind == Array {
				// Elements of a field's array are named after the field
				// in the singular (an element of "tweets" is a Tweet),
				// unless a field of that name sits beside it.
				seg := g.namer.Singular(f.GoName)
				if seg != f.GoName && fields.Has(seg) {
					seg = f.GoName
				}
				g.place(b, f.Type.Elem, t, seg, seg, w+"[]")
			} else {
				g.place(b, f.Type, t, f.GoName, f.GoName, w)
			}
		}
	case Union:
		t.place(parent, seg, short, b, where)
		for _, v := range t.Variants {
			switch v.Kind {
			case Object:
				g.place(b, v, t, "Object", short+"Object", where+" (object)")
			case Array:
				g.place(b, v, t, "", short, where+" (array)")
			}
		}
	}
}

// place records where the named type t is (see [placement]).
func (t *Type) place(parent *Type, seg, short string, b *body, where string) {
	if t.at == nil {
		t.at = &placement{}
	}
	t.at.parent, t.at.seg, t.at.short, t.at.body, t.at.rel = parent, seg, short, b, where
}

// isRoot reports whether t is the root of a body and named.
func (t *Type) isRoot() bool { return t.at != nil && t.at.root }

// keyPath writes a key as a step of a where path: .key when it is a plain
// word, or ["key"] Go-quoted otherwise, so that no key can break a comment
// line.
func keyPath(key string) string {
	plain := key != ""
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$' || i > 0 && '0' <= c && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return "." + key
	}
	return "[" + strconv.Quote(key) + "]"
}

// Finish finds the shared types and names every object and union type of
// every body, in the order the package documentation gives. Call it once,
// after the last Add; later calls do nothing.
func (g *Graph) Finish() {
	if g.finished {
		return
	}
	g.finished = true
	slices.SortStableFunc(g.bodies, func(a, b *body) int { return strings.Compare(a.key, b.key) })

	// Structural identity, and the nested named types grouped by it, in
	// the order of their first place.
	ids := map[string]int{}
	groups := map[int][]*Type{}
	var order []int
	for _, b := range g.bodies {
		identify(b.root, ids)
		walk(b.root, func(t *Type) {
			if !t.Named() || t.isRoot() {
				return
			}
			if groups[t.at.id] == nil {
				order = append(order, t.at.id)
			}
			groups[t.at.id] = append(groups[t.at.id], t)
		})
	}

	// 1. Roots.
	for _, b := range g.bodies {
		if b.root.isRoot() {
			b.root.Name = g.scope.ClaimFirst(b.name, b.name+"Body")
			doc := b.root.Name + " is " + describe(b.root)
			if b.role != "" {
				doc += ", " + b.role
			}
			b.root.Doc = []string{doc + "."}
			g.named = append(g.named, b.root)
		}
	}
	// 2. Types in one place, parents before children.
	for _, b := range g.bodies {
		walk(b.root, func(t *Type) {
			if !t.Named() || t.isRoot() || len(groups[t.at.id]) != 1 {
				return
			}
			base := ""
			if t.at.parent != nil {
				base = t.at.parent.Name
			}
			t.Name = g.scope.Claim(base + t.at.seg)
			t.Doc = []string{t.Name + " is " + describe(t) + " at " + t.where() + "."}
			g.named = append(g.named, t)
		})
	}
	// 3. Shared types, parents before children (see sharedOrder), each
	// with the first free name of its candidates.
	type shared struct {
		want  string
		first int
		depth int
		types []*Type
	}
	var all []shared
	for i, id := range order {
		if ts := groups[id]; len(ts) > 1 {
			s := shared{want: mostCommon(ts), first: i, types: ts}
			for _, t := range ts {
				s.depth = max(s.depth, t.depth())
			}
			all = append(all, s)
		}
	}
	slices.SortFunc(all, func(a, b shared) int {
		return cmp.Or(cmp.Compare(a.depth, b.depth), strings.Compare(a.want, b.want), cmp.Compare(a.first, b.first))
	})
	for _, s := range all {
		name := g.scope.ClaimFirst(sharedNames(s.want, s.types)...)
		for _, t := range s.types {
			t.Name, t.Shared = name, true
		}
		rep := s.types[0]
		others := "other places"
		if len(s.types) == 2 {
			others = "other place"
		}
		rep.Doc = []string{fmt.Sprintf("%s is %s at %s and %d %s.", name, describe(rep), rep.where(), len(s.types)-1, others)}
		g.named = append(g.named, rep)
	}
	slices.SortFunc(g.named, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	// 4. Aliases.
	g.alias()
	g.share()
}

// share lets the named types of one structural identity hold one tree
// below them, the first place's, and drops what Finish needed of every
// type: a large collection repeats its records in many bodies, and each
// place kept a copy of the same fields and of every type in them.
//
// The trees are the same in all but the doc comments: an identity's
// places have the same fields (keys, Go names, optionality, nullability)
// and the same kinds below them, since all of that is in the identity,
// and every named type below the places of one identity is found in each
// of them, so it is shared and has the same name and alias in all. Only
// the one Type of each name that [Graph.Named] returns carries a doc
// comment, and it stays in that list.
func (g *Graph) share() {
	first := map[int]*Type{}
	for _, b := range g.bodies {
		walk(b.root, func(t *Type) {
			if !t.Named() {
				return
			}
			c := first[t.at.id]
			if c == nil {
				first[t.at.id] = t
				return
			}
			t.Fields, t.Variants = c.Fields, c.Variants
		})
	}
	for _, b := range g.bodies {
		walk(b.root, func(t *Type) { t.at = nil })
	}
}

// listedAliases is how many aliases the doc comment of the type they
// name lists by name; it counts the others.
const listedAliases = 3

// alias finds the named types that are the same as one of another name
// (roots, which keep their own names, and nested types the same as a
// root) and makes each an alias of the first of that shape in name order,
// which is declared before them and is never an alias itself. Every place
// of an alias gets its Alias, so that any walk of a body sees it. The
// alias's doc line says which type it is; the first line of the first
// type's doc goes on to name its aliases.
func (g *Graph) alias() {
	canon := map[int]*Type{}
	aliases := map[int][]*Type{}
	for _, t := range g.named {
		if canon[t.at.id] == nil {
			canon[t.at.id] = t
			continue
		}
		aliases[t.at.id] = append(aliases[t.at.id], t)
	}
	if len(aliases) == 0 {
		return
	}
	for _, b := range g.bodies {
		walk(b.root, func(t *Type) {
			if !t.Named() {
				return
			}
			if c := canon[t.at.id]; c != nil && c.Name != t.Name {
				t.Alias = c
			}
		})
	}
	for _, t := range g.named {
		if t.Alias != nil {
			t.Doc[0] = strings.TrimSuffix(t.Doc[0], ".") + "; it is the same type as [" + t.Alias.Name + "]."
		} else if as := aliases[t.at.id]; len(as) > 0 {
			t.Doc[0] = strings.TrimSuffix(t.Doc[0], ".") + "; " + aliasesLine(as)
		}
	}
}

// aliasesLine is the clause of a type's doc that names its aliases, in
// name order: the first listedAliases of them, then how many more there are.
func aliasesLine(as []*Type) string {
	var names []string
	for _, a := range as[:min(len(as), listedAliases)] {
		names = append(names, "["+a.Name+"]")
	}
	switch more := len(as) - len(names); {
	case len(as) == 1:
		return "its alias is " + names[0] + "."
	case more == 1:
		names = append(names, "1 more")
	case more > 1:
		names = append(names, strconv.Itoa(more)+" more")
	}
	return "its aliases are " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + "."
}

// Named returns one Type for each named type to declare, sorted by Name,
// aliases (see [Type.Alias]) among them. It is empty before
// [Graph.Finish].
func (g *Graph) Named() []*Type {
	return slices.Clone(g.named)
}

// Roots returns the root type of every body added, in the order of their
// keys once [Graph.Finish] has run.
func (g *Graph) Roots() []*Type {
	roots := make([]*Type, len(g.bodies))
	for i, b := range g.bodies {
		roots[i] = b.root
	}
	return roots
}

// depth is how many named types are around t: 0 for a root.
func (t *Type) depth() int {
	d := 0
	for p := t.at.parent; p != nil; p = p.at.parent {
		d++
	}
	return d
}

// sharedNames lists the names a shared type may take, in the order it
// tries them; the places ts are in the order of their body keys and walk,
// and every named type around them is named already.
//
//  1. want, the name most of its places want (the field key it is found
//     under most often).
//  2. The parent's name: when every place is inside types of one name (a
//     shared parent, or fields of one object), that name and the segment
//     (or want, when the places sit under different keys): Entities inside
//     the shared type Tweet is TweetEntities.
//  3. The common context: when every place is k named types deep in the
//     same fields (the same segments up the path, roots not counted), the
//     context name of those k levels, for k = 1, 2, ...: Entities found at
//     data.entities of several bodies, in types of different names, is
//     DataEntities.
//  4. The context name of each place in turn, as it would be named if it
//     were found there alone: its parent's name and its segment.
//  5. The path name of each place in turn: the root's name and every
//     segment down to it, even where the types around it are shared
//     (UsersByUsernameResponseDataEntities).
//
// Only when every candidate is taken does the scope number want.
func sharedNames(want string, ts []*Type) []string {
	names := []string{want}
	parent, seg := "", ""
	for i, t := range ts {
		if t.at.parent == nil {
			parent = ""
			break
		}
		if i == 0 {
			parent, seg = t.at.parent.Name, t.at.seg
			continue
		}
		if t.at.parent.Name != parent {
			parent = ""
			break
		}
		if t.at.seg != seg {
			seg = want
		}
	}
	if parent != "" {
		names = append(names, parent+seg)
	}
	for k := 1; ; k++ {
		name, ok := commonContext(ts, k)
		if !ok {
			break
		}
		names = append(names, name)
	}
	for _, t := range ts {
		if t.at.parent != nil {
			names = append(names, t.at.parent.Name+t.at.seg)
		}
	}
	for _, t := range ts {
		names = append(names, pathName(t))
	}
	return names
}

// pathName is t's name built from its whole path: the root's name and
// every segment down to t, whatever the types around it are named.
func pathName(t *Type) string {
	switch {
	case t.at.root:
		return t.Name
	case t.at.parent == nil:
		return t.at.seg
	}
	return pathName(t.at.parent) + t.at.seg
}

// commonContext returns the name made of t's segment and those of its k
// nearest named ancestors (not counting roots), the first ancestor's
// starting from the name it wants when shared; ok is false unless every
// type of ts has that many ancestors and the same name.
func commonContext(ts []*Type, k int) (name string, ok bool) {
	for i, t := range ts {
		n, ok := contextName(t, k)
		if !ok || i > 0 && n != name {
			return "", false
		}
		name = n
	}
	return name, true
}

func contextName(t *Type, k int) (string, bool) {
	if k == 0 {
		return t.at.short, true
	}
	if t.at.parent == nil || t.at.parent.at.root {
		return "", false
	}
	n, ok := contextName(t.at.parent, k-1)
	return n + t.at.seg, ok
}

// mostCommon returns the name most of ts want, the one that sorts first on
// a tie.
func mostCommon(ts []*Type) string {
	count := map[string]int{}
	best := ""
	for _, t := range ts {
		count[t.at.short]++
		if c, b := count[t.at.short], count[best]; best == "" || c > b || c == b && t.at.short < best {
			best = t.at.short
		}
	}
	return best
}

// identify gives t and every type in it a structural id: equal ids mean
// the same Go declaration. A type's own nullability is not part of its id
// (it belongs to the place), but the nullability and optionality of its
// fields and elements are. Named types of one id are declared once, under
// one name or as aliases of it, so everything of a type that the
// generated code or the model shows (keys, which give the field names,
// their order, kinds, optionality, nullability) must be in its id.
func identify(t *Type, ids map[string]int) int {
	var b strings.Builder
	b.WriteString(t.Kind.String())
	switch t.Kind {
	case Object:
		for _, f := range t.Fields {
			b.WriteString(strconv.Quote(f.Key))
			if f.Optional {
				b.WriteByte('?')
			}
			if f.Nullable {
				b.WriteByte('!')
			}
			b.WriteString(strconv.Itoa(identify(f.Type, ids)))
			b.WriteByte(';')
		}
	case Array:
		if t.Elem.Nullable {
			b.WriteByte('!')
		}
		b.WriteString(strconv.Itoa(identify(t.Elem, ids)))
	case Union:
		for _, v := range t.Variants {
			b.WriteString(strconv.Itoa(identify(v, ids)))
			b.WriteByte(';')
		}
	}
	sig := b.String()
	id, ok := ids[sig]
	if !ok {
		id = len(ids)
		ids[sig] = id
	}
	if t.at != nil {
		t.at.id = id
	}
	return id
}

// walk calls fn for t and every type in it, parents first, fields in order.
func walk(t *Type, fn func(*Type)) {
	fn(t)
	for _, f := range t.Fields {
		walk(f.Type, fn)
	}
	if t.Elem != nil {
		walk(t.Elem, fn)
	}
	for _, v := range t.Variants {
		walk(v, fn)
	}
}

// describe says what a named type is, for its doc comment.
func describe(t *Type) string {
	if t.Kind == Object {
		return "a JSON object"
	}
	var forms []string
	for _, v := range t.Variants {
		forms = append(forms, form(v.Kind))
	}
	return "a JSON value that is " + strings.Join(forms[:len(forms)-1], ", ") + " or " + forms[len(forms)-1]
}

// form names a union variant's kind in prose.
func form(k Kind) string {
	switch k {
	case Bool:
		return "a boolean"
	case Int, Float, BigNumber:
		return "a number"
	case Time:
		return "a date-time string"
	case Date:
		return "a date string"
	case String:
		return "a string"
	case Object:
		return "an object"
	}
	return "an array"
}
