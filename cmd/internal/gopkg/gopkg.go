// Package gopkg makes Go package names for the zcrmgen commands.
package gopkg

import (
	"go/token"
	"strings"
)

// Name makes a valid, importable package name from s: lower-cased, with
// everything but ASCII letters and digits dropped, "x" in front of a
// leading digit and "pkg" after a keyword or "main" (a main package cannot
// be imported). A name with nothing left is empty.
func Name(s, empty string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	switch {
	case name == "":
		return empty
	case name[0] >= '0' && name[0] <= '9':
		name = "x" + name
	case token.IsKeyword(name) || name == "main":
		name += "pkg"
	}
	return name
}
