// Package xcheck holds a test that checks the classes of package apidiff
// against golang.org/x/exp/apidiff, the judge of compile-breaking changes
// between two Go packages, on the client packages generated from the
// collection pairs of ../testdata.
//
// It is a module of its own so that the zcrmgen module, and every module
// that uses zcrmgen as a tool, does not depend on golang.org/x/exp. Run it
// with
//
//	cd generator/apidiff/xcheck && go test ./...
package xcheck
