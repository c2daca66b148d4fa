package gopkg

import (
	"go/token"
	"testing"
)

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"zoho-crm": "zohocrm", "2x": "x2x", "type": "typepkg", "main": "mainpkg",
		"Zoho CRM v8": "zohocrmv8", "---": "fallback", "名前": "fallback",
	} {
		got := Name(in, "fallback")
		if got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
		if !token.IsIdentifier(got) {
			t.Errorf("Name(%q) = %q, not an identifier", in, got)
		}
	}
}
