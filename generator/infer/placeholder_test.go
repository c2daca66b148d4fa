package infer

import "testing"

func TestParsePlaceholder(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Placeholder
		ok   bool
	}{
		{"<string>", Placeholder{Kind: String}, true},
		{"<integer>", Placeholder{Kind: Int}, true},
		{"<long>", Placeholder{Kind: Int, Format: "long"}, true},
		{"<number>", Placeholder{Kind: Float}, true},
		{"<double>", Placeholder{Kind: Float, Format: "double"}, true},
		{"<boolean>", Placeholder{Kind: Bool}, true},
		{"<dateTime>", Placeholder{Kind: Time, Format: "datetime"}, true},
		{"<date>", Placeholder{Kind: Date, Format: "date"}, true},
		{"<uuid>", Placeholder{Kind: String, Format: "uuid"}, true},
		{"<uri>", Placeholder{Kind: String, Format: "uri"}, true},
		{"<email>", Placeholder{Kind: String, Format: "email"}, true},
		{"<binary>", Placeholder{Kind: String, Format: "binary", Binary: true}, true},
		{"<object>", Placeholder{Kind: Unknown}, true},
		{"<null>", Placeholder{Kind: Unknown, Nullable: true, Null: true}, true},
		{"<string,null>", Placeholder{Kind: String, Nullable: true}, true},
		{"<integer,null>", Placeholder{Kind: Int, Nullable: true}, true},
		{"<string,null-uri>", Placeholder{Kind: String, Nullable: true, Format: "uri"}, true},
		{"<string,null-date-time>", Placeholder{Kind: Time, Nullable: true, Format: "date-time"}, true},
		{"<number,null-double>", Placeholder{Kind: Float, Nullable: true, Format: "double"}, true},
		{"<Circular reference to #/components/schemas/Criteria detected>", Placeholder{Kind: Unknown}, true},
		// Not placeholders: markup, auth hints, text around one, malformed.
		{"<p>", Placeholder{}, false},
		{"<API Key>", Placeholder{}, false},
		{"<token>", Placeholder{}, false},
		{" <string>", Placeholder{}, false},
		{"<string>x", Placeholder{}, false},
		{"<string,>", Placeholder{}, false},
		{"<string,null->", Placeholder{}, false},
		{"<string,text>", Placeholder{}, false},
		{"<>", Placeholder{}, false},
		{"string", Placeholder{}, false},
	} {
		got, ok := ParsePlaceholder(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParsePlaceholder(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
