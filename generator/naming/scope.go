package naming

import (
	"slices"
	"strconv"
)

// Scope hands out unique names within one Go scope (a package, a struct's
// fields and methods, a function's parameters).
//
// The first [Scope.Claim] of a name wins it; later claims of the same name
// get the name with 2, 3, ... appended, skipping any already taken. The
// result therefore depends on the order of claims, and callers must claim in
// an order sorted by a stable key (an item's position and path, a JSON
// key's position in its object), never in the order of a map or of an
// unordered walk.
//
// A number is the last resort: callers that can tell two claims apart by
// their context try the qualified names first with [Scope.TryClaim] and
// call Claim only when none is free. The scope remembers every name it had
// to number, for [Scope.Numbered].
type Scope struct {
	taken    map[string]bool
	numbered []string
}

// NewScope returns a scope in which the reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{taken: map[string]bool{}}
	s.Reserve(reserved...)
	return s
}

// Claim takes name, or if it is taken the first free name among name2,
// name3, ..., and returns the name taken.
func (s *Scope) Claim(name string) string {
	if s.TryClaim(name) {
		return name
	}
	for i := 2; ; i++ {
		n := name + strconv.Itoa(i)
		if s.TryClaim(n) {
			s.numbered = append(s.numbered, n)
			return n
		}
	}
}

// TryClaim takes name if it is free and reports whether it did.
func (s *Scope) TryClaim(name string) bool {
	if s.taken[name] {
		return false
	}
	s.taken[name] = true
	return true
}

// ClaimFirst takes the first free name of names, in order; when every one
// is taken it falls back to [Scope.Claim] of the first, which numbers it.
// It returns the name taken; names must not be empty.
func (s *Scope) ClaimFirst(names ...string) string {
	for _, n := range names {
		if s.TryClaim(n) {
			return n
		}
	}
	return s.Claim(names[0])
}

// Reserve takes names without claiming them, so that later claims avoid
// them. Reserving a taken name does nothing.
func (s *Scope) Reserve(names ...string) {
	for _, n := range names {
		s.taken[n] = true
	}
}

// Has reports whether name is taken.
func (s *Scope) Has(name string) bool {
	return s.taken[name]
}

// Numbered returns the names [Scope.Claim] had to number because the name
// asked for was taken, in the order they were claimed.
func (s *Scope) Numbered() []string {
	return slices.Clone(s.numbered)
}
