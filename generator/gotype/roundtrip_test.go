package gotype_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/internal/gotool"
	"github.com/zcrmgen/zcrmgen/templates"
)

// roundTripCase is one type to generate. Every sample, every doc and
// every differ document must decode into the generated type and encode
// back to an equal document; the samples and docs without a Mismatch.
type roundTripCase struct {
	name    string
	samples []string
	docs    []string // documents beyond the samples that must also round-trip
	// differ are replies that differ from the samples, each with the paths
	// of the Mismatches it must give, joined by spaces ("" for none).
	differ [][2]string
}

func deepObject(n int) string {
	return strings.Repeat(`{"a":`, n) + `{"leaf":1.5}` + strings.Repeat(`}`, n)
}

var roundTripCases = []roundTripCase{
	{name: "union string or object", samples: []string{
		`{"query":{"module":"Contacts","fields":["Last_Name"]}}`,
		`{"query":{"module":{"api_name":"Leads"},"fields":["Email"]}}`,
	}},
	{name: "union array or object", samples: []string{`{"v":[{"a":1}]}`, `{"v":{"b":true}}`, `{"v":null}`}},
	{name: "union of scalars", samples: []string{`{"v":"5"}`, `{"v":5}`, `{"v":true}`, `{"v":"2024-01-02T03:04:05Z"}`}},
	{name: "nullable", samples: []string{`{"a":null,"o":{"x":1},"l":[1]}`, `{"a":"x","o":null,"l":null}`}},
	{name: "optional and nullable", samples: []string{
		`{"s":null,"o":null,"l":null,"r":null,"t":null}`,
		`{"s":"x","o":{"k":1},"l":[],"r":null,"t":"2024-01-02T03:04:05Z"}`,
		`{}`,
	}},
	{name: "optional", samples: []string{`{"s":"x","l":[1],"o":{}}`, `{}`}},
	{name: "all null", samples: []string{`{"a":null}`, `{"a":null}`}, docs: []string{`{"a":{"later":[1,"x"]}}`}},
	{name: "big integers", samples: []string{`{"n":9223372036854775808,"m":-9223372036854775809,"max":9223372036854775807}`, `{"n":1,"m":2,"max":-9223372036854775808}`}},
	{name: "float written with a fraction", samples: []string{`{"amount":32500.0}`, `{"amount":1}`}},
	{name: "beyond float64", samples: []string{`{"n":1e400}`, `{"n":-1e400}`, `{"n":1e-400}`}},
	{name: "more digits than float64", samples: []string{`{"n":0.1000000000000000055511151231257827}`, `{"n":0.1}`}},
	{name: "int and inexact float", samples: []string{`[9007199254740993, 1.5, 4.9e-324]`}},
	{name: "floats", samples: []string{`[0.1, 1e-7, 1E+21, -0.0, 5e-324, 1.7976931348623157e308]`}},
	{name: "date-times", samples: []string{
		`{"t":"2024-01-02T03:04:05+00:00","l":["2024-01-02T03:04:05.000Z","2024-01-02T03:04:05.120Z"]}`,
		`{"t":"2024-01-02T03:04:05.123456789-07:30","l":["2024-01-02T03:04:05Z"]}`,
	}},
	{name: "date-only strings", samples: []string{`{"d":"2024-01-02","e":"2024-01-02T03:04:05Z"}`, `{"d":"2024-12-31","e":"not a time"}`}},
	{name: "empty object and array", samples: []string{`{"o":{},"a":[],"n":[[]]}`, `{"o":{},"a":[],"n":[]}`}, docs: []string{`{"o":{"new":1},"a":[{"x":1},2],"n":[[null]]}`}},
	{name: "top-level array", samples: []string{`[{"id":1},{"id":2,"name":"x"}]`, `[]`}},
	{name: "top-level array of arrays", samples: []string{`[[1,2],[],null]`}},
	{name: "top-level string", samples: []string{`"x"`}},
	{name: "top-level time", samples: []string{`"2024-01-02T03:04:05.000Z"`}},
	{name: "top-level number", samples: []string{`12`, `null`}},
	{name: "top-level null", samples: []string{`null`}, docs: []string{`{"any":"thing"}`}},
	{name: "top-level union", samples: []string{`"x"`, `{"a":1}`, `[1]`, `false`, `2.5`}},
	{name: "mixed array", samples: []string{`[1,"a",{"x":1},[2],null,true,2.5]`}},
	{name: "deep nesting", samples: []string{deepObject(100), strings.Repeat("[", 300) + "1" + strings.Repeat("]", 300)}},
	{name: "deep nesting with nulls", samples: []string{`{"a":` + strings.Repeat("[null,", 150) + "[1,null]" + strings.Repeat("]", 150) + `}`}},
	{name: "awkward keys", samples: []string{
		`{"a b":1,"":2,"a\"b":3,"a,b":4,"Owner":{"id":"1"},"owner":"o","a` + "`" + `b":5,"-":6,"extra":7,"Extra":8,"*/":9,"new\nline":10,"\\":11,"名前":12,"MarshalJSON":13,"type":14,"$approved":15,"approved":16,"\u2028":17}`,
	}},
	{name: "unknown extra fields", samples: []string{`{"id":1,"owner":{"id":"2"}}`}, docs: []string{
		`{"id":2,"later":{"x":[1]},"z":null,"owner":{"id":"3","name":"added"}}`,
		`{"owner":{"id":"3"},"id":4}`,
	}},
	{name: "repeated key", samples: []string{`{"a":1,"a":2}`}},
	{name: "placeholders", samples: []string{
		`{"i":"<integer>","n":"<number>","b":"<boolean>","t":"<dateTime>","d":"<date>","s":"<string,null>","o":"<object>","z":"<null>","dn":"<date,null>","u":"<uuid>","mix":"<date>"}`,
		`{"i":5,"n":2,"b":false,"t":"2024-01-02T03:04:05+00:00","d":"2024-05-06","s":null,"o":[1,{"x":"y"}],"z":null,"dn":null,"mix":7}`,
	}, docs: []string{
		`{"i":-3,"n":1e3,"b":true,"t":"2024-01-02T03:04:05.000Z","d":"1999-12-31","s":"text","o":"any","z":{"later":1},"dn":"2024-02-29","u":"x","mix":"2024-01-02"}`,
	}},
	{name: "escaped strings", samples: []string{`{"s":"<a href=\"x\">&amp;</a>\u0000\t\ud83d\ude00"}`}},
	{name: "reply differs: absent, null and unknown members", samples: []string{
		`{"id":1,"name":"x","tags":["a"],"owner":{"id":"2"},"t":"2024-01-02T03:04:05Z","f":1.5}`,
	}, differ: [][2]string{
		{`{}`, ``},
		{`{"id":null,"name":null,"tags":null,"owner":null,"t":null,"f":null}`, ``},
		{`{"tags":[],"owner":{},"new":{"x":[1,null]},"id":0,"name":"","f":0}`, ``},
		{`{"owner":{"id":null,"more":true},"tags":[]}`, ``},
	}},
	{name: "reply differs: wrong kinds at the top level", samples: []string{
		`{"id":1,"name":"x","tags":["a"],"owner":{"id":"2"},"t":"2024-01-02T03:04:05Z","f":1.5,"n":9007199254740993}`,
	}, differ: [][2]string{
		{`{"id":"1","name":2,"tags":"a","owner":[1],"t":"2024-01-02","f":"1.5","n":{}}`, `f id n name owner t tags`},
		{`{"id":1.0,"f":0.1000000000000000055511151231257827,"n":1.5}`, `f id n`},
		{`{"id":9223372036854775808,"t":"yesterday","f":1e400}`, `f id t`},
		{`{"id":true,"name":false,"owner":"x","tags":{}}`, `id name owner tags`},
	}},
	{name: "reply differs: nested in objects and arrays", samples: []string{
		`{"data":[{"Owner":{"id":"1","name":"a"},"n":1,"l":[[1]]}],"info":{"more":true}}`,
	}, differ: [][2]string{
		{`{"data":[{"Owner":{"id":"1"}},{"Owner":{"id":2}},{"Owner":"x"}],"info":{"more":"yes"}}`, `data[1].Owner.id data[2].Owner info.more`},
		{`{"data":[{"n":1},{"n":"2"},{"l":[[1,"x"]]},{"l":[[1],null]}]}`, `data[1].n data[2].l data[3].l`},
		{`{"data":[{"n":1},null]}`, `data`},
		{`{"data":[{"Owner":{"id":"1","name":"a","x":{"y":[null]}}}],"info":{}}`, ``},
		{`{"data":{"n":1}}`, `data`},
	}},
	{name: "reply differs: unions", samples: []string{
		`{"v":[1,"x",{"a":1}],"w":"s","u":{"k":[{"a":true}]}}`, `{"v":[],"w":2,"u":"x"}`,
	}, differ: [][2]string{
		{`{"v":[1,true]}`, `v`},
		{`{"v":[{"a":"x"},{"b":1}],"w":true}`, `v[0].a w`},
		{`{"w":1.5,"u":[1]}`, `u w`},
		{`{"u":{"k":[{"a":1}]},"w":null,"v":null}`, `u.k[0].a`},
		{`{"v":[null]}`, `v`},
	}},
	{name: "reply differs: nullable and raw members", samples: []string{
		`{"a":null,"b":[1],"c":{"x":1},"r":null}`, `{"a":"x","b":null,"c":null,"r":null}`,
	}, differ: [][2]string{
		{`{"a":1,"b":[null],"c":[],"r":{"any":[1]}}`, `a b c`},
		{`{"a":null,"b":null,"c":null}`, ``},
		{`{}`, ``},
	}},
}

