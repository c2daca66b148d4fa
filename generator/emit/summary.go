package emit

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/zcrmgen/zcrmgen/generator/gotype"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// OperationSummary describes one method of a generated client, for tools
// that drive the generated package, such as the conformance check: which
// HTTP route the method calls and the Go types its bodies take.
type OperationSummary struct {
	// GoName is the name of the Client method.
	GoName string
	// Method is the HTTP method, upper case.
	Method string
	// BaseURL is the URL the path is appended to: the client's default
	// base URL, or the operation's own host when it is served from
	// another one. It is "" when the collection gives no value for it.
	BaseURL string
	// Path is the URL path template relative to BaseURL, each path
	// parameter written {name} with its wire name: "/crm/v8/{module}".
	Path string
	// Result is the Go type, as the generated package spells it, that the
	// success body is decoded into with encoding/json; the method returns
	// a pointer to it when it is a named type. It is "" when the method
	// does not decode JSON (it returns bytes, text, a stream or nothing).
	Result string
	// Body is the Go type of the JSON request body ("" when the request
	// has no JSON body); the method takes a pointer to it when it is a
	// named type.
	Body string
}

// Summarize describes the operations of api in collection order, as
// [OperationSummary] values.
func Summarize(api *model.API) ([]OperationSummary, error) {
	out := make([]OperationSummary, 0, len(api.Operations))
	for _, op := range api.Operations {
		s := OperationSummary{GoName: op.GoName, Method: op.Method, BaseURL: api.BaseURL, Path: pathText(op)}
		if op.HostURL != "" {
			s.BaseURL = op.HostURL
		}
		var err error
		if op.Result.Kind == model.ResultJSON {
			if s.Result, err = typeText(op.Result.Type); err != nil {
				return nil, fmt.Errorf("%s: result type: %w", op.Where, err)
			}
		}
		if op.Body != nil && op.Body.Kind == model.BodyJSON {
			if s.Body, err = typeText(op.Body.Type); err != nil {
				return nil, fmt.Errorf("%s: body type: %w", op.Where, err)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// typeText spells the Go type of t as the generated code does, with
// standard library types qualified by their package name (json.RawMessage).
func typeText(t *infer.Type) (string, error) {
	var buf bytes.Buffer
	if err := jen.Add(gotype.Expr(t)).Render(&buf); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return strings.TrimSpace(buf.String()), nil
}
