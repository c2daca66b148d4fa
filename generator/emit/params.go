package emit

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"
	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

// The Go side of a parameter's kind (see paramKind in generator/model): its
// Go type, its wire text and the value the generated tests and examples
// pass.

// paramType is the Go type of a parameter of kind k.
func paramType(k infer.Kind) jen.Code {
	switch k {
	case infer.Int:
		return jen.Int64()
	case infer.Float:
		return jen.Float64()
	case infer.Bool:
		return jen.Bool()
	case infer.Time, infer.Date:
		return jen.Qual("time", "Time")
	}
	return jen.String()
}

// formatParam renders v, a value of kind k, as the text sent on the wire.
func formatParam(k infer.Kind, v *jen.Statement) jen.Code {
	switch k {
	case infer.Int:
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	case infer.Float:
		return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitRune('f'), jen.Lit(-1), jen.Lit(64))
	case infer.Bool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	case infer.Time:
		return v.Dot("Format").Call(jen.Qual("time", "RFC3339"))
	case infer.Date:
		return v.Dot("Format").Call(jen.Qual("time", "DateOnly"))
	}
	return v
}

// kindDoc says, for a field's doc, how a value of kind k is sent when the
// Go type alone does not tell.
func kindDoc(k infer.Kind) string {
	switch k {
	case infer.Time:
		return "Sent as an RFC 3339 date-time, to the second."
	case infer.Date:
		return "Sent as its date, 2006-01-02, in its own location."
	}
	return ""
}

// testTime is the value tests pass for a date-time or date parameter the
// collection gives no usable example for.
func testTime() time.Time {
	return time.Date(2024, time.January, 2, 3, 4, 5, 0, time.UTC)
}

// testParamValue is the value a generated test or example passes for a
// parameter of kind k whose collection value is raw: the Go expression of
// the plain (not pointer) value and the text it is sent as. A value that
// does not fit the kind (a placeholder, a variable, an empty string) is
// replaced by one made from the kind, never passed as text.
func testParamValue(k infer.Kind, raw string) (jen.Code, string) {
	_, isPlaceholder := infer.ParsePlaceholder(strings.TrimSpace(raw))
	usable := raw != "" && !isPlaceholder && !strings.Contains(raw, "{{")
	switch k {
	case infer.Int:
		n, ok := model.ParseParamInt(raw)
		if !ok {
			n = 1
		}
		return jen.Lit(n), strconv.FormatInt(n, 10)
	case infer.Float:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			f = 1.5
		}
		return jen.Lit(f), strconv.FormatFloat(f, 'f', -1, 64)
	case infer.Bool:
		b := raw != "false" // true unless the example says false
		return jen.Lit(b), strconv.FormatBool(b)
	case infer.Time, infer.Date:
		t := testTime()
		layout := time.RFC3339
		if k == infer.Date {
			layout = time.DateOnly
		}
		if p, err := time.Parse(layout, raw); err == nil {
			t = p.UTC().Truncate(time.Second)
		}
		return timeLit(t), t.Format(layout)
	}
	if !usable {
		raw = "example"
	}
	return jen.Lit(raw), raw
}

// timeLit is the Go expression of t, a UTC time.
func timeLit(t time.Time) jen.Code {
	return jen.Qual("time", "Date").Call(jen.Lit(t.Year()), jen.Qual("time", t.Month().String()), jen.Lit(t.Day()),
		jen.Lit(t.Hour()), jen.Lit(t.Minute()), jen.Lit(t.Second()), jen.Lit(0), jen.Qual("time", "UTC"))
}
