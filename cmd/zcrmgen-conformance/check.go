package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/write"
	"github.com/zcrmgen/zcrmgen/internal/gotool"
)

// The work module: the generated package and the check program that
// imports it.
const (
	workModule = "conformance"
	clientDir  = "client" // the generated package, also its name
	checkDir   = "check"  // the check program
)

// decodeCheck is one decoding to try: a sample file decoded into the
// success type of one method that serves its route.
type decodeCheck struct {
	path   string // the sample file
	method string // the Client method's Go name
}

// bodyCheck is one request body type to encode at its zero value, through
// a method that takes it.
type bodyCheck struct {
	typeName string // the Go type as the generator spells it
	method   string
}

// outcome is what the check program reports for one check, as one JSON
// line on its standard output.
type outcome struct {
	// Kind is "sample" or "body"; Index is the check's place among the
	// checks of its kind.
	Kind  string `json:"kind"`
	Index int    `json:"index"`
	// Type is the Go type decoded into or encoded, as reflect spells it.
	Type string `json:"type"`
	// Stage is where the check failed ("read", "decode", "encode",
	// "type", "panic"), "" when it did not; Error says how.
	Stage string `json:"stage,omitempty"`
	Error string `json:"error,omitempty"`
	// JSON is the value encoded again.
	JSON json.RawMessage `json:"json,omitempty"`
	// Mismatches counts the members the client kept raw because they did
	// not fit their Go types (the generated package's Mismatches); Mismatch
	// is the first of them.
	Mismatches int    `json:"mismatches,omitempty"`
	Mismatch   string `json:"mismatch,omitempty"`
}

// writeWork writes the work module into dir: go.mod, the generated
// package without its tests and their testdata (the check needs only the
// client), and the check program.
func writeWork(dir string, res *generator.Result, decodes []decodeCheck, bodies []bodyCheck) error {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), gotool.ModFile(workModule), 0o644); err != nil {
		return err
	}
	var files []generator.File
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Name, "_test.go") && !strings.HasPrefix(f.Name, "testdata/") {
			files = append(files, f)
		}
	}
	if _, err := write.Dir(filepath.Join(dir, clientDir), files); err != nil {
		return err
	}
	src, err := checkProgram(decodes, bodies)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, checkDir), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, checkDir, "main.go"), src, 0o644)
}

// checkProgram returns the source of the check program. It decodes each
// sample the way the client does (json.Unmarshal into a new value of the
// method's success type), counts the members kept raw because they did not
// fit (Mismatches), encodes it back with json.Marshal, encodes a
// new zero value of each body type, and prints one [outcome] a line. The
// types are read from the methods' signatures, so the program depends on
// nothing else of the generated package.
func checkProgram(decodes []decodeCheck, bodies []bodyCheck) ([]byte, error) {
	type entry struct{ Arg, Type, Method string }
	var data struct {
		Import          string
		Decodes, Bodies []entry
	}
	data.Import = strconv.Quote(workModule + "/" + clientDir)
	for _, d := range decodes {
		if !token.IsIdentifier(d.method) {
			return nil, fmt.Errorf("method name %q is not a Go identifier", d.method)
		}
		data.Decodes = append(data.Decodes, entry{Arg: strconv.Quote(d.path), Method: d.method})
	}
	for _, b := range bodies {
		if !token.IsIdentifier(b.method) {
			return nil, fmt.Errorf("method name %q is not a Go identifier", b.method)
		}
		// The type is compared by identity, not by name: a body type may
		// be an alias of a type of another name.
		name, typ := "", "nil"
		if token.IsIdentifier(b.typeName) {
			name, typ = b.typeName, "reflect.TypeFor[client."+b.typeName+"]()"
		}
		data.Bodies = append(data.Bodies, entry{strconv.Quote(name), typ, b.method})
	}
	var buf bytes.Buffer
	if err := checkTemplate.Execute(&buf, data); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("check program (a zcrmgen-conformance bug): %v", err)
	}
	return src, nil
}

