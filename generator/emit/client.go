package emit

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// The emit stage renders the model with jennifer, one function per output
// file. It reads names from the model and never invents one.

func newFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment(file.Header)
	return f
}

// emitClientFile renders client.go: the package doc, the default base URL
// and NewClient.
func emitClientFile(api *model.API) *jen.File {
	f := newFile(api.Package)
	var doc []string
	doc = append(doc, fmt.Sprintf("Package %s is a client for %s.", api.Package, cmp.Or(oneLine(api.Name), "the API")))
	if d := docText(api.Description); len(d) > 0 {
		doc = append(doc, "")
		doc = append(doc, d...)
	}
	doc = append(doc, "",
		"Create a client with [NewClient] and call one method per request of the",
		"collection:",
		"",
		"\tc := "+api.Package+".NewClient("+clientOptionsExample(api)+")",
	)
	if len(api.Operations) > 0 {
		doc = append(doc, "\tresp, err := c."+api.Operations[0].GoName+"(ctx"+exampleArgs(api.Operations[0])+")")
	}
	doc = append(doc, "",
		"A response with a status outside 2xx is returned as an [*APIError]",
		"carrying the status, the body and the error code and message the API",
		"sent.")
	for _, c := range commentBlock(doc) {
		f.PackageComment(c)
	}

	doc = []string{"DefaultBaseURL is the base URL requests go to unless [WithBaseURL] sets another."}
	if api.BaseURLVar != "" {
		doc = append(doc, fmt.Sprintf("It is the collection's value of {{%s}}.", api.BaseURLVar))
	}
	for _, c := range commentBlock(doc) {
		f.Comment(c)
	}
	f.Const().Id(model.NameDefaultBaseURL).Op("=").Lit(api.BaseURL)
	f.Line()
	f.Comment("NewClient returns a client for the API, configured by opts.")
	f.Func().Id(model.NameNewClient).Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id(model.NameClient).Block(
		jen.Return(jen.Id("newClient").Call(jen.Id(model.NameDefaultBaseURL), jen.Id("opts"))),
	)
	return f
}

func clientOptionsExample(api *model.API) string {
	for _, k := range api.AuthKinds {
		switch k {
		case model.AuthBearer, model.AuthOAuth2Query:
			return api.Package + ".WithToken(token)"
		case model.AuthBasic:
			return api.Package + ".WithBasicAuth(user, password)"
		case model.AuthAPIKeyHeader, model.AuthAPIKeyQuery:
			return api.Package + ".WithAPIKey(key)"
		}
	}
	return ""
}

func exampleArgs(op *model.Operation) string {
	var sb strings.Builder
	for _, p := range op.PathParams {
		sb.WriteString(", " + p.GoName)
	}
	if op.ParamsType != "" {
		sb.WriteString(", nil")
	}
	if op.Body != nil {
		sb.WriteString(", body")
	}
	return sb.String()
}

// emitOpsFile renders the operations of one top-level folder with their
// Params and Form types.
func emitOpsFile(api *model.API, of *model.OpFile) *jen.File {
	f := newFile(api.Package)
	for _, op := range of.Operations {
		emitParamsType(f, op)
		emitFormType(f, op)
		emitMethod(f, op)
		if op.Pager != nil {
			emitPager(f, op.Pager)
		}
	}
	return f
}

// pathText renders the path template for docs: /crm/v8/{module}/{id}.
func pathText(op *model.Operation) string {
	var sb strings.Builder
	for _, s := range op.Path {
		if s.Slash {
			sb.WriteByte('/')
		}
		if s.Param != nil {
			sb.WriteString("{" + s.Param.Wire + "}")
			continue
		}
		sb.WriteString(s.Literal)
	}
	if sb.Len() == 0 {
		return "/"
	}
	return sb.String()
}

