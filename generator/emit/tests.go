package emit

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// Golden tests: every saved example becomes a test that serves the saved
// response from an httptest server and calls the generated method. Where
// the example's original request is the operation's own request, the
// server also checks what the method sent: method, path, query, auth and
// constant headers, and the JSON body. Bodies live in testdata/zcrmgen/,
// with type placeholders replaced by values of their types.

// Credentials the tests configure; they are test values, not secrets.
const (
	testToken    = "test-token"
	testUser     = "test-user"
	testPassword = "test-password"
	testAPIKey   = "test-key"
)

// emitTestFile renders the tests of one operations file, and adds their
// testdata to files.
func emitTestFile(api *model.API, of *model.OpFile, files map[string][]byte) *jen.File {
	f := newFile(api.Package)
	n := 0
	for _, op := range of.Operations {
		for _, ex := range op.Examples {
			emitExampleTest(f, op, ex, files)
			n++
		}
		emitExampleFunc(f, op)
	}
	if n == 0 {
		return nil
	}
	return f
}

func testdataPath(ex *model.Example, suffix string) string {
	return ex.TestdataBase + suffix
}

func responseExt(ex *model.Example) string {
	switch ex.Kind {
	case model.ResultJSON, model.ResultInvalidJSON:
		return ".response.json"
	case model.ResultText, model.ResultNone:
		return ".response.txt"
	}
	return ".response.bin"
}

func emitExampleTest(f *jen.File, op *model.Operation, ex *model.Example, files map[string][]byte) {
	respFile := testdataPath(ex, responseExt(ex))
	resp := ex.Body
	if ex.Kind == model.ResultJSON {
		resp = model.Realized(resp)
	}
	files["testdata/"+respFile] = resp
	read := func(name string) jen.Code {
		return jen.Id("readTestdata").Call(jen.Id("t"), jen.Lit(name))
	}

	rc := jen.Dict{
		jen.Id("Status"): jen.Lit(ex.Status),
		jen.Id("Body"):   read(respFile),
	}
	if ex.ContentType != "" {
		rc[jen.Id("ContentType")] = jen.Lit(ex.ContentType)
	}
	head := op.Method == http.MethodHead

	// The request body the call sends.
	var reqFile string
	if op.Body != nil && op.Body.Kind == model.BodyJSON {
		reqFile = testdataPath(ex, ".request.json")
		if ex.SameRequest && ex.RequestBody != nil {
			files["testdata/"+reqFile] = model.Realized(ex.RequestBody)
			rc[jen.Id("RequestBody")] = read(reqFile)
		} else {
			files["testdata/"+reqFile] = model.Realized(op.Body.Sample)
		}
	}
	if ex.SameRequest {
		rc[jen.Id("Method")] = jen.Lit(op.Method)
		rc[jen.Id("Path")] = jen.Lit(examplePath(op, ex))
		rc[jen.Id("Query")] = queryLit(exampleQuery(op, ex))
		if h := expectedHeaders(op); len(h) > 0 {
			d := jen.Dict{}
			for _, k := range slices.Sorted(maps.Keys(h)) {
				d[jen.Lit(k)] = jen.Lit(h[k])
			}
			rc[jen.Id("Header")] = jen.Map(jen.String()).String().Values(d)
		}
	}

	doc := fmt.Sprintf("%s replays the saved example %q (%d) of [Client.%s].", ex.GoName, ex.Name, ex.Status, op.GoName)
	for _, c := range commentBlock([]string{doc}) {
		f.Comment(c)
	}

	var stmts []jen.Code
	stmts = append(stmts, jen.Id("srv").Op(":=").Id("replayServer").Call(jen.Id("t"), jen.Id("replayCase").Values(rc)))
	stmts = append(stmts, jen.Id("c").Op(":=").Id("NewClient").Call(testClientOptions(op)...))

	args := callArgs(op, ex)
	if op.Body != nil {
		pre, arg := testBodyArg(op, reqFile)
		stmts = append(stmts, pre...)
		args = append(args, arg)
	}
	call := jen.Id("c").Dot(op.GoName).Call(args...)

	success := ex.Status >= 200 && ex.Status < 300
	switch {
	case !success:
		stmts = append(stmts, resultAssign(op, call)...)
		code, msg := ex.ErrCode, ex.ErrMessage
		if head {
			code, msg = "", ""
		}
		stmts = append(stmts, jen.Id("assertAPIError").Call(jen.Id("t"), jen.Err(), jen.Lit(ex.Status), jen.Lit(code), jen.Lit(msg)))
		if op.ErrorType != nil && ex.Kind == model.ResultJSON && !head {
			stmts = append(stmts,
				jen.Var().Id("apiErr").Op("*").Id("APIError"),
				jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("apiErr"))).Block(
					jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("apiErr").Dot("Value").Assert(jen.Op("*").Add(gotype.Expr(op.ErrorType))), jen.Op("!").Id("ok")).Block(
						jen.Id("t").Dot("Fatalf").Call(jen.Lit("APIError.Value is %T, want the typed error body"), jen.Id("apiErr").Dot("Value")),
					),
					jen.Id("assertJSONEqual").Call(jen.Id("t"), read(respFile), jen.Id("apiErr").Dot("Value")),
				),
			)
		}
	default:
		stmts = append(stmts, successAssertions(op, ex, call, read(respFile), head)...)
	}
	f.Func().Id(ex.GoName).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
	f.Line()
}

