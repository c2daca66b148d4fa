package model

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	postman "github.com/rbretecher/go-postman-collection"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/parse"
	"github.com/zcrmgen/zcrmgen/templates/runtime"
)

// example reads one saved response and the request that produced it.
func (b *builder) example(op *Operation, r *postman.Response, index int) *Example {
	name := r.Name
	if strings.TrimSpace(name) == "" {
		name = fmt.Sprintf("example %d", index+1)
	}
	ex := &Example{Name: name, Where: fmt.Sprintf("%s: example %q", op.Where, name), Body: []byte(r.Body)}
	ex.Status = r.Code
	if ex.Status == 0 {
		ex.Status = statusFromText(r.Status)
		if ex.Status == 0 {
			ex.Status = http.StatusOK
			b.warn(ex.Where, "example has no status code; assumed 200")
		}
	}
	if ex.Status < 100 || ex.Status > 599 {
		b.warn(ex.Where, "status %d is not an HTTP status; example skipped", ex.Status)
		return nil
	}
	if ex.Status < 200 {
		b.warn(ex.Where, "informational status %d cannot be replayed; example skipped", ex.Status)
		return nil
	}
	var hs []*postman.Header
	if r.Headers != nil {
		hs = r.Headers.Headers
	}
	ex.ContentType = strings.TrimSpace(headerValue(hs, "Content-Type"))
	if ex.ContentType == "" {
		ex.ContentType = previewType(r.PreviewLanguage, ex.Body)
	}
	ex.Kind = classify(ex.ContentType, ex.Body)
	if bodyless(op.Method, ex.Status) {
		// HTTP cannot carry this body: a 204 or 304 response, or any
		// answer to HEAD, has none on the wire.
		if len(strings.TrimSpace(string(ex.Body))) > 0 {
			b.warn(ex.Where, "a %d response to %s carries no body; the saved body is not replayed", ex.Status, op.Method)
		}
		ex.Body, ex.Kind = nil, ResultNone
	}
	if ex.Status >= 300 && ex.Kind == ResultJSON {
		ex.ErrCode, ex.ErrMessage = runtime.ErrorFields(Realized(ex.Body))
	}
	ex.PathValues = make([]string, len(op.PathParams))
	for i, p := range op.PathParams {
		ex.PathValues[i] = b.resolve(p.Example)
	}
	b.originalRequest(op, ex, r.OriginalRequest, b.col.ExampleExtras[r])
	return ex
}

// Realized returns a JSON body with each type placeholder replaced by a
// value of its type (see infer.Realize): what the generated tests and
// examples send, serve and compare, so that they never carry placeholder
// text. The types are inferred from the bodies as written. A body that is
// not valid JSON is returned as it is.
func Realized(body []byte) []byte {
	out, err := infer.Realize(body)
	if err != nil {
		return body
	}
	return out
}

// bodyless reports responses that have no body on the wire.
func bodyless(method string, status int) bool {
	return method == http.MethodHead || status == http.StatusNoContent || status == http.StatusNotModified
}

// statusFromText maps a reason phrase such as "Created" to its code.
func statusFromText(s string) int {
	s = strings.TrimSpace(s)
	for code := 100; code < 600; code++ {
		if t := http.StatusText(code); t != "" && strings.EqualFold(t, s) {
			return code
		}
	}
	return 0
}

// previewType guesses a content type from Postman's preview language.
func previewType(lang string, body []byte) string {
	switch strings.ToLower(lang) {
	case "json":
		return "application/json"
	case "xml":
		return "application/xml"
	case "html":
		return "text/html"
	case "text":
		return "text/plain"
	}
	if json.Valid(body) {
		return "application/json"
	}
	return ""
}

// classify decides how a body is handled from its media type: JSON is
// decoded, text returned as a string, binary streamed, empty bodies return
// nothing.
func classify(ct string, body []byte) ResultKind {
	if len(strings.TrimSpace(string(body))) == 0 && !isBinaryType(ct) {
		return ResultNone
	}
	switch {
	case ct == "":
		if json.Valid(body) {
			return ResultJSON
		}
	case isJSONType(ct):
		return ResultJSON
	case isBinaryType(ct):
		return ResultStream
	}
	if utf8.Valid(body) {
		return ResultText
	}
	return ResultStream
}

