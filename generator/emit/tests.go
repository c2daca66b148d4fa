package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// Golden tests: every saved example becomes a row of a table, replayed by
// the runtime's runReplays as a subtest: an httptest server serves the
// saved response and the row's closure calls the generated method. Where
// the example's original request is the operation's own request, the
// server also checks what the method sent: method, path, query, auth and
// constant headers, and the JSON body. Bodies live in testdata/zcrmgen/,
// with type placeholders replaced by values of their types, each stored
// once under a name made from its content.

// Credentials the tests configure; they are test values, not secrets.
const (
	testToken    = "test-token"
	testUser     = "test-user"
	testPassword = "test-password"
	testAPIKey   = "test-key"
)

// emitTestFile renders the tests of one operations file: one test that
// replays every saved example of its operations from a table, and one
// runnable Example per operation. It adds their testdata to files.
func emitTestFile(api *model.API, of *model.OpFile, files map[string][]byte) *jen.File {
	f := newFile(api.Package)
	var ops []jen.Code
	for _, op := range of.Operations {
		if len(op.Examples) > 0 {
			ops = append(ops, replayOpLit(op, files))
		}
	}
	if len(ops) == 0 {
		return nil
	}
	name := replayTestName(of)
	for _, c := range commentBlock([]string{fmt.Sprintf("%s replays the saved examples of the operations in %s.go, one subtest per operation and example.", name, of.Base)}) {
		f.Comment(c)
	}
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.Id("runReplays").Call(jen.Id("t"), jen.Index().Id("replayOp").ValuesFunc(func(g *jen.Group) {
			for _, o := range ops {
				g.Line().Add(o)
			}
			g.Line()
		})),
	)
	f.Line()
	for _, op := range of.Operations {
		emitExampleFunc(f, op, files)
	}
	return f
}

