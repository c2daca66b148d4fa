package emit

import (
	"slices"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/model"
)

// headers builds constant headers from name, value pairs.
func headers(pairs ...string) []model.ConstHeader {
	var hs []model.ConstHeader
	for i := 0; i+1 < len(pairs); i += 2 {
		hs = append(hs, model.ConstHeader{Name: pairs[i], Value: pairs[i+1]})
	}
	return hs
}

// TestSplitAccept: the Accept header newRequest takes is the one the
// headers, set in order, leave; the others stay in their order.
func TestSplitAccept(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     []model.ConstHeader
		accept string
		rest   []model.ConstHeader
	}{
		{"none", headers("X-A", "1"), "", headers("X-A", "1")},
		{"one", headers("Accept", "application/json", "X-A", "1"), "application/json", headers("X-A", "1")},
		{"last wins, any case", headers("accept", "text/plain", "X-A", "1", "ACCEPT", "image/png"), "image/png", headers("X-A", "1")},
		{"an empty last one is sent as a header", headers("Accept", "text/plain", "Accept", ""), "", headers("Accept", "text/plain", "Accept", "")},
	} {
		accept, rest := splitAccept(c.in)
		if accept != c.accept || !slices.Equal(rest, c.rest) {
			t.Errorf("%s: splitAccept = %q, %v; want %q, %v", c.name, accept, rest, c.accept, c.rest)
		}
	}
}