// isBinaryType reports media types that are streamed rather than read
// into memory: archives, documents, images, audio, video, octet streams.
func isBinaryType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "font/"):
		return true
	}
	switch mt {
	case "application/zip", "application/octet-stream", "application/pdf", "application/gzip",
		"application/x-gzip", "application/x-zip-compressed", "application/x-tar",
		"application/vnd.ms-excel", "application/msword":
		return true
	}
	return strings.HasPrefix(mt, "application/vnd.openxmlformats")
}

// originalRequest decides whether the example's request is the operation's
// own request (same method, a path that fits the template, query keys the
// method can send) and, if so, takes its path values, query and body for
// the test to send and check.
func (b *builder) originalRequest(op *Operation, ex *Example, or *postman.Request, extra *parse.ItemExtra) {
	if or == nil || or.URL == nil {
		return
	}
	if !strings.EqualFold(strings.TrimSpace(string(or.Method)), op.Method) && !(or.Method == "" && op.Method == "GET") {
		return
	}
	values, ok := b.matchPath(op, or.URL.Path)
	if !ok {
		return
	}
	known := map[string]bool{}
	for _, q := range op.Query {
		known[q.Wire] = true
	}
	query := map[string][]string{}
	for i, q := range or.URL.Query {
		if q == nil || q.Key == "" || (extra != nil && extra.DisabledQuery[i]) {
			continue
		}
		if !known[q.Key] {
			return
		}
		query[q.Key] = append(query[q.Key], b.resolve(q.Value))
	}
	if op.Body != nil && op.Body.Kind == BodyJSON && or.Body != nil && or.Body.Mode == "raw" && strings.TrimSpace(or.Body.Raw) != "" {
		sample := infer.Sanitize([]byte(or.Body.Raw))
		if !json.Valid(sample) {
			b.warn(ex.Where, "original request body does not parse as JSON; the test sends the item's body")
		} else {
			ex.RequestBody = sample
			op.Body.Samples = append(op.Body.Samples, sample)
		}
	}
	ex.SameRequest = true
	ex.PathValues = values
	ex.Query = query
}

// matchPath matches the example's path segments against the template and
// returns the values of the path parameters.
func (b *builder) matchPath(op *Operation, path []string) ([]string, bool) {
	var groups [][]Segment
	for _, s := range op.Path {
		if s.Slash || len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
	}
	if len(groups) != len(path) {
		return nil, false
	}
	values := make([]string, len(op.PathParams))
	index := map[*Param]int{}
	for i, p := range op.PathParams {
		index[p] = i
		values[i] = b.resolve(p.Example)
	}
	for i, g := range groups {
		got := path[i]
		if len(g) == 1 && g[0].Param != nil {
			v := b.resolve(got)
			if strings.HasPrefix(got, ":") || v == "" {
				v = values[index[g[0].Param]]
			}
			values[index[g[0].Param]] = v
			continue
		}
		if segmentText(g) != got {
			return nil, false
		}
	}
	return values, true
}

// segmentText renders one path segment of the template as Postman writes it.
func segmentText(g []Segment) string {
	var sb strings.Builder
	for _, s := range g {
		if s.Param != nil {
			sb.WriteString("{{" + s.Param.Wire + "}}")
			continue
		}
		sb.WriteString(s.Literal)
	}
	return sb.String()
}

// resolve replaces {{variables}} that have a non-secret value.
func (b *builder) resolve(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var sb strings.Builder
	for _, p := range splitVars(s) {
		if p.isVar {
			if v, ok := b.vars[p.text]; ok && !b.secret[p.text] {
				sb.WriteString(v)
				continue
			}
			sb.WriteString("{{" + p.text + "}}")
			continue
		}
		sb.WriteString(p.text)
	}
	return sb.String()
}
