package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// Zoho list endpoints answer {"data": [...], "info": {"more_records": ...,
// "next_page_token": ...}} and take page (and, past 2,000 records,
// page_token) query parameters. For each such operation of a Zoho
// collection the emitter adds <Op>All, an iter.Seq2 over every record of
// every page, built on the runtime's paginate.

// scalarValue sets out, declared before, from a bool or string field of
// info (a pointer, or a Nullable when null was seen) when it holds a value.
func scalarValue(info *jen.Statement, f *infer.Field, out string) jen.Code {
	v := info.Clone().Dot(f.GoName)
	if f.Nullable {
		return jen.If(v.Clone().Dot("Valid")).Block(jen.Id(out).Op("=").Add(v.Clone().Dot("Value")))
	}
	return jen.If(v.Clone().Op("!=").Nil()).Block(jen.Id(out).Op("=").Op("*").Add(v.Clone()))
}

func emitPager(f *jen.File, p *model.Pager) {
	op := p.Op
	elem := gotype.Expr(p.Data.Type.Elem)
	doc := []string{
		fmt.Sprintf("%s calls [Client.%s] page after page and yields every record of every page.", p.GoName, op.GoName),
		"It starts at page 1 (params.Page is ignored), follows info.next_page_token when the API gives one,",
		"and stops after the page whose info.more_records is false, or at the first error, which it yields.",
	}
	for _, c := range commentBlock(doc) {
		f.Comment(c)
	}
	params := []jen.Code{jen.Id(model.IDCtx).Qual(model.PkgContext, "Context")}
	args := []jen.Code{jen.Id(model.IDCtx)}
	for _, pp := range op.PathParams {
		params = append(params, jen.Id(pp.GoName).Add(paramType(pp.Kind)))
		args = append(args, jen.Id(pp.GoName))
	}
	params = append(params, jen.Id(model.IDParams).Op("*").Id(op.ParamsType))
	args = append(args, jen.Op("&").Id(model.IDPageParams))
	if op.Body != nil {
		params = append(params, bodyParam(op.Body))
		args = append(args, jen.Id(bodyArgName(op.Body)))
	}

	pp := jen.Id(model.IDPageParams)
	var fetch []jen.Code
	fetch = append(fetch,
		jen.Var().Id(model.IDPageParams).Id(op.ParamsType),
		jen.If(jen.Id(model.IDParams).Op("!=").Nil()).Block(pp.Clone().Op("=").Op("*").Id(model.IDParams)),
		pp.Clone().Dot(p.Page.GoName).Op("=").New(pageNumber(p.Page.Kind, jen.Id(model.IDPage))),
	)
	if p.PageToken != nil {
		fetch = append(fetch, jen.If(jen.Id(model.IDPageToken).Op("!=").Lit("")).Block(
			pp.Clone().Dot(p.Page.GoName).Op("=").Nil(),
			pp.Clone().Dot(p.PageToken.GoName).Op("=").New(jen.Id(model.IDPageToken)),
		))
	}
	fetch = append(fetch,
		jen.List(jen.Id(model.IDResp), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot(op.GoName).Call(args...),
		jen.If(jen.Id(model.IDErr).Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.False(), jen.Lit(""), jen.Id(model.IDErr))),
	)
	// A reply without info, or without more_records, has no more pages.
	info := jen.Id(model.IDInfo)
	read := []jen.Code{scalarValue(info, p.More, model.IDMore)}
	fetch = append(fetch, jen.Var().Id(model.IDMore).Bool())
	next := jen.Lit("")
	if p.NextToken != nil {
		fetch = append(fetch, jen.Var().Id(model.IDNext).String())
		read = append(read, scalarValue(info, p.NextToken, model.IDNext))
		next = jen.Id(model.IDNext)
	}
	fetch = append(fetch,
		jen.If(jen.Id(model.IDInfo).Op(":=").Id(model.IDResp).Dot(p.Info.GoName), jen.Id(model.IDInfo).Op("!=").Nil()).Block(read...),
		jen.Return(jen.Id(model.IDResp).Dot(p.Data.GoName), jen.Id(model.IDMore), next, jen.Nil()))

	startPage := jen.Id("paginate").Call(jen.Id(model.IDCtx), jen.Func().Params(
		jen.Id(model.IDCtx).Qual(model.PkgContext, "Context"), jen.Id(model.IDPage).Int(), jen.Id(model.IDPageToken).String(),
	).Params(jen.Index().Add(elem), jen.Bool(), jen.String(), jen.Error()).Block(fetch...))
	f.Func().Params(jen.Id(model.IDClient).Op("*").Id(model.NameClient)).Id(p.GoName).Params(params...).
		Qual(model.PkgIter, "Seq2").Types(elem, jen.Error()).Block(jen.Return(startPage))
	f.Line()
}

// pageNumber converts the iterator's page number, an int, to the kind of
// the page parameter: Int or String.
func pageNumber(k infer.Kind, page jen.Code) jen.Code {
	if k == infer.Int {
		return jen.Int64().Call(page)
	}
	return jen.Qual(model.PkgStrconv, "Itoa").Call(page)
}

func bodyArgName(b *model.Body) string {
	if b.Kind == model.BodyForm || b.Kind == model.BodyMultipart {
		return model.IDForm
	}
	return model.IDBody
}