// checkSource is a package of the temporary module that compares JSON
// documents by value: objects as sets of members (the last of equal keys
// wins, as in decoding), numbers by exact decimal value.
const checkSource = `package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strings"
)

func decode(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// Equal reports how a and b differ as JSON values, or nil.
func Equal(a, b []byte) error {
	va, err := decode(a)
	if err != nil {
		return err
	}
	vb, err := decode(b)
	if err != nil {
		return err
	}
	return equal("$", va, vb)
}

func equal(path string, a, b any) error {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return fmt.Errorf("%s: %v != %v", path, a, b)
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok {
				return fmt.Errorf("%s: member %q is missing", path, k)
			}
			if err := equal(path+"."+k, v, w); err != nil {
				return err
			}
		}
		return nil
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return fmt.Errorf("%s: %v != %v", path, a, b)
		}
		for i := range a {
			if err := equal(fmt.Sprintf("%s[%d]", path, i), a[i], b[i]); err != nil {
				return err
			}
		}
		return nil
	case json.Number:
		b, ok := b.(json.Number)
		if !ok || !sameNumber(string(a), string(b)) {
			return fmt.Errorf("%s: %v != %v", path, a, b)
		}
		return nil
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Errorf("%s: %#v != %#v", path, a, b)
	}
	return nil
}

// sameNumber compares decimal values exactly; exponents are small here.
func sameNumber(a, b string) bool {
	ra, ok1 := new(big.Rat).SetString(strings.TrimPrefix(a, "+"))
	rb, ok2 := new(big.Rat).SetString(strings.TrimPrefix(b, "+"))
	return ok1 && ok2 && ra.Cmp(rb) == 0
}
`