// resultAssign calls the method and keeps only its error.
func resultAssign(op *model.Operation, call jen.Code) []jen.Code {
	if op.Result.Kind == model.ResultNone {
		return []jen.Code{jen.Err().Op(":=").Add(call)}
	}
	if op.Result.Kind == model.ResultStream {
		return []jen.Code{
			jen.List(jen.Id("rc"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Id("rc").Op("!=").Nil()).Block(jen.Id("rc").Dot("Close").Call()),
		}
	}
	return []jen.Code{jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call)}
}

func fatalIfErr(op *model.Operation) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit(op.GoName+": %v"), jen.Err()))
}

func successAssertions(op *model.Operation, ex *model.Example, call, want jen.Code, head bool) []jen.Code {
	got := jen.List(jen.Id("got"), jen.Err()).Op(":=").Add(call)
	switch op.Result.Kind {
	case model.ResultJSON:
		switch {
		case ex.Kind == model.ResultJSON && !head:
			return []jen.Code{got, fatalIfErr(op), jen.Id("assertJSONEqual").Call(jen.Id("t"), want, jen.Id("got"))}
		case ex.Kind == model.ResultNone || head:
			return []jen.Code{jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call), fatalIfErr(op)}
		}
		// A body that is not JSON, or JSON that does not parse, is a
		// decode error, never a panic or a silent zero value.
		return []jen.Code{
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call),
			jen.Var().Id("de").Op("*").Id("DecodeError"),
			jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("de"))).Block(
				jen.Id("t").Dot("Fatalf").Call(jen.Lit("err = %v, want a *DecodeError"), jen.Err())),
		}
	case model.ResultText:
		if head {
			return []jen.Code{jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call), fatalIfErr(op)}
		}
		return []jen.Code{got, fatalIfErr(op),
			jen.If(jen.Id("got").Op("!=").String().Call(want)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("body = %q, want the saved body"), jen.Id("got")))}
	case model.ResultStream:
		stmts := []jen.Code{
			jen.List(jen.Id("rc"), jen.Err()).Op(":=").Add(call), fatalIfErr(op),
			jen.Defer().Id("rc").Dot("Close").Call(),
			jen.List(jen.Id("got"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("rc")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("read body: %v"), jen.Err())),
		}
		if head {
			return stmts
		}
		return append(stmts, jen.If(jen.Op("!").Qual("bytes", "Equal").Call(jen.Id("got"), want)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("body = %q, want the saved body"), jen.Id("got"))))
	}
	return []jen.Code{jen.Err().Op(":=").Add(call), fatalIfErr(op)}
}