func emitMethod(f *jen.File, op *model.Operation) {
	var doc []string
	doc = append(doc, fmt.Sprintf("%s calls %s %s, the request %q of the collection.", op.GoName, op.Method, pathText(op), strings.Join(append(append([]string{}, op.Folder...), op.Name), " > ")))
	if d := docText(op.Description); len(d) > 0 {
		doc = append(doc, "")
		doc = append(doc, d...)
	}
	if op.HostURL != "" {
		doc = append(doc, fmt.Sprintf("The API serves it from %s, not the client's base URL; [WithHostURL] redirects it.", op.HostURL))
	}
	for _, c := range commentBlock(doc) {
		f.Comment(c)
	}

	params := []jen.Code{jen.Id(model.IDCtx).Qual(model.PkgContext, "Context")}
	for _, p := range op.PathParams {
		params = append(params, jen.Id(p.GoName).Add(paramType(p.Kind)))
	}
	if op.ParamsType != "" {
		params = append(params, jen.Id(model.IDParams).Op("*").Id(op.ParamsType))
	}
	if op.Body != nil {
		params = append(params, bodyParam(op.Body))
	}

	accept, headers := splitAccept(op.Headers)
	body := []jen.Code{jen.Id(model.IDReq).Op(":=").Id("newRequest").Call(jen.Lit(op.Method), pathExpr(op), jen.Lit(accept), authExpr(op.Auth))}
	if op.HostURL != "" {
		body = append(body, jen.Id(model.IDReq).Dot("host").Op("=").Lit(op.HostURL))
	}
	for _, h := range headers {
		body = append(body, jen.Id(model.IDReq).Dot("setHeader").Call(jen.Lit(h.Name), jen.Lit(h.Value)))
	}
	if op.ParamsType != "" {
		body = append(body, jen.Id(model.IDParams).Dot("apply").Call(jen.Id(model.IDReq)))
	}
	if b := setBody(op.Body); b != nil {
		body = append(body, b)
	}
	errValue := jen.Nil()
	if op.ErrorType != nil {
		errValue = jen.Id("errorOf").Types(gotype.Expr(op.ErrorType))
	}
	args := []jen.Code{jen.Id(model.IDCtx), jen.Id(model.IDClient), jen.Id(model.IDReq), errValue}
	var call *jen.Statement
	switch op.Result.Kind {
	case model.ResultJSON:
		if named(op.Result.Type) {
			call = jen.Id("callJSON").Types(gotype.Expr(op.Result.Type))
		} else {
			call = jen.Id("callJSONValue").Types(gotype.Expr(op.Result.Type))
		}
	case model.ResultText:
		call = jen.Id("callText")
	case model.ResultStream:
		call = jen.Id("callStream")
	case model.ResultBytes:
		call = jen.Id("callBytes")
	default:
		call = jen.Id("callNone")
	}
	body = append(body, jen.Return(call.Call(args...)))
	results := resultTypes(op.Result)
	f.Func().Params(jen.Id(model.IDClient).Op("*").Id(model.NameClient)).Id(op.GoName).Params(params...).Add(results).Block(body...)
	f.Line()
}

// named reports whether a type is declared by name (a struct or union):
// such results are returned by pointer, others by value.
func named(t *infer.Type) bool {
	return t != nil && t.Name != ""
}

func resultTypes(r model.Returns) jen.Code {
	switch r.Kind {
	case model.ResultJSON:
		if named(r.Type) {
			return jen.Parens(jen.List(jen.Op("*").Add(gotype.Expr(r.Type)), jen.Error()))
		}
		return jen.Parens(jen.List(gotype.Expr(r.Type), jen.Error()))
	case model.ResultText:
		return jen.Parens(jen.List(jen.String(), jen.Error()))
	case model.ResultStream:
		return jen.Parens(jen.List(jen.Qual(model.PkgIO, "ReadCloser"), jen.Error()))
	case model.ResultBytes:
		return jen.Parens(jen.List(jen.Index().Byte(), jen.Error()))
	}
	return jen.Error()
}

// splitAccept returns the Accept header among the operation's constant
// headers, for newRequest, and the other headers. The last Accept wins,
// as each header replaces the one set before; an empty Accept stays among
// the others, since newRequest takes "" for none.
func splitAccept(hs []model.ConstHeader) (string, []model.ConstHeader) {
	accept := -1
	for i, h := range hs {
		if http.CanonicalHeaderKey(h.Name) == "Accept" {
			accept = i
		}
	}
	if accept < 0 || hs[accept].Value == "" {
		return "", hs
	}
	var rest []model.ConstHeader
	for _, h := range hs {
		if http.CanonicalHeaderKey(h.Name) != "Accept" {
			rest = append(rest, h)
		}
	}
	return hs[accept].Value, rest
}

