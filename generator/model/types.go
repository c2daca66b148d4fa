package model

import (
	"encoding/json"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// inferTypes is the infer stage: for every operation it merges all the
// samples of each body into one type (the request body from the item and
// every example's original request; the success body from every 2xx
// example; the error body from every error example), then lets the graph
// find shared types and name them.
func (b *builder) inferTypes(api *API, g *infer.Graph) {
	for _, op := range api.Operations {
		if op.Body != nil && op.Body.Kind == BodyJSON {
			op.Body.Type = b.add(g, op.Where+": request body", op.Key+"/request", op.GoName+"Request", "the request body of "+op.DocLink(), op.Body.Samples)
		}
		b.result(g, op)
		var errs [][]byte
		for _, ex := range op.Examples {
			if ex.Status >= 300 && ex.Kind == ResultJSON && b.validSample(ex) {
				errs = append(errs, ex.Body)
			}
		}
		if len(errs) > 0 {
			op.ErrorType = b.add(g, op.Where+": error body", op.Key+"/error", op.GoName+"Error", "the body of an error response of "+op.DocLink(), errs)
		}
	}
	g.Finish()
	api.Types = g
}

// result decides how the operation returns its success body. JSON wins
// when any 2xx example is JSON; then a binary stream; then text; an
// operation whose success examples are all empty returns nothing, and one
// with no success example returns the raw bytes.
func (b *builder) result(g *infer.Graph, op *Operation) {
	var jsonBodies [][]byte
	kinds := map[ResultKind]bool{}
	for _, ex := range op.Examples {
		if ex.Status < 200 || ex.Status >= 300 {
			continue
		}
		kinds[ex.Kind] = true
		if ex.Kind == ResultJSON && b.validSample(ex) {
			jsonBodies = append(jsonBodies, ex.Body)
		}
	}
	switch {
	case kinds[ResultJSON]:
		op.Result = Returns{Kind: ResultJSON, Type: b.add(g, op.Where+": response body", op.Key+"/response", op.GoName+"Response", "the body of a successful response of "+op.DocLink(), jsonBodies)}
	case kinds[ResultStream]:
		op.Result = Returns{Kind: ResultStream}
	case kinds[ResultText]:
		op.Result = Returns{Kind: ResultText}
	case kinds[ResultNone]:
		op.Result = Returns{Kind: ResultNone}
	default:
		op.Result = Returns{Kind: ResultBytes}
	}
}

// validSample reports whether a JSON example body parses; one that does
// not is kept for its test (the client must report it as a decode error)
// but not used for the type.
func (b *builder) validSample(ex *Example) bool {
	if json.Valid(ex.Body) {
		return true
	}
	b.warn(ex.Where, "JSON body does not parse; not used to infer types")
	ex.Kind = ResultInvalidJSON
	return false
}

// ResultInvalidJSON is the kind of an example whose JSON body does not
// parse: the infer stage sets it, and the example is replayed as raw bytes.
const ResultInvalidJSON ResultKind = -1

// add infers one body; a body the inferrer rejects is typed as raw JSON so
// that nothing is lost.
func (b *builder) add(g *infer.Graph, where, key, name, role string, samples [][]byte) *infer.Type {
	t, err := g.Add(key, name, role, samples)
	if err != nil {
		b.warn(where, "%v; typed as raw JSON", err)
		t, _ = g.Add(key, name, role, nil)
	}
	return t
}
