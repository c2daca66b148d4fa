package model

import (
	"go/types"
	"path"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
)

// The names emitted methods of Client use for themselves. A method also
// takes parameters named from the collection (its path variables); the
// name stage keeps those off every name [MethodNames] lists, and the
// emitter writes these constants, never the names themselves.
const (
	IDClient = "c"      // the receiver
	IDCtx    = "ctx"    // the context.Context parameter
	IDParams = "params" // the *<Op>Params parameter
	IDBody   = "body"   // a JSON, text or stream body parameter
	IDForm   = "form"   // a urlencoded or multipart body parameter
	IDReq    = "r"      // the request being built

	// The page iterator <Op>All and the function it hands to paginate.
	IDPageParams = "p"    // the copy of params each page is asked with
	IDPage       = "page" // the runtime's listPage: the page asked for, what info says
	IDResp       = "resp"
	IDErr        = "err"
	IDInfo       = "info"
)

// The package-level names client.go declares; the name stage reserves
// them (see reservedNames).
const (
	NameNewClient      = "NewClient"
	NameDefaultBaseURL = "DefaultBaseURL"
)

// NameClient is the client type, declared by the runtime, whose methods
// are the operations.
const NameClient = "Client"

// The packages emitted methods refer to, besides those of
// [gotype.ExprImports].
const (
	PkgContext = "context"
	PkgIO      = "io"
	PkgIter    = "iter"
	PkgHTTP    = "net/http"
	PkgURL     = "net/url"
)

// MethodNames lists every name a parameter named from the collection must
// not take, because a method body would then see the parameter where it
// means something else: the locals above, the names of the packages methods
// import, the runtime's package-level names (request, authScheme,
// paginate, ...) and the universe's (string, nil, new, ...).
func MethodNames() []string {
	names := []string{
		IDClient, IDCtx, IDParams, IDBody, IDForm, IDReq, IDErr,
		IDPageParams, IDPage, IDResp, IDInfo,
	}
	for _, p := range append([]string{PkgContext, PkgIO, PkgIter, PkgHTTP, PkgURL}, gotype.ExprImports()...) {
		names = append(names, path.Base(p))
	}
	for _, n := range runtimeNames() {
		if !strings.Contains(n, ".") {
			names = append(names, n)
		}
	}
	return append(names, types.Universe.Names()...)
}
