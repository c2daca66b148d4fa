//go:build ignore

// Roundtrip is the Go half of compare.sh. For every sample set it decodes
// each sample into the type T that quicktype and zcrmgen produced, encodes
// the value back and compares the result with the sample as JSON values:
// objects by key (order aside), arrays in order, numbers by exact decimal
// value (32500.0 equals 32500, 0.1000000000000000055511151231257827 does not
// equal 0.1) and strings byte for byte after unescaping. It prints a
// Markdown table and the loss behind every sample that does not come back.
//
// compare.sh copies this file into a throwaway module as main.go, next to
// a generated sets.go that registers each set's two packages, and runs
//
//	go run . WORKDIR
//
// where WORKDIR holds sets.txt (set names in order) and, per set,
// samples/SET/*.json (samples; those named unseen-*.json were not shown to
// the generators), samples/SET/focus.txt (keys whose Go types the notes
// show, as dotted paths) and gen/SET/TOOL.err (why TOOL gave no package).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// impl is one tool's package for one set.
type impl struct {
	roundTrip func([]byte) ([]byte, error)
	typ       reflect.Type
}

// registry maps set and then tool ("quicktype", "zcrmgen") to its package;
// sets.go fills it.
var registry = map[string]map[string]impl{}

func register(set, tool string, roundTrip func([]byte) ([]byte, error), typ reflect.Type) {
	if registry[set] == nil {
		registry[set] = map[string]impl{}
	}
	registry[set][tool] = impl{roundTrip, typ}
}

var tools = []string{"quicktype", "zcrmgen"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: roundtrip WORKDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "roundtrip:", err)
		os.Exit(1)
	}
}

func run(work string) error {
	list, err := os.ReadFile(filepath.Join(work, "sets.txt"))
	if err != nil {
		return err
	}
	var losses []string
	fmt.Println("| set | samples | quicktype lossless | zcrmgen lossless | notes |")
	fmt.Println("|---|---|---|---|---|")
	for _, set := range strings.Fields(string(list)) {
		dir := filepath.Join(work, "samples", set)
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("set %s has no samples", set)
		}
		unseen := 0
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), "unseen-") {
				unseen++
			}
		}
		focus, _ := os.ReadFile(filepath.Join(dir, "focus.txt"))
		var notes []string
		for _, path := range strings.Fields(string(focus)) {
			var types []string
			for _, tool := range tools {
				if p, ok := registry[set][tool]; ok {
					types = append(types, tool+" "+code(lookup(p.typ, path)))
				}
			}
			notes = append(notes, code(shortPath(path))+": "+strings.Join(types, ", "))
		}
		counts := map[string]string{}
		for _, tool := range tools {
			p, ok := registry[set][tool]
			if !ok {
				why, _ := os.ReadFile(filepath.Join(work, "gen", set, tool+".err"))
				msg := strings.TrimSpace(string(why))
				if msg == "" {
					msg = "no package"
				}
				counts[tool] = "0 (" + cell(msg, 80) + ")"
				losses = append(losses, fmt.Sprintf("- %s, %s: %s", set, tool, strings.TrimSpace(string(why))))
				continue
			}
			ok2 := 0
			var first string
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				lost := check(p.roundTrip, data)
				if len(lost) == 0 {
					ok2++
					continue
				}
				if first == "" {
					first = filepath.Base(f) + ": " + lost[0]
					if len(lost) > 1 {
						first += fmt.Sprintf(" (and %d more)", len(lost)-1)
					}
				}
				losses = append(losses, fmt.Sprintf("- %s/%s, %s: %s", set, filepath.Base(f), tool, strings.Join(lost, "; ")))
			}
			counts[tool] = strconv.Itoa(ok2)
			if first != "" {
				notes = append(notes, tool+" loses "+first)
			}
		}
		samples := strconv.Itoa(len(files))
		if unseen > 0 {
			samples += fmt.Sprintf(" (%d unseen)", unseen)
		}
		fmt.Printf("| %s | %s | %s | %s | %s |\n", set, samples, counts["quicktype"], counts["zcrmgen"], cell(strings.Join(notes, "; "), 0))
	}
	fmt.Println()
	if len(losses) == 0 {
		fmt.Println("Every sample comes back unchanged from both.")
		return nil
	}
	fmt.Println("Losses:")
	fmt.Println()
	for _, l := range losses {
		fmt.Println(l)
	}
	return nil
}

// check decodes data into the package's T and encodes it back, and returns
// what was lost, nothing when the result equals data.
func check(roundTrip func([]byte) ([]byte, error), data []byte) (lost []string) {
	defer func() {
		if r := recover(); r != nil {
			lost = []string{fmt.Sprintf("panic: %v", r)}
		}
	}()
	out, err := roundTrip(data)
	if err != nil {
		return []string{"round trip fails: " + clip(err.Error(), 120)}
	}
	want, err := parse(data)
	if err != nil {
		return []string{"sample is not JSON: " + err.Error()}
	}
	got, err := parse(out)
	if err != nil {
		return []string{"output is not JSON: " + err.Error()}
	}
	diff("$", want, got, &lost)
	return lost
}

