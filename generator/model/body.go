package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"mime"
	"strings"

	postman "github.com/rbretecher/go-postman-collection"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// body reads the request body of an item. Raw JSON is typed from its text
// and, later, every example's original request body; other modes keep
// their fields.
func (b *builder) body(op *Operation, req *postman.Request) *Body {
	pb := req.Body
	if pb == nil || pb.Disabled {
		return nil
	}
	ct := strings.TrimSpace(headerValue(req.Header, "Content-Type"))
	switch pb.Mode {
	case "raw":
		if strings.TrimSpace(pb.Raw) == "" {
			return nil
		}
		if isJSONBody(ct, rawLanguage(pb), pb.Raw) {
			sample := infer.Sanitize([]byte(pb.Raw))
			if json.Valid(sample) {
				return &Body{Kind: BodyJSON, ContentType: cmp.Or(ct, "application/json"), Sample: sample, Samples: [][]byte{sample}}
			}
			b.warn(op.Where, "raw JSON body does not parse; it is sent as text")
		}
		return &Body{Kind: BodyText, ContentType: cmp.Or(ct, languageType(rawLanguage(pb))), Sample: []byte(pb.Raw)}
	case "urlencoded":
		fields := b.formFields(op, pb.URLEncoded, false)
		if len(fields) == 0 {
			return nil
		}
		return &Body{Kind: BodyForm, ContentType: "application/x-www-form-urlencoded", Fields: fields}
	case "formdata":
		fields := b.formFields(op, pb.FormData, true)
		if len(fields) == 0 {
			return nil
		}
		return &Body{Kind: BodyMultipart, ContentType: "multipart/form-data", Fields: fields}
	case "file":
		return &Body{Kind: BodyFile, ContentType: cmp.Or(ct, "application/octet-stream")}
	case "graphql":
		// A GraphQL body is sent as the JSON document {"query", "variables"}
		// and typed like any JSON body.
		sample, ok := graphQLSample(pb.GraphQL)
		if !ok {
			b.warn(op.Where, "GraphQL variables are not JSON; the body is sent without them")
		}
		return &Body{Kind: BodyJSON, ContentType: "application/json", Sample: sample, Samples: [][]byte{sample}}
	case "":
		return nil
	}
	b.warn(op.Where, "body mode %q cannot be generated; the method sends no body", pb.Mode)
	return nil
}

func rawLanguage(pb *postman.Body) string {
	if pb.Options == nil {
		return ""
	}
	return strings.ToLower(pb.Options.Raw.Language)
}

// isJSONBody decides whether a raw body is JSON: by its Content-Type, else
// by Postman's language tag, else by its first character.
func isJSONBody(ct, lang, raw string) bool {
	if ct != "" {
		return isJSONType(ct)
	}
	if lang != "" && lang != "text" {
		return lang == "json"
	}
	t := strings.TrimSpace(raw)
	return t != "" && (t[0] == '{' || t[0] == '[')
}

// isJSONType reports whether a media type is JSON (application/json,
// anything+json, text/json).
func isJSONType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

func languageType(lang string) string {
	switch lang {
	case "xml":
		return "application/xml"
	case "html":
		return "text/html"
	case "javascript":
		return "application/javascript"
	}
	return "text/plain"
}

// formFields reads a urlencoded or formdata list, skipping unnamed
// entries. A disabled entry is an optional field the collection leaves out
// by default, so a body whose fields are all disabled still has them. A
// key given twice keeps its first enabled entry (with a warning when two
// are enabled), else its first entry; a part's own content type is not
// sent, with a warning. A multipart entry of type file, or whose value is
// the "<binary>" placeholder, is a file part.
func (b *builder) formFields(op *Operation, list any, multipart bool) []*FormField {
	entries, _ := list.([]any)
	var out []*FormField
	index := map[string]int{} // key to its place in out
	warned := map[string]bool{}
	for _, e := range entries {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		key := strings.TrimSpace(str(m["key"]))
		if key == "" {
			continue
		}
		disabled, _ := m["disabled"].(bool)
		value := str(m["value"])
		ph, _ := infer.ParsePlaceholder(strings.TrimSpace(value))
		f := &FormField{Wire: key, File: multipart && (str(m["type"]) == "file" || ph.Binary), Disabled: disabled}
		f.Description, f.Required = splitRequired(str(m["description"]))
		if !f.File {
			f.Example = exampleValue(value)
		}
		if i, dup := index[key]; dup {
			switch {
			case out[i].Disabled && !disabled:
				out[i] = f
			case !disabled && !warned[key]:
				warned[key] = true
				b.warn(op.Where, "form field %q is given more than once; only the first is sent", key)
			}
			continue
		}
		if ct := strings.TrimSpace(str(m["contentType"])); multipart && ct != "" && !disabled {
			b.warn(op.Where, "form field %q: its content type %q is not sent", key, ct)
		}
		index[key] = len(out)
		out = append(out, f)
	}
	return out
}

// str renders a JSON scalar as text ("" for null and containers).
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	case map[string]any:
		if s, ok := v["content"].(string); ok {
			return s
		}
		return ""
	case []any:
		return ""
	}
	return fmt.Sprint(v)
}

// graphQLSample renders a graphql body as the JSON document it is sent as.
// Variables are JSON text, in which a bare {{variable}} stands for a
// value (see [infer.Sanitize]), or an object; ok is false when they are
// neither and are left out.
func graphQLSample(g any) (sample []byte, ok bool) {
	m, _ := g.(map[string]any)
	doc := map[string]any{"query": str(m["query"])}
	ok = true
	switch v := m["variables"].(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			break
		}
		if s := infer.Sanitize([]byte(v)); json.Valid(s) {
			doc["variables"] = json.RawMessage(s)
		} else {
			ok = false
		}
	case map[string]any:
		doc["variables"] = v
	case nil:
	default:
		ok = false
	}
	out, _ := json.Marshal(doc)
	return out, ok
}
