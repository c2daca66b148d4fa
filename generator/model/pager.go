package model

import "github.com/zcrmgen/zcrmgen/generator/infer"

// Zoho list endpoints answer {"data": [...], "info": {"more_records": ...,
// "next_page_token": ...}} and take page (and, past 2,000 records,
// page_token) query parameters. For each such operation of a Zoho
// collection the emit stage adds <Op>All, an iter.Seq2 over every record
// of every page; the name stage finds them (namePagers) and names them.

// Pager describes the pieces of an operation a page iterator needs.
type Pager struct {
	// Op is the list operation the iterator calls page after page.
	Op *Operation
	// Data, Info and More are the result's "data" list, its "info" object
	// and the "more_records" member of info.
	Data *infer.Field
	Info *infer.Field
	More *infer.Field
	// NextToken is info's "next_page_token" (nil when the API gives none).
	NextToken *infer.Field
	// Page and PageToken are the query parameters "page" and "page_token"
	// (PageToken nil when the request takes none).
	Page      *Param
	PageToken *Param
	// GoName is the iterator's method name, <Op>All.
	GoName string
}

// findPager reports whether op is a Zoho list endpoint the iterator can
// drive: the fields must have the plain shapes it reads (a []T data, a
// *Info info, a bool more_records and a string next_page_token, each a
// pointer or, when the samples show it null, a Nullable).
func findPager(op *Operation) *Pager {
	if op.Result.Kind != ResultJSON || op.Result.Type == nil || op.Result.Type.Kind != infer.Object || op.Result.Type.Nullable {
		return nil
	}
	p := &Pager{Op: op}
	for _, q := range op.Query {
		switch {
		case q.Wire == "page" && !q.Repeated && (q.Kind == infer.Int || q.Kind == infer.String):
			p.Page = q
		case q.Wire == "page_token" && !q.Repeated && q.Kind == infer.String:
			p.PageToken = q
		}
	}
	if p.Page == nil {
		return nil
	}
	p.Data = field(op.Result.Type, "data")
	p.Info = field(op.Result.Type, "info")
	if p.Data == nil || p.Data.Type.Kind != infer.Array || p.Data.Nullable ||
		p.Info == nil || p.Info.Type.Kind != infer.Object || p.Info.Nullable {
		return nil
	}
	p.More = field(p.Info.Type, "more_records")
	if p.More == nil || p.More.Type.Kind != infer.Bool {
		return nil
	}
	if t := field(p.Info.Type, "next_page_token"); t != nil && p.PageToken != nil && t.Type.Kind == infer.String {
		p.NextToken = t
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
