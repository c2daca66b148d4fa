package synth

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// op is one request every module offers, and the folders (inside the
// module's folder) it is filed under.
type op struct {
	folder []string
	build  func(*gen) *item
}

// ops is the fixed list of requests per module, in collection order. The
// folders give two or three levels of nesting: "Leads > Records > Get Lead",
// "Leads > Related Lists > Notes > Add Lead Note".
var ops = []op{
	{[]string{"Records"}, (*gen).list},
	{[]string{"Records"}, (*gen).get},
	{[]string{"Records"}, (*gen).create},
	{[]string{"Records"}, (*gen).updateMany},
	{[]string{"Records"}, (*gen).updateOne},
	{[]string{"Records"}, (*gen).deleteMany},
	{[]string{"Search"}, (*gen).search},
	{[]string{"Search"}, (*gen).count},
	{[]string{"Related Lists", "Notes"}, (*gen).listNotes},
	{[]string{"Related Lists", "Notes"}, (*gen).addNote},
}

// call is a request before it is written out. path holds the segments after
// the host; ":record_id" marks the path variable.
type call struct {
	method string
	path   []string
	query  []variable
	body   obj
}

const recordVar = ":record_id"

func (g *gen) path(rest ...string) []string {
	return append([]string{"crm", "v8", g.m.api}, rest...)
}

// request writes c as the item's request: the path variable stays a
// variable and has a sample value.
func (g *gen) request(c call, description, recordID string) *request {
	r := g.wire(c, c.path, c.body)
	r.Description = description
	for _, s := range c.path {
		if s == recordVar {
			r.URL.Variable = []variable{{
				Key:         recordVar[1:],
				Value:       recordID,
				Description: "Id of the " + strings.ToLower(g.m.singular) + " record.",
			}}
		}
	}
	return r
}

// wire writes c with the given path segments and body.
func (g *gen) wire(c call, path []string, b obj) *request {
	r := &request{Method: c.method, Header: []header{}}
	raw := "{{api-domain}}/" + strings.Join(path, "/")
	if len(c.query) > 0 {
		q := make([]string, len(c.query))
		for i, v := range c.query {
			q[i] = v.Key + "=" + v.Value
		}
		raw += "?" + strings.Join(q, "&")
	}
	r.URL = url{Raw: raw, Host: []string{"{{api-domain}}"}, Path: path, Query: c.query}
	if b != nil {
		r.Header = []header{{Key: "Content-Type", Value: "application/json", Type: "text"}}
		r.Body = &body{Mode: "raw", Raw: pretty(b)}
		r.Body.Options.Raw.Language = "json"
	}
	return r
}

// example is a saved response. Its original request has the record id in
// place of the path variable and may send a body other than the item's.
func (g *gen) example(c call, name string, code int, recordID string, reqBody obj, resp obj) *response {
	path := make([]string, len(c.path))
	for i, s := range c.path {
		if s == recordVar {
			s = recordID
		}
		path[i] = s
	}
	date := g.instant().UTC().Format(http.TimeFormat)
	return &response{
		Name:            name,
		OriginalRequest: g.wire(c, path, reqBody),
		Status:          http.StatusText(code),
		Code:            code,
		PreviewLanguage: "json",
		Header: []header{
			{Key: "Content-Type", Value: "application/json;charset=UTF-8"},
			{Key: "Date", Value: date},
			{Key: "X-RATELIMIT-LIMIT", Value: "100"},
			{Key: "X-RATELIMIT-REMAINING", Value: fmt.Sprint(g.r.between(1, 99))},
		},
		Cookie: []any{},
		Body:   pretty(resp),
	}
}

// failure is the error example shared by most requests: an expired token
// or, for some, another error.
func (g *gen) failure(c call, recordID string, other func() (string, int, obj)) *response {
	if other != nil && g.r.chance(50) {
		name, code, b := other()
		return g.example(c, name, code, recordID, c.body, b)
	}
	return g.example(c, "Expired access token", http.StatusUnauthorized, recordID, c.body, invalidToken())
}