// testSource returns the test of one generated package: every document
// decodes into typ, encodes to an equal document, and encodes the same
// way after decoding its own output. Each document comes with the paths of
// the Mismatches it must give, joined by spaces, or "+" for at least one.
func testSource(pkg, typ string, docs [][2]string, mismatches bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"encoding/json\"\n\t\"strings\"\n\t\"testing\"\n\n\t\"roundtrip/check\"\n)\n\nvar docs = [][2]string{\n", pkg)
	for _, d := range docs {
		fmt.Fprintf(&b, "\t{%s, %s},\n", strconv.Quote(d[0]), strconv.Quote(d[1]))
	}
	fmt.Fprintf(&b, `}

func TestRoundTrip(t *testing.T) {
	for i, d := range docs {
		doc := d[0]
		var v %[1]s
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Errorf("doc %%d: decode: %%v\nin: %%.300s", i, err, doc)
			continue
		}
		var paths []string
		%[2]s
		if got := strings.Join(paths, " "); d[1] == "+" && got == "" || d[1] != "+" && got != d[1] {
			t.Errorf("doc %%d: mismatches %%q, want %%q\nin: %%.300s", i, got, d[1], doc)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Errorf("doc %%d: encode: %%v", i, err)
			continue
		}
		if err := check.Equal([]byte(doc), out); err != nil {
			t.Errorf("doc %%d: %%v\nin:  %%.300s\nout: %%.300s", i, err, doc, out)
			continue
		}
		var w %[1]s
		if err := json.Unmarshal(out, &w); err != nil {
			t.Errorf("doc %%d: decode of the output: %%v", i, err)
			continue
		}
		again, err := json.Marshal(w)
		if err != nil || string(again) != string(out) {
			t.Errorf("doc %%d: second encoding differs: %%s\nfirst:  %%.300s\nsecond: %%.300s", i, err, out, again)
		}
	}
}
`, typ, mismatchLoop(mismatches))
	return b.String()
}

