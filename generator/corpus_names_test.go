package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/model"
)

// TestCorpusNames generates a few real collections that gave numbered
// type names (Errors2, Entities2, Accounts2, ...) and requires none: in
// each, the parent path tells the types apart. The collections are not
// committed; the test skips those that are missing.
func TestCorpusNames(t *testing.T) {
	if testing.Short() {
		t.Skip("generates large collections")
	}
	for _, file := range []string{
		"../../shared/corpus/x-api-v2.postman_collection.json",
		"../../shared/corpus/adyen-checkout-v71.postman_collection.json",
		"../../shared/zoho-oas/zoho-crm-v8.postman_collection.json",
	} {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".postman_collection.json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if os.IsNotExist(err) {
				t.Skip("no " + file)
			}
			if err != nil {
				t.Fatal(err)
			}
			res, err := Generate(model.Options{Name: file, Data: data, Package: "p"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Stats.Types == 0 {
				t.Fatal("no types")
			}
			if n := res.Stats.NumberedTypes; len(n) > 0 {
				t.Errorf("%d numbered type names: %v", len(n), n)
			}
			if n := res.Stats.NumberedMethods; len(n) > 0 {
				t.Errorf("%d numbered method names: %v", len(n), n)
			}
		})
	}
}