// testClientOptions configures the test client against the replay server
// with test credentials for the operation's auth. Decoding is strict, so
// that a saved response with a member that does not fit its type fails
// the test instead of being kept raw.
func testClientOptions(op *model.Operation) []jen.Code {
	opts := []jen.Code{
		jen.Id("WithBaseURL").Call(jen.Id("srv").Dot("URL")),
		jen.Id("WithHTTPClient").Call(jen.Id("srv").Dot("Client").Call()),
		jen.Id("WithStrictDecoding").Call(),
	}
	if op.HostURL != "" {
		opts = append(opts, jen.Id("WithHostURL").Call(jen.Lit(op.HostURL), jen.Id("srv").Dot("URL")))
	}
	switch op.Auth.Kind {
	case model.AuthBearer, model.AuthOAuth2Query:
		opts = append(opts, jen.Id("WithToken").Call(jen.Lit(testToken)))
	case model.AuthBasic:
		opts = append(opts, jen.Id("WithBasicAuth").Call(jen.Lit(testUser), jen.Lit(testPassword)))
	case model.AuthAPIKeyHeader, model.AuthAPIKeyQuery:
		opts = append(opts, jen.Id("WithAPIKey").Call(jen.Lit(testAPIKey)))
	}
	return opts
}

// withPrefix joins an auth prefix and a credential the way the runtime does.
func withPrefix(prefix, v string) string {
	if prefix == "" {
		return v
	}
	return prefix + " " + v
}

// expectedHeaders are the headers a test checks: auth and constant headers.
func expectedHeaders(op *model.Operation) map[string]string {
	h := map[string]string{}
	for _, c := range op.Headers {
		h[c.Name] = c.Value
	}
	switch op.Auth.Kind {
	case model.AuthBearer:
		h["Authorization"] = withPrefix(op.Auth.Prefix, testToken)
	case model.AuthBasic:
		h["Authorization"] = "Basic dGVzdC11c2VyOnRlc3QtcGFzc3dvcmQ=" // test-user:test-password
	case model.AuthAPIKeyHeader:
		h[op.Auth.Name] = withPrefix(op.Auth.Prefix, testAPIKey)
	}
	return h
}

// examplePath is the unescaped path the call must reach.
func examplePath(op *model.Operation, ex *model.Example) string {
	var sb strings.Builder
	index := map[*model.Param]int{}
	for i, p := range op.PathParams {
		index[p] = i
	}
	for _, s := range op.Path {
		if s.Slash {
			sb.WriteByte('/')
		}
		if s.Param != nil {
			_, v := testParamValue(s.Param.Kind, ex.PathValues[index[s.Param]])
			sb.WriteString(v)
			continue
		}
		sb.WriteString(s.Literal)
	}
	if sb.Len() == 0 {
		return "/"
	}
	return sb.String()
}

// testQueryValues are the values a test passes for a query parameter:
// the example's non-empty values (the first only, unless the key repeats),
// as Go expressions and as the text the Params encoder sends for them.
func testQueryValues(p *model.Param, ex *model.Example) (codes []jen.Code, wire []string) {
	for _, v := range ex.Query[p.Wire] {
		if v == "" {
			continue
		}
		c, w := testParamValue(p.Kind, v)
		codes, wire = append(codes, c), append(wire, w)
		if !p.Repeated {
			break
		}
	}
	return codes, wire
}

// exampleQuery is the query the call sends: the example's values as
// testQueryValues passes them, plus a query API key.
func exampleQuery(op *model.Operation, ex *model.Example) map[string][]string {
	q := map[string][]string{}
	for _, p := range op.Query {
		if _, wire := testQueryValues(p, ex); len(wire) > 0 {
			q[p.Wire] = wire
		}
	}
	switch op.Auth.Kind {
	case model.AuthAPIKeyQuery:
		q[op.Auth.Name] = append(q[op.Auth.Name], withPrefix(op.Auth.Prefix, testAPIKey))
	case model.AuthOAuth2Query:
		q[op.Auth.Name] = append(q[op.Auth.Name], testToken)
	}
	return q
}

func queryLit(q map[string][]string) jen.Code {
	d := jen.Dict{}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals := make([]jen.Code, len(q[k]))
		for i, v := range q[k] {
			vals[i] = jen.Lit(v)
		}
		d[jen.Lit(k)] = jen.Values(vals...)
	}
	return jen.Qual("net/url", "Values").Values(d)
}

