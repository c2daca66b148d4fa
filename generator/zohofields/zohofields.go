// Package zohofields turns the fields metadata of a Zoho CRM module (the
// reply of GET /crm/v8/settings/fields?module=...) into a Go struct with
// one typed field per API field, and the conversions between the struct
// and the runtime's Record, which holds any record of any module. It backs
// `zcrmgen zoho-fields`. Record fields differ per org (custom fields) and
// per module, so these structs are made from an org's own metadata rather
// than from Zoho's description of the API.
package zohofields

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"go/token"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/zcrmgen/zcrmgen/generator/file"
	"github.com/zcrmgen/zcrmgen/generator/naming"
)

// Field is one field of a module as the fields metadata describes it: the
// members this package reads.
type Field struct {
	// APIName is the field's key in records, such as "Last_Name".
	APIName string `json:"api_name"`
	// DataType is Zoho's data type, such as "text" or "lookup" (see
	// [GoType]).
	DataType string `json:"data_type"`
	// JSONType is the JSON type of the field's values: "string",
	// "integer", "double", "boolean", "jsonobject" or "jsonarray".
	JSONType string `json:"json_type"`
	// Label is the field's label in Zoho's UI, such as "Last Name".
	Label string `json:"field_label"`
	// SystemMandatory reports that every record must have the field.
	SystemMandatory bool `json:"system_mandatory"`
	// ReadOnly reports that the field cannot be written through the API.
	ReadOnly bool `json:"read_only"`
}

// Parse reads a saved reply of GET /crm/v8/settings/fields: a JSON object
// whose fields member lists the module's fields. Errors name the place in
// data as line:col.
func Parse(data []byte) ([]Field, error) {
	var reply struct {
		Fields *[]Field `json:"fields"`
	}
	if err := json.Unmarshal(data, &reply); err != nil {
		return nil, placed(data, err)
	}
	if reply.Fields == nil {
		return nil, errors.New("no fields member: not a reply of GET /crm/v8/settings/fields?module=M")
	}
	for i, f := range *reply.Fields {
		if f.APIName == "" {
			return nil, fmt.Errorf("fields[%d]: no api_name", i)
		}
	}
	return *reply.Fields, nil
}

// placed returns err with the line and column of the place in data it
// names (for a value of the wrong type, the place just after it), when
// it names one.
func placed(data []byte, err error) error {
	var offset int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
		err = fmt.Errorf("%s: want %s, got a JSON %s", te.Field, te.Type, te.Value)
	}
	if offset < 0 || offset > int64(len(data)) {
		return err
	}
	before := data[:offset]
	return &PlaceError{
		Line: bytes.Count(before, []byte("\n")) + 1,
		Col:  int(offset) - bytes.LastIndexByte(before, '\n'),
		Err:  err,
	}
}

// PlaceError is an error of [Parse] at a place in its input.
type PlaceError struct {
	// Line and Col are the place, from 1; Col counts bytes.
	Line, Col int
	// Err is what is wrong there.
	Err error
}

// Error returns "line:col: message".
func (e *PlaceError) Error() string { return fmt.Sprintf("%d:%d: %v", e.Line, e.Col, e.Err) }

// Unwrap returns e.Err.
func (e *PlaceError) Unwrap() error { return e.Err }

// The kinds of Go type a field takes besides those the tables name.
const (
	// lookupType stands for the struct <Name>Lookup the source declares
	// for fields that hold a reference to another record or a user.
	lookupType = "<lookup>"
	// byJSONType means the Go type follows the field's json_type (a
	// formula's result, a rollup summary).
	byJSONType = ""
	// rawType keeps values whose shape varies (subforms, files,
	// multi-select lookups) as JSON.
	rawType = "json.RawMessage"
)

