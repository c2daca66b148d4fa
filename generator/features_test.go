package generator

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/emit"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
	"github.com/zcrmgen/zcrmgen/generator/parse"
	"github.com/zcrmgen/zcrmgen/internal/gotool"
)

// Feature tests: every Postman feature the generator reads has a golden
// case under testdata/ (v20_auth, inheritance, shapes, names, dropped,
// aliases, params; params_test.go asserts on the last),
// which TestGolden compares and TestGoldenCompiles builds and runs, and an
// assertion here on the model those cases build, so that a change that
// keeps the output compiling but reads a feature wrongly still fails.

// modelOf runs the stages before emit on opts, as Generate does.
func modelOf(t *testing.T, opts model.Options) *model.API {
	t.Helper()
	api, err := model.Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func caseOptions(t *testing.T, name string) model.Options {
	t.Helper()
	path := filepath.Join("testdata", name, "collection.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opts := model.Options{Name: filepath.ToSlash(path), Data: data, Package: strings.ReplaceAll(name, "_", "")}
	overlay := filepath.Join("testdata", name, "overlay.json")
	if data, err := os.ReadFile(overlay); err == nil {
		opts.Overlays = []model.Input{{Name: filepath.ToSlash(overlay), Data: data}}
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return opts
}

// CaseOptions gives the golden tests (package generator_test) the options
// of a case: its collection and, when the case has one, its overlay.json.
func CaseOptions(t *testing.T, name string) model.Options { return caseOptions(t, name) }

func caseModel(t *testing.T, name string) *model.API {
	t.Helper()
	return modelOf(t, caseOptions(t, name))
}

// caseFile returns a file that Generate writes for a case.
func caseFile(t *testing.T, opts model.Options, name string) string {
	t.Helper()
	res, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("%s: no file %s", opts.Name, name)
	return ""
}

func findOp(t *testing.T, api *model.API, goName string) *model.Operation {
	t.Helper()
	for _, op := range api.Operations {
		if op.GoName == goName {
			return op
		}
	}
	var names []string
	for _, op := range api.Operations {
		names = append(names, op.GoName)
	}
	t.Fatalf("no operation %s; have %v", goName, names)
	return nil
}

func wires(ps []*model.Param) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Wire)
	}
	return out
}

func findParam(t *testing.T, ps []*model.Param, wire string) *model.Param {
	t.Helper()
	for _, p := range ps {
		if p.Wire == wire {
			return p
		}
	}
	t.Fatalf("no parameter %q in %v", wire, wires(ps))
	return nil
}

