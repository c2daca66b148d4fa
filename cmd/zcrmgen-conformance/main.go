// Zcrmgen-conformance checks a generated client against replies the real
// API may send (`make conformance`). It generates a client package from a
// Postman collection, decodes every sample reply into the success type of
// the method for the sample's route, encodes it back and compares the two
// as JSON, and checks that the zero value of every JSON request body type
// encodes as {}.
//
// Usage:
//
//	zcrmgen-conformance [-collection FILE] [-samples DIR] [-min PERCENT] [-show N] [-keep] [-timeout D]
//
// The flags are:
//
//	-collection FILE
//		the Postman collection (default
//		../shared/zoho-oas/zoho-crm-v8.postman_collection.json)
//	-samples DIR
//		the samples directory (default ../shared/zoho-oas/samples)
//	-min PERCENT
//		the share of samples that must round-trip, and of request body
//		types that must encode as {}, for the run to pass (default 100)
//	-show N
//		how many failures of each kind to show (default 5)
//	-keep
//		keep the work directory and print its path
//	-timeout D
//		the time building and running the check may take (default 5m)
//	-h, -help
//		print the usage and exit
//
// DIR/index.json lists the samples as a JSON array of
// {"method", "path", "status", "file", "spec"}: the route's HTTP method, its
// path template with parameters written {name} ("/crm/v8/{module}"), a 2xx
// status, the reply's file name in DIR and the OpenAPI file it comes from.
//
// A sample goes to the methods with the same HTTP method and the same path
// once the parameters are set aside: the path of the client's base URL
// (which a {{baseUrl}} variable may carry) then the request's path, where
// Postman's :name and {{name}} are parameters like OpenAPI's {name}. Those
// whose parameters also have the same names win; when several remain (a
// route the collection writes twice), the sample must pass with each. A
// sample no method serves is unmapped, and listed by route.
//
// The client is generated in this process into a temporary module with a
// check program, which the go command builds and runs with
// GOFLAGS=-mod=mod, GOPROXY=off and GOWORK=off. The program reads each
// method's types from its signature and decodes with json.Unmarshal, as
// the client does, and encodes with json.Marshal. Two JSON values are
// equal when objects have the same keys with equal values, arrays the same
// elements in order, numbers the same decimal value, and strings, booleans
// and null are the same.
//
// Standard output holds the counts (samples, mapped, unmapped, decoded,
// decode failures, round-trip equal, request body types and those whose
// zero value is {}), the unmapped routes and the first failures of each
// kind with the sample file, route, method, Go type and reason.
//
// Exit status is 0 when the samples that round-trip and the body types
// that encode as {} both reach -min percent, 1 when either does not or the
// run failed, and 2 for a usage error.
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
