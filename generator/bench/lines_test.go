package bench

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/write"
)

// zohoV8 is the Zoho CRM v8 collection whose generated package issue 12
// measures, relative to this package's directory.
const zohoV8 = "../../collections/zoho-crm-v8.postman_collection.json"

// zohoV8BaselineLines is the number of non-test lines of the package
// generated from zohoV8 when issue 12 was filed; its goal is at most half
// of it.
const zohoV8BaselineLines = 82_000

// TestZohoLines generates zohoV8 into a temporary directory, as zcrmgen
// writes it, and prints its non-test and test lines of Go next to issue
// 12's baseline and goal. It runs with ZCRMGEN_BENCH=1 (make bench).
func TestZohoLines(t *testing.T) {
	if os.Getenv("ZCRMGEN_BENCH") != "1" {
		t.Skip("set ZCRMGEN_BENCH=1 to measure")
	}
	data, err := os.ReadFile(zohoV8)
	if err != nil {
		t.Fatal(err)
	}
	res, err := generator.Generate(generator.Options{Name: filepath.Base(zohoV8), Data: data, Package: "zohocrm"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := write.Dir(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	nonTest, tests, err := goLines(dir)
	if err != nil {
		t.Fatal(err)
	}
	goal := zohoV8BaselineLines / 2
	met := "met"
	if nonTest > goal {
		met = "not met"
	}
	t.Logf("Zoho v8 (%s, %d operations): %d non-test lines of Go, %.2f× the issue's baseline of %d; goal at most %d (0.5×): %s. Test lines: %d.",
		filepath.Base(zohoV8), res.Stats.Endpoints, nonTest, float64(nonTest)/zohoV8BaselineLines, zohoV8BaselineLines, goal, met, tests)
}

// goLines counts the lines of the .go files under dir, apart from
// testdata: those of non-test files and those of _test.go files.
func goLines(dir string) (nonTest, tests int, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n := bytes.Count(data, []byte("\n"))
		if strings.HasSuffix(path, "_test.go") {
			tests += n
		} else {
			nonTest += n
		}
		return nil
	})
	return nonTest, tests, err
}
