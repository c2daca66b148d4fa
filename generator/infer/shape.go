package infer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/zcrmgen/zcrmgen/templates/runtime"
)

// MaxDepth is how deeply objects and arrays may nest in a sample. Deeper
// samples are rejected with a [*SampleError] instead of exhausting the
// stack.
const MaxDepth = 512

// SampleError reports a sample that cannot be inferred: one that is not
// valid JSON or nests deeper than [MaxDepth].
type SampleError struct {
	// Sample is the index of the sample among those passed to Add.
	Sample int
	// Line and Col are the 1-based position of the problem; Col counts
	// bytes.
	Line, Col int
	// Offset is the 0-based byte offset of the problem.
	Offset int64
	// Msg says what is wrong.
	Msg string
}

func (e *SampleError) Error() string {
	return fmt.Sprintf("sample %d: %s at line %d, col %d", e.Sample, e.Msg, e.Line, e.Col)
}

// newSampleError places msg at offset in data.
func newSampleError(sample int, data []byte, offset int64, msg string) *SampleError {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return &SampleError{Sample: sample, Line: line, Col: col, Offset: offset, Msg: msg}
}

// checkSample reports whether data is one valid JSON value.
func checkSample(sample int, data []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := se.Offset
		if off > 0 && off <= int64(len(data)) && err.Error() != "unexpected end of JSON input" {
			off-- // the offending byte is the last one read
		}
		return newSampleError(sample, data, off, "invalid JSON: "+err.Error())
	}
	if err != nil {
		return newSampleError(sample, data, 0, "invalid JSON: "+err.Error())
	}
	return nil
}

// shape accumulates every value seen at one position of one body.
type shape struct {
	nulls    int
	bools    int
	nums     int
	numInt   bool // every number so far is an int64 integer
	numExact bool // every number so far re-encodes exactly as float64
	strs     int
	strTime  bool // every string so far is an RFC 3339 date-time
	strDate  bool // every string so far is a full date ("2006-01-02")
	phDate   bool // a "<date>" placeholder was seen
	raw      bool // a placeholder allows any JSON value here ("<object>")
	obj      *objShape
	arr      *arrShape
}

type objShape struct {
	count  int
	keys   []string // in order of first appearance
	fields map[string]*fieldShape
}

type fieldShape struct {
	present int // objects that have the key
	shape   shape
}

type arrShape struct {
	count int
	elem  shape
}

// parser reads one sample into shapes.
type parser struct {
	dec    *json.Decoder
	data   []byte
	sample int
}

// addSample merges one valid JSON sample into s.
//
// A whole body that is the empty string ("") says nothing of the body's
// type: Postman's OpenAPI importer writes it for a reply whose schema it
// could not render (Zoho's GET /{module}/actions/count replies with an
// object), and no API answers a call with a JSON string holding nothing.
// It makes the body raw JSON, as "<object>" does, so that whatever the
// API sends decodes.
func (s *shape) addSample(sample int, data []byte) error {
	if string(bytes.TrimSpace(data)) == `""` {
		s.raw = true
		return nil
	}
	p := &parser{dec: json.NewDecoder(bytes.NewReader(data)), data: data, sample: sample}
	p.dec.UseNumber()
	if err := p.value(s, 0); err != nil {
		return err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return p.fail("invalid JSON: data after the value")
	}
	return nil
}

// fail reports a problem at the decoder's position. After checkSample,
// only nesting deeper than MaxDepth gets here.
func (p *parser) fail(msg string) error {
	return newSampleError(p.sample, p.data, p.dec.InputOffset(), msg)
}

func (p *parser) token() (json.Token, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.fail("invalid JSON: " + err.Error())
	}
	return tok, nil
}

func (p *parser) value(s *shape, depth int) error {
	tok, err := p.token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case nil:
		s.nulls++
	case bool:
		s.bools++
	case json.Number:
		s.addNumber(classify(string(v)))
	case string:
		if ph, ok := ParsePlaceholder(v); ok {
			s.addPlaceholder(ph)
			break
		}
		s.addString(isTime(v), isDate(v))
	case json.Delim:
		if depth >= MaxDepth {
			// InputOffset is just past the delimiter; point at it.
			return newSampleError(p.sample, p.data, p.dec.InputOffset()-1, fmt.Sprintf("nesting deeper than %d levels", MaxDepth))
		}
		if v == '{' {
			return p.object(s, depth+1)
		}
		return p.array(s, depth+1)
	}
	return nil
}

// addNumber records a number that classify judged as c.
func (s *shape) addNumber(c number) {
	if s.nums == 0 {
		s.numInt, s.numExact = true, true
	}
	s.nums++
	s.numInt = s.numInt && c.int64
	s.numExact = s.numExact && c.exact
}