// callArgs are the arguments a test or example passes to the method of op
// for ex before its body: the context, the path values and the params.
func callArgs(op *model.Operation, ex *model.Example) []jen.Code {
	args := []jen.Code{jen.Qual("context", "Background").Call()}
	for i, p := range op.PathParams {
		v, _ := testParamValue(p.Kind, ex.PathValues[i])
		args = append(args, v)
	}
	if op.ParamsType != "" {
		args = append(args, paramsLit(op, ex))
	}
	return args
}

// paramsLit fills the Params struct with the example's query values.
func paramsLit(op *model.Operation, ex *model.Example) jen.Code {
	d := jen.Dict{}
	for _, p := range op.Query {
		vals, _ := testQueryValues(p, ex)
		switch {
		case len(vals) == 0:
		case p.Repeated:
			d[jen.Id(p.GoName)] = jen.Index().Add(paramType(p.Kind)).Values(vals...)
		default:
			d[jen.Id(p.GoName)] = jen.New(vals[0])
		}
	}
	return jen.Op("&").Id(op.ParamsType).Values(d)
}

// testBodyArg builds the body argument of the call.
func testBodyArg(op *model.Operation, reqFile string) ([]jen.Code, jen.Code) {
	b := op.Body
	switch b.Kind {
	case model.BodyJSON:
		decl := jen.Var().Id("body").Add(gotype.Expr(b.Type))
		dec := jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(
			jen.Id("readTestdata").Call(jen.Id("t"), jen.Lit(reqFile)), jen.Op("&").Id("body")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("decode request body: %v"), jen.Err()))
		if named(b.Type) {
			return []jen.Code{decl, dec}, jen.Op("&").Id("body")
		}
		return []jen.Code{decl, dec}, jen.Id("body")
	case model.BodyText:
		return nil, jen.Lit(string(b.Sample))
	case model.BodyForm, model.BodyMultipart:
		d := jen.Dict{}
		// The fields the collection sends, and the required ones; the
		// optional fields it leaves out stay nil.
		for _, fl := range b.Fields {
			if fl.Disabled && !fl.Required {
				continue
			}
			if fl.File {
				d[jen.Id(fl.GoName)] = jen.Qual("strings", "NewReader").Call(jen.Lit("example file content"))
				d[jen.Id(fl.FileNameGo)] = jen.Lit("example.txt")
				continue
			}
			v, _ := testParamValue(fl.Kind, fl.Example)
			d[jen.Id(fl.GoName)] = jen.New(v)
		}
		return nil, jen.Op("&").Id(b.GoType).Values(d)
	case model.BodyFile:
		return nil, jen.Qual("strings", "NewReader").Call(jen.Lit("example file content"))
	}
	return nil, jen.Nil()
}