// runCheck builds and runs the check program in the work module dir and
// returns its outcomes by kind and index.
func runCheck(ctx context.Context, dir string) (map[string][]outcome, error) {
	stdout, stderr, err := gotool.Command(ctx, dir, "run", "-trimpath", "./"+checkDir)
	if err != nil {
		msg := strings.TrimSpace(string(stderr))
		if lines := strings.Split(msg, "\n"); len(lines) > maxErrorLines {
			msg = strings.Join(lines[:maxErrorLines], "\n") + "\n..."
		}
		if ctx.Err() != nil {
			msg += "\n" + ctx.Err().Error()
		}
		return nil, fmt.Errorf("go run ./%s: %v\n%s", checkDir, err, msg)
	}
	out := map[string][]outcome{}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		var o outcome
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			return nil, fmt.Errorf("check program output line %d: %v", line, err)
		}
		if o.Index != len(out[o.Kind]) {
			return nil, fmt.Errorf("check program output line %d: %s %d out of order", line, o.Kind, o.Index)
		}
		out[o.Kind] = append(out[o.Kind], o)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("check program output: %v", err)
	}
	return out, nil
}

// maxErrorLines is how many lines of the go command's errors are shown.
const maxErrorLines = 30

var checkTemplate = template.Must(template.New("check").Parse(`// Command check is written by zcrmgen-conformance: it decodes samples into
// the success types of a generated client's methods, encodes them back, and
// encodes the zero value of each request body type.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"

	{{.Import}}
)

func main() {
	out := json.NewEncoder(os.Stdout)
	decodes := []struct {
		file   string
		method any
	}{
{{- range .Decodes}}
		{ {{- .Arg}}, (*client.Client).{{.Method -}} },
{{- end}}
	}
	for i, d := range decodes {
		emit(out, decode(i, d.file, d.method))
	}
	bodies := []struct {
		name   string
		typ    reflect.Type
		method any
	}{
{{- range .Bodies}}
		{ {{- .Arg}}, {{.Type}}, (*client.Client).{{.Method -}} },
{{- end}}
	}
	for i, b := range bodies {
		emit(out, encodeZero(i, b.name, b.typ, b.method))
	}
}

// outcome is one line of output.
type outcome struct {
	Kind  string          ` + "`json:\"kind\"`" + `
	Index int             ` + "`json:\"index\"`" + `
	Type  string          ` + "`json:\"type\"`" + `
	Stage string          ` + "`json:\"stage,omitempty\"`" + `
	Error string          ` + "`json:\"error,omitempty\"`" + `
	JSON  json.RawMessage ` + "`json:\"json,omitempty\"`" + `
	Mismatches int       ` + "`json:\"mismatches,omitempty\"`" + `
	Mismatch   string    ` + "`json:\"mismatch,omitempty\"`" + `
}

func emit(out *json.Encoder, o outcome) {
	if err := out.Encode(o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// deref is t without a pointer: a method returns a named type by pointer.
func deref(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// decode decodes file into a new value of method's first result type, as
// the client does, and encodes it back.
func decode(i int, file string, method any) (o outcome) {
	o = outcome{Kind: "sample", Index: i}
	defer func() {
		if p := recover(); p != nil {
			o.Stage, o.Error, o.JSON = "panic", fmt.Sprint(p), nil
		}
	}()
	t := deref(reflect.TypeOf(method).Out(0))
	o.Type = t.String()
	data, err := os.ReadFile(file)
	if err != nil {
		o.Stage, o.Error = "read", err.Error()
		return o
	}
	v := reflect.New(t).Interface()
	if err := json.Unmarshal(data, v); err != nil {
		o.Stage, o.Error = "decode", err.Error()
		return o
	}
	if ms := client.Mismatches(v); len(ms) > 0 {
		o.Mismatches, o.Mismatch = len(ms), ms[0].Error()
	}
	if o.JSON, err = json.Marshal(v); err != nil {
		o.Stage, o.Error = "encode", err.Error()
	}
	return o
}

// encodeZero encodes a new zero value of the type of method's last
// parameter, its request body; name, when not "", is the type's name and
// want the type.
func encodeZero(i int, name string, want reflect.Type, method any) (o outcome) {
	o = outcome{Kind: "body", Index: i}
	defer func() {
		if p := recover(); p != nil {
			o.Stage, o.Error, o.JSON = "panic", fmt.Sprint(p), nil
		}
	}()
	mt := reflect.TypeOf(method)
	t := deref(mt.In(mt.NumIn() - 1))
	o.Type = t.String()
	if want != nil && t != want {
		o.Stage, o.Error = "type", "the method's last parameter is not of type "+name
		return o
	}
	var err error
	if o.JSON, err = json.Marshal(reflect.New(t).Interface()); err != nil {
		o.Stage, o.Error = "encode", err.Error()
	}
	return o
}
`))
