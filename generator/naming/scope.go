package naming

import "strconv"

// Scope hands out unique names within one Go scope (a package, a struct's
// fields and methods, a function's parameters).
//
// The first [Scope.Claim] of a name wins it; later claims of the same name
// get the name with 2, 3, ... appended, skipping any already taken. The
// result therefore depends on the order of claims, and callers must claim in
// an order sorted by a stable key (an item's position and path, a JSON
// key's position in its object), never in the order of a map or of an
// unordered walk.
type Scope struct {
	taken map[string]bool
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
	if !s.taken[name] {
		s.taken[name] = true
		return name
	}
	for i := 2; ; i++ {
		n := name + strconv.Itoa(i)
		if !s.taken[n] {
			s.taken[n] = true
			return n
		}
	}
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