// emitExampleFunc writes a runnable Example for the operation from its
// first success example, so go doc shows a working call: a local server
// answers with the saved response and the example prints what it got.
func emitExampleFunc(f *jen.File, op *model.Operation) {
	var ex *model.Example
	for _, e := range op.Examples {
		if e.Status >= 200 && e.Status < 300 && (e.Kind == op.Result.Kind || op.Result.Kind == model.ResultJSON && e.Kind == model.ResultNone) {
			ex = e
			break
		}
	}
	if ex == nil || op.Method == http.MethodHead {
		return
	}
	name := "ExampleClient_" + op.GoName
	for _, c := range commentBlock([]string{fmt.Sprintf("%s calls [Client.%s] against a local server that answers with the saved example %q.", name, op.GoName, ex.Name)}) {
		f.Comment(c)
	}
	fail := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("fmt", "Println").Call(jen.Lit("error:"), jen.Err()), jen.Return())
	stmts := []jen.Code{
		jen.List(jen.Id("saved"), jen.Err()).Op(":=").Qual("os", "ReadFile").Call(jen.Lit("testdata/" + testdataPath(ex, responseExt(ex)))),
		fail,
	}
	handler := []jen.Code{}
	if ex.ContentType != "" {
		handler = append(handler, jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(ex.ContentType)))
	}
	handler = append(handler, jen.Id("w").Dot("WriteHeader").Call(jen.Lit(ex.Status)), jen.Id("w").Dot("Write").Call(jen.Id("saved")))
	stmts = append(stmts,
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual("net/http", "HandlerFunc").Call(
			jen.Func().Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("_").Op("*").Qual("net/http", "Request")).Block(handler...))),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Line(),
		jen.Id("c").Op(":=").Id("NewClient").Call(exampleOptions(op)...),
	)
	args := callArgs(op, ex)
	if op.Body != nil {
		pre, arg := exampleBodyArg(op, ex, fail)
		stmts = append(stmts, pre...)
		args = append(args, arg)
	}
	call := jen.Id("c").Dot(op.GoName).Call(args...)
	switch op.Result.Kind {
	case model.ResultJSON:
		// The typed result encodes back to the saved body.
		stmts = append(stmts, jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(call), fail,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("resp")), fail)
		if ex.Kind == model.ResultNone {
			stmts = append(stmts, jen.Qual("fmt", "Println").Call(jen.Len(jen.Id("out")).Op(">").Lit(0)))
		} else {
			stmts = append(stmts, jen.List(jen.Id("same"), jen.Id("_"), jen.Id("_")).Op(":=").Id("jsonEqual").Call(jen.Id("saved"), jen.Id("out")),
				jen.Qual("fmt", "Println").Call(jen.Id("same")))
		}
	case model.ResultText:
		stmts = append(stmts, jen.List(jen.Id("text"), jen.Err()).Op(":=").Add(call), fail,
			jen.Qual("fmt", "Println").Call(jen.Id("text").Op("==").String().Call(jen.Id("saved"))))
	case model.ResultStream:
		stmts = append(stmts, jen.List(jen.Id("rc"), jen.Err()).Op(":=").Add(call), fail,
			jen.Defer().Id("rc").Dot("Close").Call(),
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("rc")), fail,
			jen.Qual("fmt", "Println").Call(jen.Qual("bytes", "Equal").Call(jen.Id("data"), jen.Id("saved"))))
	case model.ResultNone:
		stmts = append(stmts, jen.Err().Op("=").Add(call), fail, jen.Qual("fmt", "Println").Call(jen.True()))
	default:
		return
	}
	stmts = append(stmts, jen.Comment("Output: true"))
	f.Func().Id(name).Params().Block(stmts...)
	f.Line()
}

// exampleOptions are the client options of a runnable example.
func exampleOptions(op *model.Operation) []jen.Code {
	opts := []jen.Code{jen.Id("WithBaseURL").Call(jen.Id("srv").Dot("URL"))}
	if op.HostURL != "" {
		opts = append(opts, jen.Id("WithHostURL").Call(jen.Lit(op.HostURL), jen.Id("srv").Dot("URL")))
	}
	switch op.Auth.Kind {
	case model.AuthBearer, model.AuthOAuth2Query:
		opts = append(opts, jen.Id("WithToken").Call(jen.Lit("your-access-token")))
	case model.AuthBasic:
		opts = append(opts, jen.Id("WithBasicAuth").Call(jen.Lit("user"), jen.Lit("password")))
	case model.AuthAPIKeyHeader, model.AuthAPIKeyQuery:
		opts = append(opts, jen.Id("WithAPIKey").Call(jen.Lit("your-api-key")))
	}
	return opts
}

// exampleBodyArg builds the body of a runnable example: a JSON body is
// decoded from the request the example sent, kept in testdata.
func exampleBodyArg(op *model.Operation, ex *model.Example, fail jen.Code) ([]jen.Code, jen.Code) {
	b := op.Body
	if b.Kind != model.BodyJSON {
		_, arg := testBodyArg(op, "")
		return nil, arg
	}
	pre := []jen.Code{
		jen.List(jen.Id("sent"), jen.Err()).Op(":=").Qual("os", "ReadFile").Call(jen.Lit("testdata/" + testdataPath(ex, ".request.json"))),
		fail,
		jen.Var().Id("body").Add(gotype.Expr(b.Type)),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("sent"), jen.Op("&").Id("body")), jen.Err().Op("!=").Nil()).Block(
			jen.Qual("fmt", "Println").Call(jen.Lit("error:"), jen.Err()), jen.Return()),
	}
	if named(b.Type) {
		return pre, jen.Op("&").Id("body")
	}
	return pre, jen.Id("body")
}
