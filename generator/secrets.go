package generator

import (
	"regexp"
	"strings"
)

// Credentials in a collection never reach generated code or testdata:
// header and query parameters that carry them become method parameters
// without defaults, variables that hold them give no default values, and
// literal values that look like them are replaced by a placeholder with a
// warning naming where they were found.

// secretWords are parts of a name that mark it as holding a credential.
var secretWords = []string{
	"token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
	"authorization", "cookie", "credential", "private_key", "privatekey",
	"signature", "session", "client_secret", "x-api-key", "access_key",
}

// isSecretName reports whether a header, query key or variable name holds a
// credential.
func isSecretName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return n == "key" || strings.HasSuffix(n, "_key") || strings.HasSuffix(n, "-key") || strings.HasSuffix(n, "apikey")
}

var (
	// JWTs, bearer-like tokens and provider key formats.
	jwtLike    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
	prefixed   = regexp.MustCompile(`(?i)\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abposr]-[A-Za-z0-9-]{10,}|\b1000\.[0-9a-f]{32}\.[0-9a-f]{32}\b`)
	longRandom = regexp.MustCompile(`^[A-Za-z0-9+/_.=-]{32,}$`)
)

// looksSecret reports whether a literal value looks like a credential: a
// JWT, a provider key format, or a long random-looking string with both
// letters and digits.
func looksSecret(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.Contains(v, "{{") {
		return false
	}
	if jwtLike.MatchString(v) || prefixed.MatchString(v) {
		return true
	}
	if _, rest, ok := strings.Cut(v, " "); ok && (strings.HasPrefix(strings.ToLower(v), "bearer ") || strings.HasPrefix(strings.ToLower(v), "basic ")) {
		return rest != "" && !strings.Contains(rest, "{{")
	}
	if longRandom.MatchString(v) && strings.ContainsAny(v, "0123456789") && strings.IndexFunc(v, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }) >= 0 {
		return !strings.Contains(v, "/") && !strings.HasPrefix(v, "http")
	}
	return false
}

// placeholder replaces a credential found in the collection.
const placeholder = "REDACTED"

// redact shows a credential-bearing value without its secret part.
func redact(v string) string {
	if strings.Contains(v, "{{") && !looksSecret(v) {
		return v
	}
	if prefix, _, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
		return prefix + " " + placeholder
	}
	return placeholder
}
