package model

import (
	"encoding/json"
	"testing"
)

func TestRedactValues(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"Authorization", "Bearer sk_live_abcdefghijkl", "Bearer REDACTED"},
		{"Authorization", "Bearer {{token}}", "Bearer {{token}}"},
		{"Authorization", "{{auth}}", "{{auth}}"},
		{"Authorization", "Zoho-oauthtoken 1000.abc", "Zoho-oauthtoken REDACTED"},
		{"Cookie", "session=abc; theme=dark", "REDACTED"},
		{"X-API-Key", "abc{{suffix}}", "REDACTED"},
		{"X-API-Key", "", ""},
		{"access_token", "REDACTED", "REDACTED"},
		{"X-Trace", "plain-value", "plain-value"},
		{"X-Trace", "Bearer abc", "Bearer REDACTED"},
		{"X-Trace", "Bearer {{t}}", "Bearer {{t}}"},
		{"X-Trace", "see sk_live_abcdefghijkl here", "see REDACTED here"},
		{"url", "https://x.example.com/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/send", "https://x.example.com/botREDACTED/send"},
		{"url", "https://x.example.com/v1?access_token=abc123&page=2&key={{k}}", "https://x.example.com/v1?access_token=REDACTED&page=2&key={{k}}"},
		{"grant", "grant_type=refresh_token&refresh_token=1000.x&client_secret=s3", "grant_type=refresh_token&refresh_token=REDACTED&client_secret=REDACTED"},
		{"id", "123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000"},
	} {
		if got := scrubValue(c.name, c.in); got != c.want {
			t.Errorf("scrubValue(%q, %q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	for _, v := range []string{"{{a}} sk_live_abcdefghijkl", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "https://h/?api_key=x1"} {
		if !looksSecret(v) {
			t.Errorf("looksSecret(%q) = false", v)
		}
	}
	for _, v := range []string{"{{token}}", "123e4567-e89b-12d3-a456-426614174000", "Bearer {{token}}"} {
		if looksSecret(v) {
			t.Errorf("looksSecret(%q) = true", v)
		}
	}
}

func TestRedactJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"password": "hunter2", "name": "x"}`, `{"password": "REDACTED", "name": "x"}`},
		{`{"a": {"client_secret":"s"}, "b": ["sk_live_abcdefghijkl"]}`, `{"a": {"client_secret":"REDACTED"}, "b": ["REDACTED"]}`},
		{`{"token": {{token}}, "api_key": "{{key}}", "n": 1}`, `{"token": {{token}}, "api_key": "{{key}}", "n": 1}`},
		{`{"token": 5, "x": "token"}`, `{"token": 5, "x": "token"}`},
		{`{"q\"password": "a\"b", "ok": "\u00e9"}`, `{"q\"password": "REDACTED", "ok": "\u00e9"}`},
		{`{"password": "unterminated`, `{"password": "unterminated`},
		{`[{"secret":"x"},"y"]`, `[{"secret":"REDACTED"},"y"]`},
	} {
		if got := redactJSON(c.in); got != c.want {
			t.Errorf("redactJSON(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// FuzzRedactJSON: redacting keeps valid JSON valid, and redacting twice
// changes nothing more.
func FuzzRedactJSON(f *testing.F) {
	for _, s := range []string{
		`{"password": "hunter2", "name": "x"}`,
		`{"a": {"client_secret":"s"}, "b": ["sk_live_abcdefghijkl"], "c": "x=1&token=2"}`,
		`{"token": {{token}}, "q\"password": "a\"b"}`,
		`[{"secret":"x"},"y", 1, null, true]`,
		`"unterminated`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := redactJSON(s)
		if json.Valid([]byte(s)) && !json.Valid([]byte(got)) {
			t.Fatalf("redactJSON(%q) = %q, not JSON", s, got)
		}
		if again := redactJSON(got); again != got {
			t.Fatalf("redactJSON is not idempotent on %q: %q, then %q", s, got, again)
		}
	})
}
