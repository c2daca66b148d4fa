// Package templates holds the runtime that every generated package carries:
// the Go files in runtime/, which are compiled, vetted and tested where they
// stand, embedded here and copied into each generated package with only the
// package clause changed and the generated-code header added.
package templates

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

// The pattern cannot reach outside this directory, which is why this file
// lives next to runtime/ rather than in the generator.
//
//go:embed runtime/*.go
var runtimeFS embed.FS

// File is one embedded runtime file.
type File struct {
	// Name is the base name, such as "client.go".
	Name string
	// Data is the file's content as written in runtime/.
	Data []byte
}

// notCopied are the runtime's source files that stay out of generated
// packages: doc.go (the runtime's own package comment; a generated package
// has its own) and export.go (which exposes runtime rules to the
// generator).
var notCopied = []string{"doc.go", "export.go"}

// RuntimeFiles returns the runtime source files, test files and
// [notCopied] excluded, sorted by name.
func RuntimeFiles() []File {
	return runtimeFiles(func(name string) bool {
		return !strings.HasSuffix(name, "_test.go") && !slices.Contains(notCopied, name)
	})
}

// RuntimeTestFiles returns the test helpers that generated packages carry:
// the runtime's _test.go files whose names start with "testing_", sorted by
// name. The runtime's other tests test the runtime itself and are not
// copied.
func RuntimeTestFiles() []File {
	return runtimeFiles(func(name string) bool {
		return strings.HasPrefix(name, "testing_") && strings.HasSuffix(name, "_test.go")
	})
}

// runtimeFiles returns the files in runtime/ whose names keep accepts,
// sorted by name. Each call returns fresh copies of the data.
func runtimeFiles(keep func(name string) bool) []File {
	entries, err := fs.ReadDir(runtimeFS, "runtime")
	if err != nil {
		// The directory is embedded at build time; failing to list it
		// breaks an invariant of this package.
		panic("templates: embedded runtime directory missing: " + err.Error())
	}
	var files []File
	for _, e := range entries {
		if e.IsDir() || !keep(e.Name()) {
			continue
		}
		data, err := runtimeFS.ReadFile("runtime/" + e.Name())
		if err != nil {
			panic("templates: embedded runtime file unreadable: " + err.Error())
		}
		files = append(files, File{Name: e.Name(), Data: data})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files
}
