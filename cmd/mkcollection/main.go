// Mkcollection writes a synthetic Zoho-CRM-like Postman v2.1 collection to
// standard output, for benchmarks and scale tests of zcrmgen.
//
// Usage:
//
//	mkcollection [-n N] [-seed S] > collection.json
//
// The flags are:
//
//	-n, -requests N
//		the number of requests (default 100)
//	-seed S
//		the seed; the same N and S always give the same bytes (default 1)
//	-h, -help
//		print the usage and exit
//
// Flags take one dash or two (-seed or --seed). The collection is described
// in package [github.com/zcrmgen/zcrmgen/generator/synth].
//
// Exit status is 0 on success and for -help, 1 when writing fails, and 2
// for a usage error.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