func bodyParam(b *model.Body) jen.Code {
	switch b.Kind {
	case model.BodyJSON:
		if named(b.Type) {
			return jen.Id(model.IDBody).Op("*").Add(gotype.Expr(b.Type))
		}
		return jen.Id(model.IDBody).Add(gotype.Expr(b.Type))
	case model.BodyText:
		return jen.Id(model.IDBody).String()
	case model.BodyForm, model.BodyMultipart:
		return jen.Id(model.IDForm).Op("*").Id(b.GoType)
	case model.BodyFile:
		return jen.Id(model.IDBody).Qual(model.PkgIO, "Reader")
	}
	panic(fmt.Sprintf("zcrmgen: body kind %d has no parameter (a bug)", b.Kind))
}

// setBody is the statement that sets the request body, nil for none. A
// JSON body that does not encode is an error the call returns.
func setBody(b *model.Body) jen.Code {
	if b == nil {
		return nil
	}
	r := jen.Id(model.IDReq)
	switch b.Kind {
	case model.BodyJSON:
		return r.Dot("setJSON").Call(jen.Id(model.IDBody))
	case model.BodyText:
		return r.Dot("setText").Call(jen.Id(model.IDBody), jen.Lit(b.ContentType))
	case model.BodyForm:
		return r.Dot("setForm").Call(jen.Id(model.IDForm).Dot("values").Call())
	case model.BodyMultipart:
		return r.Dot("setMultipart").Call(jen.Id(model.IDForm).Dot("parts").Call())
	case model.BodyFile:
		return r.Dot("setReader").Call(jen.Id(model.IDBody), jen.Lit(b.ContentType))
	}
	return nil
}

// pathExpr builds the escaped path: literal text as written, parameters
// through url.PathEscape.
func pathExpr(op *model.Operation) jen.Code {
	var parts []jen.Code
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, jen.Lit(lit.String()))
			lit.Reset()
		}
	}
	for _, s := range op.Path {
		if s.Slash {
			lit.WriteByte('/')
		}
		if s.Param != nil {
			flush()
			parts = append(parts, pathValue(s.Param))
			continue
		}
		lit.WriteString(s.Literal)
	}
	flush()
	if len(parts) == 0 {
		return jen.Lit("")
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// pathValue is the text of a path parameter in the path: numbers and
// booleans as they format, anything else escaped.
func pathValue(p *model.Param) jen.Code {
	v := formatParam(p.Kind, jen.Id(p.GoName))
	switch p.Kind {
	case infer.Int, infer.Float, infer.Bool:
		return v
	}
	return jen.Qual(model.PkgURL, "PathEscape").Call(v)
}

// authExpr is the operation's authScheme, on one line: authScheme{} when
// it has none.
func authExpr(a model.Auth) jen.Code {
	kind := map[model.AuthKind]string{
		model.AuthBearer:       "authBearer",
		model.AuthBasic:        "authBasic",
		model.AuthAPIKeyHeader: "authAPIKeyHeader",
		model.AuthAPIKeyQuery:  "authAPIKeyQuery",
		model.AuthOAuth2Query:  "authOAuth2Query",
	}[a.Kind]
	if a.Kind == model.AuthNone {
		return jen.Id("authScheme").Values()
	}
	fields := []jen.Code{jen.Id("kind").Op(":").Id(kind)}
	if a.Prefix != "" {
		fields = append(fields, jen.Id("prefix").Op(":").Lit(a.Prefix))
	}
	if a.Name != "" {
		fields = append(fields, jen.Id("name").Op(":").Lit(a.Name))
	}
	return jen.Id("authScheme").Values(fields...)
}

// emitParamsType declares the Params struct of an operation and the method
// that puts its fields into the request: query fields through url.Values,
// header fields as headers. Every field is optional: a nil pointer or a nil
// slice is not sent, so the zero Params sends nothing.
func emitParamsType(f *jen.File, op *model.Operation) {
	if op.ParamsType == "" {
		return
	}
	f.Comment(fmt.Sprintf("// %s holds the query and header parameters of %s. Nil fields are not sent.", op.ParamsType, op.DocLink()))
	var fields []jen.Code
	for _, p := range op.Query {
		fields = append(fields, paramField(p, "query parameter")...)
	}
	for _, p := range op.HeaderParams {
		fields = append(fields, paramField(p, "header")...)
	}
	f.Type().Id(op.ParamsType).Struct(fields...)
	f.Line()

	stmts := []jen.Code{jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return())}
	for _, p := range op.Query {
		stmts = append(stmts, putParam(p, "queryParam", "queryParams", "setQuery", "addQuery"))
	}
	for _, p := range op.HeaderParams {
		// A repeated header keeps its last value, as each replaces the one
		// before.
		stmts = append(stmts, putParam(p, "headerParam", "", "setHeader", "setHeader"))
	}
	f.Comment("apply puts the parameters into r.")
	f.Func().Params(jen.Id("p").Op("*").Id(op.ParamsType)).Id("apply").Params(jen.Id("r").Op("*").Id("request")).Block(stmts...)
	f.Line()
}

