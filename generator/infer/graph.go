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
	root *Type
}

// where says where t is, for its doc comment: the body's root name, final
// once Finish has named the root, then the path.
func (t *Type) where() string {
	name := t.body.name
	if t.body.root.Name != "" {
		name = t.body.root.Name
	}
	return name + t.rel
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
// orders the bodies for naming ("0003/response").
//
// A sample that is not valid JSON or nests deeper than [MaxDepth] makes
// Add fail with a [*SampleError] and leaves the graph unchanged, so the
// caller may add the body again without samples (which gives raw JSON).
// With no samples the type is [Unknown].
func (g *Graph) Add(key, name string, samples [][]byte) (*Type, error) {
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
		root.root = true
	}
	b := &body{key: key, name: name, root: root}
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
		t.parent, t.seg, t.short, t.body, t.rel = parent, seg, short, b, where
		// Extra holds unknown members in every object type, and the two
		// methods are declared on each; reserving them first keeps field
		// names off them ("extra" becomes Extra2).
		fields := naming.NewScope("Extra", "MarshalJSON", "UnmarshalJSON")
		for _, f := range t.Fields {
			f.GoName = fields.Claim(g.namer.Exported(f.Key))
			w := where + keyPath(f.Key)
			if f.Type.Kind == Array {
				// Elements of a field's array are named after the field.
				g.place(b, f.Type.Elem, t, f.GoName, f.GoName, w+"[]")
			} else {
				g.place(b, f.Type, t, f.GoName, f.GoName, w)
			}
		}
	case Union:
		t.parent, t.seg, t.short, t.body, t.rel = parent, seg, short, b, where
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
			if !t.Named() || t.root {
				return
			}
			if groups[t.id] == nil {
				order = append(order, t.id)
			}
			groups[t.id] = append(groups[t.id], t)
		})
	}

	// 1. Roots.
	for _, b := range g.bodies {
		if b.root.root {
			b.root.Name = g.scope.Claim(b.name)
			b.root.Doc = []string{b.root.Name + " is " + describe(b.root) + "."}
			g.named = append(g.named, b.root)
		}
	}
	// 2. Types in one place, parents before children.
	for _, b := range g.bodies {
		walk(b.root, func(t *Type) {
			if !t.Named() || t.root || len(groups[t.id]) != 1 {
				return
			}
			base := ""
			if t.parent != nil {
				base = t.parent.Name
			}
			t.Name = g.scope.Claim(base + t.seg)
			t.Doc = []string{t.Name + " is " + describe(t) + " at " + t.where() + "."}
			g.named = append(g.named, t)
		})
	}
	// 3. Shared types.
	type shared struct {
		want  string
		first int
		types []*Type
	}
	var all []shared
	for i, id := range order {
		if ts := groups[id]; len(ts) > 1 {
			all = append(all, shared{want: mostCommon(ts), first: i, types: ts})
		}
	}
	slices.SortFunc(all, func(a, b shared) int {
		return cmp.Or(strings.Compare(a.want, b.want), cmp.Compare(a.first, b.first))
	})
	for _, s := range all {
		name := g.scope.Claim(s.want)
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
}

// Named returns one Type for each named type to declare, sorted by Name. It
// is empty before [Graph.Finish].
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

// mostCommon returns the name most of ts want, the one that sorts first on
// a tie.
func mostCommon(ts []*Type) string {
	count := map[string]int{}
	best := ""
	for _, t := range ts {
		count[t.short]++
		if c, b := count[t.short], count[best]; best == "" || c > b || c == b && t.short < best {
			best = t.short
		}
	}
	return best
}

// identify gives t and every type in it a structural id: equal ids mean
// the same Go declaration. A type's own nullability is not part of its id
// (it belongs to the place), but the nullability and optionality of its
// fields and elements are.
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
	t.id = id
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
