package model

import (
	"reflect"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/parse"
)

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"BulkRead":   "bulk_read",
		"CRMRecords": "crm_records",
		"Records":    "records",
		"V2Items":    "v2_items",
		"":           "folder",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitVars(t *testing.T) {
	got := splitVars("v1{{ver}}x{{b}}")
	want := []varPiece{{text: "v1"}, {text: "ver", isVar: true}, {text: "x"}, {text: "b", isVar: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitVars = %+v, want %+v", got, want)
	}
	if got := splitVars("{{id}}"); len(got) != 1 || !got[0].isVar || !got[0].whole {
		t.Errorf("splitVars({{id}}) = %+v", got)
	}
	if got := splitVars("a{{b"); len(got) != 1 || got[0].text != "a{{b" {
		t.Errorf("unterminated variable: %+v", got)
	}
}

func TestSecrets(t *testing.T) {
	for _, name := range []string{"Authorization", "X-API-Key", "api_key", "access_token", "Cookie", "client_secret"} {
		if !parse.IsSecretName(name) {
			t.Errorf("parse.IsSecretName(%q) = false", name)
		}
	}
	for _, name := range []string{"Content-Type", "page", "fields", "monkey_business"} {
		if parse.IsSecretName(name) {
			t.Errorf("parse.IsSecretName(%q) = true", name)
		}
	}
	for _, v := range []string{"Bearer abc.def", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "sk_live_abcdefghijklmnop", "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef"} {
		if !looksSecret(v) {
			t.Errorf("looksSecret(%q) = false", v)
		}
	}
	for _, v := range []string{"Bearer {{token}}", "application/json", "4150868000005277059", "https://www.zohoapis.com/crm/v8/Leads", ""} {
		if looksSecret(v) {
			t.Errorf("looksSecret(%q) = true", v)
		}
	}
	if got := redact("Bearer abc"); got != "Bearer REDACTED" {
		t.Errorf("redact = %q", got)
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		ct, body string
		want     ResultKind
	}{
		{"application/json", `{}`, ResultJSON},
		{"application/json;charset=UTF-8", `{}`, ResultJSON},
		{"application/vnd.api+json", `{}`, ResultJSON},
		{"", `[1]`, ResultJSON},
		{"", `hello`, ResultText},
		{"text/html", `<html>`, ResultText},
		{"application/zip", ``, ResultStream},
		{"image/png", "\x89PNG", ResultStream},
		{"application/json", ``, ResultNone},
	} {
		if got := classify(c.ct, []byte(c.body)); got != c.want {
			t.Errorf("classify(%q, %q) = %v, want %v", c.ct, c.body, got, c.want)
		}
	}
}

func TestStatusFromText(t *testing.T) {
	if statusFromText("Created") != 201 || statusFromText("not found") != 404 || statusFromText("???") != 0 {
		t.Error("statusFromText")
	}
}

func TestUniqueBaseAvoidsConstrainedNames(t *testing.T) {
	used := map[string]bool{}
	for in, want := range map[string]string{"test": "ops_test2", "linux": "ops_linux2", "windows_arm64": "ops_windows_arm642", "records": "ops_records"} {
		if got := uniqueBase(in, used); got != want {
			t.Errorf("uniqueBase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPlaceholdersAreNotCredentials checks that a type placeholder under a
// credential's name ("page_token": "<string>") is kept, in a value and in
// JSON, while a literal value there is still redacted.
func TestPlaceholdersAreNotCredentials(t *testing.T) {
	for _, v := range []string{"<string>", "<string,null>", " <integer> "} {
		if got := scrubValue("page_token", v); got != v {
			t.Errorf("scrubValue(page_token, %q) = %q, want it kept", v, got)
		}
	}
	if got := scrubValue("page_token", "abc123secretvalue"); got != placeholder {
		t.Errorf("scrubValue(page_token, literal) = %q, want %q", got, placeholder)
	}
	in := `{"page_token": "<string>", "access_token": "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef"}`
	want := `{"page_token": "<string>", "access_token": "REDACTED"}`
	if got := redactJSON(in); got != want {
		t.Errorf("redactJSON = %s, want %s", got, want)
	}
}
