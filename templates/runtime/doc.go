// Package runtime is the hand-written part of every package zcrmgen
// generates: the client and its options, request execution, auth, retries,
// errors and the JSON support of the generated types. It is compiled,
// vetted and tested here; the generator copies the files a package uses
// into it, with the package clause changed, the generated-code header
// added and unused declarations removed. This file and export.go stay
// here.
package runtime
