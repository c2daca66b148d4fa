// Package generator turns a Postman collection into the files of a Go client
// package. It is the pipeline that runs the stages, each a package of its
// own: parse (generator/parse), model (generator/model, which also runs
// name with generator/naming and infer with generator/infer), emit
// (generator/emit, with generator/gotype for the types) and write
// (generator/write). [Generate] runs every stage but the last; it does no
// I/O. docs/ARCHITECTURE.md draws the stages and the data between them.
package generator

import (
	"github.com/zcrmgen/zcrmgen/generator/emit"
	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// Options configures one run of [Generate].
type Options = model.Options

// Input is a collection laid over the first (see [Options]).
type Input = model.Input

// File is one generated file, relative to the output directory.
type File = file.File

// Warning reports something in the input that could not be generated as
// written. Generation goes on.
type Warning = model.Warning

// OperationSummary describes one method of a generated client (see
// [emit.OperationSummary]).
type OperationSummary = emit.OperationSummary

// Stats counts what a run produced.
type Stats struct {
	Endpoints int
	Types     int
	Tests     int
	// NumberedTypes are the package-level type names that took a number
	// because every name wanted was taken (see docs/NAMES.md), sorted.
	NumberedTypes []string
	// NumberedMethods are the Client method names that took a number the
	// same way, sorted.
	NumberedMethods []string
	// LongestMethod is the longest Client method name, the first in sorted
	// order on a tie; empty without operations.
	LongestMethod string
}

// Result is everything [Generate] produced: the files sorted by name, the
// warnings in a fixed order, counts for the summary line and a summary of
// every method.
type Result struct {
	Files    []File
	Warnings []Warning
	Stats    Stats
	// Operations describe the client's methods, in collection order.
	Operations []OperationSummary
}

// BugError is a failure of zcrmgen itself, not of its input: generated code
// that does not format or cannot be trimmed. Its message names the input
// that showed it, so that it can be reported.
type BugError struct {
	// Name is the input's name ([Options.Name]).
	Name string
	// Err is what failed.
	Err error
}

func (e *BugError) Error() string {
	return e.Name + ": " + e.Err.Error() + " (a zcrmgen bug: please report it with this input)"
}

// Unwrap returns the failure.
func (e *BugError) Unwrap() error { return e.Err }

// IsRuntime reports whether name, a file of a generated package, is a
// copy of a runtime file (see [emit.IsRuntime]).
func IsRuntime(name string) bool { return emit.IsRuntime(name) }

// Generate runs the pipeline on one collection and returns the files of the
// generated package. It does no I/O. An error names the input and the place
// in it: a [*parse.Error] for an input that cannot be read (the collection
// or the environment), a [*BugError] for a failure of zcrmgen itself;
// warnings report what was skipped.
func Generate(opts Options) (*Result, error) {
	return generate(opts)
}

// GenerateTo runs the pipeline as [Generate] does, but hands each file to
// put as soon as it is rendered instead of keeping them all, so that a
// large collection needs memory for its model and a few files, not for
// the whole package. Files come in the order [emit.Stream] gives, from
// one goroutine; the Result has no Files. GenerateTo does no I/O itself.
// It stops at the first error of put and returns it as put did; its other
// errors are those of [Generate]. Warnings come in the Result, after every
// file was handed over; a caller that refuses them discards what put kept.
func GenerateTo(opts Options, put func(File) error) (*Result, error) {
	return generateTo(opts, put)
}

// BuildModel runs every stage before emit (parse, model, name and infer)
// and returns the model [Generate] would render: the operations with their
// Go names, parameters, bodies and inferred types. Tools that compare two
// versions of a collection read it. It does no I/O; an error names the
// input and the place in it.
func BuildModel(opts Options) (*model.API, error) {
	return model.Build(opts)
}
