package apidiff

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// FuzzDiff checks the comparison on arbitrary collections: a collection
// compared with itself has no change, and each edit the fuzzer picks is
// reported. pick chooses the request item; drop removes it (a breaking
// change), otherwise one member of its raw JSON body, chosen by key, takes
// another JSON kind (a change of that member). The seeds are the pairs
// under testdata.
func FuzzDiff(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		if strings.HasPrefix(filepath.Base(s), "want") {
			continue
		}
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint16(0), uint16(0), true)
		f.Add(data, uint16(2), uint16(1), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, pick, key uint16, drop bool) {
		if bytes.Contains(data, []byte(fuzzKey)) {
			return
		}
		var col any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if dec.Decode(&col) != nil {
			return
		}
		var items []requestItem
		collectItems(col, &items)
		if len(items) == 0 {
			return
		}
		it := items[int(pick)%len(items)]
		body, keys := rawObject(it.item)
		if !drop && body != nil {
			// Re-encode the body alone first, so that the two versions
			// differ only by the edit.
			setRaw(it.item, body)
		}
		base := encode(t, col)
		self, err := Collections(Input{Name: "base", Data: base}, Input{Name: "base", Data: base})
		if err != nil {
			return // the pipeline rejects the input; FuzzGenerate covers that
		}
		if len(self.Changes) != 0 {
			t.Fatalf("collection against itself: %d changes, first %q", len(self.Changes), self.Changes[0].Message)
		}
		if drop {
			list := it.parent["item"].([]any)
			it.parent["item"] = slices.Delete(slices.Clone(list), it.index, it.index+1)
			rep, err := Collections(Input{Name: "base", Data: base}, Input{Name: "edited", Data: encode(t, col)})
			if err != nil {
				t.Fatalf("dropping a request made the collection fail: %v", err)
			}
			if !rep.Breaking() {
				t.Fatalf("dropping request %d reported no breaking change: %+v", int(pick)%len(items), rep.Changes)
			}
			return
		}
		if len(keys) == 0 {
			return
		}
		api, err := generator.BuildModel(generator.Options{Name: "base", Data: base, Package: "client"})
		if err != nil || len(api.Operations) != len(items) {
			return
		}
		op := api.Operations[int(pick)%len(items)]
		if op.Body == nil || op.Body.Kind != model.BodyJSON || op.Body.Type == nil || len(op.Body.Type.Fields) == 0 {
			return // the builder does not type this body as a JSON object
		}
		k := keys[int(key)%len(keys)]
		if _, isObject := body[k].(map[string]any); isObject {
			body[k] = fuzzKey
		} else {
			body[k] = map[string]any{fuzzKey: 1}
		}
		setRaw(it.item, body)
		rep, err := Collections(Input{Name: "base", Data: base}, Input{Name: "edited", Data: encode(t, col)})
		if err != nil {
			t.Fatalf("retyping member %q made the collection fail: %v", k, err)
		}
		prefix := "request member " + member("", k)
		for _, c := range rep.Changes {
			if rest, ok := strings.CutPrefix(c.Subject, prefix); ok && (rest == "" || strings.ContainsAny(rest[:1], ".[(")) {
				return
			}
		}
		t.Fatalf("retyping member %q of %s was not reported: %+v", k, op.GoName, rep.Changes)
	})
}

// fuzzKey marks what the fuzz edit writes; inputs that hold it are
// skipped.
const fuzzKey = "zcrmgen_fuzz"

// requestItem is an item with a request, and where it sits.
type requestItem struct {
	item   map[string]any
	parent map[string]any // the collection or folder whose "item" list holds it
	index  int
}

// collectItems lists the request items of a decoded collection in
// document order, as the generator walks them: an item with an "item" key
// is a folder.
func collectItems(v any, out *[]requestItem) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	list, ok := obj["item"].([]any)
	if !ok {
		return
	}
	for i, e := range list {
		it, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if _, group := it["item"]; group {
			collectItems(it, out)
			continue
		}
		if r, ok := it["request"]; ok && r != nil {
			*out = append(*out, requestItem{item: it, parent: obj, index: i})
		}
	}
}

// rawObject returns the item's raw body decoded as a JSON object and its
// keys sorted, or nil.
func rawObject(item map[string]any) (map[string]any, []string) {
	req, _ := item["request"].(map[string]any)
	b, _ := req["body"].(map[string]any)
	raw, _ := b["raw"].(string)
	if raw == "" {
		return nil, nil
	}
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&obj) != nil || dec.More() || obj == nil {
		return nil, nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return obj, keys
}

// setRaw writes body as the item's raw body.
func setRaw(item map[string]any, body map[string]any) {
	data, err := json.Marshal(body)
	if err != nil {
		return
	}
	item["request"].(map[string]any)["body"].(map[string]any)["raw"] = string(data)
}

func encode(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
