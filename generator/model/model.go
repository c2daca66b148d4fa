package model

import (
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// The model stage: plain values describing the client to generate. build.go
// fills them from a parsed collection; naming.go gives every Go name; the
// emit stage only reads them. Each value keeps its wire name (path segment,
// query key, header, JSON key) next to its Go name and never derives one
// from the other.

// Options configures one run of the generator: the input of [Build].
type Options struct {
	// Name is how the input is named in errors and warnings, usually its path.
	Name string
	// Data is the collection export (Postman schema v2.0 or v2.1).
	Data []byte
	// Overlays are more collections, read in order, each laid over the
	// ones before it: a request with the method and path of one read
	// before (a path parameter there matching any one segment, hosts not
	// compared) gives that operation its name, its description and its
	// saved responses, which are added to the operation's own; the
	// operation keeps its parameters and body. Any other request is added
	// in the overlay's folders. An overlay's collection-level auth
	// replaces the first collection's, for the requests that inherit it.
	Overlays []Input
	// Package is the Go package name of the output.
	Package string
	// Env is an optional Postman environment export whose values become
	// defaults (never for secrets).
	Env []byte
	// EnvName names Env in errors.
	EnvName string
}

// Warning reports something in the input that could not be generated as
// written. Generation goes on.
type Warning struct {
	// Where is the place in the collection, e.g. `item "Bulk Read > Create Job"`.
	Where string
	// Msg says what happened.
	Msg string
}

func (w Warning) String() string {
	if w.Where == "" {
		return w.Msg
	}
	return w.Where + ": " + w.Msg
}

// API is the whole client.
type API struct {
	// Name and Description come from the collection's info block.
	Name        string
	Description string
	// Package is the Go package name.
	Package string
	// BaseURL is the default base URL ("" when the collection gives none or
	// only a secret); BaseURLVar names the Postman variable it came from.
	BaseURL    string
	BaseURLVar string
	// Hosts lists every distinct host text of the requests, sorted.
	Hosts []string
	// Auth is the strongest credential kind any operation uses; it decides
	// which options the package documents.
	AuthKinds []AuthKind
	// Zoho is set when the collection targets Zoho's APIs.
	Zoho bool
	// Operations are in collection order.
	Operations []*Operation
	// Files groups operations by top-level folder, in collection order.
	Files []*OpFile
	// Types holds every inferred body type.
	Types *infer.Graph
	// Warnings are in collection order.
	Warnings []Warning

	// numbered are the package-level names the name and infer stages had
	// to number (see [API.Numbered]).
	numbered []string
}

// Numbered returns the package-level names the name and infer stages had
// to number because every name wanted was taken, in the order taken.
func (api *API) Numbered() []string { return api.numbered }

// OpFile is one generated source file holding the operations of a top-level
// folder (or of the collection root).
type OpFile struct {
	// Base is the file name without extension, e.g. "bulk_read".
	Base       string
	Folder     string
	Operations []*Operation
}

// Operation is one request of the collection.
type Operation struct {
	// Key is a stable, unique sort key: the item's index path, zero padded.
	Key string
	// Folder is the path of enclosing folder names; Name the item name.
	Folder []string
	Name   string
	// Where names the item in warnings and errors.
	Where       string
	GoName      string
	Description string
	Method      string
	// Host is the host part of the URL as written (e.g. "{{api-domain}}").
	Host string
	// HostURL is the resolved scheme and host of an operation served from
	// another host than the client's base URL ("" otherwise).
	HostURL string
	// Path is the URL path template.
	Path []Segment
	// PathParams are the path parameters in path order.
	PathParams []*Param
	// Query and HeaderParams are the fields of the Params struct.
	Query        []*Param
	HeaderParams []*Param
	// ParamsType is the Go name of the Params struct ("" when none).
	ParamsType string
	// Headers are constant headers sent as written.
	Headers []ConstHeader
	Auth    Auth
	Body    *Body
	Result  Returns
	// ErrorType is the typed error body (nil when no error example is JSON).
	ErrorType *infer.Type
	Examples  []*Example
	// Pager is set for a Zoho list endpoint that gets a page iterator.
	Pager *Pager
}

// DocLink is how a doc comment links to the method of op: [Client.Name].
func (op *Operation) DocLink() string { return "[" + NameClient + "." + op.GoName + "]" }

// Segment is one piece of a path template: literal text or a parameter.
type Segment struct {
	Literal string
	Param   *Param
	// Slash reports that a "/" precedes this piece.
	Slash bool
}

// Param is a path, query or header parameter.
type Param struct {
	// Wire is the name on the wire (path variable, query key, header).
	Wire string
	// GoName is the Go identifier: unexported for method arguments,
	// exported for Params struct fields.
	GoName string
	// Description is the collection's, without the importer's required
	// marker.
	Description string
	// Example is the value the collection shows for it, as written (a
	// type placeholder included).
	Example string
	// Kind is its Go type (see paramKind): String, Int, Float, Bool, Time
	// or Date.
	Kind infer.Kind
	// Repeated query keys become slices.
	Repeated bool
	// Required is set for path parameters and for those the collection
	// marks "(Required)".
	Required bool
	// Disabled query parameters and headers are ones the collection leaves
	// out by default: optional.
	Disabled bool
}

// ConstHeader is a constant request header.
type ConstHeader struct {
	Name, Value string
}

// AuthKind is how an operation authenticates.
type AuthKind int

// Auth kinds the generated client supports.
const (
	AuthNone AuthKind = iota
	AuthBearer
	AuthBasic
	AuthAPIKeyHeader
	AuthAPIKeyQuery
	// AuthOAuth2Query sends the OAuth 2 access token in a query parameter.
	AuthOAuth2Query
)

// Auth is an operation's resolved authentication.
type Auth struct {
	Kind AuthKind
	// Prefix precedes the token in the header ("Bearer", "Zoho-oauthtoken").
	Prefix string
	// Name is the header or query parameter name for API keys.
	Name string
}

// BodyKind is the request body mode.
type BodyKind int

// Request body kinds.
const (
	BodyNone BodyKind = iota
	BodyJSON
	BodyText
	BodyForm
	BodyMultipart
	BodyFile
)

// Body is the request body of an operation.
type Body struct {
	Kind        BodyKind
	ContentType string
	// Type is the inferred type of a JSON body.
	Type *infer.Type
	// Sample is the item's own body text, used in tests when an example
	// does not carry its own.
	Sample []byte
	// Samples are every JSON text the type is inferred from: the item's
	// body and each example's original request body.
	Samples [][]byte
	// Fields are the form fields (urlencoded and multipart); GoType names
	// the struct holding them.
	Fields []*FormField
	GoType string
}

// FormField is a urlencoded or multipart field.
type FormField struct {
	Wire   string
	GoName string
	// File fields are multipart file parts; FileNameGo names the struct
	// field holding the file name sent with the part.
	File       bool
	FileNameGo string
	// Example is the value the collection shows, as written.
	Example string
	// Description is the collection's, without the importer's required
	// marker.
	Description string
	// Kind is the Go type of a field that is not a file (see paramKind).
	Kind infer.Kind
	// Required and Disabled are as for [Param].
	Required bool
	Disabled bool
}

// ResultKind is how an operation returns its success body.
type ResultKind int

// Result kinds.
const (
	// ResultBytes returns the raw body: the collection shows no success
	// example to type it from.
	ResultBytes ResultKind = iota
	ResultJSON
	ResultText
	ResultStream
	ResultNone
)

// Returns is the success response of an operation.
type Returns struct {
	Kind ResultKind
	Type *infer.Type
}

// Example is a saved response, replayed by a generated test.
type Example struct {
	Name string
	// Where names the example in warnings.
	Where       string
	Status      int
	ContentType string
	Body        []byte
	// SameRequest reports that the example's original request is this
	// operation's request, so the test checks what the method sends.
	SameRequest bool
	// PathValues are the path parameter values for the call, by param.
	PathValues []string
	// Query is the query the call sends (wire key to values).
	Query map[string][]string
	// RequestBody is the request body the call sends (JSON bodies).
	RequestBody []byte
	// ErrCode and ErrMessage are what APIError must carry for an error.
	ErrCode, ErrMessage string
	// BodyMatches reports the body decodes into the operation's type.
	Kind ResultKind
}
