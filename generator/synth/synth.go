// Package synth makes synthetic Postman v2.1 collections shaped like the
// Zoho CRM API, of any size, for benchmarks and scale tests.
//
// A collection has one top-level folder per CRM module (Leads, Contacts, ...,
// then CustomModule1, CustomModule2, ... once the built-in modules run out)
// and the same ten requests in each, filed two or three folders deep:
//
//	Leads > Records > List Leads           GET    /crm/v8/Leads?fields=...&page=1&per_page=2
//	Leads > Records > Get Lead             GET    /crm/v8/Leads/:record_id
//	Leads > Records > Create Leads         POST   /crm/v8/Leads
//	Leads > Records > Update Leads         PUT    /crm/v8/Leads
//	Leads > Records > Update Lead          PUT    /crm/v8/Leads/:record_id
//	Leads > Records > Delete Leads         DELETE /crm/v8/Leads?ids=...
//	Leads > Search > Search Leads          GET    /crm/v8/Leads/search?criteria=...
//	Leads > Search > Count Leads           GET    /crm/v8/Leads/actions/count
//	Leads > Related Lists > Notes > List Lead Notes  GET  /crm/v8/Leads/:record_id/Notes
//	Leads > Related Lists > Notes > Add Lead Note    POST /crm/v8/Leads/:record_id/Notes
//
// Every request has two or three saved examples: a 200 or 201 and a 400, 401
// or 404 with Zoho's {"code","details","message","status"} error body.
// Records mix the module's own fields with the $-prefixed system keys and the
// shared Owner/Created_By/Modified_By shape; they hold RFC 3339 times, nulls,
// integers, decimals, booleans, arrays, nested objects and fields that one
// example has and another lacks. Modules differ in their fields, so the
// generated types differ too.
//
// The output depends only on n and the seed, on every platform and Go
// release. Module i is the same in every collection that has it, so a
// smaller collection is a prefix of a larger one with the same seed.
package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Collection returns a synthetic collection of n requests (none when n <= 0)
// as indented JSON. The same n and seed always give the same bytes.
func Collection(n int, seed int64) []byte {
	col := collection{
		Info: info{
			PostmanID:   postmanID(seed),
			Name:        "Zoho CRM v8 (synthetic)",
			Description: fmt.Sprintf("A synthetic Zoho CRM v8 collection of %d requests (seed %d). Every request is authorised with an OAuth access token sent as 'Authorization: Zoho-oauthtoken <token>'.", max(n, 0), seed),
			Schema:      schemaV21,
		},
		Item: []*item{},
		Auth: auth{Type: "oauth2", OAuth2: []variable{
			{Key: "addTokenTo", Value: "header", Type: "string"},
			{Key: "headerPrefix", Value: "Zoho-oauthtoken", Type: "string"},
			{Key: "accessToken", Value: "{{access-token}}", Type: "string"},
		}},
		Variable: []variable{
			{Key: "api-domain", Value: "https://www.zohoapis.com", Type: "string"},
			{Key: "access-token", Value: "", Type: "string"},
		},
	}
	for i := 0; i*len(ops) < n; i++ {
		r := newRNG(seed, uint64(i))
		g := &gen{r: r, m: moduleAt(i, r)}
		folder := &item{
			Name:        g.m.plural,
			Description: "Records of the " + g.m.api + " module.",
		}
		for _, o := range ops[:min(len(ops), n-i*len(ops))] {
			sub := folder
			for _, name := range o.folder {
				sub = child(sub, name)
			}
			sub.Item = append(sub.Item, o.build(g))
		}
		col.Item = append(col.Item, folder)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(col); err != nil {
		// Every value is a plain struct, slice or string built here.
		panic("synth: encode collection: " + err.Error())
	}
	return buf.Bytes()
}

// child returns the sub-folder of f called name, adding it after the
// existing items when there is none.
func child(f *item, name string) *item {
	i := slices.IndexFunc(f.Item, func(it *item) bool { return it.Request == nil && it.Name == name })
	if i >= 0 {
		return f.Item[i]
	}
	sub := &item{Name: name}
	f.Item = append(f.Item, sub)
	return sub
}

// postmanID returns a UUID-shaped id drawn from the seed.
func postmanID(seed int64) string {
	r := newRNG(seed, 1<<63)
	a, b := r.next(), r.next()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff, b>>48&0x3fff|0x8000, b&0xffffffffffff)
}
