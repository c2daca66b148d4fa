package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// Zoho list endpoints answer {"data": [...], "info": {"more_records": ...,
// "next_page_token": ...}} and take page (and, past 2,000 records,
// page_token) query parameters. For each such operation of a Zoho
// collection the emitter adds <Op>All, an iter.Seq2 over every record of
// every page, built on the runtime's paginate.

// pager describes the pieces of an operation a page iterator needs.
type pager struct {
	op        *Operation
	data      *infer.Field
	info      *infer.Field
	more      *infer.Field
	nextToken *infer.Field // nil when the API gives no page token
	page      *Param
	pageToken *Param // nil when the request takes no page_token
	goName    string
}

// findPager reports whether op is a Zoho list endpoint the iterator can
// drive: the fields must have the plain shapes it reads (a []T data, a
// *Info info, a bool more_records and a string next_page_token, each a
// pointer or, when the samples show it null, a Nullable).
func findPager(op *Operation) *pager {
	if op.Result.Kind != ResultJSON || op.Result.Type == nil || op.Result.Type.Kind != infer.Object || op.Result.Type.Nullable {
		return nil
	}
	p := &pager{op: op}
	for _, q := range op.Query {
		switch {
		case q.Wire == "page" && !q.Repeated && (q.Kind == infer.Int || q.Kind == infer.String):
			p.page = q
		case q.Wire == "page_token" && !q.Repeated && q.Kind == infer.String:
			p.pageToken = q
		}
	}
	if p.page == nil {
		return nil
	}
	p.data = field(op.Result.Type, "data")
	p.info = field(op.Result.Type, "info")
	if p.data == nil || p.data.Type.Kind != infer.Array || p.data.Nullable ||
		p.info == nil || p.info.Type.Kind != infer.Object || p.info.Nullable {
		return nil
	}
	p.more = field(p.info.Type, "more_records")
	if p.more == nil || p.more.Type.Kind != infer.Bool {
		return nil
	}
	if t := field(p.info.Type, "next_page_token"); t != nil && p.pageToken != nil && t.Type.Kind == infer.String {
		p.nextToken = t
	}
	return p
}

func field(t *infer.Type, key string) *infer.Field {
	for _, f := range t.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// scalarValue sets out, declared before, from a bool or string field of
// info (a pointer, or a Nullable when null was seen) when it holds a value.
func scalarValue(info *jen.Statement, f *infer.Field, out string) jen.Code {
	v := info.Clone().Dot(f.GoName)
	if f.Nullable {
		return jen.If(v.Clone().Dot("Valid")).Block(jen.Id(out).Op("=").Add(v.Clone().Dot("Value")))
	}
	return jen.If(v.Clone().Op("!=").Nil()).Block(jen.Id(out).Op("=").Op("*").Add(v.Clone()))
}

func emitPager(f *jen.File, p *pager) {
	op := p.op
	elem := gotype.Expr(p.data.Type.Elem)
	doc := []string{
		fmt.Sprintf("%s calls [Client.%s] page after page and yields every record of every page.", p.goName, op.GoName),
		"It starts at page 1 (params.Page is ignored), follows info.next_page_token when the API gives one,",
		"and stops after the page whose info.more_records is false, or at the first error, which it yields.",
	}
	for _, c := range commentBlock(doc) {
		f.Comment(c)
	}
	params := []jen.Code{jen.Id(idCtx).Qual(pkgContext, "Context")}
	args := []jen.Code{jen.Id(idCtx)}
	for _, pp := range op.PathParams {
		params = append(params, jen.Id(pp.GoName).Add(paramType(pp.Kind)))
		args = append(args, jen.Id(pp.GoName))
	}
	params = append(params, jen.Id(idParams).Op("*").Id(op.ParamsType))
	args = append(args, jen.Op("&").Id(idPageParams))
	if op.Body != nil {
		params = append(params, bodyParam(op.Body))
		args = append(args, jen.Id(bodyArgName(op.Body)))
	}

	pp := jen.Id(idPageParams)
	var fetch []jen.Code
	fetch = append(fetch,
		jen.Var().Id(idPageParams).Id(op.ParamsType),
		jen.If(jen.Id(idParams).Op("!=").Nil()).Block(pp.Clone().Op("=").Op("*").Id(idParams)),
		pp.Clone().Dot(p.page.GoName).Op("=").New(pageNumber(p.page.Kind, jen.Id(idPage))),
	)
	if p.pageToken != nil {
		fetch = append(fetch, jen.If(jen.Id(idPageToken).Op("!=").Lit("")).Block(
			pp.Clone().Dot(p.page.GoName).Op("=").Nil(),
			pp.Clone().Dot(p.pageToken.GoName).Op("=").New(jen.Id(idPageToken)),
		))
	}
	fetch = append(fetch,
		jen.List(jen.Id(idResp), jen.Id(idErr)).Op(":=").Id(idClient).Dot(op.GoName).Call(args...),
		jen.If(jen.Id(idErr).Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.False(), jen.Lit(""), jen.Id(idErr))),
	)
	// A reply without info, or without more_records, has no more pages.
	info := jen.Id(idInfo)
	read := []jen.Code{scalarValue(info, p.more, idMore)}
	fetch = append(fetch, jen.Var().Id(idMore).Bool())
	next := jen.Lit("")
	if p.nextToken != nil {
		fetch = append(fetch, jen.Var().Id(idNext).String())
		read = append(read, scalarValue(info, p.nextToken, idNext))
		next = jen.Id(idNext)
	}
	fetch = append(fetch,
		jen.If(jen.Id(idInfo).Op(":=").Id(idResp).Dot(p.info.GoName), jen.Id(idInfo).Op("!=").Nil()).Block(read...),
		jen.Return(jen.Id(idResp).Dot(p.data.GoName), jen.Id(idMore), next, jen.Nil()))

	startPage := jen.Id("paginate").Call(jen.Id(idCtx), jen.Func().Params(
		jen.Id(idCtx).Qual(pkgContext, "Context"), jen.Id(idPage).Int(), jen.Id(idPageToken).String(),
	).Params(jen.Index().Add(elem), jen.Bool(), jen.String(), jen.Error()).Block(fetch...))
	f.Func().Params(jen.Id(idClient).Op("*").Id("Client")).Id(p.goName).Params(params...).
		Qual(pkgIter, "Seq2").Types(elem, jen.Error()).Block(jen.Return(startPage))
	f.Line()
}

// pageNumber converts the iterator's page number, an int, to the kind of
// the page parameter: Int or String.
func pageNumber(k infer.Kind, page jen.Code) jen.Code {
	if k == infer.Int {
		return jen.Int64().Call(page)
	}
	return jen.Qual(pkgStrconv, "Itoa").Call(page)
}

func bodyArgName(b *Body) string {
	if b.Kind == BodyForm || b.Kind == BodyMultipart {
		return idForm
	}
	return idBody
}