// mismatchLoop is the loop of testSource that lists the mismatch paths of
// v, when the package has the runtime's Mismatches.
func mismatchLoop(has bool) string {
	if !has {
		return "_ = v"
	}
	return "for _, m := range Mismatches(&v) {\n\t\t\tpaths = append(paths, m.Path)\n\t\t}"
}

// randomReply returns a reply that differs at random from one of the
// samples: members dropped, set to null or to values of any kind, unknown
// members added, elements added to arrays, a key repeated. Its members
// come sorted by key, mostly not in the order the fields were inferred in,
// so that decoding takes its second pass (the samples take the first).
func randomReply(rng *rand.Rand, samples []string) string {
	var v any
	if len(samples) > 0 {
		d := json.NewDecoder(strings.NewReader(samples[rng.IntN(len(samples))]))
		d.UseNumber()
		if d.Decode(&v) != nil {
			v = nil
		}
	}
	// The root and the elements of a root array keep their kind: what does
	// not fit there has no object to be kept in (encoding/json decodes a
	// root that is not an object), and fails or loses its value.
	out, err := json.Marshal(mutateInside(rng, v, false))
	if err != nil {
		panic(err)
	}
	// A key repeated before its member, with a value of any kind: the
	// last one wins, as with encoding/json.
	if m, ok := v.(map[string]any); ok && len(m) > 0 && rng.IntN(3) == 0 {
		first := sortedKeys(m)[0]
		key, _ := json.Marshal(first)
		dup, _ := json.Marshal(randomValue(rng, 2))
		out = append([]byte("{"+string(key)+":"+string(dup)+","), out[1:]...)
	}
	return string(out)
}

// mutate returns v changed at random, maybe for a value of another kind.
func mutate(rng *rand.Rand, v any) any {
	if rng.IntN(8) == 0 {
		return randomValue(rng, 2)
	}
	return mutateInside(rng, v, true)
}