func names(fs []field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

func (g *gen) token() string {
	return fmt.Sprintf("%016x%016x%016x", g.r.next(), g.r.next(), g.r.next())
}

func withQuery(c call, key, value string) call {
	q := make([]variable, len(c.query))
	copy(q, c.query)
	for i := range q {
		if q[i].Key == key {
			q[i].Value = value
		}
	}
	c.query = q
	return c
}

func (g *gen) list() *item {
	c := call{method: http.MethodGet, path: g.path(), query: []variable{
		{Key: "fields", Value: strings.Join(names(g.listFields()), ",")},
		{Key: "page", Value: "1"},
		{Key: "per_page", Value: "2"},
		{Key: "sort_by", Value: "Modified_Time"},
		{Key: "sort_order", Value: "desc"},
	}}
	first := obj{
		{"data", arr{g.listRecord(false), g.listRecord(true)}},
		{"info", obj{{"per_page", 2}, {"count", 2}, {"page", 1}, {"sort_by", "Modified_Time"},
			{"sort_order", "desc"}, {"more_records", true}, {"next_page_token", g.token()}}},
	}
	last := obj{
		{"data", arr{g.listRecord(true)}},
		{"info", obj{{"per_page", 2}, {"count", 1}, {"page", 2}, {"sort_by", "Modified_Time"},
			{"sort_order", "desc"}, {"more_records", false}, {"next_page_token", nil},
			{"previous_page_token", g.token()}, {"page_token_expiry", g.when()}}},
	}
	return &item{
		Name: "List " + g.m.plural,
		Request: g.request(c, "Lists "+strings.ToLower(g.m.plural)+" a page at a time. fields is required; "+
			"page and per_page (at most 200) reach the first 2,000 records.", ""),
		Response: []*response{
			g.example(c, "First page", http.StatusOK, "", nil, first),
			g.example(withQuery(c, "page", "2"), "Last page", http.StatusOK, "", nil, last),
			g.failure(c, "", func() (string, int, obj) {
				return "Unknown module", http.StatusBadRequest, invalidModule()
			}),
		},
	}
}

func (g *gen) get() *item {
	c := call{method: http.MethodGet, path: g.path(recordVar)}
	id := g.recordID()
	one := func(sparse bool) obj { return obj{{"data", arr{g.fullRecord(sparse)}}} }
	res := []*response{g.example(c, g.m.singular+" found", http.StatusOK, id, nil, one(false))}
	if g.r.chance(50) {
		res = append(res, g.example(c, g.m.singular+" with empty fields", http.StatusOK, g.recordID(), nil, one(true)))
	}
	res = append(res, g.failure(c, id, func() (string, int, obj) {
		return "Wrong path", http.StatusNotFound, notFound()
	}))
	return &item{
		Name:     "Get " + g.m.singular,
		Request:  g.request(c, "Fetches one "+strings.ToLower(g.m.singular)+" with every field the user may read.", id),
		Response: res,
	}
}

func (g *gen) create() *item {
	in := g.input()
	c := call{method: http.MethodPost, path: g.path(), body: obj{
		{"data", arr{in}},
		{"trigger", arr{"approval", "workflow"}},
	}}
	required := in[0].key
	missing := obj{{"data", arr{in[1:]}}, {"trigger", arr{"approval", "workflow"}}}
	res := []*response{
		g.example(c, g.m.singular+" added", http.StatusCreated, "", c.body, obj{{"data", arr{g.outcome("record added", true)}}}),
		g.example(c, "Mandatory field missing", http.StatusBadRequest, "", missing, mandatoryMissing(required)),
	}
	if g.r.chance(30) {
		res = append(res, g.failure(c, "", nil))
	}
	return &item{
		Name:     "Create " + g.m.plural,
		Request:  g.request(c, "Creates up to 100 "+strings.ToLower(g.m.plural)+" in one call; trigger chooses which automations run.", ""),
		Response: res,
	}
}

func (g *gen) updateMany() *item {
	var data arr
	for range 2 {
		o := obj{{"id", g.recordID()}}
		g.addFields(&o, g.m.fields[1:min(len(g.m.fields), 4)], true)
		data = append(data, o)
	}
	c := call{method: http.MethodPut, path: g.path(), body: obj{{"data", data}, {"trigger", arr{"workflow"}}}}
	bad := apiError("INVALID_DATA", "the id given seems to be invalid", obj{{"api_name", "id"}, {"json_path", "$.data[0].id"}})
	return &item{
		Name:    "Update " + g.m.plural,
		Request: g.request(c, "Updates up to 100 existing "+strings.ToLower(g.m.plural)+", each identified by its id.", ""),
		Response: []*response{
			g.example(c, "Records updated", http.StatusOK, "", c.body, obj{{"data", arr{
				g.outcome("record updated", false), g.outcome("record updated", false)}}}),
			g.example(c, "Unknown id", http.StatusBadRequest, "", c.body, obj{{"data", arr{bad}}}),
		},
	}
}

func (g *gen) updateOne() *item {
	id := g.recordID()
	var o obj
	fs := g.m.fields[:min(len(g.m.fields), 3)]
	g.addFields(&o, fs, false)
	c := call{method: http.MethodPut, path: g.path(recordVar), body: obj{{"data", arr{o}}}}
	f := fs[len(fs)-1]
	bad := apiError("INVALID_DATA", "invalid data", obj{
		{"expected_data_type", expectedType(f.kind)}, {"api_name", f.name}, {"json_path", "$.data[0]." + f.name}})
	return &item{
		Name:    "Update " + g.m.singular,
		Request: g.request(c, "Updates the given fields of one "+strings.ToLower(g.m.singular)+".", id),
		Response: []*response{
			g.example(c, g.m.singular+" updated", http.StatusOK, id, c.body, obj{{"data", arr{g.outcome("record updated", false)}}}),
			g.example(c, "Invalid value", http.StatusBadRequest, id, c.body, obj{{"data", arr{bad}}}),
		},
	}
}

func expectedType(k kind) string {
	switch k {
	case kInt:
		return "integer"
	case kFloat:
		return "double"
	case kBool:
		return "boolean"
	case kTime:
		return "datetime"
	case kDate:
		return "date"
	case kLookup:
		return "lookup"
	case kEmail:
		return "email"
	case kMulti:
		return "multiselectpicklist"
	}
	return "text"
}

func (g *gen) deleteMany() *item {
	a, b := g.recordID(), g.recordID()
	c := call{method: http.MethodDelete, path: g.path(), query: []variable{
		{Key: "ids", Value: a + "," + b},
		{Key: "wf_trigger", Value: "true"},
	}}
	deleted := func(id string) obj {
		return obj{{"code", "SUCCESS"}, {"details", obj{{"id", id}}}, {"message", "record deleted"}, {"status", "success"}}
	}
	return &item{
		Name:    "Delete " + g.m.plural,
		Request: g.request(c, "Deletes up to 100 "+strings.ToLower(g.m.plural)+" by id.", ""),
		Response: []*response{
			g.example(c, "Records deleted", http.StatusOK, "", nil, obj{{"data", arr{deleted(a), deleted(b)}}}),
			g.failure(c, "", func() (string, int, obj) {
				return "ids missing", http.StatusBadRequest, apiError("REQUIRED_PARAM_MISSING",
					"One of the expected parameter is missing", obj{{"param_name", "ids"}})
			}),
		},
	}
}

func (g *gen) search() *item {
	f := g.m.fields[0]
	word := strings.Fields(fmt.Sprint(g.value(f, false)))[0]
	c := call{method: http.MethodGet, path: g.path("search"), query: []variable{
		{Key: "criteria", Value: "(" + f.name + ":starts_with:" + word + ")"},
		{Key: "page", Value: "1"},
		{Key: "per_page", Value: "2"},
	}}
	found := obj{
		{"data", arr{g.listRecord(false)}},
		{"info", obj{{"per_page", 2}, {"count", 1}, {"page", 1}, {"more_records", false}}},
	}
	return &item{
		Name:    "Search " + g.m.plural,
		Request: g.request(c, "Finds "+strings.ToLower(g.m.plural)+" matching a criteria expression.", ""),
		Response: []*response{
			g.example(c, "Matches found", http.StatusOK, "", nil, found),
			g.failure(c, "", func() (string, int, obj) {
				return "Field not searchable", http.StatusBadRequest, apiError("INVALID_QUERY",
					"Invalid query formed", obj{{"reason", "the field is not available for search"}, {"api_name", f.name}})
			}),
		},
	}
}

func (g *gen) count() *item {
	c := call{method: http.MethodGet, path: g.path("actions", "count")}
	return &item{
		Name:    "Count " + g.m.plural,
		Request: g.request(c, "Counts the "+strings.ToLower(g.m.plural)+" the user can see.", ""),
		Response: []*response{
			g.example(c, "Count", http.StatusOK, "", nil, obj{{"count", g.r.between(0, 250_000)}}),
			g.failure(c, "", nil),
		},
	}
}

// note is a Notes record; its shape is the same in every module.
func (g *gen) note(parent string, sparse bool) obj {
	created := g.instant()
	var title any = g.sentence()
	if sparse && g.r.chance(50) {
		title = nil
	}
	return obj{
		{"Owner", g.user().full()},
		{"Note_Title", title},
		{"Note_Content", g.sentence() + "."},
		{"Parent_Id", obj{
			{"module", obj{{"api_name", g.m.api}, {"id", g.recordID()}}},
			{"name", pick(g.r, companies)},
			{"id", parent},
		}},
		{"Created_Time", created.Format(time.RFC3339)},
		{"Modified_Time", created.Format(time.RFC3339)},
		{"$editable", true},
		{"id", g.recordID()},
	}
}

func (g *gen) listNotes() *item {
	id := g.recordID()
	c := call{method: http.MethodGet, path: g.path(recordVar, "Notes"), query: []variable{
		{Key: "fields", Value: "Note_Title,Note_Content,Parent_Id,Owner,Created_Time,Modified_Time"},
	}}
	notes := obj{
		{"data", arr{g.note(id, false), g.note(id, true)}},
		{"info", obj{{"per_page", 200}, {"count", 2}, {"page", 1}, {"more_records", false}}},
	}
	return &item{
		Name:    "List " + g.m.singular + " Notes",
		Request: g.request(c, "Lists the notes attached to one "+strings.ToLower(g.m.singular)+".", id),
		Response: []*response{
			g.example(c, "Notes", http.StatusOK, id, nil, notes),
			g.failure(c, id, func() (string, int, obj) { return "Wrong path", http.StatusNotFound, notFound() }),
		},
	}
}

func (g *gen) addNote() *item {
	id := g.recordID()
	in := obj{{"Note_Title", g.sentence()}, {"Note_Content", g.sentence() + "."}}
	c := call{method: http.MethodPost, path: g.path(recordVar, "Notes"), body: obj{{"data", arr{in}}}}
	return &item{
		Name:    "Add " + g.m.singular + " Note",
		Request: g.request(c, "Attaches a note to one "+strings.ToLower(g.m.singular)+".", id),
		Response: []*response{
			g.example(c, "Note added", http.StatusCreated, id, c.body, obj{{"data", arr{g.outcome("record added", true)}}}),
			g.example(c, "Content missing", http.StatusBadRequest, id, obj{{"data", arr{in[:1]}}}, mandatoryMissing("Note_Content")),
		},
	}
}
