package model

import (
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
)

func TestParamKind(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   infer.Kind
	}{
		{nil, infer.String},
		{[]string{""}, infer.String},
		{[]string{"{{page}}"}, infer.String},
		{[]string{"<integer>"}, infer.Int},
		{[]string{"<long>"}, infer.Int},
		{[]string{"<number>"}, infer.Float},
		{[]string{"<boolean>"}, infer.Bool},
		{[]string{"<dateTime>"}, infer.Time},
		{[]string{"<date>"}, infer.Date},
		{[]string{"<uuid>"}, infer.String},
		{[]string{"<object>"}, infer.String},
		{[]string{"<binary>"}, infer.String},
		// A placeholder decides even beside examples.
		{[]string{"abc", "<integer>"}, infer.Int},
		{[]string{"200"}, infer.Int},
		{[]string{"-3", "0", "{{n}}", ""}, infer.Int},
		{[]string{"200", "x"}, infer.String},
		{[]string{"007"}, infer.String},                  // an ID, not a number
		{[]string{"92233720368547758070"}, infer.String}, // beyond int64
		{[]string{"1.5"}, infer.String},
		{[]string{"9007199254740992"}, infer.Int},       // 2^53
		{[]string{"-9007199254740992"}, infer.Int},      // -2^53
		{[]string{"9007199254740993"}, infer.String},    // beyond 2^53: an ID
		{[]string{"5843104000001877001"}, infer.String}, // a Zoho record ID
		{[]string{"<long>", "5843104000001877001"}, infer.Int},
		{[]string{"true", "false"}, infer.Bool},
		{[]string{"true", "1"}, infer.String},
		{[]string{"True"}, infer.String},
	} {
		if got := paramKind(c.values); got != c.want {
			t.Errorf("paramKind(%q) = %v, want %v", c.values, got, c.want)
		}
	}
}

func TestSplitRequired(t *testing.T) {
	for _, c := range []struct {
		in, rest string
		required bool
	}{
		{"(Required)", "", true},
		{"(Required) The name.", "The name.", true},
		{"The name.", "The name.", false},
		{"", "", false},
		{"Not (Required) here.", "Not (Required) here.", false},
	} {
		rest, required := splitRequired(c.in)
		if rest != c.rest || required != c.required {
			t.Errorf("splitRequired(%q) = %q, %v; want %q, %v", c.in, rest, required, c.rest, c.required)
		}
	}
}
