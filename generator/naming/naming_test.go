package naming

import (
	"go/token"
	"slices"
	"testing"
)

func TestExported(t *testing.T) {
	n := New()
	for _, tc := range []struct{ in, want string }{
		{"Create Bulk Read Job (ICS)", "CreateBulkReadJobICS"},
		{"created_by", "CreatedBy"},
		{"Created_By", "CreatedBy"},
		{"createdBy", "CreatedBy"},
		{"$approved", "Approved"},
		{"$converted", "Converted"},
		{"2fa", "X2fa"},
		{"123", "X123"},
		{"type", "Type"},
		{"func", "Func"},
		{"", "Empty"},
		{"$", "Empty"},
		{"  ", "Empty"},
		{"id", "ID"},
		{"Id", "ID"},
		{"ID", "ID"},
		{"record_id", "RecordID"},
		{"userId", "UserID"},
		{"user_ids", "UserIDs"},
		{"userIDs", "UserIDs"},
		{"IDsList", "IDsList"},
		{"api_name", "APIName"},
		{"api-domain", "APIDomain"},
		{"HTTPServer", "HTTPServer"},
		{"XMLHttpRequest", "XMLHTTPRequest"},
		{"url", "URL"},
		{"callback.url", "CallbackURL"},
		{"Owner.last_name", "OwnerLastName"},
		{"crm", "CRM"},
		{"SUCCESS RESPONSE", "SuccessResponse"},
		{"GET_RECORD_ID", "GetRecordID"},
		{"v2.1", "V21"},
		{"Bulk Read v2", "BulkReadV2"},
		{"id2", "ID2"},
		{"iPhone", "IPhone"},
		{"a b", "AB"},
		{"a\"b", "AB"},
		{"a`b", "AB"},
		{"名前", "U540DU524D"},
		{"名前_id", "ID"},
		{"café", "Caf"},
		{"👍", "U1F44D"},
		{"__proto__", "Proto"},
		{"Plan A", "PlanA"},
		{"x", "X"},
		{"X", "X"},
	} {
		got := n.Exported(tc.in)
		if got != tc.want {
			t.Errorf("Exported(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !token.IsIdentifier(got) || !token.IsExported(got) {
			t.Errorf("Exported(%q) = %q is not an exported identifier", tc.in, got)
		}
	}
}

func TestUnexported(t *testing.T) {
	n := NewWith(DefaultInitialisms(), []string{"ctx", "err", "body", "c", "url", "fmt", "multipart"})
	for _, tc := range []struct{ in, want string }{
		{"record_id", "recordID"},
		{"id", "id"},
		{"ID", "id"},
		{"URL", "urlValue"},
		{"Link_URL", "linkURL"},
		{"HTTPServer", "httpServer"},
		{"url_path", "urlPath"},
		{"api_name", "apiName"},
		{"page", "page"},
		{"per_page", "perPage"},
		{"type", "typeValue"},
		{"func", "funcValue"},
		{"string", "stringValue"},
		{"nil", "nilValue"},
		{"len", "lenValue"},
		{"any", "anyValue"},
		{"ctx", "ctxValue"},
		{"err", "errValue"},
		{"body", "bodyValue"},
		{"c", "cValue"},
		{"fmt", "fmtValue"},
		{"multipart", "multipartValue"},
		{"2fa", "x2fa"},
		{"", "empty"},
		{"$", "empty"},
		{"名前", "u540DU524D"},
		{"Fields", "fields"},
		{"IDs", "ids"},
	} {
		got := n.Unexported(tc.in)
		if got != tc.want {
			t.Errorf("Unexported(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !token.IsIdentifier(got) || token.IsExported(got) {
			t.Errorf("Unexported(%q) = %q is not an unexported identifier", tc.in, got)
		}
	}
}

func TestNewWith(t *testing.T) {
	n := NewWith(map[string]string{"Oauth": "OAuth"}, []string{"client"})
	if got := n.Exported("oauth_token"); got != "OAuthToken" {
		t.Errorf("Exported = %q, want OAuthToken", got)
	}
	if got := n.Exported("user_id"); got != "UserId" {
		t.Errorf("Exported = %q, want UserId (no default table)", got)
	}
	if got := n.Unexported("client"); got != "clientValue" {
		t.Errorf("Unexported = %q, want clientValue", got)
	}
	if got := n.Unexported("ctx"); got != "ctx" {
		t.Errorf("Unexported = %q, want ctx (not a local here)", got)
	}
	if got := New().Unexported("ctx"); got != "ctx" {
		t.Errorf("New().Unexported = %q, want ctx (New has no locals)", got)
	}
	if got := New().Unexported("len"); got != "lenValue" {
		t.Errorf("New().Unexported = %q, want lenValue", got)
	}
}

func TestScope(t *testing.T) {
	s := NewScope("Client", "NewClient")
	for _, tc := range []struct{ in, want string }{
		{"Client", "Client2"},
		{"Owner", "Owner"},
		{"Owner", "Owner2"},
		{"Owner2", "Owner22"},
		{"Owner", "Owner3"},
		{"NewClient", "NewClient2"},
	} {
		if got := s.Claim(tc.in); got != tc.want {
			t.Errorf("Claim(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !s.Has("Owner3") || s.Has("Owner4") {
		t.Errorf("Has is wrong")
	}
	s.Reserve("Owner4")
	if got := s.Claim("Owner"); got != "Owner5" {
		t.Errorf("Claim after Reserve = %q, want Owner5", got)
	}
}

func TestScopeNumbered(t *testing.T) {
	s := NewScope("Option")
	if s.TryClaim("Option") || !s.TryClaim("Poll") || s.TryClaim("Poll") {
		t.Errorf("TryClaim takes only free names")
	}
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"Option", "PollOption"}, "PollOption"},
		{[]string{"Option", "PollOption", "IncludesPollOption"}, "IncludesPollOption"},
		{[]string{"Option", "PollOption"}, "Option2"},
		{[]string{"Data"}, "Data"},
	} {
		if got := s.ClaimFirst(tc.in...); got != tc.want {
			t.Errorf("ClaimFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	s.Claim("Data")
	if got, want := s.Numbered(), []string{"Option2", "Data2"}; !slices.Equal(got, want) {
		t.Errorf("Numbered = %q, want %q", got, want)
	}
}

func TestSingular(t *testing.T) {
	n := New()
	for _, tc := range []struct{ in, want string }{
		{"Entities", "Entity"},
		{"ReferencedTweets", "ReferencedTweet"},
		{"Tweets", "Tweet"},
		{"Options", "Option"},
		{"IDs", "ID"},
		{"UserIDs", "UserID"},
		{"URLs", "URL"},
		{"Addresses", "Address"},
		{"Boxes", "Box"},
		{"Matches", "Match"},
		{"Wishes", "Wish"},
		{"Statuses", "Status"},
		{"Responses", "Response"},
		{"Cookies", "Cookie"},
		{"Series", "Series"},
		{"News", "News"},
		{"Aliases", "Alias"},
		{"PeopleOfInterest", "PeopleOfInterest"},
		{"RelatedPeople", "RelatedPerson"},
		{"Data", "Data"},
		{"Status", "Status"},
		{"Address", "Address"},
		{"Analysis", "Analysis"},
		{"SMS", "SMS"},
		{"Is", "Is"},
		{"X2s", "X2s"},
		{"Ies", "Ies"},
		{"", ""},
	} {
		if got := n.Singular(tc.in); got != tc.want {
			t.Errorf("Singular(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParam(t *testing.T) {
	n := New()
	for _, tc := range []struct{ in, want string }{
		{"expand[0]", "Expand0"},
		{"expand[1]", "Expand1"},
		{"expand[]", "Expand"},
		{"items[0][price]", "Item0Price"},
		{"line_items[12][price_data][currency]", "LineItem12PriceDataCurrency"},
		{"metadata[order_id]", "MetadataOrderID"},
		{"ids[0]", "ID0"},
		{"page_size", "PageSize"},
		{"a[b", "AB"},
		{"a]b", "AB"},
		{"a[b]c", "ABC"},
		{"a[[b]]", "AB"},
		{"[0]", "X0"},
	} {
		if got := n.Param(tc.in); got != tc.want {
			t.Errorf("Param(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzName(f *testing.F) {
	for _, s := range []string{
		"Create Bulk Read Job (ICS)", "created_by", "$approved", "2fa", "type",
		"", "名前", "👍", "a\"b", "HTTPServer", "IDsList", "\xff", "_", "9",
	} {
		f.Add(s)
	}
	n := New()
	f.Fuzz(func(t *testing.T, s string) {
		e := n.Exported(s)
		if !token.IsIdentifier(e) || !token.IsExported(e) {
			t.Fatalf("Exported(%q) = %q is not an exported identifier", s, e)
		}
		if e != n.Exported(s) || e != New().Exported(s) {
			t.Fatalf("Exported(%q) is not deterministic", s)
		}
		if one := n.Singular(e); !token.IsIdentifier(one) || !token.IsExported(one) {
			t.Fatalf("Singular(%q) = %q is not an exported identifier", e, one)
		}
		if p := n.Param(s); !token.IsIdentifier(p) || !token.IsExported(p) {
			t.Fatalf("Param(%q) = %q is not an exported identifier", s, p)
		}
		u := n.Unexported(s)
		if !token.IsIdentifier(u) || token.IsExported(u) || n.avoid[u] {
			t.Fatalf("Unexported(%q) = %q is not a usable unexported identifier", s, u)
		}
		if u != n.Unexported(s) {
			t.Fatalf("Unexported(%q) is not deterministic", s)
		}
	})
}
