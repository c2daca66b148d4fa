package apidiff

import (
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// op builds a GET /items/{id} operation named GetItem with a query
// parameter "page".
func op(edit func(*model.Operation)) *model.API {
	id := &model.Param{Wire: "id", GoName: "id", Kind: infer.String, Required: true}
	o := &model.Operation{
		Name: "Get item", GoName: "GetItem", Method: "GET", Folder: []string{"Items"},
		Path:       []model.Segment{{Slash: true, Literal: "items"}, {Slash: true, Param: id}},
		PathParams: []*model.Param{id},
		Query:      []*model.Param{{Wire: "page", GoName: "Page", Kind: infer.Int, Disabled: true}},
		ParamsType: "GetItemParams",
		Auth:       model.Auth{Kind: model.AuthBearer, Prefix: "Bearer"},
		Body: &model.Body{Kind: model.BodyForm, ContentType: "application/x-www-form-urlencoded", GoType: "GetItemForm",
			Fields: []*model.FormField{{Wire: "note", GoName: "Note", Kind: infer.String}}},
		Result: model.Returns{Kind: model.ResultJSON, Type: &infer.Type{Kind: infer.Object, Name: "GetItemResponse", Fields: []*infer.Field{
			{Key: "id", Type: &infer.Type{Kind: infer.Int}},
			{Key: "note", Optional: true, Type: &infer.Type{Kind: infer.String}},
		}}},
	}
	if edit != nil {
		edit(o)
	}
	return &model.API{Operations: []*model.Operation{o}}
}

func field(t *infer.Type, key string) *infer.Field {
	for _, f := range t.Fields {
		if f.Key == key {
			return f
		}
	}
	panic("no field " + key)
}

// TestClasses checks the class of each kind of change on a model built by
// hand, for the changes the collection pairs do not show.
func TestClasses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*model.Operation)
		kind  Kind
		class Class
	}{
		{"param made required", func(o *model.Operation) { o.Query[0].Required = true }, ParamRequired, Breaking},
		{"param sent by default", func(o *model.Operation) { o.Query[0].Disabled = false }, ParamDefault, Info},
		{"required param added", func(o *model.Operation) {
			o.Query = append(o.Query, &model.Param{Wire: "limit", GoName: "Limit", Kind: infer.Int, Required: true})
		}, ParamAdded, Breaking},
		{"optional param added", func(o *model.Operation) {
			o.HeaderParams = append(o.HeaderParams, &model.Param{Wire: "X-Org", GoName: "XOrg", Kind: infer.String})
		}, ParamAdded, Additive},
		{"param repeated", func(o *model.Operation) { o.Query[0].Repeated = true }, ParamTypeChanged, Breaking},
		{"param retyped", func(o *model.Operation) { o.Query[0].Kind = infer.String }, ParamTypeChanged, Breaking},
		{"path param retyped", func(o *model.Operation) { o.PathParams[0].Kind = infer.Int }, ParamTypeChanged, Breaking},
		{"form field made required", func(o *model.Operation) { o.Body.Fields[0].Required = true }, ParamRequired, Breaking},
		{"form field made a file", func(o *model.Operation) { o.Body.Fields[0].File = true }, ParamTypeChanged, Breaking},
		{"form content type changed", func(o *model.Operation) { o.Body.ContentType += "; charset=utf-8" }, ContentTypeChanged, Info},
		{"params struct gone", func(o *model.Operation) { o.Query, o.ParamsType = nil, "" }, ParamsArgChanged, Breaking},
		{"path param added", func(o *model.Operation) {
			p := &model.Param{Wire: "v", GoName: "v", Kind: infer.String, Required: true}
			o.Path = append(o.Path, model.Segment{Slash: true, Param: p})
			o.PathParams = append(o.PathParams, p)
		}, PathParamAdded, Breaking},
		{"method changed", func(o *model.Operation) { o.Method = "POST" }, MethodChanged, Breaking},
		{"path changed", func(o *model.Operation) { o.Path[0].Literal = "things" }, PathChanged, Breaking},
		{"auth kind changed", func(o *model.Operation) { o.Auth = model.Auth{Kind: model.AuthBasic} }, AuthChanged, Breaking},
		{"auth prefix changed", func(o *model.Operation) { o.Auth.Prefix = "Token" }, AuthChanged, Info},
		{"body kind changed", func(o *model.Operation) {
			o.Body = &model.Body{Kind: model.BodyText, ContentType: "text/plain"}
		}, BodyChanged, Breaking},
		{"body removed", func(o *model.Operation) { o.Body = nil }, BodyChanged, Breaking},
		{"result kind changed", func(o *model.Operation) { o.Result = model.Returns{Kind: model.ResultBytes} }, ResponseChanged, Breaking},
		{"response member optional", func(o *model.Operation) { field(o.Result.Type, "id").Optional = true }, MemberOptional, Breaking},
		{"response member required", func(o *model.Operation) { field(o.Result.Type, "note").Optional = false }, MemberRequired, Info},
		{"response member nullable", func(o *model.Operation) {
			f := field(o.Result.Type, "id")
			f.Nullable, f.Type.Nullable = true, true
		}, MemberTypeChanged, Breaking},
		{"response member union form added", func(o *model.Operation) {
			f := field(o.Result.Type, "id")
			f.Type = &infer.Type{Kind: infer.Union, Name: "ID", Variants: []*infer.Type{{Kind: infer.Int}, {Kind: infer.String}}}
		}, MemberTypeChanged, Breaking},
		{"response member added", func(o *model.Operation) {
			o.Result.Type.Fields = append(o.Result.Type.Fields, &infer.Field{Key: "a b", Type: &infer.Type{Kind: infer.Bool}})
		}, MemberAdded, Additive},
		{"response type renamed", func(o *model.Operation) { o.Result.Type.Name = "Item" }, TypeRenamed, Breaking},
		{"example added", func(o *model.Operation) {
			o.Examples = append(o.Examples, &model.Example{Name: "ok", Status: 200})
		}, ExampleAdded, Info},
	} {
		rep := Compare(op(nil), op(tc.edit))
		found := 0
		for _, c := range rep.Changes {
			if c.Operation != "GetItem" || len(c.Folder) != 1 || c.Folder[0] != "Items" {
				t.Errorf("%s: placed at %q %q", tc.name, c.Folder, c.Operation)
			}
			if c.Kind != tc.kind {
				continue
			}
			found++
			if c.Class != tc.class {
				t.Errorf("%s: %s %s (%s), want %s", tc.name, c.Class, c.Kind, c.Message, tc.class)
			}
		}
		if found != 1 {
			t.Errorf("%s: %d changes of kind %s, want 1: %+v", tc.name, found, tc.kind, rep.Changes)
		}
	}
	if rep := Compare(op(nil), op(nil)); len(rep.Changes) != 0 {
		t.Errorf("same model: %+v", rep.Changes)
	}
}

// TestRenames checks how operations are paired: by Go name, then by
// method and path shape.
func TestRenames(t *testing.T) {
	rep := Compare(op(nil), op(func(o *model.Operation) {
		o.GoName, o.ParamsType = "FetchItem", "FetchItemParams"
		o.Result.Type.Name = "FetchItemResponse"
	}))
	if len(rep.Changes) != 1 || rep.Changes[0].Kind != OperationRenamed || rep.Changes[0].Class != Breaking {
		t.Errorf("renamed operation: %+v, want one breaking operation-renamed (its own types follow it)", rep.Changes)
	}
	rep = Compare(op(nil), op(func(o *model.Operation) { o.GoName, o.Method = "Other", "DELETE" }))
	if len(rep.Changes) != 2 || rep.Changes[0].Kind != OperationAdded && rep.Changes[1].Kind != OperationAdded {
		t.Errorf("unrelated operation: %+v, want one added and one removed", rep.Changes)
	}
	if !rep.Breaking() || rep.Count(Additive) != 1 || rep.Count(Breaking) != 1 {
		t.Errorf("unrelated operation: counts %d breaking, %d additive", rep.Count(Breaking), rep.Count(Additive))
	}
}