// putParam is the statement that puts the parameter p of a Params struct
// into the request r. Most go through the runtime's generic one and many
// (such as queryParam and queryParams); the others, dates (sent as their
// date only) and repeated values that have no generic helper, through the
// request's methods set and add, with their text.
func putParam(p *model.Param, one, many, set, add string) jen.Code {
	field := jen.Id("p").Dot(p.GoName)
	r := jen.Id("r")
	switch {
	case p.Kind != infer.Date && !p.Repeated:
		return jen.Id(one).Call(r, jen.Lit(p.Wire), field)
	case p.Kind != infer.Date && many != "":
		return jen.Id(many).Call(r, jen.Lit(p.Wire), field)
	case p.Repeated:
		return jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).Block(
			r.Clone().Dot(add).Call(jen.Lit(p.Wire), paramText(p.Kind, jen.Id("v"))))
	}
	return jen.If(field.Clone().Op("!=").Nil()).Block(
		r.Clone().Dot(set).Call(jen.Lit(p.Wire), formatParam(p.Kind, field.Clone())))
}

// paramText is the text of v, a value of kind k, as the runtime's
// paramText or, for a date, as formatParam gives it.
func paramText(k infer.Kind, v *jen.Statement) jen.Code {
	if k == infer.Date {
		return formatParam(k, v)
	}
	return jen.Id("paramText").Call(v)
}

// presence ends the first line of a field's doc, which names the
// parameter or form field: it says whether the API needs it and whether
// the collection sends it.
func presence(required, disabled bool) string {
	switch {
	case required:
		return "; required: the API expects it, nil leaves it out."
	case disabled:
		return "; optional, the collection leaves it out by default."
	}
	return "; optional."
}

// docExample is the "Example:" line of a field's doc, "" for a value that
// shows nothing (none, or a type placeholder).
func docExample(v string) string {
	if _, ok := infer.ParsePlaceholder(strings.TrimSpace(v)); ok || strings.TrimSpace(v) == "" {
		return ""
	}
	return "Example: " + oneLine(v)
}

func paramField(p *model.Param, kind string) []jen.Code {
	var out []jen.Code
	lines := []string{fmt.Sprintf("%s is the %s %q", p.GoName, kind, p.Wire) + presence(p.Required, p.Disabled)}
	lines = append(lines, docText(p.Description)...)
	if d := kindDoc(p.Kind); d != "" {
		lines = append(lines, d)
	}
	if ex := docExample(p.Example); ex != "" {
		lines = append(lines, ex)
	}
	for _, l := range commentBlock(lines) {
		out = append(out, jen.Comment(l))
	}
	if p.Repeated {
		out = append(out, jen.Id(p.GoName).Index().Add(paramType(p.Kind)))
	} else {
		out = append(out, jen.Id(p.GoName).Op("*").Add(paramType(p.Kind)))
	}
	return out
}