// addString records a string, saying whether it is an RFC 3339 date-time
// and whether it is a full date.
func (s *shape) addString(isTime, isDate bool) {
	if s.strs == 0 {
		s.strTime, s.strDate = true, true
	}
	s.strs++
	s.strTime = s.strTime && isTime
	s.strDate = s.strDate && isDate
}

// addPlaceholder records a type placeholder as what it says about the
// type, not as a string sample: "<integer>" counts as an integer,
// "<number>" as a number float64 holds exactly (so that placeholders alone
// never give BigNumber), "<boolean>" as a boolean, "<string,null>" as a
// string that may be null, "<null>" as a null. "<object>" and the other
// placeholders of any JSON value mark the position raw, which wins over
// every other kind seen there (see build).
//
// A format placeholder counts as a string of that format: "<dateTime>" as
// a date-time and "<date>" as a full date, "<string>", "<uuid>" and the
// others as a string that is neither. So "<string>" beside a real
// "2024-01-02T03:04:05Z" gives String, not Time: the placeholder states the
// schema, which allows any string, and the sample is only one of them.
func (s *shape) addPlaceholder(ph Placeholder) {
	if ph.Nullable {
		s.nulls++
	}
	if ph.Null {
		return
	}
	switch ph.Kind {
	case Unknown:
		s.raw = true
	case Bool:
		s.bools++
	case Int:
		s.addNumber(number{int64: true, exact: true})
	case Float:
		s.addNumber(number{exact: true})
	case Time:
		s.addString(true, false)
	case Date:
		s.addString(false, true)
		s.phDate = true
	default:
		s.addString(false, false)
	}
}

func (p *parser) object(s *shape, depth int) error {
	if s.obj == nil {
		s.obj = &objShape{fields: map[string]*fieldShape{}}
	}
	o := s.obj
	o.count++
	var seen map[string]bool
	for p.dec.More() {
		tok, err := p.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		f := o.fields[key]
		if f == nil {
			f = &fieldShape{}
			o.fields[key] = f
			o.keys = append(o.keys, key)
		}
		// A key repeated within one object counts once toward presence;
		// every value still shapes the type.
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[key] {
			seen[key] = true
			f.present++
		}
		if err := p.value(&f.shape, depth); err != nil {
			return err
		}
	}
	_, err := p.token() // '}'
	return err
}

func (p *parser) array(s *shape, depth int) error {
	if s.arr == nil {
		s.arr = &arrShape{}
	}
	s.arr.count++
	for p.dec.More() {
		if err := p.value(&s.arr.elem, depth); err != nil {
			return err
		}
	}
	_, err := p.token() // ']'
	return err
}

// isTime reports whether s is an RFC 3339 date-time, exactly as the
// runtime's Time decides.
func isTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// isDate reports whether s is a full date ("2006-01-02"), exactly as the
// runtime's Date decides.
func isDate(s string) bool {
	return runtime.IsDate(s)
}

// build turns a shape into a Type tree.
func (s *shape) build() *Type {
	if s.raw {
		// A placeholder said any JSON value may stand here: raw JSON
		// accepts every other kind seen beside it.
		return &Type{Kind: Unknown, Nullable: s.nulls > 0}
	}
	// One variant is the common case: it needs no slice of its own.
	var buf [5]*Type
	variants := buf[:0]
	if s.bools > 0 {
		variants = append(variants, &Type{Kind: Bool})
	}
	if s.nums > 0 {
		k := BigNumber
		switch {
		case s.numInt:
			k = Int
		case s.numExact:
			k = Float
		}
		variants = append(variants, &Type{Kind: k})
	}
	if s.strs > 0 {
		// Real date-only strings alone stay String, as before the Date
		// kind; a "<date>" placeholder makes them Date.
		k := String
		switch {
		case s.strTime:
			k = Time
		case s.strDate && s.phDate:
			k = Date
		}
		variants = append(variants, &Type{Kind: k})
	}
	if s.obj != nil {
		t := &Type{Kind: Object}
		if len(s.obj.keys) > 0 {
			// The fields of one object in one allocation, exactly sized.
			fields := make([]Field, len(s.obj.keys))
			t.Fields = make([]*Field, len(s.obj.keys))
			for i, key := range s.obj.keys {
				f := s.obj.fields[key]
				ft := f.shape.build()
				fields[i] = Field{
					Key:      key,
					Type:     ft,
					Optional: f.present < s.obj.count,
					Nullable: ft.Nullable,
				}
				t.Fields[i] = &fields[i]
			}
		}
		variants = append(variants, t)
	}
	if s.arr != nil {
		variants = append(variants, &Type{Kind: Array, Elem: s.arr.elem.build()})
	}
	var t *Type
	switch len(variants) {
	case 0:
		t = &Type{Kind: Unknown}
	case 1:
		t = variants[0]
	default:
		t = &Type{Kind: Union, Variants: slices.Clone(variants)}
	}
	t.Nullable = s.nulls > 0
	return t
}
