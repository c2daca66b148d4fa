package generator

import (
	"go/types"
	"path"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
)

// The names emitted methods of Client use for themselves. A method also
// takes parameters named from the collection (its path variables); the
// name stage keeps those off every name [methodNames] lists, and the
// emitter writes these constants, never the names themselves.
const (
	idClient = "c"      // the receiver
	idCtx    = "ctx"    // the context.Context parameter
	idParams = "params" // the *<Op>Params parameter
	idBody   = "body"   // a JSON, text or stream body parameter
	idForm   = "form"   // a urlencoded or multipart body parameter
	idReq    = "r"      // the request being built
	idErr    = "err"
	idOut    = "out" // the decoded result
	idStream = "rc"  // a streamed result

	// The page iterator <Op>All and the function it hands to paginate.
	idPageParams = "p" // the copy of params each page is asked with
	idPage       = "page"
	idPageToken  = "pageToken"
	idResp       = "resp"
	idInfo       = "info"
	idMore       = "more"
	idNext       = "next"
)

// The package-level names client.go declares; the name stage reserves
// them (see reservedNames).
const (
	nameNewClient      = "NewClient"
	nameDefaultBaseURL = "DefaultBaseURL"
)

// The packages emitted methods refer to, besides those of
// [gotype.ExprImports].
const (
	pkgContext = "context"
	pkgIO      = "io"
	pkgIter    = "iter"
	pkgHTTP    = "net/http"
	pkgURL     = "net/url"
	pkgStrconv = "strconv"
)

// methodNames lists every name a parameter named from the collection must
// not take, because a method body would then see the parameter where it
// means something else: the locals above, the names of the packages methods
// import, the runtime's package-level names (request, authScheme,
// paginate, ...) and the universe's (string, nil, new, ...).
func methodNames() []string {
	names := []string{
		idClient, idCtx, idParams, idBody, idForm, idReq, idErr, idOut, idStream,
		idPageParams, idPage, idPageToken, idResp, idInfo, idMore, idNext,
	}
	for _, p := range append([]string{pkgContext, pkgIO, pkgIter, pkgHTTP, pkgURL, pkgStrconv}, gotype.ExprImports()...) {
		names = append(names, path.Base(p))
	}
	for _, n := range runtimeNames() {
		if !strings.Contains(n, ".") {
			names = append(names, n)
		}
	}
	return append(names, types.Universe.Names()...)
}
