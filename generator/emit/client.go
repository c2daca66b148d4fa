package emit

import (
	"cmp"
	"fmt"
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
	f.Func().Id(model.NameNewClient).Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(
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
	doc = append(doc, fmt.Sprintf("%s calls %s %s.", op.GoName, op.Method, pathText(op)))
	if d := docText(op.Description); len(d) > 0 {
		doc = append(doc, "")
		doc = append(doc, d...)
	}
	doc = append(doc, "", fmt.Sprintf("It is the request %q of the collection.", strings.Join(append(append([]string{}, op.Folder...), op.Name), " > ")))
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

	results, zero := resultTypes(op.Result)
	ret := func(err jen.Code) jen.Code {
		if zero == nil {
			return jen.Return(err)
		}
		return jen.Return(zero, err)
	}

	var body []jen.Code
	jsonByValue := op.Result.Kind == model.ResultJSON && !named(op.Result.Type)
	if jsonByValue {
		// Declared first so that every early return can return its zero value.
		body = append(body, jen.Var().Id(model.IDOut).Add(gotype.Expr(op.Result.Type)))
	}
	fields := jen.Dict{
		jen.Id("method"): jen.Lit(op.Method),
		jen.Id("path"):   pathExpr(op),
	}
	if op.HostURL != "" {
		fields[jen.Id("host")] = jen.Lit(op.HostURL)
	}
	if op.Auth.Kind != model.AuthNone {
		fields[jen.Id("auth")] = authExpr(op.Auth)
	}
	if len(op.Headers) > 0 || len(op.HeaderParams) > 0 {
		fields[jen.Id("header")] = jen.Qual(model.PkgHTTP, "Header").Values()
	}
	if op.ErrorType != nil {
		fields[jen.Id("errValue")] = jen.Func().Params().Any().Block(jen.Return(jen.New(gotype.Expr(op.ErrorType))))
	}
	body = append(body, jen.Id(model.IDReq).Op(":=").Op("&").Id("request").Values(fields))
	for _, h := range op.Headers {
		body = append(body, jen.Id(model.IDReq).Dot("header").Dot("Set").Call(jen.Lit(h.Name), jen.Lit(h.Value)))
	}
	if op.ParamsType != "" {
		body = append(body, jen.Id(model.IDParams).Dot("apply").Call(jen.Id(model.IDReq)))
	}
	body = append(body, setBody(op.Body, ret)...)

	switch op.Result.Kind {
	case model.ResultJSON:
		if !jsonByValue {
			body = append(body, jen.Var().Id(model.IDOut).Add(gotype.Expr(op.Result.Type)))
		}
		body = append(body,
			jen.If(jen.List(jen.Id("_"), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot("doJSON").Call(jen.Id(model.IDCtx), jen.Id(model.IDReq), jen.Op("&").Id(model.IDOut)), jen.Id(model.IDErr).Op("!=").Nil()).Block(ret(jen.Id(model.IDErr))),
		)
		if named(op.Result.Type) {
			body = append(body, jen.Return(jen.Op("&").Id(model.IDOut), jen.Nil()))
		} else {
			body = append(body, jen.Return(jen.Id(model.IDOut), jen.Nil()))
		}
	case model.ResultText:
		body = append(body,
			jen.List(jen.Id(model.IDOut), jen.Id("_"), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot("doText").Call(jen.Id(model.IDCtx), jen.Id(model.IDReq)),
			jen.Return(jen.Id(model.IDOut), jen.Id(model.IDErr)))
	case model.ResultStream:
		body = append(body,
			jen.List(jen.Id(model.IDStream), jen.Id("_"), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot("doStream").Call(jen.Id(model.IDCtx), jen.Id(model.IDReq)),
			jen.Return(jen.Id(model.IDStream), jen.Id(model.IDErr)))
	case model.ResultBytes:
		body = append(body,
			jen.List(jen.Id(model.IDOut), jen.Id("_"), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot("doBytes").Call(jen.Id(model.IDCtx), jen.Id(model.IDReq)),
			jen.Return(jen.Id(model.IDOut), jen.Id(model.IDErr)))
	case model.ResultNone:
		body = append(body,
			jen.List(jen.Id("_"), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot("doNoContent").Call(jen.Id(model.IDCtx), jen.Id(model.IDReq)),
			jen.Return(jen.Id(model.IDErr)))
	}
	f.Func().Params(jen.Id(model.IDClient).Op("*").Id("Client")).Id(op.GoName).Params(params...).Add(results).Block(body...)
	f.Line()
}

// named reports whether a type is declared by name (a struct or union):
// such results are returned by pointer, others by value.
func named(t *infer.Type) bool {
	return t != nil && t.Name != ""
}

func resultTypes(r model.Returns) (jen.Code, jen.Code) {
	switch r.Kind {
	case model.ResultJSON:
		if named(r.Type) {
			return jen.Parens(jen.List(jen.Op("*").Add(gotype.Expr(r.Type)), jen.Error())), jen.Nil()
		}
		return jen.Parens(jen.List(gotype.Expr(r.Type), jen.Error())), jen.Id(model.IDOut)
	case model.ResultText:
		return jen.Parens(jen.List(jen.String(), jen.Error())), jen.Lit("")
	case model.ResultStream:
		return jen.Parens(jen.List(jen.Qual(model.PkgIO, "ReadCloser"), jen.Error())), jen.Nil()
	case model.ResultBytes:
		return jen.Parens(jen.List(jen.Index().Byte(), jen.Error())), jen.Nil()
	}
	return jen.Error(), nil
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

func setBody(b *model.Body, ret func(jen.Code) jen.Code) []jen.Code {
	if b == nil {
		return nil
	}
	switch b.Kind {
	case model.BodyJSON:
		return []jen.Code{jen.If(jen.Id(model.IDErr).Op(":=").Id(model.IDReq).Dot("setJSON").Call(jen.Id(model.IDBody)), jen.Id(model.IDErr).Op("!=").Nil()).Block(ret(jen.Id(model.IDErr)))}
	case model.BodyText:
		return []jen.Code{jen.Id(model.IDReq).Dot("setText").Call(jen.Id(model.IDBody), jen.Lit(b.ContentType))}
	case model.BodyForm:
		return []jen.Code{jen.Id(model.IDReq).Dot("setForm").Call(jen.Id(model.IDForm).Dot("values").Call())}
	case model.BodyMultipart:
		return []jen.Code{jen.Id(model.IDReq).Dot("setMultipart").Call(jen.Id(model.IDForm).Dot("parts").Call())}
	case model.BodyFile:
		return []jen.Code{jen.Id(model.IDReq).Dot("setReader").Call(jen.Id(model.IDBody), jen.Lit(b.ContentType))}
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

func authExpr(a model.Auth) jen.Code {
	kind := map[model.AuthKind]string{
		model.AuthBearer:       "authBearer",
		model.AuthBasic:        "authBasic",
		model.AuthAPIKeyHeader: "authAPIKeyHeader",
		model.AuthAPIKeyQuery:  "authAPIKeyQuery",
		model.AuthOAuth2Query:  "authOAuth2Query",
	}[a.Kind]
	d := jen.Dict{jen.Id("kind"): jen.Id(kind)}
	if a.Prefix != "" {
		d[jen.Id("prefix")] = jen.Lit(a.Prefix)
	}
	if a.Name != "" {
		d[jen.Id("name")] = jen.Lit(a.Name)
	}
	return jen.Id("authScheme").Values(d)
}

// emitParamsType declares the Params struct of an operation and the method
// that puts its fields into the request: query fields through url.Values,
// header fields as headers. Every field is optional: a nil pointer or a nil
// slice is not sent, so the zero Params sends nothing.
func emitParamsType(f *jen.File, op *model.Operation) {
	if op.ParamsType == "" {
		return
	}
	f.Comment(fmt.Sprintf("// %s holds the query and header parameters of [Client.%s]. Nil fields are not sent.", op.ParamsType, op.GoName))
	var fields []jen.Code
	for _, p := range op.Query {
		fields = append(fields, paramField(p, "query parameter")...)
	}
	for _, p := range op.HeaderParams {
		fields = append(fields, paramField(p, "header")...)
	}
	f.Type().Id(op.ParamsType).Struct(fields...)
	f.Line()

	var stmts []jen.Code
	stmts = append(stmts, jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return()))
	if len(op.Query) > 0 {
		stmts = append(stmts, jen.Id("q").Op(":=").Qual("net/url", "Values").Values())
		for _, p := range op.Query {
			stmts = append(stmts, sendParam(jen.Id("p").Dot(p.GoName), p.Kind, p.Repeated, func(v jen.Code) jen.Code {
				if p.Repeated {
					return jen.Id("q").Dot("Add").Call(jen.Lit(p.Wire), v)
				}
				return jen.Id("q").Dot("Set").Call(jen.Lit(p.Wire), v)
			}))
		}
		stmts = append(stmts, jen.Id("r").Dot("query").Op("=").Id("q"))
	}
	for _, p := range op.HeaderParams {
		stmts = append(stmts, sendParam(jen.Id("p").Dot(p.GoName), p.Kind, p.Repeated, func(v jen.Code) jen.Code {
			return jen.Id("r").Dot("header").Dot("Set").Call(jen.Lit(p.Wire), v)
		}))
	}
	f.Comment("apply puts the parameters into r.")
	f.Func().Params(jen.Id("p").Op("*").Id(op.ParamsType)).Id("apply").Params(jen.Id("r").Op("*").Id("request")).Block(stmts...)
	f.Line()
}

// sendParam sends field, a pointer (or a slice when repeated) to a value
// of kind k, through send when it is set.
func sendParam(field *jen.Statement, k infer.Kind, repeated bool, send func(jen.Code) jen.Code) jen.Code {
	if repeated {
		return jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).Block(
			send(formatParam(k, jen.Id("v"))))
	}
	v := jen.Op("*").Add(field.Clone())
	if k == infer.Time || k == infer.Date {
		v = field.Clone() // a method call reads through the pointer
	}
	return jen.If(field.Clone().Op("!=").Nil()).Block(send(formatParam(k, v)))
}

// presence is the line of a field's doc that says whether the API needs
// it and whether the collection sends it.
func presence(required, disabled bool) string {
	switch {
	case required:
		return "Required: the API expects it; nil leaves it out."
	case disabled:
		return "Optional; the collection leaves it out by default."
	}
	return "Optional."
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
	lines := []string{fmt.Sprintf("%s is the %s %q.", p.GoName, kind, p.Wire)}
	lines = append(lines, docText(p.Description)...)
	lines = append(lines, presence(p.Required, p.Disabled))
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
	f.Comment(commentBlock([]string{fmt.Sprintf("%s is the %s body of [Client.%s]. Nil fields are not sent.", b.GoType, b.ContentType, op.GoName)})[0])
	var fields []jen.Code
	for _, fl := range b.Fields {
		lines := []string{fmt.Sprintf("%s is the form field %q.", fl.GoName, fl.Wire)}
		lines = append(lines, docText(fl.Description)...)
		lines = append(lines, presence(fl.Required, fl.Disabled))
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
	if b.Kind == model.BodyForm {
		var stmts []jen.Code
		stmts = append(stmts, jen.Id("v").Op(":=").Qual("net/url", "Values").Values())
		for _, fl := range b.Fields {
			stmts = append(stmts, sendParam(jen.Id("form").Dot(fl.GoName), fl.Kind, false, func(v jen.Code) jen.Code {
				return jen.Id("v").Dot("Set").Call(jen.Lit(fl.Wire), v)
			}))
		}
		stmts = append(stmts, jen.Return(jen.Id("v")))
		f.Comment("values encodes the form; nil fields are not sent.")
		f.Func().Params(jen.Id("form").Op("*").Id(b.GoType)).Id("values").Params().Qual("net/url", "Values").Block(
			append([]jen.Code{jen.If(jen.Id("form").Op("==").Nil()).Block(jen.Return(jen.Nil()))}, stmts...)...)
		f.Line()
		return
	}
	var stmts []jen.Code
	stmts = append(stmts, jen.If(jen.Id("form").Op("==").Nil()).Block(jen.Return(jen.Nil())))
	stmts = append(stmts, jen.Var().Id("parts").Index().Id("formPart"))
	for _, fl := range b.Fields {
		if fl.File {
			stmts = append(stmts, jen.If(jen.Id("form").Dot(fl.GoName).Op("!=").Nil()).Block(
				jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("formPart").Values(jen.Dict{
					jen.Id("name"):     jen.Lit(fl.Wire),
					jen.Id("file"):     jen.Id("form").Dot(fl.GoName),
					jen.Id("fileName"): jen.Id("form").Dot(fl.FileNameGo),
				}))))
			continue
		}
		stmts = append(stmts, sendParam(jen.Id("form").Dot(fl.GoName), fl.Kind, false, func(v jen.Code) jen.Code {
			return jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("formPart").Values(jen.Dict{
				jen.Id("name"):  jen.Lit(fl.Wire),
				jen.Id("value"): v,
			}))
		}))
	}
	stmts = append(stmts, jen.Return(jen.Id("parts")))
	f.Comment("parts lists the multipart parts; nil fields are not sent.")
	f.Func().Params(jen.Id("form").Op("*").Id(b.GoType)).Id("parts").Params().Index().Id("formPart").Block(stmts...)
	f.Line()
}
