// Zcrmgen-corpus generates a client package for every Postman collection in
// a directory, then vets and tests each one, and prints a table of the
// results. It is how zcrmgen is tried on real collections written by others
// (`make corpus`).
//
// Usage:
//
//	zcrmgen-corpus [-dir DIR]... [-run REGEXP] [-keep] [-j N] [-timeout D] [-names]
//
// The flags are:
//
//	-dir DIR
//		a directory of *.json collections (default ../shared/corpus);
//		repeat -dir to run the collections of several directories. A
//		directory that does not exist is skipped; when no collection is
//		left there is nothing to do and the exit status is 0
//	-run REGEXP
//		only the collections whose file name matches REGEXP
//	-keep
//		keep the work directory and print its path
//	-j, -jobs N
//		how many collections are vetted and tested at the same time
//		(default 1)
//	-timeout D
//		the time one collection may take, from generation to the end of
//		its tests (default 10m)
//	-names
//		only generate each collection, in this process, and print the
//		naming report instead of the table: per collection the number of
//		type and method names that took a number because every name
//		wanted was taken, the numbered names, and the longest method
//		name (docs/NAMES.md)
//	-h, -help
//		print the usage and exit
//
// Every collection becomes one package of a temporary module (`module
// corpus`), named after its file: adyen-checkout-v71.postman_collection.json
// gives package adyencheckoutv71. Generation runs in this process, and so
// does the first check: go/types type-checks each package and then the
// package with its tests. A package with a type error fails as "FAIL:
// types", with the errors as "file:line:col: message", and goes no further.
// The command then runs `go vet` and `go test -json` on each package, with
// GOFLAGS=-mod=mod, GOPROXY=off and GOWORK=off (generated packages use the
// standard library only) and the usual build cache. Generating the next
// collection overlaps with building and testing the current ones.
//
// A file that is not a collection, or that fails to generate, is a failed
// row; it does not stop the run. One line per finished collection goes to
// standard error as the run goes on. At the end, standard output holds the
// table (requests, saved examples, generated tests, tests passed, warnings,
// result and time per collection, then the totals) and, for every failed
// collection, the first lines of what failed.
//
// Exit status is 0 when every collection passed (or there was none), 1 when
// any failed, and 2 for a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
