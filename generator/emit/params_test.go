package emit

import (
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

// TestTestParamValue: tests and examples pass a value of the parameter's
// type, the example's own when it fits, never the placeholder text.
func TestTestParamValue(t *testing.T) {
	for _, c := range []struct {
		kind      infer.Kind
		raw, wire string
	}{
		{infer.Int, "42", "42"},
		{infer.Int, "<integer>", "1"},
		{infer.Float, "2.25", "2.25"},
		{infer.Float, "<number>", "1.5"},
		{infer.Bool, "false", "false"},
		{infer.Bool, "<boolean>", "true"},
		{infer.Time, "<dateTime>", "2024-01-02T03:04:05Z"},
		{infer.Time, "2020-05-06T07:08:09+02:00", "2020-05-06T05:08:09Z"},
		{infer.Date, "<date>", "2024-01-02"},
		{infer.Date, "1999-12-31", "1999-12-31"},
		{infer.String, "<string>", "example"},
		{infer.String, "{{id}}", "example"},
		{infer.String, "", "example"},
		{infer.String, "Leads", "Leads"},
	} {
		if _, wire := testParamValue(c.kind, c.raw); wire != c.wire {
			t.Errorf("testParamValue(%v, %q) sends %q, want %q", c.kind, c.raw, wire, c.wire)
		}
	}
}