// dataTypes is the one table from Zoho's data types to Go types; a data
// type it lacks takes its Go type from its json_type ([jsonTypes]).
func dataTypes() map[string]string {
	return map[string]string{
		"text":                "string",
		"textarea":            "string",
		"email":               "string",
		"phone":               "string",
		"website":             "string",
		"picklist":            "string",
		"autonumber":          "string",
		"profileimage":        "string",
		"multiselectpicklist": "[]string",
		"integer":             "int64",
		// Zoho writes long integers as strings, beyond float64's exact
		// range.
		"bigint":   "string",
		"double":   "float64",
		"currency": "float64",
		"decimal":  "float64",
		"percent":  "float64",
		"boolean":  "bool",
		// A date is "2006-01-02", which time.Time does not decode.
		"date":              "string",
		"datetime":          "time.Time",
		"lookup":            lookupType,
		"ownerlookup":       lookupType,
		"userlookup":        lookupType,
		"multiselectlookup": rawType,
		"multiuserlookup":   rawType,
		"subform":           rawType,
		"fileupload":        rawType,
		"imageupload":       rawType,
		"formula":           byJSONType,
		"rollup_summary":    byJSONType,
	}
}

// jsonTypes maps Zoho's json_type to Go types, for the data types
// [dataTypes] lacks or leaves to it; a json_type it lacks is kept as raw
// JSON.
func jsonTypes() map[string]string {
	return map[string]string{
		"string":     "string",
		"integer":    "int64",
		"double":     "float64",
		"boolean":    "bool",
		"jsonobject": rawType,
		"jsonarray":  rawType,
	}
}

// GoType returns the Go type of a field's values, as written in the source,
// with lookup fields' type named lookup.
func GoType(f Field, lookup string) string {
	t, ok := dataTypes()[f.DataType]
	if !ok || t == byJSONType {
		if t, ok = jsonTypes()[f.JSONType]; !ok {
			t = rawType
		}
	}
	if t == lookupType {
		t = lookup
	}
	return t
}

// Options are the inputs of [Source] besides the fields.
type Options struct {
	// Package is the package clause of the source.
	Package string
	// Name is the struct's name, such as "Lead".
	Name string
	// RecordImport is the import path of the package that declares
	// Record, the generated Zoho client; empty when the struct goes into
	// that package.
	RecordImport string
	// Module is the module the fields belong to, for the doc comment;
	// may be empty.
	Module string
}