// emitFormType declares the struct of a urlencoded or multipart body and
// its encoder: url.Values for a form, streamed parts for multipart. Every
// field is optional: a nil pointer or reader is not sent.
func emitFormType(f *jen.File, op *model.Operation) {
	b := op.Body
	if b == nil || (b.Kind != model.BodyForm && b.Kind != model.BodyMultipart) {
		return
	}
	f.Comment(commentBlock([]string{fmt.Sprintf("%s is the %s body of %s. Nil fields are not sent.", b.GoType, b.ContentType, op.DocLink())})[0])
	var fields []jen.Code
	for _, fl := range b.Fields {
		lines := []string{fmt.Sprintf("%s is the form field %q", fl.GoName, fl.Wire) + presence(fl.Required, fl.Disabled)}
		lines = append(lines, docText(fl.Description)...)
		if d := kindDoc(fl.Kind); d != "" && !fl.File {
			lines = append(lines, d)
		}
		if ex := docExample(fl.Example); ex != "" {
			lines = append(lines, ex)
		}
		for _, l := range commentBlock(lines) {
			fields = append(fields, jen.Comment(l))
		}
		if fl.File {
			fields = append(fields, jen.Id(fl.GoName).Qual("io", "Reader"))
			fields = append(fields, jen.Comment(fmt.Sprintf("// %s is the file name sent with %s.", fl.FileNameGo, fl.GoName)))
			fields = append(fields, jen.Id(fl.FileNameGo).String())
			continue
		}
		fields = append(fields, jen.Id(fl.GoName).Op("*").Add(paramType(fl.Kind)))
	}
	f.Type().Id(b.GoType).Struct(fields...)
	f.Line()
	form := jen.Id("form")
	if b.Kind == model.BodyForm {
		stmts := []jen.Code{
			jen.If(form.Clone().Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Id("v").Op(":=").Qual("net/url", "Values").Values(),
		}
		for _, fl := range b.Fields {
			field := form.Clone().Dot(fl.GoName)
			if fl.Kind == infer.Date {
				stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(
					jen.Id("v").Dot("Set").Call(jen.Lit(fl.Wire), formatParam(fl.Kind, field.Clone()))))
				continue
			}
			stmts = append(stmts, jen.Id("formValue").Call(jen.Id("v"), jen.Lit(fl.Wire), field))
		}
		stmts = append(stmts, jen.Return(jen.Id("v")))
		f.Comment("values encodes the form; nil fields are not sent.")
		f.Func().Params(jen.Id("form").Op("*").Id(b.GoType)).Id("values").Params().Qual("net/url", "Values").Block(stmts...)
		f.Line()
		return
	}
	parts := jen.Id("parts")
	stmts := []jen.Code{
		jen.If(form.Clone().Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Var().Add(parts.Clone()).Index().Id("formPart"),
	}
	for _, fl := range b.Fields {
		field := form.Clone().Dot(fl.GoName)
		switch {
		case fl.File:
			stmts = append(stmts, parts.Clone().Op("=").Id("filePart").Call(parts.Clone(), jen.Lit(fl.Wire), field, form.Clone().Dot(fl.FileNameGo)))
		case fl.Kind == infer.Date:
			stmts = append(stmts, jen.If(field.Clone().Op("!=").Nil()).Block(
				parts.Clone().Op("=").Append(parts.Clone(), jen.Id("formPart").Values(jen.Dict{
					jen.Id("name"):  jen.Lit(fl.Wire),
					jen.Id("value"): formatParam(fl.Kind, field.Clone()),
				}))))
		default:
			stmts = append(stmts, parts.Clone().Op("=").Id("valuePart").Call(parts.Clone(), jen.Lit(fl.Wire), field))
		}
	}
	stmts = append(stmts, jen.Return(parts.Clone()))
	f.Comment("parts lists the multipart parts; nil fields are not sent.")
	f.Func().Params(jen.Id("form").Op("*").Id(b.GoType)).Id("parts").Params().Index().Id("formPart").Block(stmts...)
	f.Line()
}
