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

// infoValue reads a bool or string field of info off the reply: a pointer
// (deref) or, when null was seen, a Nullable (nullValue); absent reads as
// false or "".
func infoValue(info *jen.Statement, f *infer.Field) jen.Code {
	read := "deref"
	if f.Nullable {
		read = "nullValue"
	}
	return jen.Id(read).Call(info.Clone().Dot(f.GoName))
}

func emitPager(f *jen.File, p *model.Pager) {
	op := p.Op
	elem := gotype.Expr(p.Data.Type.Elem)
	ignored := "params." + p.Page.GoName + " is ignored"
	if p.PageToken != nil {
		ignored = "params." + p.Page.GoName + " and params." + p.PageToken.GoName + " are ignored"
	}
	doc := []string{
		fmt.Sprintf("%s calls %s page after page and yields every record of every page.", p.GoName, op.DocLink()),
		"It starts at page 1 (" + ignored + "), follows info.next_page_token when the API gives one,",
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

	// The fetch function paginate calls for each page (see the runtime's
	// zoho_paginate.go): it asks for the page on a copy of params and
	// reads more_records and next_page_token off the reply's info; a
	// reply without info, or without more_records, has no more pages.
	pp, page, info := jen.Id(model.IDPageParams), jen.Id(model.IDPage), jen.Id(model.IDInfo)
	number := "numberParam"
	if p.Page.Kind != infer.Int {
		number = "numberTextParam"
	}
	set := []jen.Code{pp.Clone().Dot(p.Page.GoName)}
	to := []jen.Code{page.Clone().Dot(number).Call()}
	if p.PageToken != nil {
		set = append(set, pp.Clone().Dot(p.PageToken.GoName))
		to = append(to, page.Clone().Dot("tokenParam").Call())
	}
	read := []jen.Code{page.Clone().Dot("more")}
	from := []jen.Code{infoValue(info, p.More)}
	if p.NextToken != nil {
		read = append(read, page.Clone().Dot("next"))
		from = append(from, infoValue(info, p.NextToken))
	}
	fetch := []jen.Code{
		pp.Clone().Op(":=").Id("deref").Call(jen.Id(model.IDParams)),
		jen.List(set...).Op("=").List(to...),
		jen.List(jen.Id(model.IDResp), jen.Id(model.IDErr)).Op(":=").Id(model.IDClient).Dot(op.GoName).Call(args...),
		jen.If(jen.Id(model.IDErr).Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id(model.IDErr))),
		jen.If(info.Clone().Op(":=").Id(model.IDResp).Dot(p.Info.GoName), info.Clone().Op("!=").Nil()).Block(
			jen.List(read...).Op("=").List(from...),
		),
		jen.Return(jen.Id(model.IDResp).Dot(p.Data.GoName), jen.Nil()),
	}
	walk := jen.Id("paginate").Call(jen.Id(model.IDCtx), jen.Func().Params(jen.Id(model.IDPage).Op("*").Id("listPage")).
		Params(jen.Index().Add(elem), jen.Error()).Block(fetch...))
	f.Func().Params(jen.Id(model.IDClient).Op("*").Id(model.NameClient)).Id(p.GoName).Params(params...).
		Qual(model.PkgIter, "Seq2").Types(elem, jen.Error()).Block(jen.Return(walk))
	f.Line()
}

func bodyArgName(b *model.Body) string {
	if b.Kind == model.BodyForm || b.Kind == model.BodyMultipart {
		return model.IDForm
	}
	return model.IDBody
}