// mutateInside changes the members or elements of v at random; elements
// keep their kind unless v is inside an object.
func mutateInside(rng *rand.Rand, v any, inObject bool) any {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			switch rng.IntN(8) {
			case 0:
				delete(v, k)
			case 1:
				v[k] = nil
			default:
				v[k] = mutate(rng, v[k])
			}
		}
		if rng.IntN(5) == 0 {
			v[fmt.Sprintf("new%d", rng.IntN(3))] = randomValue(rng, 2)
		}
	case []any:
		for i := range v {
			if inObject {
				v[i] = mutate(rng, v[i])
			} else {
				v[i] = mutateInside(rng, v[i], false)
			}
		}
		if !inObject {
			return v
		}
		switch rng.IntN(6) {
		case 0:
			v = append(v, randomValue(rng, 2))
		case 1:
			v = append(v, nil)
		}
		return v
	}
	return v
}

// randomValue returns a JSON value of any kind, nesting at most depth
// levels.
func randomValue(rng *rand.Rand, depth int) any {
	n := 11
	if depth == 0 {
		n = 9
	}
	switch rng.IntN(n) {
	case 0:
		return nil
	case 1:
		return rng.IntN(2) == 0
	case 2:
		return json.Number(strconv.FormatInt(rng.Int64N(2000)-1000, 10))
	case 3:
		return json.Number([]string{"9223372036854775808", "0.1", "-2.5e300", "1e400", "0.1000000000000000055511151231257827", "1.0", "-0"}[rng.IntN(7)])
	case 4, 5:
		return []string{"", "x", "2024-01-02T03:04:05.120Z", "2024-01-02", "é\n\"", "<&>"}[rng.IntN(6)]
	case 6, 7, 8:
		return json.Number(strconv.FormatFloat(rng.Float64()*100, 'g', -1, 64))
	case 9:
		m := map[string]any{}
		for range rng.IntN(3) {
			m[[]string{"a", "id", "x", "data"}[rng.IntN(4)]] = randomValue(rng, depth-1)
		}
		return m
	}
	var a []any
	for range rng.IntN(3) {
		a = append(a, randomValue(rng, depth-1))
	}
	if a == nil {
		a = []any{}
	}
	return a
}

// TestRoundTrip generates every case into one temporary module, one package
// each, plus one package holding every body of collections/*.json through
// one graph, and runs go vet and go test there once.
func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs generated code")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	dir := t.TempDir()
	if keep := os.Getenv("ZCRMGEN_ROUNDTRIP_DIR"); keep != "" {
		// Keep the module for a look, or for staticcheck.
		dir = keep
	}
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module roundtrip\n\ngo 1.22\n")
	write("check/check.go", checkSource)
	for i, tc := range roundTripCases {
		pkg := fmt.Sprintf("c%02d", i)
		var samples [][]byte
		for _, s := range tc.samples {
			samples = append(samples, []byte(s))
		}
		// The in-Go model of the generated code must agree with it.
		g := infer.NewGraph(naming.New(), naming.NewScope())
		root, err := g.Add("0", "Root", "", samples)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		g.Finish()
		// The samples stand for the values of the types their placeholders
		// name.
		var docs []string
		for _, s := range tc.samples {
			r, err := infer.Realize([]byte(s))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			docs = append(docs, string(r))
		}
		docs = append(docs, tc.docs...)
		for _, d := range docs {
			if err := root.Accepts([]byte(d)); err != nil {
				t.Errorf("%s: Accepts(%.100s): %v", tc.name, d, err)
			}
		}
		src, err := gotype.Source(pkg, "Root", samples, true)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkGenerated(t, tc.name, src)
		write(pkg+"/types.go", string(src))
		var cases [][2]string
		for _, d := range docs {
			cases = append(cases, [2]string{d, ""})
		}
		cases = append(cases, tc.differ...)
		for _, d := range tc.differ {
			if err := root.Accepts([]byte(d[0])); (err == nil) != (d[1] == "") {
				t.Errorf("%s: Accepts(%.100s) = %v, but the doc wants mismatches %q", tc.name, d[0], err, d[1])
			}
		}
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		for range 40 {
			// The in-Go model must agree with the runtime on what fits.
			doc, want := randomReply(rng, docs[:len(tc.samples)]), ""
			if root.Accepts([]byte(doc)) != nil {
				want = "+"
			}
			cases = append(cases, [2]string{doc, want})
		}
		write(pkg+"/roundtrip_test.go", testSource(pkg, "Root", cases, bytes.Contains(src, []byte("func Mismatches("))))
	}
	writeCollectionPackage(t, write)

	run := func(args ...string) {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = gotool.Env(os.Environ())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("vet", "./...")
	run("test", "-vet=off", "./...")
}