// Source returns a gofmt'd Go file declaring the struct opt.Name with one
// field per element of fields, in their order, and its conversions from and
// to Record.
func Source(fields []Field, opt Options) ([]byte, error) {
	if !token.IsIdentifier(opt.Package) || opt.Package == "_" {
		return nil, fmt.Errorf("package name %q is not a Go package name", opt.Package)
	}
	if !token.IsIdentifier(opt.Name) || !token.IsExported(opt.Name) {
		return nil, fmt.Errorf("type name %q is not an exported Go identifier", opt.Name)
	}
	record := "Record"
	if opt.RecordImport != "" {
		base := path.Base(opt.RecordImport)
		if !token.IsIdentifier(base) {
			return nil, fmt.Errorf("record import %q: its last element is not a package name", opt.RecordImport)
		}
		record = base + ".Record"
	}
	lookup := opt.Name + "Lookup"
	if opt.Name == "Record" && opt.RecordImport == "" {
		return nil, errors.New(`type name "Record" is the runtime's record type`)
	}

	// Field names: the methods are reserved first, then each API name
	// takes its Go name, numbered when two clash ("Email" and "email").
	namer := naming.New()
	scope := naming.NewScope("FromRecord", "ToRecord")
	names := make([]string, len(fields))
	seen := map[string]bool{}
	usesLookup, usesTime := false, false
	for i, f := range fields {
		if seen[f.APIName] {
			return nil, fmt.Errorf("fields[%d]: api_name %q given twice", i, f.APIName)
		}
		seen[f.APIName] = true
		if !tagName(f.APIName) {
			return nil, fmt.Errorf("fields[%d]: api_name %q: encoding/json cannot match it by a struct tag", i, f.APIName)
		}
		names[i] = scope.Claim(namer.Exported(f.APIName))
		switch GoType(f, lookup) {
		case lookup:
			usesLookup = true
		case "time.Time":
			usesTime = true
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\npackage %s\n\nimport (\n\"encoding/json\"\n\"fmt\"\n", file.Header, opt.Package)
	if usesTime {
		b.WriteString("\"time\"\n")
	}
	if opt.RecordImport != "" {
		fmt.Fprintf(&b, "\n%s\n", strconv.Quote(opt.RecordImport))
	}
	b.WriteString(")\n\n")

	module := ""
	if opt.Module != "" {
		module = " of the " + opt.Module + " module"
	}
	fmt.Fprintf(&b, "// %s is a record%s with the fields its fields metadata lists.\n", opt.Name, module)
	b.WriteString("// Every field is optional: nil is a field the record does not have.\n")
	fmt.Fprintf(&b, "type %s struct {\n", opt.Name)
	for i, f := range fields {
		t := GoType(f, lookup)
		if t != rawType && !strings.HasPrefix(t, "[]") {
			t = "*" + t
		}
		fmt.Fprintf(&b, "// %s\n", fieldDoc(names[i], f))
		fmt.Fprintf(&b, "%s %s `json:%s`\n", names[i], t, strconv.Quote(f.APIName+",omitempty"))
	}
	b.WriteString("}\n\n")

	if usesLookup {
		fmt.Fprintf(&b, `// %[1]s is a reference to another record or to a user, as a
// lookup field holds it.
type %[1]s struct {
	// ID is the ID of the record or user.
	ID *string %[2]s
	// Name is its name.
	Name *string %[3]s
	// Email is the user's email address, for references to users.
	Email *string %[4]s
}

`, lookup, "`json:\"id,omitempty\"`", "`json:\"name,omitempty\"`", "`json:\"email,omitempty\"`")
	}

	fmt.Fprintf(&b, `// FromRecord sets the fields of v from those r has; the fields it lacks
// are left as they are. Fields r has and %[1]s lacks are not read.
func (v *%[1]s) FromRecord(r %[2]s) error {
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("converting a record to %[1]s: %%w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("converting a record to %[1]s: %%w", err)
	}
	return nil
}

// ToRecord returns the fields of v that are set as a record.
func (v *%[1]s) ToRecord() (%[2]s, error) {
	var r %[2]s
	data, err := json.Marshal(v)
	if err != nil {
		return r, fmt.Errorf("converting %[1]s to a record: %%w", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("converting %[1]s to a record: %%w", err)
	}
	return r, nil
}
`, opt.Name, record)

	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("format: %w (a bug in package zohofields)", err)
	}
	return src, nil
}

// tagName reports whether encoding/json takes s as a field name in a
// struct tag: letters, digits and the punctuation it allows, no comma or
// quote.
func tagName(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case unicode.IsLetter(c), unicode.IsDigit(c):
		default:
			return false
		}
	}
	return s != ""
}

// fieldDoc is the doc comment of a field, without the slashes: the label,
// the data type and what the metadata says of writing it.
func fieldDoc(name string, f Field) string {
	label := strings.Join(strings.Fields(f.Label), " ")
	if label == "" {
		label = f.APIName
	}
	doc := fmt.Sprintf("%s is the field %q (%s, %s)", name, label, f.APIName, firstOf(f.DataType, f.JSONType))
	var notes []string
	if f.SystemMandatory {
		notes = append(notes, "every record has it")
	}
	if f.ReadOnly {
		notes = append(notes, "read-only")
	}
	if len(notes) > 0 {
		doc += ": " + strings.Join(notes, ", ")
	}
	return doc + "."
}

// firstOf returns the first of its arguments that is not empty, or
// "unknown type".
func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return "unknown type"
}
