// Package templates holds the runtime that every generated package carries:
// the Go files in runtime/, which are compiled, vetted and tested where they
// stand, embedded here and copied into each generated package with only the
// package clause changed and the generated-code header added.
package templates

import (
	"embed"
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
	// When says when the file is copied into a generated package.
	When When
}

// When says when a runtime file is copied into a generated package.
type When int

// The conditions of [Copied].
const (
	// Never: the file stays in the runtime.
	Never When = iota
	// Always: every generated package carries the file.
	Always
	// IfTypesUse: the generated types need the file (gotype.Uses names it).
	IfTypesUse
	// IfZoho: the collection targets Zoho's APIs.
	IfZoho
	// IfZohoPager: the collection targets Zoho's APIs and some operation
	// pages through its results.
	IfZohoPager
	// IfTests: the package has generated tests (a test file the tests use).
	IfTests
)

// Copied is the one table of when each runtime file is copied into a
// generated package, sorted by name. It lists every source file of runtime/
// and the test files generated packages carry (TestCopiedTable checks
// both); the runtime's other tests test the runtime itself and are never
// copied.
func Copied() []File {
	return []File{
		{Name: "auth.go", When: Always},
		{Name: "client.go", When: Always},
		// The runtime's own package comment; a generated package has its own.
		{Name: "doc.go", When: Never},
		{Name: "errors.go", When: Always},
		// It exposes runtime rules to the generator.
		{Name: "export.go", When: Never},
		{Name: "json.go", When: IfTypesUse},
		{Name: "json_date.go", When: IfTypesUse},
		// The client's strict decoding calls Mismatches, whatever the types.
		{Name: "json_mismatch.go", When: Always},
		{Name: "json_nullable.go", When: IfTypesUse},
		{Name: "json_object.go", When: IfTypesUse},
		// The client decodes every JSON body through it (unmarshalBody).
		{Name: "json_reader.go", When: Always},
		{Name: "json_time.go", When: IfTypesUse},
		{Name: "json_union.go", When: IfTypesUse},
		// The visitor that Mismatches uses (json_mismatch.go) names the writer.
		{Name: "json_writer.go", When: Always},
		{Name: "request.go", When: Always},
		{Name: "request_multipart.go", When: Always},
		{Name: "retry.go", When: Always},
		{Name: "testing_test.go", When: IfTests},
		{Name: "zoho_auth.go", When: IfZoho},
		{Name: "zoho_bulk.go", When: IfZoho},
		{Name: "zoho_bulk_read.go", When: IfZoho},
		{Name: "zoho_bulk_write.go", When: IfZoho},
		{Name: "zoho_dc.go", When: IfZoho},
		{Name: "zoho_paginate.go", When: IfZohoPager},
		{Name: "zoho_ratelimit.go", When: IfZoho},
		{Name: "zoho_record.go", When: IfZoho},
		{Name: "zoho_store.go", When: IfZoho},
		{Name: "zoho_store_sql.go", When: IfZoho},
	}
}

// RuntimeFiles returns the runtime source files that [Copied] copies under
// some condition, with their data, sorted by name.
func RuntimeFiles() []File {
	return runtimeFiles(func(f File) bool { return f.When != Never && !strings.HasSuffix(f.Name, "_test.go") })
}

// RuntimeTestFiles returns the test helpers that generated packages carry:
// the _test.go files that [Copied] copies, with their data, sorted by name.
func RuntimeTestFiles() []File {
	return runtimeFiles(func(f File) bool { return f.When != Never && strings.HasSuffix(f.Name, "_test.go") })
}

// runtimeFiles returns the rows of [Copied] that keep accepts, with their
// data, sorted by name. Each call returns fresh copies of the data.
func runtimeFiles(keep func(File) bool) []File {
	var files []File
	for _, f := range Copied() {
		if !keep(f) {
			continue
		}
		data, err := runtimeFS.ReadFile("runtime/" + f.Name)
		if err != nil {
			// The files are embedded at build time and TestCopiedTable
			// checks every row; failing to read one breaks an invariant
			// of this package.
			panic("templates: embedded runtime file unreadable: " + err.Error())
		}
		f.Data = data
		files = append(files, f)
	}
	return files
}
