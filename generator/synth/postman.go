package synth

// The Postman v2.1 collection format, only as much of it as the output
// uses. Struct field order is the key order of the output, which follows a
// Postman export.

const schemaV21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

type collection struct {
	Info     info       `json:"info"`
	Item     []*item    `json:"item"`
	Auth     auth       `json:"auth"`
	Variable []variable `json:"variable"`
}

type info struct {
	PostmanID   string `json:"_postman_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Schema      string `json:"schema"`
}

type auth struct {
	Type   string     `json:"type"`
	OAuth2 []variable `json:"oauth2"`
}

// variable is a key/value entry: a collection or path variable, a query
// parameter or an auth attribute.
type variable struct {
	Key         string `json:"key"`
	Value       string `json:"value"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// item is a folder (Item set) or a request (Request and Response set).
type item struct {
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Item        []*item     `json:"item,omitempty"`
	Request     *request    `json:"request,omitempty"`
	Response    []*response `json:"response,omitempty"`
}

type request struct {
	Method      string   `json:"method"`
	Header      []header `json:"header"`
	Body        *body    `json:"body,omitempty"`
	URL         url      `json:"url"`
	Description string   `json:"description,omitempty"`
}

type header struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Type  string `json:"type,omitempty"`
}

type body struct {
	Mode    string      `json:"mode"`
	Raw     string      `json:"raw"`
	Options bodyOptions `json:"options"`
}

type bodyOptions struct {
	Raw struct {
		Language string `json:"language"`
	} `json:"raw"`
}

type url struct {
	Raw      string     `json:"raw"`
	Host     []string   `json:"host"`
	Path     []string   `json:"path"`
	Query    []variable `json:"query,omitempty"`
	Variable []variable `json:"variable,omitempty"`
}

type response struct {
	Name            string   `json:"name"`
	OriginalRequest *request `json:"originalRequest"`
	Status          string   `json:"status"`
	Code            int      `json:"code"`
	PreviewLanguage string   `json:"_postman_previewlanguage"`
	Header          []header `json:"header"`
	Cookie          []any    `json:"cookie"`
	Body            string   `json:"body"`
}
