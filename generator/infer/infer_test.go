package infer

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/naming"
)

// inferOne infers one body named Root from samples, checks that the type
// accepts every sample, and returns the printed type.
func inferOne(t *testing.T, samples ...string) string {
	t.Helper()
	g := NewGraph(naming.New(), naming.NewScope())
	var bs [][]byte
	for _, s := range samples {
		bs = append(bs, []byte(s))
	}
	root, err := g.Add("0", "Root", "", bs)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	g.Finish()
	for i, s := range bs {
		// Placeholders name types; the values they stand for must fit.
		doc, err := Realize(Sanitize(s))
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		if err := root.Accepts(doc); err != nil {
			t.Errorf("sample %d not accepted: %v\n%s", i, err, root)
		}
	}
	return root.String()
}

func TestInfer(t *testing.T) {
	for _, tc := range []struct {
		name    string
		samples []string
		want    string
	}{
		{
			name:    "scalars",
			samples: []string{`{"id":"1","n":3,"price":1.5,"ok":true}`},
			want: `object Root {
  "id": string
  "n": int
  "price": float
  "ok": bool
}`,
		},
		{
			name: "optional and nullable",
			samples: []string{
				`{"req":1,"reqNull":null,"opt":1,"optNull":null}`,
				`{"req":2,"reqNull":2,"optNull":5}`,
				`{"req":3,"reqNull":3,"opt":2}`,
			},
			want: `object Root {
  "req": int
  "reqNull": nullable int
  "opt" optional: int
  "optNull" optional: nullable int
}`,
		},
		{
			name:    "key order is first appearance across samples",
			samples: []string{`{"b":1,"a":1}`, `{"c":1,"a":1,"d":1,"b":1}`},
			want: `object Root {
  "b": int
  "a": int
  "c" optional: int
  "d" optional: int
}`,
		},
		{
			name:    "null in every sample keeps raw JSON",
			samples: []string{`{"x":null,"y":null}`, `{"x":null}`},
			want: `object Root {
  "x": nullable raw
  "y" optional: nullable raw
}`,
		},
		{
			name: "numbers by their text",
			samples: []string{
				`{"i":1,"f":32500.0,"mix":1,"big":9223372036854775808,"max":9223372036854775807,"huge":1e400,"fine":0.1000000000000000055511151231257827,"exp":1e3,"neg":-0,"tiny":4.9e-324,"ok":0.1}`,
				`{"i":-2,"f":2,"mix":2.5,"big":1,"max":-9223372036854775808,"huge":1,"fine":0.5,"exp":2,"neg":0,"tiny":1,"ok":1e-7}`,
			},
			want: `object Root {
  "i": int
  "f": float
  "mix": float
  "big": number
  "max": int
  "huge": number
  "fine": number
  "exp": float
  "neg": int
  "tiny": number
  "ok": float
}`,
		},
		{
			name: "int mixed with an inexact float is a number",
			samples: []string{
				`[9007199254740993, 1.5]`,
			},
			want: `[]number`,
		},
		{
			name: "date-times",
			samples: []string{
				`{"a":"2024-01-02T03:04:05+00:00","b":"2024-01-02","c":"2024-01-02T03:04:05Z","d":"x"}`,
				`{"a":"2024-01-02T03:04:05.000Z","b":"2024-01-03","c":"soon","d":"2024-01-02T03:04:05Z"}`,
				`{"a":"2024-01-02T03:04:05.120Z"}`,
			},
			want: `object Root {
  "a": time
  "b" optional: string
  "c" optional: string
  "d" optional: string
}`,
		},
		{
			name: "string or object is a union",
			samples: []string{
				`{"query":{"module":"Contacts"}}`,
				`{"query":{"module":{"api_name":"Leads","id":"1"}}}`,
			},
			want: `object Root {
  "query": object RootQuery {
    "module": union RootQueryModule {
      string
      object RootQueryModuleObject {
        "api_name": string
        "id": string
      }
    }
  }
}`,
		},
		{
			name:    "array or object is a union",
			samples: []string{`{"v":[{"a":1}]}`, `{"v":{"b":true}}`, `{"v":null}`},
			want: `object Root {
  "v": nullable union RootV {
    object RootVObject {
      "b": bool
    }
    []object RootVItem {
      "a": int
    }
  }
}`,
		},
		{
			name:    "elements of arrays of objects merge",
			samples: []string{`{"data":[{"a":1},{"a":2,"b":"x"}]}`, `{"data":[{"a":3,"c":null}]}`},
			want: `object Root {
  "data": []object RootData {
    "a": int
    "b" optional: string
    "c" optional: nullable raw
  }
}`,
		},
		{
			name:    "empty object and arrays empty everywhere",
			samples: []string{`{"o":{},"a":[],"n":[[]]}`, `{"o":{},"a":[],"n":[]}`},
			want: `object Root {
  "o": object RootO {}
  "a": []raw
  "n": [][]raw
}`,
		},
		{
			name:    "top-level array",
			samples: []string{`[{"id":1}]`, `[]`},
			want: `[]object RootItem {
  "id": int
}`,
		},
		{
			name:    "nested arrays name their elements with Item",
			samples: []string{`{"m":[[{"x":1}]]}`},
			want: `object Root {
  "m": [][]object RootMItem {
    "x": int
  }
}`,
		},
		{name: "top-level scalar", samples: []string{`"x"`, `"y"`}, want: `string`},
		{name: "top-level null and number", samples: []string{`5`, `null`}, want: `nullable int`},
		{name: "only null", samples: []string{`null`}, want: `nullable raw`},
		{name: "no samples", samples: nil, want: `raw`},
		{
			name:    "mixed array",
			samples: []string{`[1,"a",{"x":1},[2],null,true,2.5]`},
			want: `[]nullable union RootItem {
  bool
  float
  string
  object RootItemObject {
    "x": int
  }
  []int
}`,
		},
		{
			name:    "top-level union",
			samples: []string{`"x"`, `{"a":1}`},
			want: `union Root {
  string
  object RootObject {
    "a": int
  }
}`,
		},
		{
			name:    "awkward keys",
			samples: []string{`{"a b":1,"":2,"a\"b":3,"a,b":4,"Owner":5,"owner":6,"extra":7,"Extra":8,"type":9,"$approved":10,"approved":11,"a` + "`" + `b":12,"名前":13}`},
			want: `object Root {
  "a b": int
  "": int
  "a\"b": int
  "a,b": int
  "Owner": int
  "owner": int
  "extra": int
  "Extra": int
  "type": int
  "$approved": int
  "approved": int
  "a` + "`" + `b": int
  "名前": int
}`,
		},
		{
			name:    "a repeated key counts once toward presence",
			samples: []string{`{"a":1,"a":"x"}`, `{"b":1}`},
			want: `object Root {
  "a" optional: union RootA {
    int
    string
  }
  "b" optional: int
}`,
		},
		{
			name:    "bare Postman variables are null",
			samples: []string{"{\"id\": {{userId}}, \"n\": {{a\nb}}, \"s\": \"{{kept}}\"}", `{"id": 5, "n": 1, "s": "x"}`},
			want: `object Root {
  "id": nullable int
  "n": nullable int
  "s": string
}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := inferOne(t, tc.samples...); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestFieldNames(t *testing.T) {
	g := NewGraph(naming.New(), naming.NewScope())
	root, err := g.Add("0", "Root", "", [][]byte{[]byte(`{"a b":1,"":2,"a\"b":3,"Owner":5,"owner":6,"extra":7,"Extra":8,"type":9,"$approved":10,"approved":11,"MarshalJSON":12,"2fa":13,"id":14}`)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range root.Fields {
		got = append(got, f.GoName)
	}
	want := "AB Empty AB2 Owner Owner2 Extra2 Extra3 Type Approved Approved2 MarshalJSON2 X2fa ID"
	if strings.Join(got, " ") != want {
		t.Errorf("field names = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestSampleErrors(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, tc := range []struct {
		name    string
		samples []string
		want    string
	}{
		{"syntax", []string{`{}`, "{\n  \"a\": 1,\n  \"b\": }"}, "sample 1: invalid JSON: invalid character '}' looking for beginning of value at line 3, col 8"},
		{"truncated", []string{`{"a":`}, "sample 0: invalid JSON: unexpected end of JSON input at line 1, col 6"},
		{"trailing", []string{`{} x`}, "sample 0: invalid JSON: invalid character 'x' after top-level value at line 1, col 4"},
		{"empty", []string{``}, "sample 0: invalid JSON: unexpected end of JSON input at line 1, col 1"},
		{"too deep", []string{strings.Repeat("[", 513) + strings.Repeat("]", 513)}, "sample 0: nesting deeper than 512 levels at line 1, col 513"},
		{"far too deep", []string{deep}, "exceeded max depth"},
		{"unclosed variable", []string{`{"a": {{x}`}, "sample 0: invalid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph(naming.New(), naming.NewScope())
			var bs [][]byte
			for _, s := range tc.samples {
				bs = append(bs, []byte(s))
			}
			_, err := g.Add("0", "Root", "", bs)
			var se *SampleError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SampleError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to contain %q", err, tc.want)
			}
			// The failed body left nothing behind: the same key can be added.
			if _, err := g.Add("0", "Root", "", nil); err != nil {
				t.Errorf("Add after a failed Add: %v", err)
			}
		})
	}
	t.Run("512 levels are fine", func(t *testing.T) {
		inferOne(t, strings.Repeat("[", 512)+strings.Repeat("]", 512))
	})
}

func TestGraphErrors(t *testing.T) {
	g := NewGraph(naming.New(), naming.NewScope())
	if _, err := g.Add("k", "A", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Add("k", "B", "", nil); err == nil {
		t.Error("a repeated key was accepted")
	}
	g.Finish()
	if _, err := g.Add("k2", "C", "", nil); err == nil {
		t.Error("Add after Finish was accepted")
	}
}

// tbody is a sample body for graph tests.
type tbody struct {
	key, name string
	samples   []string
}

func buildGraph(t *testing.T, scope *naming.Scope, bodies ...tbody) (*Graph, map[string]*Type) {
	t.Helper()
	if scope == nil {
		scope = naming.NewScope()
	}
	g := NewGraph(naming.New(), scope)
	roots := map[string]*Type{}
	for _, b := range bodies {
		var bs [][]byte
		for _, s := range b.samples {
			bs = append(bs, []byte(s))
		}
		r, err := g.Add(b.key, b.name, "", bs)
		if err != nil {
			t.Fatal(err)
		}
		roots[b.key] = r
	}
	g.Finish()
	return g, roots
}

func namedList(g *Graph) string {
	var b strings.Builder
	for _, t := range g.Named() {
		b.WriteString(t.Name)
		if t.Shared {
			b.WriteString(" (shared)")
		}
		b.WriteString(": " + strings.Join(t.Doc, " / ") + "\n")
	}
	return b.String()
}

func TestShared(t *testing.T) {
	user := `{"id":"1","name":"Ann"}`
	g, roots := buildGraph(t, nil,
		tbody{"2/response", "GetRecordsResponse", []string{`{"data":[{"Owner":` + user + `,"Created_By":` + user + `,"Modified_By":` + user + `,"Tag":{"name":"t"}}]}`}},
		tbody{"1/request", "CreateRecordsRequest", []string{`{"data":[{"Owner":` + user + `,"Created_By":` + user + `,"Modified_By":` + user + `,"Layout":{"name":"t","id":"2"}}]}`}},
		tbody{"3/response", "GetUsersResponse", []string{`{"users":[{"Created_By":` + user + `,"Modified_By":` + user + `}]}`}},
		// The same as a nested type: a root keeps its name, as an alias.
		tbody{"4/response", "WhoAmIResponse", []string{user}},
	)
	want := `CreateRecordsRequest: CreateRecordsRequest is a JSON object.
CreateRecordsRequestData: CreateRecordsRequestData is a JSON object at CreateRecordsRequest.data[].
CreateRecordsRequestDataLayout: CreateRecordsRequestDataLayout is a JSON object at CreateRecordsRequest.data[].Layout.
CreatedBy (shared): CreatedBy is a JSON object at CreateRecordsRequest.data[].Owner and 7 other places; its alias is [WhoAmIResponse].
GetRecordsResponse: GetRecordsResponse is a JSON object.
GetRecordsResponseData: GetRecordsResponseData is a JSON object at GetRecordsResponse.data[].
GetRecordsResponseDataTag: GetRecordsResponseDataTag is a JSON object at GetRecordsResponse.data[].Tag.
GetUsersResponse: GetUsersResponse is a JSON object.
GetUsersResponseUser: GetUsersResponseUser is a JSON object at GetUsersResponse.users[].
WhoAmIResponse: WhoAmIResponse is a JSON object; it is the same type as [CreatedBy].
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
	// Field order differs from {"id","name"}: not the same type.
	if n := roots["2/response"].Fields[0].Type.Elem.Fields[3].Type.Name; n != "GetRecordsResponseDataTag" {
		t.Errorf("Tag = %s", n)
	}
	// Every place of the shared type has its name.
	for _, f := range roots["3/response"].Fields[0].Type.Elem.Fields {
		if f.Type.Name != "CreatedBy" || !f.Type.Shared {
			t.Errorf("%s: %s", f.Key, f.Type.Name)
		}
	}
}

func TestSharedNested(t *testing.T) {
	// A shared type's nested types are shared too, named by their own key;
	// nullability of the place is not part of the type.
	owner := `{"id":"1","address":{"city":"X"}}`
	g, _ := buildGraph(t, nil,
		tbody{"1", "A", []string{`{"owner":` + owner + `}`}},
		tbody{"2", "B", []string{`{"owner":` + owner + `,"boss":` + owner + `}`, `{"owner":null,"boss":` + owner + `}`}},
		tbody{"3", "C", []string{`{"x":{"module":"Leads"}}`, `{"x":{"module":{"api_name":"Leads"}}}`}},
		tbody{"4", "D", []string{`{"y":{"module":{"api_name":"Deals"}}}`, `{"y":{"module":"Deals"}}`}},
	)
	want := `A: A is a JSON object.
Address (shared): Address is a JSON object at A.owner.address and 2 other places.
B: B is a JSON object.
C: C is a JSON object.
D: D is a JSON object.
Module (shared): Module is a JSON value that is a string or an object at C.x.module and 1 other place.
ModuleObject (shared): ModuleObject is a JSON object at C.x.module (object) and 1 other place.
Owner (shared): Owner is a JSON object at A.owner and 2 other places.
X (shared): X is a JSON object at C.x and 1 other place.
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
}

func TestNameCollisions(t *testing.T) {
	scope := naming.NewScope("Client", "NewClient", "Time")
	g, _ := buildGraph(t, scope,
		tbody{"1", "Client", []string{`{"a":{"b":1},"a_b":{"c":1},"time":{"d":1}}`}},
		tbody{"2", "Client", []string{`{}`}},
		tbody{"3", "not a go name!", []string{`{}`}},
	)
	// A root whose name is taken tries it with Body, then a number.
	want := `Client2: Client2 is a JSON object; its alias is [NotAGoName].
ClientBody: ClientBody is a JSON object.
ClientBodyA: ClientBodyA is a JSON object at ClientBody.a.
ClientBodyAB: ClientBodyAB is a JSON object at ClientBody.a_b.
ClientBodyTime: ClientBodyTime is a JSON object at ClientBody.time.
NotAGoName: NotAGoName is a JSON object; it is the same type as [Client2].
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
	g, _ = buildGraph(t, nil, tbody{"1", "R", []string{`{"a_b":{"c":1},"a":{"b":{"d":2}}}`}})
	want = `R: R is a JSON object.
RA: RA is a JSON object at R.a.
RAB: RAB is a JSON object at R.a_b.
RAB2: RAB2 is a JSON object at R.a.b.
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
}

func TestAliases(t *testing.T) {
	errBody := `{"code":"INVALID_DATA","details":{},"message":"m","status":"error"}`
	// Added out of name order: the first in name order is declared, the
	// others are aliases of it, whatever their keys and order of Add.
	g, roots := buildGraph(t, nil,
		tbody{"1/error", "GetCurrenciesError", []string{errBody}},
		tbody{"2/error", "AddCurrenciesError", []string{errBody}},
		tbody{"3/error", "UpdateCurrenciesError", []string{errBody, "null"}},
		tbody{"4/error", "DeleteCurrencyError", []string{errBody}},
		tbody{"5/error", "CreateTerritoriesError", []string{errBody}},
		tbody{"6/error", "DeleteTerritoriesError", []string{errBody}},
		// Not the same: a key missing in one sample (optionality), a
		// member null in one sample (nullability), keys in another order,
		// another key.
		tbody{"7/error", "OptionalError", []string{errBody, `{"code":"X","details":{},"message":"m"}`}},
		tbody{"8/error", "NullableError", []string{errBody, `{"code":null,"details":{},"message":"m","status":"error"}`}},
		tbody{"9/error", "OrderError", []string{`{"details":{},"code":"INVALID_DATA","message":"m","status":"error"}`}},
		tbody{"10/error", "KeyError", []string{`{"Code":"INVALID_DATA","details":{},"message":"m","status":"error"}`}},
		// A root the same as a nested type; the nested type is in two
		// places, named after its key.
		tbody{"11/response", "GetOwnersResponse", []string{`{"owner":{"id":"1"},"user":{"id":"2"}}`}},
		tbody{"12/response", "WhoAmIResponse", []string{`{"id":"3"}`}},
		// Two unions of the same forms.
		tbody{"13/response", "UnionA", []string{`1`, `"s"`}},
		tbody{"14/response", "UnionB", []string{`"t"`, `2`}},
	)
	want := `AddCurrenciesError: AddCurrenciesError is a JSON object; its aliases are [CreateTerritoriesError], [DeleteCurrencyError], [DeleteTerritoriesError] and 2 more.
CreateTerritoriesError: CreateTerritoriesError is a JSON object; it is the same type as [AddCurrenciesError].
DeleteCurrencyError: DeleteCurrencyError is a JSON object; it is the same type as [AddCurrenciesError].
DeleteTerritoriesError: DeleteTerritoriesError is a JSON object; it is the same type as [AddCurrenciesError].
Details (shared): Details is a JSON object at GetCurrenciesError.details and 9 other places.
GetCurrenciesError: GetCurrenciesError is a JSON object; it is the same type as [AddCurrenciesError].
GetOwnersResponse: GetOwnersResponse is a JSON object.
KeyError: KeyError is a JSON object.
NullableError: NullableError is a JSON object.
OptionalError: OptionalError is a JSON object.
OrderError: OrderError is a JSON object.
Owner (shared): Owner is a JSON object at GetOwnersResponse.owner and 1 other place; its alias is [WhoAmIResponse].
UnionA: UnionA is a JSON value that is a number or a string; its alias is [UnionB].
UnionB: UnionB is a JSON value that is a number or a string; it is the same type as [UnionA].
UpdateCurrenciesError: UpdateCurrenciesError is a JSON object; it is the same type as [AddCurrenciesError].
WhoAmIResponse: WhoAmIResponse is a JSON object; it is the same type as [Owner].
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
	canon := roots["2/error"]
	if canon.Alias != nil {
		t.Errorf("AddCurrenciesError is an alias of %s", canon.Alias.Name)
	}
	for _, key := range []string{"1/error", "3/error", "4/error", "5/error", "6/error"} {
		// A root's own nullability belongs to its place, as for nested
		// types: UpdateCurrenciesError is *AddCurrenciesError where used.
		if r := roots[key]; r.Alias != canon {
			t.Errorf("%s: Alias = %v, want AddCurrenciesError", r.Name, r.Alias)
		}
	}
	if !roots["3/error"].Nullable {
		t.Error("UpdateCurrenciesError lost its nullability")
	}
	for _, key := range []string{"7/error", "8/error", "9/error", "10/error", "11/response", "13/response"} {
		if r := roots[key]; r.Alias != nil {
			t.Errorf("%s is an alias of %s", r.Name, r.Alias.Name)
		}
	}
	// Every place of the nested type declared first carries no Alias;
	// the root the same as it names it.
	for _, f := range roots["11/response"].Fields {
		if f.Type.Name != "Owner" || f.Type.Alias != nil {
			t.Errorf("%s: %s, alias %v", f.Key, f.Type.Name, f.Type.Alias)
		}
	}
	if a := roots["12/response"].Alias; a == nil || a.Name != "Owner" || a.Alias != nil {
		t.Errorf("WhoAmIResponse: Alias = %v", a)
	}
	if a := roots["14/response"].Alias; a != roots["13/response"] {
		t.Errorf("UnionB: Alias = %v", a)
	}
}

func TestAliasesNested(t *testing.T) {
	// A nested type the same as a root whose name sorts first is an alias
	// in every place it is found.
	g, roots := buildGraph(t, nil,
		tbody{"1", "ZetaResponse", []string{`{"item":{"id":1},"items":[{"id":2}]}`}},
		tbody{"2", "AlphaResponse", []string{`{"id":3}`}},
	)
	want := `AlphaResponse: AlphaResponse is a JSON object; its alias is [Item].
Item (shared): Item is a JSON object at ZetaResponse.item and 1 other place; it is the same type as [AlphaResponse].
ZetaResponse: ZetaResponse is a JSON object.
`
	if got := namedList(g); got != want {
		t.Errorf("named types:\n%s\nwant:\n%s", got, want)
	}
	z := roots["1"]
	for _, it := range []*Type{z.Fields[0].Type, z.Fields[1].Type.Elem} {
		if it.Name != "Item" || it.Alias != roots["2"] {
			t.Errorf("%s: Alias = %v", it.Name, it.Alias)
		}
	}
}

func TestAliasesLine(t *testing.T) {
	names := func(ns ...string) []*Type {
		var ts []*Type
		for _, n := range ns {
			ts = append(ts, &Type{Name: n})
		}
		return ts
	}
	for _, tc := range []struct {
		as   []*Type
		want string
	}{
		{names("B"), "its alias is [B]."},
		{names("B", "C"), "its aliases are [B] and [C]."},
		{names("B", "C", "D"), "its aliases are [B], [C] and [D]."},
		{names("B", "C", "D", "E"), "its aliases are [B], [C], [D] and 1 more."},
		{names("B", "C", "D", "E", "F"), "its aliases are [B], [C], [D] and 2 more."},
	} {
		if got := aliasesLine(tc.as); got != tc.want {
			t.Errorf("%d aliases: %q, want %q", len(tc.as), got, tc.want)
		}
	}
}

func TestStableNames(t *testing.T) {
	// Changing or adding bodies renames nothing in other bodies.
	a := tbody{"1", "A", []string{`{"x":{"y":{"z":1}},"l":[{"m":1}]}`}}
	b := tbody{"2", "B", []string{`{"x":{"q":1}}`}}
	names := func(bodies ...tbody) map[string]bool {
		g, _ := buildGraph(t, nil, bodies...)
		m := map[string]bool{}
		for _, t := range g.Named() {
			m[t.Name] = true
		}
		return m
	}
	before := names(a, b)
	after := names(tbody{"0", "Z", []string{`{"x":{"y":{"z":"changed"}}}`}}, a, tbody{"2", "B", []string{`{"x":{"q":1,"r":2}}`}}, tbody{"3", "C", []string{`{"l":[{"m":"s"}]}`}})
	for _, n := range []string{"A", "AX", "AXY", "AL"} {
		if !before[n] || !after[n] {
			t.Errorf("%s: before %v, after %v", n, before[n], after[n])
		}
	}
}

func TestDeterministic(t *testing.T) {
	bodies := []tbody{
		{"3", "C", []string{`{"u":{"id":1,"name":"x"},"v":{"id":2,"name":"y"}}`}},
		{"1", "A", []string{`{"o":{"id":1,"name":"x"},"p":[{"a":1}]}`}},
		{"2", "B", []string{`{"o":{"id":1,"name":"x"},"p":[{"a":"s"}]}`}},
	}
	g, _ := buildGraph(t, nil, bodies...)
	first := namedList(g)
	for i := 0; i < 20; i++ {
		// The order of Add does not matter, only the keys.
		rev := []tbody{bodies[(i+1)%3], bodies[i%3], bodies[(i+2)%3]}
		g, _ := buildGraph(t, nil, rev...)
		if got := namedList(g); got != first {
			t.Fatalf("run %d:\n%s\nfirst:\n%s", i, got, first)
		}
	}
	want := `A: A is a JSON object.
AP: AP is a JSON object at A.p[].
B: B is a JSON object.
BP: BP is a JSON object at B.p[].
C: C is a JSON object.
O (shared): O is a JSON object at A.o and 3 other places.
`
	if first != want {
		t.Errorf("named types:\n%s\nwant:\n%s", first, want)
	}
}

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a": {{x}}}`, `{"a": null }`},
		{`{"a": "{{x}}"}`, `{"a": "{{x}}"}`},
		{`{"a": "\"{{x}}", "b": {{y}}}`, `{"a": "\"{{x}}", "b": null }`},
		{"[{{a\nb}}, {{}}]", "[null  \n, null]"},
		{`{{x}`, `{{x}`},
		{`[{{a}},{{bb}}]`, `[null ,null  ]`},
	} {
		if got := string(Sanitize([]byte(tc.in))); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	in := []byte(`{"a":1}`)
	if out := Sanitize(in); &out[0] != &in[0] {
		t.Error("Sanitize copied a body with nothing to replace")
	}
}

func TestAccepts(t *testing.T) {
	g := NewGraph(naming.New(), naming.NewScope())
	root, err := g.Add("0", "R", "", [][]byte{
		[]byte(`{"i":1,"f":1.5,"t":"2024-01-02T03:04:05Z","u":"x","o":{"a":1},"l":[1],"n":null}`),
		[]byte(`{"i":2,"f":2,"t":"2024-01-02T03:04:05Z","u":{"b":2},"l":[],"n":null,"opt":true}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	g.Finish()
	for _, tc := range []struct{ doc, want string }{
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05+01:00","u":"y","l":[],"n":{"any":1},"extra":[1,2]}`, ""},
		{`{"i":1,"i":"x","f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1}`, `$.i: string does not fit int`},
		{`{"i":"x","i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1}`, ""},
		{`{"i":1.5,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1}`, `$.i: number 1.5 does not fit int exactly`},
		{`{"i":1,"f":0.1000000000000000055511151231257827,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1}`, `$.f: number`},
		{`{"i":1,"f":1,"t":"2024-01-02","u":"y","l":[],"n":1}`, `$.t: "2024-01-02" is not an RFC 3339 date-time`},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":true,"l":[],"n":1}`, `$.u: boolean does not fit union`},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":{"b":"x"},"l":[],"n":1}`, `$.u.b: string does not fit int`},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[null],"n":1}`, `$.l[0]: null where int is not nullable`},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1,"opt":null}`, ``},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","n":1}`, ``},
		{`{}`, ``},
		{`{"i":1,"f":1,"t":"2024-01-02T03:04:05Z","u":"y","l":[],"n":1,"o":{"a":1,"b":2}}`, ``},
		{`null`, `$: null where object is not nullable`},
		{`[`, `not valid JSON`},
	} {
		err := root.Accepts([]byte(tc.doc))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Accepts(%s) = %v", tc.doc, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("Accepts(%s) = %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		text         string
		int64, exact bool
	}{
		{"0", true, true},
		{"-0", true, true},
		{"9223372036854775807", true, false},
		{"9223372036854775808", false, false},
		{"9007199254740992", true, true},
		{"9007199254740993", true, false},
		{"32500.0", false, true},
		{"1e400", false, false},
		{"1e-400", false, false},
		{"1E+2", false, true},
		{"0.1", false, true},
		{"0.1000000000000000055511151231257827", false, false},
		{"100000000000000000000", false, true},
		{"-0.0", false, true},
		{"1e99999999999999999999", false, false},
		{"1e-99999999999999999999", false, false},
		{"0e99999999999999999999", false, false},
	} {
		if got := classify(tc.text); got.int64 != tc.int64 || got.exact != tc.exact {
			t.Errorf("classify(%s) = %+v, want int64 %v exact %v", tc.text, got, tc.int64, tc.exact)
		}
	}
}

func TestSharedNameCollisions(t *testing.T) {
	// Types that want the same name and differ in shape are told apart
	// by their context; a number is the last resort.
	tweets := `"includes":{"tweets":[{"id":"1","entities":{"urls":[{"url":"u"}]}}]}`
	for _, tc := range []struct {
		name     string
		reserved []string
		bodies   []tbody
		want     string
		numbered []string
	}{
		{
			name: "the parent's name",
			bodies: []tbody{
				{"1", "PostResponse", []string{`{"data":{"entities":{"hashtags":[{"tag":"a"}]}},` + tweets + `}`}},
				{"2", "PostsResponse", []string{`{"data":[{"entities":{"hashtags":[{"tag":"a"}]}}],` + tweets + `}`}},
				{"3", "UserResponse", []string{`{"data":{"entities":{"description":{"x":1}}}}`}},
				{"4", "UsersResponse", []string{`{"data":[{"entities":{"description":{"x":1}}}]}`}},
				{"5", "MeResponse", []string{`{"data":{"entities":{"description":{"x":1}}}}`}},
			},
			want: `Data (shared): Data is a JSON object at PostResponse.data and 1 other place.
Description (shared): Description is a JSON object at UserResponse.data.entities.description and 2 other places.
Entities (shared): Entities is a JSON object at PostResponse.data.entities and 1 other place.
Hashtag (shared): Hashtag is a JSON object at PostResponse.data.entities.hashtags[] and 1 other place.
Includes (shared): Includes is a JSON object at PostResponse.includes and 1 other place.
MeResponse: MeResponse is a JSON object; its alias is [UserResponse].
PostResponse: PostResponse is a JSON object.
PostsResponse: PostsResponse is a JSON object.
Tweet (shared): Tweet is a JSON object at PostResponse.includes.tweets[] and 1 other place.
TweetEntities (shared): TweetEntities is a JSON object at PostResponse.includes.tweets[].entities and 1 other place.
URL (shared): URL is a JSON object at PostResponse.includes.tweets[].entities.urls[] and 1 other place.
UserResponse: UserResponse is a JSON object; it is the same type as [MeResponse].
UserResponseData (shared): UserResponseData is a JSON object at UserResponse.data and 2 other places.
UserResponseDataEntities (shared): UserResponseDataEntities is a JSON object at UserResponse.data.entities and 2 other places.
UsersResponse: UsersResponse is a JSON object.
`,
		},
		{
			name: "the common context when the parents differ",
			bodies: []tbody{
				{"0", "C", []string{`{"meta":{"b":1}}`}},
				{"1", "A", []string{`{"page":{"meta":{"a":1}}}`}},
				{"2", "B", []string{`{"page":{"meta":{"a":1},"z":1}}`}},
				{"3", "D", []string{`{"meta":{"b":1}}`}},
			},
			want: `A: A is a JSON object.
APage: APage is a JSON object at A.page.
B: B is a JSON object.
BPage: BPage is a JSON object at B.page.
C: C is a JSON object; its alias is [D].
D: D is a JSON object; it is the same type as [C].
Meta (shared): Meta is a JSON object at C.meta and 1 other place.
PageMeta (shared): PageMeta is a JSON object at A.page.meta and 1 other place.
`,
		},
		{
			name: "identical shapes across bodies are one type",
			bodies: []tbody{
				{"1", "A", []string{`{"owner":{"id":1,"name":"a"}}`}},
				{"2", "B", []string{`{"boss":{"id":2,"name":"b"},"owner":{"id":3,"name":"c"}}`}},
			},
			want: `A: A is a JSON object.
B: B is a JSON object.
Owner (shared): Owner is a JSON object at A.owner and 2 other places.
`,
		},
		{
			name:     "a number when every candidate is taken",
			reserved: []string{"X", "AX", "BX"},
			bodies: []tbody{
				{"1", "A", []string{`{"x":{"v":1}}`}},
				{"2", "B", []string{`{"x":{"v":1}}`}},
			},
			want: `A: A is a JSON object; its alias is [B].
B: B is a JSON object; it is the same type as [A].
X2 (shared): X2 is a JSON object at A.x and 1 other place.
`,
			numbered: []string{"X2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scope := naming.NewScope(tc.reserved...)
			g, _ := buildGraph(t, scope, tc.bodies...)
			if got := namedList(g); got != tc.want {
				t.Errorf("named types:\n%s\nwant:\n%s", got, tc.want)
			}
			if got := scope.Numbered(); !slices.Equal(got, tc.numbered) {
				t.Errorf("numbered = %v, want %v", got, tc.numbered)
			}
		})
	}
}

func TestElementNames(t *testing.T) {
	// The element type of an array is named after its field in the
	// singular, unless a field of that name sits beside it.
	got := inferOne(t, `{"entities":[{"a":1}],"tweet":{"b":1},"tweets":[{"c":1}],"data":[{"d":1}],"ids":[{"e":1}]}`)
	want := `object Root {
  "entities": []object RootEntity {
    "a": int
  }
  "tweet": object RootTweet {
    "b": int
  }
  "tweets": []object RootTweets {
    "c": int
  }
  "data": []object RootData {
    "d": int
  }
  "ids": []object RootID {
    "e": int
  }
}`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