// replayTestName names the replay test of an operations file from its
// base name, ops_bulk_read -> TestReplay_bulk_read. Base names are unique
// in the package and no other test name has this prefix.
func replayTestName(of *model.OpFile) string {
	var sb strings.Builder
	sb.WriteString("TestReplay_")
	for _, r := range strings.TrimPrefix(of.Base, model.OpsFilePrefix) {
		if r == '_' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// testdataName stores data in files under a name made from its content,
// so that identical bodies are stored once, and returns the name below
// testdata/.
func testdataName(files map[string][]byte, data []byte, ext string) string {
	sum := sha256.Sum256(data)
	name := "zcrmgen/" + hex.EncodeToString(sum[:8]) + ext
	files["testdata/"+name] = data
	return name
}

func responseExt(ex *model.Example) string {
	switch ex.Kind {
	case model.ResultJSON, model.ResultInvalidJSON:
		return ".json"
	case model.ResultText, model.ResultNone:
		return ".txt"
	}
	return ".bin"
}

// responseFile stores the saved response of ex and returns its name.
func responseFile(ex *model.Example, files map[string][]byte) string {
	resp := ex.Body
	if ex.Kind == model.ResultJSON {
		resp = model.Realized(resp)
	}
	return testdataName(files, resp, responseExt(ex))
}

// requestFile stores the JSON request body a call for ex sends, the
// example's own when it has one, and returns its name; checked reports
// whether the replay server compares the request with it.
func requestFile(op *model.Operation, ex *model.Example, files map[string][]byte) (name string, checked bool) {
	if ex.SameRequest && ex.RequestBody != nil {
		return testdataName(files, model.Realized(ex.RequestBody), ".json"), true
	}
	return testdataName(files, model.Realized(op.Body.Sample), ".json"), false
}

// fields is a composite literal's keyed elements in the order they are
// added, each on its own line.
type fields []jen.Code

func (fs *fields) add(key string, v jen.Code) {
	*fs = append(*fs, jen.Id(key).Op(":").Add(v))
}

func (fs fields) lit(typ ...jen.Code) jen.Code {
	return jen.Add(typ...).ValuesFunc(func(g *jen.Group) {
		for _, f := range fs {
			g.Line().Add(f)
		}
		g.Line()
	})
}

// replayOpLit is the replayOp of one operation: what all its examples
// share, with one call of the method taking each example's arguments from
// the table, and one replayExample per example.
func replayOpLit(op *model.Operation, files map[string][]byte) jen.Code {
	var d fields
	d.add("Name", jen.Lit(op.GoName))
	d.add("Method", jen.Lit(op.Method))
	if h := expectedHeaders(op); len(h) > 0 {
		var lines []string
		for _, k := range slices.Sorted(maps.Keys(h)) {
			lines = append(lines, k+": "+h[k])
		}
		d.add("Header", jen.Lit(strings.Join(lines, "\n")))
	}
	if op.HostURL != "" {
		d.add("Hosts", jen.Func().Params(jen.Id("base").String()).Index().Id("Option").Block(
			jen.Return(jen.Index().Id("Option").Values(jen.Id("WithHostURL").Call(jen.Lit(op.HostURL), jen.Id("base"))))))
	}
	if opts := testClientOptions(op); len(opts) > 0 {
		d.add("Options", jen.Index().Id("Option").Values(opts...))
	}
	// The operation's Args are the first example's; an example whose
	// arguments differ carries its own.
	var opArgs jen.Code
	opArgsText := ""
	var exs fields
	typed := false
	for i, ex := range op.Examples {
		args := callArgs(op, ex)[1:] // without the context
		text := fmt.Sprintf("%#v", jen.List(args...))
		if i == 0 {
			opArgsText = text
			if len(args) > 0 {
				opArgs = jen.Index().Any().Values(args...)
			}
		}
		var own jen.Code
		if text != opArgsText {
			own = jen.Index().Any().Values(args...)
		}
		lit, t := replayExampleLit(op, ex, own, files)
		exs = append(exs, lit)
		typed = typed || t
	}
	if typed {
		d.add("ErrorType", jen.Parens(jen.Op("*").Add(gotype.Expr(op.ErrorType))).Call(jen.Nil()))
	}
	if opArgs != nil {
		d.add("Args", opArgs)
	}
	d.add("Call", replayCallLit(op))
	d.add("Examples", exs.lit(jen.Index().Id("replayExample")))
	return d.lit()
}

// replayCallLit is the replayOp's Call: the method called with the
// arguments of callArgs taken from args, and the body: a JSON body decoded
// from the testdata file body, any other the one testBodyArg builds.
func replayCallLit(op *model.Operation) jen.Code {
	var stmts []jen.Code
	args := []jen.Code{jen.Qual("context", "Background").Call()}
	for i, p := range op.PathParams {
		args = append(args, jen.Id("a").Index(jen.Lit(i)).Assert(paramType(p.Kind)))
	}
	if op.ParamsType != "" {
		args = append(args, jen.Id("a").Index(jen.Lit(len(op.PathParams))).Assert(jen.Op("*").Id(op.ParamsType)))
	}
	tParam, aParam, bodyParam := jen.Id("_"), jen.Id("_"), jen.Id("_")
	if len(args) > 1 {
		aParam = jen.Id("a")
	}
	if op.Body != nil {
		if op.Body.Kind == model.BodyJSON {
			tParam, bodyParam = jen.Id("t"), jen.Id("body")
			stmts = append(stmts,
				jen.Var().Id("b").Add(gotype.Expr(op.Body.Type)),
				jen.Id("replayDecode").Call(jen.Id("t"), jen.Id("body"), jen.Op("&").Id("b")))
			if named(op.Body.Type) {
				args = append(args, jen.Op("&").Id("b"))
			} else {
				args = append(args, jen.Id("b"))
			}
		} else {
			args = append(args, testBodyArg(op))
		}
	}
	call := jen.Id("c").Dot(op.GoName).Call(args...)
	if op.Result.Kind == model.ResultNone {
		call = jen.List(jen.Nil(), call)
	}
	stmts = append(stmts, jen.Return(call))
	return jen.Func().Params(tParam.Op("*").Qual("testing", "T"), jen.Id("c").Op("*").Id(model.NameClient), aParam.Index().Any(), bodyParam.String()).
		Params(jen.Any(), jen.Error()).Block(stmts...)
}

// replayExampleLit is the replayExample of one saved example: the
// response to serve, what the request must be when the example's request
// is the operation's own, what the call must return, and the call's
// arguments when they are not the operation's (args, else nil). typed
// reports whether it checks the operation's typed error body.
func replayExampleLit(op *model.Operation, ex *model.Example, args jen.Code, files map[string][]byte) (lit jen.Code, typed bool) {
	head := op.Method == http.MethodHead
	var d fields
	d.add("Name", jen.Lit(ex.Name))
	if ex.Status != http.StatusOK {
		d.add("Status", jen.Lit(ex.Status))
	}
	if ex.ContentType != "" {
		d.add("ContentType", jen.Lit(ex.ContentType))
	}
	d.add("Response", jen.Lit(responseFile(ex, files)))
	if ex.SameRequest {
		d.add("Path", jen.Lit(examplePath(op, ex)))
		if q := exampleQuery(op, ex); len(q) > 0 {
			d.add("Query", jen.Lit(queryText(q)))
		}
	}
	if args != nil {
		d.add("Args", args)
	}
	if op.Body != nil && op.Body.Kind == model.BodyJSON {
		reqFile, checked := requestFile(op, ex, files)
		d.add("Body", jen.Lit(reqFile))
		if checked {
			d.add("CheckBody", jen.True())
		}
	}
	switch success := ex.Status >= 200 && ex.Status < 300; {
	case !success:
		d.add("Want", jen.Id("replayAPIError"))
		if !head {
			if ex.ErrCode != "" {
				d.add("Code", jen.Lit(ex.ErrCode))
			}
			if ex.ErrMessage != "" {
				d.add("Message", jen.Lit(ex.ErrMessage))
			}
			if op.ErrorType != nil && ex.Kind == model.ResultJSON {
				d.add("TypedError", jen.True())
				typed = true
			}
		}
	case head:
	case op.Result.Kind == model.ResultJSON:
		switch ex.Kind {
		case model.ResultJSON:
			d.add("Want", jen.Id("replayJSON"))
		case model.ResultNone:
		default:
			d.add("Want", jen.Id("replayDecodeError"))
		}
	case op.Result.Kind == model.ResultText, op.Result.Kind == model.ResultStream:
		d.add("Want", jen.Id("replayBody"))
	}
	return d.lit(), typed
}

// testClientOptions are the options of an operation's test client besides
// the replay server's and its hosts (see replayOp in the runtime): test
// credentials for the operation's auth.
func testClientOptions(op *model.Operation) []jen.Code {
	var opts []jen.Code
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

// queryText writes q, keys sorted, as a query that url.ParseQuery reads
// back as q. It escapes no more than it must, so that it stays readable:
// the separators, '%', '+' (which reads as a space) and the space.
func queryText(q map[string][]string) string {
	esc := strings.NewReplacer("%", "%25", "&", "%26", "=", "%3D", ";", "%3B", "+", "%2B", " ", "+")
	var sb strings.Builder
	for _, k := range slices.Sorted(maps.Keys(q)) {
		for _, v := range q[k] {
			if sb.Len() > 0 {
				sb.WriteByte('&')
			}
			sb.WriteString(esc.Replace(k) + "=" + esc.Replace(v))
		}
	}
	return sb.String()
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

// testBodyArg builds the body argument of a call whose body is not JSON:
// the operation's own text, its form fields or a file's content.
func testBodyArg(op *model.Operation) jen.Code {
	b := op.Body
	switch b.Kind {
	case model.BodyText:
		return jen.Lit(string(b.Sample))
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
		return jen.Op("&").Id(b.GoType).Values(d)
	case model.BodyFile:
		return jen.Qual("strings", "NewReader").Call(jen.Lit("example file content"))
	}
	return jen.Nil()
}

// emitExampleFunc writes a runnable Example for the operation from its
// first success example, so go doc shows a working call: a local server
// (the runtime's exampleServer) answers with the saved response and the
// example prints whether the call returned it (exampleResult).
func emitExampleFunc(f *jen.File, op *model.Operation, files map[string][]byte) {
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
	switch op.Result.Kind {
	case model.ResultJSON, model.ResultText, model.ResultStream, model.ResultNone:
	default:
		return
	}
	name := "ExampleClient_" + op.GoName
	for _, c := range commentBlock([]string{fmt.Sprintf("%s calls %s against a local server that answers with the saved example %q.", name, op.DocLink(), ex.Name)}) {
		f.Comment(c)
	}
	stmts := []jen.Code{
		jen.List(jen.Id("srv"), jen.Id("saved")).Op(":=").Id("exampleServer").Call(jen.Lit(ex.Status), jen.Lit(ex.ContentType), jen.Lit(responseFile(ex, files))),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Line(),
		jen.Id("c").Op(":=").Id("NewClient").Call(exampleOptions(op)...),
	}
	args := callArgs(op, ex)
	if op.Body != nil {
		pre, arg := exampleBodyArg(op, ex, files)
		stmts = append(stmts, pre...)
		args = append(args, arg)
	}
	call := jen.Id("c").Dot(op.GoName).Call(args...)
	result := jen.Id("resp")
	if op.Result.Kind == model.ResultNone {
		stmts = append(stmts, jen.Err().Op(":=").Add(call))
		result = jen.Nil()
	} else {
		stmts = append(stmts, jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(call))
	}
	stmts = append(stmts,
		jen.Qual("fmt", "Println").Call(jen.Id("exampleResult").Call(jen.Id("saved"), result, jen.Err())),
		jen.Comment("Output: true"))
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
// decoded from the request the example sent, kept in testdata
// (exampleRequest).
func exampleBodyArg(op *model.Operation, ex *model.Example, files map[string][]byte) ([]jen.Code, jen.Code) {
	b := op.Body
	if b.Kind != model.BodyJSON {
		return nil, testBodyArg(op)
	}
	reqFile, _ := requestFile(op, ex, files)
	pre := []jen.Code{
		jen.Var().Id("body").Add(gotype.Expr(b.Type)),
		jen.Id("exampleRequest").Call(jen.Lit(reqFile), jen.Op("&").Id("body")),
	}
	if named(b.Type) {
		return pre, jen.Op("&").Id("body")
	}
	return pre, jen.Id("body")
}