// shortJSONPath keeps the two ends of a long path.
func shortJSONPath(p string) string {
	if r := []rune(p); len(r) > 60 {
		return string(r[:20]) + "…" + string(r[len(r)-30:])
	}
	return p
}

// parse decodes one JSON value, keeping numbers as their text.
func parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("data after the value")
	}
	return v, nil
}

// diff appends to out a description of every place where got differs
// from want.
func diff(path string, want, got any, out *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			break
		}
		for _, k := range sortedKeys(w) {
			if gv, ok := g[k]; ok {
				diff(member(path, k), w[k], gv, out)
			} else {
				*out = append(*out, shortJSONPath(member(path, k))+" "+show(w[k])+" is dropped")
			}
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok {
				*out = append(*out, shortJSONPath(member(path, k))+" "+show(g[k])+" is added")
			}
		}
		return
	case []any:
		g, ok := got.([]any)
		if !ok {
			break
		}
		if len(w) != len(g) {
			break
		}
		for i := range w {
			diff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], out)
		}
		return
	case json.Number:
		g, ok := got.(json.Number)
		if ok && sameNumber(w, g) {
			return
		}
	default: // string, bool, nil
		if want == got {
			return
		}
	}
	*out = append(*out, shortJSONPath(path)+" "+show(want)+" becomes "+show(got))
}

// sameNumber reports whether two JSON numbers have the same exact value.
func sameNumber(a, b json.Number) bool {
	x, ok1 := new(big.Rat).SetString(string(a))
	y, ok2 := new(big.Rat).SetString(string(b))
	if !ok1 || !ok2 {
		return a == b
	}
	return x.Cmp(y) == 0
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var identifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// member returns the path of key k in the object at path.
func member(path, k string) string {
	if identifier.MatchString(k) {
		return path + "." + k
	}
	return path + "[" + strconv.Quote(k) + "]"
}

// show renders a JSON value briefly, numbers as their text.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b), 60)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// code wraps s in a Markdown code span.
func code(s string) string {
	if strings.Contains(s, "`") {
		return "``" + s + "``"
	}
	return "`" + s + "`"
}

// cell makes s fit a Markdown table cell, clipped to n runes when n > 0.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if n > 0 {
		s = clip(s, n)
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

// shortPath shortens a long dotted path to its last two keys.
func shortPath(p string) string {
	if p == "." {
		return "T"
	}
	parts := strings.Split(p, ".")
	if len(parts) <= 3 {
		return p
	}
	return "…." + strings.Join(parts[len(parts)-2:], ".")
}

// lookup finds the Go type of the member at a dotted path of JSON keys
// below t, looking through pointers, slices, maps, Nullable and unions,
// and describes it; "." describes t itself. It returns "?" when no field
// carries the key in its json tag.
func lookup(t reflect.Type, path string) string {
	if path == "." {
		return describe(t, true)
	}
	keys := strings.Split(path, ".")
	for i, key := range keys {
		f, ok := field(t, key)
		if !ok {
			return "?"
		}
		if i == len(keys)-1 {
			return describe(f, true)
		}
		t = f
	}
	return "?"
}

// field returns the type of the struct field tagged with key in t, the
// struct found by looking through t.
func field(t reflect.Type, key string) (reflect.Type, bool) {
	for range 8 {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem()
			continue
		case reflect.Struct:
		default:
			return nil, false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == key && f.Tag.Get("json") != "" {
				return f.Type, true
			}
		}
		if !isUnion(t) {
			return nil, false
		}
		// Nullable[T] and unions: look into the fields that hold objects.
		for i := range t.NumField() {
			if ft, ok := field(t.Field(i).Type, key); ok {
				return ft, true
			}
		}
		return nil, false
	}
	return nil, false
}

// describe writes a Go type briefly: generated named types by their bare
// name, unions and Nullable with their parts when top is true.
func describe(t reflect.Type, top bool) string {
	generated := t.PkgPath() != "" && strings.HasPrefix(t.PkgPath(), "qtcompare/")
	switch {
	case t.Kind() == reflect.Interface && t.NumMethod() == 0:
		return "interface{}"
	case generated && t.Kind() == reflect.String:
		return t.Name() + " (enum)"
	case t.Name() == "" || (generated && t.Kind() != reflect.Struct):
		switch t.Kind() {
		case reflect.Pointer:
			return "*" + describe(t.Elem(), top)
		case reflect.Slice:
			return "[]" + describe(t.Elem(), top)
		case reflect.Map:
			return "map[" + describe(t.Key(), false) + "]" + describe(t.Elem(), top)
		}
		return t.String()
	case !generated:
		return t.String()
	}
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 { // Nullable[T]
		return name[:i] + "[" + describe(t.Field(0).Type, top) + "]"
	}
	if top && isUnion(t) {
		parts := make([]string, t.NumField())
		for i := range parts {
			parts[i] = t.Field(i).Name + " " + describe(t.Field(i).Type, false)
		}
		return name + "{" + strings.Join(parts, "; ") + "}"
	}
	return name
}

// isUnion reports whether t is a generated struct whose fields are all
// exported and untagged: the way both tools write a value of several JSON
// kinds.
func isUnion(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.NumField() < 2 {
		return false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag != "" {
			return false
		}
	}
	return true
}