func warningTexts(ws []model.Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

// TestFeatureSchemaShapes (feature 1): schema v2.0 and v2.1; descriptions
// as objects; a URL as a plain string with JSON escapes; headers as a
// string or null; null keys and values; disabled query parameters.
func TestFeatureSchemaShapes(t *testing.T) {
	opts := caseOptions(t, "v20_auth")
	col, _, err := parse.Parse(opts.Name, opts.Data)
	if err != nil {
		t.Fatal(err)
	}
	if col.Schema != "v2.0" {
		t.Errorf("v20_auth schema = %q, want v2.0", col.Schema)
	}
	if c, _, err := parse.Parse("shapes", caseOptions(t, "shapes").Data); err != nil || c.Schema != "v2.1" {
		t.Errorf("shapes schema = %v, %v; want v2.1", c, err)
	}
	// Descriptions given as {"content", "type"} objects.
	if got := col.Postman.Variables[0].Description; got != "Where the API lives." {
		t.Errorf("variable description = %q", got)
	}
	if got := col.Postman.Items[1].Description; got != "Admin calls use basic auth." {
		t.Errorf("folder description = %q", got)
	}
	api := modelOf(t, opts)
	if api.Description != "A schema v2.0 export: auth parameters as objects, inherited from folders and the collection." {
		t.Errorf("collection description = %q", api.Description)
	}

	// A string URL "{{baseUrl}}\/v1\/me?verbose=true" and a string header
	// list.
	me := findOp(t, api, "WhoAmI")
	if me.Description != "Returns the caller. Inherits the collection's bearer token." {
		t.Errorf("item description = %q", me.Description)
	}
	sums, err := emit.Summarize(api)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(sums, func(s emit.OperationSummary) bool { return s.GoName == "WhoAmI" }); i < 0 || sums[i].Path != "/v1/me" {
		t.Errorf("WhoAmI path: summaries %+v, want /v1/me", sums)
	}
	if got := wires(me.Query); !slices.Equal(got, []string{"verbose"}) {
		t.Errorf("WhoAmI query = %v", got)
	}
	if want := []model.ConstHeader{{Name: "Accept", Value: "application/json"}}; !reflect.DeepEqual(me.Headers, want) {
		t.Errorf("WhoAmI headers = %v, want %v", me.Headers, want)
	}
	if got := wires(me.HeaderParams); !slices.Equal(got, []string{"X-Trace"}) {
		t.Errorf("WhoAmI header params = %v", got)
	}

	// "header": null; query entries with a null key (dropped) and a null
	// value (kept, with no example); a disabled entry documented optional.
	admins := findOp(t, api, "ListAdmins")
	if len(admins.Headers)+len(admins.HeaderParams) != 0 {
		t.Errorf("ListAdmins headers = %v, %v; want none", admins.Headers, admins.HeaderParams)
	}
	if got := wires(admins.Query); !slices.Equal(got, []string{"page", "role", "verbose", "cursor"}) {
		t.Errorf("ListAdmins query = %v", got)
	}
	if p := findParam(t, admins.Query, "page"); p.Description != "Page number, from 1." || p.Disabled {
		t.Errorf("page = %+v", *p)
	}
	if p := findParam(t, admins.Query, "verbose"); !p.Disabled || p.Description != "Adds detail." {
		t.Errorf("verbose = %+v, want disabled", *p)
	}
	if p := findParam(t, admins.Query, "cursor"); p.Example != "" {
		t.Errorf("cursor example = %q, want none", p.Example)
	}
	src := caseFile(t, opts, "ops_admin.go")
	if !strings.Contains(src, "\t// Verbose is the query parameter \"verbose\"; optional, the collection leaves it out by default.\n\t// Adds detail.\n\t// Example: 1\n\tVerbose *int64\n") {
		t.Error("ops_admin.go does not document verbose as optional")
	}

	// A header description object; a null header value sent as written.
	rotate := findOp(t, api, "RotateKey")
	if p := findParam(t, rotate.HeaderParams, "X-Reason"); p.Description != "Why the key is rotated." {
		t.Errorf("X-Reason description = %q", p.Description)
	}
	if want := []model.ConstHeader{{Name: "X-Null", Value: ""}}; !reflect.DeepEqual(rotate.Headers, want) {
		t.Errorf("RotateKey headers = %v, want %v", rotate.Headers, want)
	}
}

// TestFeatureAuth (feature 2): auth resolved through the request, then the
// folders innermost first, then the collection; noauth stops the search,
// inherit goes on. Auth types the client cannot send are a warning naming
// the item and the way out.
func TestFeatureAuth(t *testing.T) {
	bearer := func(prefix string) model.Auth { return model.Auth{Kind: model.AuthBearer, Prefix: prefix} }
	want := map[string]map[string]model.Auth{
		"v20_auth": {
			"WhoAmI":        bearer("Bearer"),                                                     // collection, v2.0 object params
			"ListAdmins":    {Kind: model.AuthBasic},                                              // folder
			"RotateKey":     {Kind: model.AuthAPIKeyHeader, Name: "Authorization", Prefix: "Bot"}, // inner folder, "Bot {{token}}"
			"PublicKey":     {},                                                                   // request noauth
			"ListKeys":      {Kind: model.AuthAPIKeyHeader, Name: "Authorization", Prefix: "Bot"}, // request inherit
			"ExchangeToken": bearer("Token"),                                                      // OAuth 2, header prefix
			"Search":        {Kind: model.AuthAPIKeyQuery, Name: "api_key"},                       // API key in the query
		},
		"inheritance": {
			"Org":             bearer("Zoho-oauthtoken"),                                 // collection OAuth 2
			"DeepGet":         bearer("Zoho-oauthtoken"),                                 // folder inherit, folder without auth
			"Health":          {},                                                        // folder noauth
			"HealthWithToken": bearer("Bearer"),                                          // request beats folder noauth
			"KeyedGet":        {Kind: model.AuthAPIKeyQuery, Name: "key", Prefix: "Key"}, // innermost folder wins
			"KeyedInherit":    {Kind: model.AuthAPIKeyQuery, Name: "key", Prefix: "Key"},
			"KeyedNone":       {},
			"QueryTokenGet":   {Kind: model.AuthOAuth2Query, Name: "access_token"}, // OAuth 2 addTokenTo queryParams
			"DigestGet":       {},
			"HawkGet":         {},
			"AWSGet":          {},
			"NTLMGet":         {},
			"OAuth1Get":       {},
			"EdgeGridGet":     {},
			"LegacyBasic":     {Kind: model.AuthBasic}, // request beats the folder's digest
		},
	}
	for name, ops := range want {
		api := caseModel(t, name)
		if len(api.Operations) != len(ops) {
			t.Errorf("%s: %d operations, want %d", name, len(api.Operations), len(ops))
		}
		for goName, w := range ops {
			if got := findOp(t, api, goName).Auth; got != w {
				t.Errorf("%s: %s auth = %+v, want %+v", name, goName, got, w)
			}
		}
	}

	api := caseModel(t, "inheritance")
	if !api.Zoho {
		t.Error("a Zoho-oauthtoken prefix does not select the Zoho runtime")
	}
	var got []string
	for _, w := range api.Warnings {
		got = append(got, w.String())
	}
	var wantWarn []string
	for _, c := range []struct{ item, typ string }{
		{"Digest get", "digest"}, {"Hawk get", "hawk"}, {"AWS get", "awsv4"},
		{"NTLM get", "ntlm"}, {"OAuth1 get", "oauth1"}, {"EdgeGrid get", "edgegrid"},
	} {
		wantWarn = append(wantWarn, `item "Legacy > `+c.item+`": auth type "`+c.typ+`" cannot be generated; plug in your own http.RoundTripper with WithHTTPClient`)
	}
	if !slices.Equal(got, wantWarn) {
		t.Errorf("inheritance warnings:\n got %q\nwant %q", got, wantWarn)
	}

	// The generated tests check what each call sends.
	src := caseFile(t, caseOptions(t, "inheritance"), "ops_open_test.go")
	if !strings.Contains(src, `Query:       "key=Key+test-key",`) {
		t.Error("ops_open_test.go does not expect the prefixed API key in the query")
	}
}

// TestFeatureVariables (feature 3): a {{variable}} host gives the base URL
// its default unless it holds a credential; {{var}} and :name path
// segments become method parameters; header values with variables become
// Params fields; an environment overrides defaults but never supplies a
// secret.
func TestFeatureVariables(t *testing.T) {
	api := caseModel(t, "shapes")
	if api.BaseURL != "https://shapes.example.test/api" || api.BaseURLVar != "host" {
		t.Errorf("base URL = %q from %q", api.BaseURL, api.BaseURLVar)
	}
	op := findOp(t, api, "GetFileVersion")
	if got := wires(op.PathParams); !slices.Equal(got, []string{"fileId", "version"}) {
		t.Errorf("path params = %v", got)
	}
	if got := []string{op.PathParams[0].GoName, op.PathParams[1].GoName}; !slices.Equal(got, []string{"fileID", "version"}) {
		t.Errorf("path param names = %v", got)
	}
	if p := op.PathParams[1]; p.Example != "v 1" || p.Description != "The version label." {
		t.Errorf(":version = %+v", *p)
	}
	if ex := op.Examples[0]; !ex.SameRequest || !slices.Equal(ex.PathValues, []string{"a/b c", "v/2 x"}) {
		t.Errorf("example path values = %q (same request %v)", ex.PathValues, ex.SameRequest)
	}
	src := caseFile(t, caseOptions(t, "shapes"), "ops_params.go")
	if !strings.Contains(src, `newRequest("GET", "/files/"+url.PathEscape(fileID)+"/versions/"+url.PathEscape(version), "", authScheme{kind: authBearer, prefix: "Bearer"})`) {
		t.Error("ops_params.go does not escape the path parameters with url.PathEscape")
	}
	search := findOp(t, api, "Search")
	// X-Off is disabled: an optional header.
	if got := wires(search.HeaderParams); !slices.Equal(got, []string{"X-Request-Id", "X-Tenant", "X-Off"}) {
		t.Errorf("header params = %v", got)
	}
	if p := search.HeaderParams[0]; p.Description != "Correlates logs." || p.Example != "" {
		t.Errorf("X-Request-Id = %+v", *p)
	}

	collection := func(host string) []byte {
		return []byte(`{"info": {"name": "Vars", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
			"variable": [{"key": "base", "value": ` + host + `}],
			"item": [{"name": "Ping", "request": {"method": "GET", "url": "{{base}}/ping/{{id}}"}}]}`)
	}
	for _, c := range []struct {
		name, host, env, want string
	}{
		{"collection value", `"https://api.example.test"`, ``, "https://api.example.test"},
		{"no scheme", `"api.example.test/v2/"`, ``, "https://api.example.test/v2"},
		{"credential in the value", `"https://api.example.test/sk_live_abcdefghijklmnop"`, ``, ""},
		{"environment overrides", `"https://api.example.test"`, `{"key": "base", "value": "https://staging.example.test"}`, "https://staging.example.test"},
		{"environment adds", `""`, `{"key": "base", "value": "https://staging.example.test"}`, "https://staging.example.test"},
		{"disabled environment entry", `"https://api.example.test"`, `{"key": "base", "value": "https://staging.example.test", "enabled": false}`, "https://api.example.test"},
		{"secret environment entry", `"https://api.example.test"`, `{"key": "base", "value": "https://staging.example.test", "type": "secret"}`, ""},
	} {
		opts := model.Options{Name: c.name, Data: collection(c.host), Package: "vars"}
		if c.env != "" {
			opts.Env = []byte(`{"name": "staging", "values": [` + c.env + `, {"key": "id", "value": "p1"}, {"key": "token", "value": "t0ps3cret"}]}`)
		}
		api := modelOf(t, opts)
		if api.BaseURL != c.want {
			t.Errorf("%s: base URL = %q, want %q", c.name, api.BaseURL, c.want)
		}
		client := caseFile(t, opts, "client.go")
		if !strings.Contains(client, "const DefaultBaseURL = "+strconvQuote(c.want)+"\n") {
			t.Errorf("%s: client.go does not set DefaultBaseURL to %q", c.name, c.want)
		}
		ping := api.Operations[0]
		if got := wires(ping.PathParams); !slices.Equal(got, []string{"id"}) {
			t.Errorf("%s: path params = %v", c.name, got)
		}
		if c.env != "" && ping.PathParams[0].Example != "p1" {
			t.Errorf("%s: {{id}} example = %q, want the environment's p1", c.name, ping.PathParams[0].Example)
		}
		for _, f := range mustGenerate(t, opts).Files {
			if bytes.Contains(f.Data, []byte("t0ps3cret")) || c.want == "" && bytes.Contains(f.Data, []byte("staging.example.test")) {
				t.Errorf("%s: %s holds a secret of the environment", c.name, f.Name)
			}
		}
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func mustGenerate(t *testing.T, opts model.Options) *Result {
	t.Helper()
	res, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFeatureQuery (feature 4): repeated keys become []string, values go
// through url.Values, disabled keys are optional.
func TestFeatureQuery(t *testing.T) {
	op := findOp(t, caseModel(t, "shapes"), "Search")
	var got []string
	for _, p := range op.Query {
		got = append(got, p.Wire+":"+p.GoName+map[bool]string{true: ":repeated"}[p.Repeated]+map[bool]string{true: ":disabled"}[p.Disabled])
	}
	if want := []string{"q:Q", "tag:Tag:repeated", "fields:Fields:disabled"}; !slices.Equal(got, want) {
		t.Errorf("query = %v, want %v", got, want)
	}
	ex := op.Examples[0]
	if want := map[string][]string{"q": {"a&b=c d"}, "tag": {"x", "y", "z"}}; !reflect.DeepEqual(ex.Query, want) {
		t.Errorf("example query = %v, want %v", ex.Query, want)
	}
	src := caseFile(t, caseOptions(t, "shapes"), "ops_params.go")
	for _, want := range []string{"\tTag []string\n", "\tqueryParams(r, \"tag\", p.Tag)\n", "\tqueryParam(r, \"q\", p.Q)\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("ops_params.go lacks %q", want)
		}
	}
	test := caseFile(t, caseOptions(t, "shapes"), "ops_params_test.go")
	if !strings.Contains(test, `Query:       "q=a%26b%3Dc+d&tag=x&tag=y&tag=z",`) {
		t.Error("ops_params_test.go does not check the decoded query")
	}
}

// TestFeatureHeaders (feature 5): constant headers are sent as written,
// variable ones become parameters, Content-Type follows the body mode and
// hop-by-hop headers are dropped.
func TestFeatureHeaders(t *testing.T) {
	api := caseModel(t, "shapes")
	search := findOp(t, api, "Search")
	if want := []model.ConstHeader{{Name: "X-Client", Value: "shapes/1.0"}}; !reflect.DeepEqual(search.Headers, want) {
		t.Errorf("Search headers = %v, want %v (Connection, Host, Accept-Encoding, Content-Length, Transfer-Encoding dropped; a disabled header is a parameter)", search.Headers, want)
	}
	for goName, ct := range map[string]string{
		"CreateWidget":    "application/json",
		"CreateWidgetAPI": "application/vnd.api+json",
		"SendNote":        "text/plain",
		"SendXML":         "application/xml",
		"SendHTML":        "text/html",
		"LogIn":           "application/x-www-form-urlencoded", // its Content-Type header says JSON
		"UploadParts":     "multipart/form-data",
		"PutBlob":         "application/octet-stream",
		"GraphQuery":      "application/json",
	} {
		op := findOp(t, api, goName)
		if op.Body == nil || op.Body.ContentType != ct {
			t.Errorf("%s body = %+v, want content type %s", goName, op.Body, ct)
		}
		for _, h := range op.Headers {
			if strings.EqualFold(h.Name, "Content-Type") {
				t.Errorf("%s sends Content-Type as a constant header", goName)
			}
		}
	}
	test := caseFile(t, caseOptions(t, "shapes"), "ops_params_test.go")
	if !strings.Contains(test, `X-Client: shapes/1.0",`) {
		t.Error("ops_params_test.go does not check the constant header")
	}
}

// TestFeatureBodies (feature 6): raw JSON is typed, raw text, XML and
// HTML are strings, urlencoded is a form struct, formdata streams text and
// file parts, a file body is an io.Reader and GraphQL is the JSON document
// {query, variables}.
func TestFeatureBodies(t *testing.T) {
	api := caseModel(t, "shapes")
	for goName, kind := range map[string]model.BodyKind{
		"CreateWidget": model.BodyJSON, "CreateWidgetAPI": model.BodyJSON, "SendNote": model.BodyText, "SendXML": model.BodyText,
		"SendHTML": model.BodyText, "LogIn": model.BodyForm, "UploadParts": model.BodyMultipart, "PutBlob": model.BodyFile, "GraphQuery": model.BodyJSON,
	} {
		if op := findOp(t, api, goName); op.Body == nil || op.Body.Kind != kind {
			t.Errorf("%s body = %+v, want kind %d", goName, op.Body, kind)
		}
	}
	// The JSON type merges the item's body with the example's original
	// request body.
	create := findOp(t, api, "CreateWidget")
	if len(create.Body.Samples) != 2 || create.Body.Type == nil || create.Body.Type.Name == "" {
		t.Errorf("CreateWidget body samples = %d, type %v", len(create.Body.Samples), create.Body.Type)
	}
	if ex := create.Examples[0]; string(ex.RequestBody) != `{"name": "gadget", "count": 3, "tags": []}` {
		t.Errorf("CreateWidget example request body = %s", ex.RequestBody)
	}
	type field struct {
		Wire, GoName string
		File         bool
	}
	fields := func(op string) []field {
		var out []field
		for _, f := range findOp(t, api, op).Body.Fields {
			out = append(out, field{f.Wire, f.GoName, f.File})
		}
		return out
	}
	if got, want := fields("LogIn"), []field{{"username", "Username", false}, {"remember", "Remember", false}, {"debug", "Debug", false}}; !reflect.DeepEqual(got, want) {
		t.Errorf("LogIn fields = %v, want %v (the disabled one optional)", got, want)
	}
	if f := findOp(t, api, "LogIn").Body.Fields; f[1].Disabled || !f[2].Disabled {
		t.Errorf("LogIn fields disabled = %v, %v; want false, true", f[1].Disabled, f[2].Disabled)
	}
	if got := findOp(t, api, "LogIn").Body.Fields[0].Description; got != "The login name." {
		t.Errorf("username description = %q", got)
	}
	if got, want := fields("UploadParts"), []field{{"file", "File", true}, {"title", "Title", false}, {"skip", "Skip", false}}; !reflect.DeepEqual(got, want) {
		t.Errorf("UploadParts fields = %v, want %v", got, want)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(findOp(t, api, "GraphQuery").Body.Sample, &doc); err != nil {
		t.Fatal(err)
	}
	if string(doc["query"]) != `"query Widget($id: ID!) { widget(id: $id) { id name } }"` || string(doc["variables"]) != `{"id":"7"}` {
		t.Errorf("GraphQL body = %s", findOp(t, api, "GraphQuery").Body.Sample)
	}
	src := caseFile(t, caseOptions(t, "shapes"), "ops_bodies.go")
	for _, want := range []string{
		"func (c *Client) SendXML(ctx context.Context, body string) (string, error) {",
		"func (c *Client) PutBlob(ctx context.Context, name string, body io.Reader) error {",
		"func (c *Client) LogIn(ctx context.Context, form *LogInForm) (*LogInResponse, error) {",
		"func (c *Client) UploadParts(ctx context.Context, form *UploadPartsForm) (*UploadPartsResponse, error) {",
		"\tFile io.Reader\n",
		"func (c *Client) GraphQuery(ctx context.Context, body *GraphQueryRequest) (*GraphQueryResponse, error) {",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("ops_bodies.go lacks %q", want)
		}
	}
}

// TestFeatureResponses (feature 7): JSON is typed, text is a string,
// binary types stream, 204 and empty bodies return nothing, several 2xx
// statuses merge into one type, and an HTML page where JSON is expected is
// a *DecodeError.
func TestFeatureResponses(t *testing.T) {
	api := caseModel(t, "shapes")
	for goName, kind := range map[string]model.ResultKind{
		"GetJSON": model.ResultJSON, "GetText": model.ResultText, "GetZIP": model.ResultStream, "GetOctets": model.ResultStream,
		"GetPDF": model.ResultStream, "GetImage": model.ResultStream, "DeleteThing": model.ResultNone, "EmptyOK": model.ResultNone,
		"StartJob": model.ResultJSON, "GetBehindProxy": model.ResultJSON, "PutBlob": model.ResultNone, "SendXML": model.ResultText,
	} {
		if got := findOp(t, api, goName).Result.Kind; got != kind {
			t.Errorf("%s result = %d, want %d", goName, got, kind)
		}
	}
	job := findOp(t, api, "StartJob")
	var statuses []int
	for _, ex := range job.Examples {
		statuses = append(statuses, ex.Status)
	}
	if !slices.Equal(statuses, []int{200, 202}) {
		t.Errorf("StartJob statuses = %v", statuses)
	}
	decl := typeSource(t, api, job.Result.Type)
	for _, f := range []string{"ID ", "State ", "Result "} {
		if !strings.Contains(decl, "\t"+f) {
			t.Errorf("StartJobResponse lacks %s (fields of both 2xx examples merge):\n%s", f, decl)
		}
	}
	proxy := findOp(t, api, "GetBehindProxy")
	if k := proxy.Examples[1].Kind; k != model.ResultText {
		t.Errorf("login page example kind = %d, want text", k)
	}
	test := caseFile(t, caseOptions(t, "shapes"), "ops_responses_test.go")
	i := strings.Index(test, `Name:        "login page",`)
	if j := strings.Index(test[max(i, 0):], "},"); i < 0 || j < 0 || !strings.Contains(test[i:i+j], "Want:        replayDecodeError,") {
		t.Error("the HTML example of GetBehindProxy is not checked to be a *DecodeError")
	}
	src := caseFile(t, caseOptions(t, "shapes"), "ops_responses.go")
	for _, want := range []string{
		"func (c *Client) GetZIP(ctx context.Context) (io.ReadCloser, error) {",
		"func (c *Client) GetImage(ctx context.Context) (io.ReadCloser, error) {",
		"func (c *Client) GetText(ctx context.Context) (string, error) {",
		"func (c *Client) DeleteThing(ctx context.Context) error {",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("ops_responses.go lacks %q", want)
		}
	}
}

// typeSource renders the declaration of an inferred named type.
func typeSource(t *testing.T, api *model.API, typ *infer.Type) string {
	t.Helper()
	if typ == nil || typ.Name == "" {
		t.Fatalf("type %v is not named", typ)
	}
	for _, f := range mustGenerate(t, caseOptions(t, "shapes")).Files {
		if !emit.DeclaresTypes(f.Name) {
			continue
		}
		s := string(f.Data)
		if i := strings.Index(s, "type "+typ.Name+" struct {\n"); i >= 0 {
			return s[i : i+strings.Index(s[i:], "\n}\n")]
		}
	}
	t.Fatalf("no types file declares struct %s", typ.Name)
	return ""
}

// TestFeatureNames (feature 8): one file per top-level folder; the
// shortest folder context is used only to tell apart items that share a
// name (docs/NAMES.md); hostile and
// colliding names become unique, legal, deterministic identifiers.
func TestFeatureNames(t *testing.T) {
	api := caseModel(t, "names")
	var got []string
	for _, op := range api.Operations {
		got = append(got, op.GoName)
		if !token.IsIdentifier(op.GoName) || !token.IsExported(op.GoName) {
			t.Errorf("%s: %q is not an exported identifier", op.Where, op.GoName)
		}
	}
	want := []string{
		"List",                               // root "List" keeps the bare name
		"LeadsList", "LeadsGet", "GetParams", // Leads > List, Get collide with other folders'
		"Func", "String", "X2fa", "U1F680", "Empty", // keyword, predeclared, digit, emoji, ""
		"LeadsClient",                     // the runtime's Client: the folder, not a number
		"LeadsExtra",                      // the runtime's Extra (every object's Extra field's type): the same
		"GetUser", "GetUser2", "GetUser3", // equal after cleaning, in one folder: nothing else tells them apart
		"DealsList", "DealsGet", "DealsGet2", // two Deals > Get: a number
		"NestedGet",                    // Deals > Nested > Get: the one part the others lack
		"Alpha", "Beta", "Zeta", "Eta", // unique names take no folder prefix
		"GetThing", "PostForm", "ListCharges",
	}
	if !slices.Equal(got, want) {
		t.Errorf("operation names:\n got %q\nwant %q", got, want)
	}
	// The Params type of "Leads > Get Params" does not take the name of
	// another operation.
	if op := findOp(t, api, "GetParams"); op.ParamsType != "GetParamsParams" {
		t.Errorf("GetParams params type = %q", op.ParamsType)
	}
	var files []string
	for _, f := range api.Files {
		files = append(files, f.Base+"="+f.Folder)
	}
	wantFiles := []string{
		"ops_operations=", "ops_leads=Leads", "ops_deals=Deals", "ops_my_folder=My-Folder",
		"ops_my_folder2=my folder", "ops_u1_f680=🚀", "ops_clashing_params=Clashing params",
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("files:\n got %q\nwant %q", files, wantFiles)
	}
	if got := len(api.Files[1].Operations); got != 14 {
		t.Errorf("ops_leads has %d operations, want 14 (both Leads folders)", got)
	}

	thing := findOp(t, api, "GetThing")
	var names []string
	for _, p := range thing.PathParams {
		names = append(names, p.GoName)
	}
	if want := []string{"typeValue", "ctxValue", "x2nd", "errValue"}; !slices.Equal(names, want) {
		t.Errorf("path parameter names = %q, want %q", names, want)
	}
	names = nil
	for _, p := range append(append([]*model.Param{}, thing.Query...), thing.HeaderParams...) {
		names = append(names, p.GoName)
	}
	if want := []string{"PageSize", "PageSize2", "PageSize3", "XTrace", "Func", "XTrace2", "XTrace3"}; !slices.Equal(names, want) {
		t.Errorf("Params fields = %q, want %q", names, want)
	}
	names = nil
	for _, f := range findOp(t, api, "PostForm").Body.Fields {
		names = append(names, f.GoName)
	}
	// Keys are named first and keep their names; the file part's name
	// field takes the next free name in the same scope.
	if want := []string{"FirstName", "FirstName2", "File", "FileName", "Type"}; !slices.Equal(names, want) {
		t.Errorf("form fields = %q, want %q", names, want)
	}
	if got := findOp(t, api, "PostForm").Body.Fields[2].FileNameGo; got != "FileName2" {
		t.Errorf("file name field = %q, want FileName2", got)
	}

	// The same input names everything the same way on every run.
	again := caseModel(t, "names")
	for i, op := range again.Operations {
		if op.GoName != api.Operations[i].GoName {
			t.Errorf("run 2 names operation %d %s, run 1 %s", i, op.GoName, api.Operations[i].GoName)
		}
	}
}

// TestFeatureWarnings (feature 9): what the client cannot do is a warning
// that names the collection, the folder or the item by its folder path:
// scripts, proxy and certificate settings, body modes, examples.
func TestFeatureWarnings(t *testing.T) {
	api := caseModel(t, "dropped")
	want := []string{
		`item[3].item[1]: item "Not a request" has neither "request" nor "item": skipped`,
		`collection: pre-request script is not run by the generated client`,
		`folder "Scripted": test script is not run by the generated client`,
		`item "Scripted > Scripted get": pre-request script is not run by the generated client`,
		`item "Scripted > Scripted get": test script is not run by the generated client`,
		`item "Settings > Via proxy": proxy setting is not generated; give WithHTTPClient an http.Client whose Transport sets Proxy`,
		`item "Settings > With certificate": client certificate setting is not generated; give WithHTTPClient an http.Client whose Transport sets TLSClientConfig.Certificates`,
		`item "Bodies > Binary body": body mode "binary" cannot be generated; the method sends no body`,
		`item "Bodies > Repeated form": form field "id" is given more than once; only the first is sent`,
		`item "Bodies > Graph bad vars": GraphQL variables are not JSON; the body is sent without them`,
		`item "Bodies > Typed parts": form field "meta": its content type "application/json" is not sent`,
		`item "Bodies > Typed parts": form field "data": its content type "text/csv" is not sent`,
		`item "Examples > Odd examples": example "switching": informational status 101 cannot be replayed; example skipped`,
		`item "Examples > Odd examples": example "no status": example has no status code; assumed 200`,
		`item "Examples > Odd examples": example "nonsense": status 999 is not an HTTP status; example skipped`,
	}
	if got := warningTexts(api.Warnings); !slices.Equal(got, want) {
		t.Errorf("warnings:\n got %q\nwant %q", got, want)
	}
	// A disabled event and a script of blank lines are not reported;
	// "Quiet get" has both.
	for _, w := range api.Warnings {
		if strings.Contains(w.Where, "Quiet get") {
			t.Errorf("unexpected warning %s", w)
		}
	}
	// A bare {{variable}} in GraphQL variables stands for a value.
	if got := string(findOp(t, api, "GraphVars").Body.Sample); got != `{"query":"query ($id: ID!) { node(id: $id) { id } }","variables":{"id":null}}` {
		t.Errorf("GraphVars body = %s", got)
	}
	if got := len(findOp(t, api, "OddExamples").Examples); got != 2 {
		t.Errorf("OddExamples keeps %d examples, want 2", got)
	}
}

func TestScriptsAndSettings(t *testing.T) {
	col := func(event, request string) []byte {
		return []byte(`{"info": {"name": "S", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
			"item": [{"name": "A", "event": ` + event + `, "request": {"method": "GET", "url": "https://x.test/a"` + request + `}}]}`)
	}
	for _, c := range []struct {
		name, event, request string
		want                 []string
	}{
		{"no events", `[]`, ``, nil},
		{"exec as one string", `[{"listen": "prerequest", "script": {"exec": "let a = 1;\nlet b = 2;"}}]`, ``,
			[]string{`item "A": pre-request script is not run by the generated client`}},
		{"twice, one warning", `[{"listen": "test", "script": {"exec": ["a()"]}}, {"listen": "test", "script": {"exec": ["b()"]}}]`, ``,
			[]string{`item "A": test script is not run by the generated client`}},
		{"external source", `[{"listen": "test", "script": {"src": "https://x.test/s.js"}}]`, ``,
			[]string{`item "A": test script is not run by the generated client`}},
		{"no script", `[{"listen": "test"}]`, ``, nil},
		{"disabled proxy", `[]`, `, "proxy": {"host": "p.test", "disabled": true}`, nil},
		{"empty certificate", `[]`, `, "certificate": {}`, nil},
	} {
		api := modelOf(t, model.Options{Name: c.name, Data: col(c.event, c.request), Package: "s"})
		var got []string
		for _, w := range api.Warnings {
			got = append(got, w.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: warnings = %q, want %q", c.name, got, c.want)
		}
	}
}

// wireCollection has one request per thing that only the wire shows.
const wireCollection = `{"info": {"name": "Wire", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "item": [
  {"name": "Get file", "request": {"method": "GET", "url": "https://x.test/files/{{fileId}}/v/:version",
    "header": [{"key": "X-Const", "value": "a b"}, {"key": "Connection", "value": "close"}, {"key": "Accept-Encoding", "value": "br"}]}},
  {"name": "Send form", "request": {"method": "POST", "url": "https://x.test/form",
    "header": [{"key": "Content-Type", "value": "application/json"}],
    "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}, {"key": "b c", "value": "x"}]}}},
  {"name": "Send XML", "request": {"method": "POST", "url": "https://x.test/xml",
    "body": {"mode": "raw", "raw": "<a/>", "options": {"raw": {"language": "xml"}}}}},
  {"name": "Upload", "request": {"method": "POST", "url": "https://x.test/upload",
    "body": {"mode": "formdata", "formdata": [{"key": "file", "type": "file", "src": "/x.csv"}, {"key": "title", "value": "t", "type": "text"}]}}},
  {"name": "Put file", "request": {"method": "PUT", "url": "https://x.test/blob", "body": {"mode": "file", "file": {"src": "/b.bin"}}}},
  {"name": "Graph", "request": {"method": "POST", "url": "https://x.test/graphql",
    "body": {"mode": "graphql", "graphql": {"query": "query ($n: Int) { me(n: $n) { id } }", "variables": "{\"n\": 1}"}}}}
 ]}`

// wireTest is a hand-written test of the package generated from
// wireCollection.
const wireTest = `package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type sent struct {
	path, contentType string
	header            http.Header
	body              []byte
}

func server(t *testing.T) (*Client, *sent) {
	s := &sent{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.path, s.contentType, s.header = r.URL.EscapedPath(), r.Header.Get("Content-Type"), r.Header
		s.body, _ = io.ReadAll(r.Body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithHTTPClient(srv.Client())), s
}

func TestPathAndHeaders(t *testing.T) {
	c, s := server(t)
	if _, err := c.GetFile(context.Background(), "a/b c", "v?1%"); err != nil {
		t.Fatal(err)
	}
	if want := "/files/a%2Fb%20c/v/v%3F1%25"; s.path != want {
		t.Errorf("path = %q, want %q", s.path, want)
	}
	if got := s.header.Get("X-Const"); got != "a b" {
		t.Errorf("X-Const = %q", got)
	}
	if got := s.header.Get("Accept-Encoding"); got == "br" {
		t.Error("Accept-Encoding from the collection was sent")
	}
}

func TestForm(t *testing.T) {
	c, s := server(t)
	if _, err := c.SendForm(context.Background(), &SendFormForm{A: new(int64(1)), BC: new("x y&z")}); err != nil {
		t.Fatal(err)
	}
	if s.contentType != "application/x-www-form-urlencoded" || string(s.body) != "a=1&b+c=x+y%26z" {
		t.Errorf("sent %s %q", s.contentType, s.body)
	}
}

func TestText(t *testing.T) {
	c, s := server(t)
	if _, err := c.SendXML(context.Background(), "<b/>"); err != nil {
		t.Fatal(err)
	}
	if s.contentType != "application/xml" || string(s.body) != "<b/>" {
		t.Errorf("sent %s %q", s.contentType, s.body)
	}
}

func TestMultipart(t *testing.T) {
	c, s := server(t)
	form := &UploadForm{File: strings.NewReader("x,y\n"), FileName: "x.csv", Title: new("Q3")}
	if _, err := c.Upload(context.Background(), form); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(s.contentType)
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("content type %q: %v", s.contentType, err)
	}
	r := multipart.NewReader(bytes.NewReader(s.body), params["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"|"+p.FileName()+"|"+string(data))
	}
	if want := []string{"file|x.csv|x,y\n", "title||Q3"}; strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("parts = %q, want %q", got, want)
	}
}

func TestFile(t *testing.T) {
	c, s := server(t)
	if _, err := c.PutFile(context.Background(), bytes.NewReader([]byte{0, 1, 2})); err != nil {
		t.Fatal(err)
	}
	if s.contentType != "application/octet-stream" || !bytes.Equal(s.body, []byte{0, 1, 2}) {
		t.Errorf("sent %s %q", s.contentType, s.body)
	}
}

func TestGraphQL(t *testing.T) {
	c, s := server(t)
	var body GraphRequest
	if err := json.Unmarshal([]byte(` + "`" + `{"query": "{ me { id } }", "variables": {"n": 2}}` + "`" + `), &body); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Graph(context.Background(), &body); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(s.body, &got); err != nil || s.contentType != "application/json" {
		t.Fatalf("sent %s %q: %v", s.contentType, s.body, err)
	}
	if got["query"] != "{ me { id } }" || got["variables"].(map[string]any)["n"] != 2.0 {
		t.Errorf("sent %s", s.body)
	}
}
`

// TestOnTheWire generates a package from wireCollection and runs
// wireTest against an httptest server: path values holding "/", " ", "?"
// and "%" are escaped (the replay tests compare the unescaped path, which
// cannot tell an escaped "/" from a separator); constant headers are sent
// as written and hop-by-hop ones are not; each body mode is sent with its
// own Content-Type, whatever the collection's header says.
func TestOnTheWire(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated code")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	res, err := Generate(model.Options{Name: "wire.json", Data: []byte(wireCollection), Package: "wire"})
	if err != nil {
		t.Fatal(err)
	}
	runInModule(t, gobin, "wire", append(res.Files, File{Name: "wire_test.go", Data: []byte(wireTest)}), "^Test(PathAndHeaders|Form|Text|Multipart|File|GraphQL)$")
}

// runInModule writes files as a module of its own named module, and runs
// the tests of its root package that match run with the go tool gobin.
func runInModule(t *testing.T, gobin, module string, files []File, run string) {
	t.Helper()
	mod := t.TempDir()
	files = append(files, File{Name: "go.mod", Data: []byte("module " + module + "\n\ngo 1.26\n")})
	for _, f := range files {
		p := filepath.Join(mod, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(gobin, "test", "-count=1", "-run", run, ".")
	cmd.Dir = mod
	cmd.Env = gotool.Env(os.Environ())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
}

// TestFeatureAliases: bodies of the same shape keep their names, declared
// as Go aliases of the first of them in name order; a body that differs
// only in nullability is a type of its own.
func TestFeatureAliases(t *testing.T) {
	opts := caseOptions(t, "aliases")
	api := modelOf(t, opts)
	add := findOp(t, api, "AddCurrencies")
	if add.ErrorType.Name != "AddCurrenciesError" || add.ErrorType.Alias != nil {
		t.Fatalf("AddCurrencies error type %s, alias of %v", add.ErrorType.Name, add.ErrorType.Alias)
	}
	for _, c := range []struct{ op, name, alias string }{
		{"GetCurrencies", "GetCurrenciesError", "AddCurrenciesError"},
		{"GetCurrency", "GetCurrencyError", "AddCurrenciesError"},
		{"UpdateCurrencies", "UpdateCurrenciesError", "AddCurrenciesError"},
		{"DeleteCurrency", "DeleteCurrencyError", ""},
	} {
		e := findOp(t, api, c.op).ErrorType
		got := ""
		if e.Alias != nil {
			got = e.Alias.Name
		}
		if e.Name != c.name || got != c.alias {
			t.Errorf("%s: error type %s alias of %q, want %s alias of %q", c.op, e.Name, got, c.name, c.alias)
		}
	}
	if r := findOp(t, api, "GetCurrency").Result.Type; r.Alias == nil || r.Alias.Name != "GetCurrenciesResponseCurrency" {
		t.Errorf("GetCurrencyResponse alias of %v, want the element of GetCurrenciesResponse", r.Alias)
	}
	if b := findOp(t, api, "UpdateCurrencies").Body.Type; b.Alias == nil || b.Alias.Name != "AddCurrenciesRequest" {
		t.Errorf("UpdateCurrenciesRequest alias of %v, want AddCurrenciesRequest", b.Alias)
	}
	src := caseFile(t, opts, "ops_currencies.go")
	for _, want := range []string{
		"// AddCurrenciesError is a JSON object, the body of an error response of [Client.AddCurrencies]; its aliases are [GetCurrenciesError], [GetCurrencyError] and [UpdateCurrenciesError].\ntype AddCurrenciesError struct {",
		"// UpdateCurrenciesError is a JSON object, the body of an error response of [Client.UpdateCurrencies]; it is the same type as [AddCurrenciesError].\ntype UpdateCurrenciesError = AddCurrenciesError\n",
		"type DeleteCurrencyError struct {",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("types.go lacks %q", want)
		}
	}
	// The methods and tests name each operation's own types.
	ops := caseFile(t, opts, "ops_currencies.go")
	if !strings.Contains(ops, "UpdateCurrencies(ctx context.Context, body *UpdateCurrenciesRequest) (*UpdateCurrenciesResponse, error)") {
		t.Error("UpdateCurrencies does not name its own types")
	}
}
