package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/zcrmgen/zcrmgen/cmd/internal/gopkg"
)

// collection is one input file and the package it becomes.
type collection struct {
	file string // base name, e.g. deepl.postman_collection.json
	path string // as passed to the generator, for its messages
	pkg  string // the package name, also its directory in the work module
}

// name is how the table names the collection: its file name without the
// .postman_collection.json or .json suffix.
func (c collection) name() string {
	return trimSuffix(c.file)
}

func trimSuffix(file string) string {
	for _, s := range []string{".postman_collection.json", ".json"} {
		if strings.HasSuffix(file, s) && len(file) > len(s) {
			return strings.TrimSuffix(file, s)
		}
	}
	return file
}

// listCollections returns the *.json files of dir whose name matches re
// (every one for a nil re), sorted by name, each with a package name not
// in used, which it marks as used. Other files, such as MANIFEST.md, are
// not collections.
func listCollections(dir string, re *regexp.Regexp, used map[string]bool) ([]collection, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []collection
	// os.ReadDir sorts by file name, so the package names below do not
	// depend on the order the file system lists the directory in.
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || (re != nil && !re.MatchString(name)) {
			continue
		}
		out = append(out, collection{
			file: name,
			path: filepath.Join(dir, name),
			pkg:  uniqueName(pkgName(name), used),
		})
	}
	return out, nil
}

// pkgName derives a package name from a collection's file name the way
// zcrmgen's -package default does from a directory: drop the
// .postman_collection.json (or .json) suffix, lower-case, keep ASCII
// letters and digits, put "x" in front of a leading digit and "pkg" after
// a keyword or "main"; a name with nothing left is "collection".
// "adyen-checkout-v71.postman_collection.json" gives "adyencheckoutv71".
func pkgName(file string) string {
	return gopkg.Name(trimSuffix(file), "collection")
}

// uniqueName returns name, or name2, name3, ... when it is taken, and
// marks the result as taken. Files are visited in sorted order, so the
// first file keeps the bare name.
func uniqueName(name string, used map[string]bool) string {
	n := name
	for i := 2; used[n]; i++ {
		n = name + strconv.Itoa(i)
	}
	used[n] = true
	return n
}

// item is the part of a Postman item that counting examples needs.
type item struct {
	Item     []item            `json:"item"`
	Response []json.RawMessage `json:"response"`
}

// countExamples returns the number of saved example responses in a
// collection: the entries of every item's response list, at any folder
// depth. ok is false when data is not a JSON object with an item list.
func countExamples(data []byte) (n int, ok bool) {
	var root struct {
		Item *[]item `json:"item"`
	}
	if json.Unmarshal(data, &root) != nil || root.Item == nil {
		return 0, false
	}
	var walk func([]item)
	walk = func(items []item) {
		for _, it := range items {
			n += len(it.Response)
			walk(it.Item)
		}
	}
	walk(*root.Item)
	return n, true
}