// checkGenerated checks what go vet does not: the header, and a doc
// comment starting with the name on every exported declaration.
func checkGenerated(t *testing.T, name string, src []byte) {
	t.Helper()
	if !bytes.HasPrefix(src, []byte(file.Header+"\n")) {
		t.Errorf("%s: no header on line 1", name)
	}
	for _, d := range exportedWithoutDoc(t, src) {
		t.Errorf("%s: %s has no doc comment starting with its name", name, d)
	}
}

// writeCollectionPackage infers every JSON body of collections/*.json in
// one graph, as the generator does for a collection, and writes the
// package with the runtime files it uses and a test over every body.
func writeCollectionPackage(t *testing.T, write func(name, data string)) {
	bodies := collectionBodies(t)
	if len(bodies) == 0 {
		return
	}
	g := infer.NewGraph(naming.New(), runtimeScope())
	f := jen.NewFile("collection")
	f.HeaderComment(file.Header)
	var tests strings.Builder
	tests.WriteString("package collection\n\nimport (\n\t\"encoding/json\"\n\t\"testing\"\n\n\t\"roundtrip/check\"\n)\n\nfunc TestBodies(t *testing.T) {\n\tfor i, c := range []struct {\n\t\tdoc string\n\t\tdecode func([]byte) ([]byte, error)\n\t}{\n")
	n := 0
	for _, body := range bodies {
		sample := infer.Sanitize([]byte(body))
		if !json.Valid(sample) {
			continue
		}
		name := fmt.Sprintf("Body%03d", n)
		root, err := g.Add(fmt.Sprintf("%03d", n), name, "", [][]byte{sample})
		if err != nil {
			t.Fatalf("body %d: %v", n, err)
		}
		if !root.Named() {
			f.Comment(name + " is the type of a body.").Line().Type().Id(name).Op("=").Add(gotype.Expr(root))
		}
		doc, err := infer.Realize(sample)
		if err != nil {
			t.Fatalf("body %d: %v", n, err)
		}
		fmt.Fprintf(&tests, "\t\t{%s, func(b []byte) ([]byte, error) { var v %s; if err := json.Unmarshal(b, &v); err != nil { return nil, err }; return json.Marshal(v) }},\n", strconv.Quote(string(doc)), name)
		n++
	}
	g.Finish()
	for _, d := range gotype.Decls(g) {
		f.Add(d)
		f.Line()
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, "collection", buf.Bytes())
	write("collection/types.go", buf.String())
	for _, name := range gotype.Uses(g) {
		for _, rf := range templates.RuntimeFiles() {
			if rf.Name == name {
				src := strings.Replace(string(rf.Data), "package runtime", "package collection", 1)
				write("collection/"+name, file.Header+"\n\n"+src)
			}
		}
	}
	tests.WriteString("\t} {\n\t\tout, err := c.decode([]byte(c.doc))\n\t\tif err != nil {\n\t\t\tt.Errorf(\"body %d: %v\", i, err)\n\t\t\tcontinue\n\t\t}\n\t\tif err := check.Equal([]byte(c.doc), out); err != nil {\n\t\t\tt.Errorf(\"body %d: %v\\nin:  %.300s\\nout: %.300s\", i, err, c.doc, out)\n\t\t}\n\t}\n}\n")
	write("collection/roundtrip_test.go", tests.String())
}
