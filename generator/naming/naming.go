// Package naming turns wire names (JSON keys, Postman item names, query
// parameter names) into Go identifiers, and keeps them unique within a
// scope.
//
// A [Namer] splits a wire name into words, cases each word and joins them:
//
//   - Words are split at every byte that is not an ASCII letter or digit, at
//     a lower-case letter followed by an upper-case one ("createdBy"), at the
//     last upper-case letter of a run followed by a lower-case one
//     ("HTTPServer" is "HTTP" "Server") and at a letter followed by a digit
//     ("v2" is "v" "2"). A digit followed by a letter is not split, so "2fa"
//     stays one word.
//   - A word found in the initialism table is written as the table says
//     ("id" is "ID", "ids" is "IDs"). An upper-case word of two or more
//     letters is kept as it is when the wire name also has lower-case
//     letters, since it is then a deliberate acronym ("(ICS)"); in an
//     all-upper-case name ("SUCCESS RESPONSE") such words are
//     capitalized like any other. Every other word is capitalized.
//   - Bytes outside ASCII are separators, so generated code stays ASCII. A
//     wire name with no ASCII letter or digit is spelled from the code
//     points of its non-ASCII runes ("名前" is "U540DU524D"), or is "Empty"
//     when it has none ("", "$").
//   - A name that would start with a digit gets the prefix "X" ("2fa" is
//     "X2fa").
//
// Exported names are never Go keywords, since they start with an upper-case
// letter. Unexported names additionally avoid keywords, predeclared
// identifiers and the local names the Namer is given (the names emitted
// code uses for itself); see [Namer.Unexported].
//
// The Namer is deterministic and keeps no state between calls: the same
// wire name always gives the same Go name. Uniqueness is the job of a
// [Scope], whose result depends on the order of claims, so callers claim
// names in an order sorted by a stable key.
package naming

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Namer turns wire names into Go identifiers. Its tables are fields, so two
// generators may use different tables without sharing state. The zero value
// is not usable; call [New].
type Namer struct {
	// initialisms maps a lower-case word to its spelling in Go names.
	initialisms map[string]string
	// avoid holds names an unexported identifier must not be: predeclared
	// identifiers and the local names given to [NewWith].
	avoid map[string]bool
}

// DefaultInitialisms are the words spelled specially in Go names, keyed by
// their lower-case form. The list follows the Go wiki's initialisms (the
// ones golint and staticcheck know), plus words of the Zoho CRM API.
func DefaultInitialisms() map[string]string {
	m := map[string]string{}
	for _, w := range []string{
		"ACL", "API", "ASCII", "CPU", "CRM", "CSS", "CSV", "DNS", "EOF", "GUID",
		"HTML", "HTTP", "HTTPS", "ICS", "ID", "IP", "JSON", "JWT", "LHS", "OTP", "PDF",
		"QPS", "RAM", "RHS", "RPC", "SDK", "SLA", "SMS", "SMTP", "SQL", "SSH",
		"SSO", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "URI", "URL", "UUID",
		"VM", "XML", "XMPP", "XSRF", "XSS", "ZIP",
		"IDs", "URLs", "URIs", "APIs", "UUIDs", "UIDs", "IPs",
	} {
		m[strings.ToLower(w)] = w
	}
	return m
}

// New returns a Namer with [DefaultInitialisms] and no local names. The
// generator passes the names its emitted code uses to [NewWith].
func New() *Namer {
	return NewWith(DefaultInitialisms(), nil)
}

// NewWith returns a Namer with the given initialism table (lower-case word
// to spelling) and local names that [Namer.Unexported] avoids in addition to
// keywords and predeclared identifiers. It copies both.
func NewWith(initialisms map[string]string, locals []string) *Namer {
	n := &Namer{initialisms: map[string]string{}, avoid: map[string]bool{}}
	for k, v := range initialisms {
		n.initialisms[strings.ToLower(k)] = v
	}
	for _, s := range types.Universe.Names() {
		n.avoid[s] = true
	}
	for _, s := range locals {
		n.avoid[s] = true
	}
	return n
}

// Exported returns an exported Go identifier for s, following the rules in
// the package documentation. The result always satisfies
// token.IsIdentifier and token.IsExported.
//
//	"Create Bulk Read Job (ICS)" -> "CreateBulkReadJobICS"
//	"created_by"                 -> "CreatedBy"
//	"$approved"                  -> "Approved"
//	"2fa"                        -> "X2fa"
//	""                           -> "Empty"
func (n *Namer) Exported(s string) string {
	words := n.words(s)
	if len(words) == 0 {
		return fallback(s)
	}
	name := strings.Join(words, "")
	if !isUpper(name[0]) {
		name = "X" + name
	}
	return name
}

// Unexported returns an unexported Go identifier for s, for parameters and
// locals: the words of [Namer.Exported] with the first one in lower case
// ("record_id" is "recordID", "URL" is "url"). A result that is a keyword, a
// predeclared identifier or one of the Namer's local names gets the suffix
// "Value" ("type" is "typeValue", and "ctx" is "ctxValue" when ctx is a
// local name), which keeps it readable and cannot collide with a keyword.
func (n *Namer) Unexported(s string) string {
	words := n.words(s)
	var name string
	switch {
	case len(words) == 0:
		f := fallback(s)
		name = strings.ToLower(f[:1]) + f[1:]
	case isDigit(words[0][0]):
		name = "x" + strings.Join(words, "")
	default:
		name = strings.ToLower(words[0]) + strings.Join(words[1:], "")
	}
	if n.avoid[name] || token.IsKeyword(name) {
		name += "Value"
	}
	return name
}

// fallback names a wire name that has no ASCII letter or digit: "Empty"
// when it has no rune outside ASCII either, or else "U" and the hex code
// point of each such rune.
func fallback(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 {
			b.WriteString("U")
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r), 16)))
		}
	}
	if b.Len() == 0 {
		return "Empty"
	}
	return b.String()
}

// words splits s into cased words (see the package documentation).
func (n *Namer) words(s string) []string {
	hasLower := false
	for i := 0; i < len(s); i++ {
		if isLower(s[i]) {
			hasLower = true
			break
		}
	}
	var out []string
	for _, raw := range split(s) {
		out = append(out, n.caseWord(raw, hasLower))
	}
	return out
}

// caseWord spells one word.
func (n *Namer) caseWord(w string, keepAcronyms bool) string {
	if v, ok := n.initialisms[strings.ToLower(w)]; ok {
		return v
	}
	if keepAcronyms && len(w) > 1 && isAllUpper(w) {
		return w
	}
	lw := strings.ToLower(w)
	if isLower(lw[0]) {
		return string(lw[0]-'a'+'A') + lw[1:]
	}
	return lw
}

// split cuts s into raw words: runs of ASCII letters and digits, further
// cut at case and letter-to-digit boundaries.
func split(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, s[start:end])
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !isDigit(c) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := s[i-1]
		switch {
		case isLower(p) && isUpper(c):
			// "createdBy": a new word starts at the upper-case letter.
			flush(i)
			start = i
		case isUpper(p) && isUpper(c) && i+1 < len(s) && isLower(s[i+1]) && !pluralS(s, i+1):
			// "HTTPServer": the last upper-case letter of a run starts the
			// next word when a lower-case letter follows it, except for a
			// plural "s" ("IDs" stays one word).
			flush(i)
			start = i
		case isLetter(p) && isDigit(c):
			// "v2": digits start a new word, so that "id2" keeps its "ID".
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return out
}

// pluralS reports whether s[i] is an "s" that ends a word.
func pluralS(s string, i int) bool {
	return s[i] == 's' && (i+1 == len(s) || !isLower(s[i+1]))
}

func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLetter(c byte) bool { return isLower(c) || isUpper(c) }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

func isAllUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isUpper(w[i]) {
			return false
		}
	}
	return true
}

// Singular returns the Go name name with its last word in the singular,
// for the element type of an array named in the plural: "Entities" is
// "Entity", "ReferencedTweets" is "ReferencedTweet", "IDs" is "ID",
// "Addresses" is "Address". The rules are the regular English ones, on the
// last word only: -ies becomes -y, -sses -ss, -xes, -ches, -shes and -zzes
// lose -es, -tuses loses -es, and any other -s ending, except -ss, -us and
// -is, is dropped. A word the rules would spell wrongly is looked up in
// the exception table first ("Cookies" is "Cookie", "Series" and "News"
// stay). A name whose last word is not a regular plural ("Data", "Status",
// "Analysis"), or that would lose its last word entirely, comes back as it
// is.
func (n *Namer) Singular(name string) string {
	words := split(name)
	if len(words) == 0 {
		return name
	}
	last := words[len(words)-1]
	stem := name[:len(name)-len(last)]
	if v, ok := n.initialisms[strings.ToLower(last)]; ok && strings.HasSuffix(v, "s") && len(v) > 1 && isUpper(v[len(v)-2]) {
		// "IDs", "URLs": the table's plural initialisms.
		return stem + v[:len(v)-1]
	}
	lower := strings.ToLower(last)
	if v, ok := irregularSingular(lower); ok {
		return stem + last[:1] + v[1:]
	}
	cut := func(suffix, repl string) string {
		if len(last) <= len(suffix) {
			// Nothing would be left of the word ("Ies"): it is no plural.
			return name
		}
		return stem + last[:len(last)-len(suffix)] + repl
	}
	var out string
	switch {
	case len(last) < 3 || !isLower(last[len(last)-1]):
		return name
	case strings.HasSuffix(lower, "ies"):
		out = cut("ies", "y")
	case strings.HasSuffix(lower, "sses"), strings.HasSuffix(lower, "xes"),
		strings.HasSuffix(lower, "ches"), strings.HasSuffix(lower, "shes"),
		strings.HasSuffix(lower, "zzes"), strings.HasSuffix(lower, "tuses"):
		out = cut("es", "")
	case strings.HasSuffix(lower, "ss"), strings.HasSuffix(lower, "us"), strings.HasSuffix(lower, "is"):
		return name
	case strings.HasSuffix(lower, "s"):
		out = cut("s", "")
	default:
		return name
	}
	return out
}

// irregularSingular returns the singular of a plural word, in lower case,
// that the rules of [Namer.Singular] would spell wrongly.
func irregularSingular(lower string) (string, bool) {
	switch lower {
	case "cookies", "movies", "calories", "selfies", "zombies", "ties", "pies", "lies":
		return strings.TrimSuffix(lower, "s"), true
	case "series", "species", "news":
		return lower, true
	case "aliases":
		return "alias", true
	case "analyses":
		return "analysis", true
	case "axes":
		return "axis", true
	case "indices":
		return "index", true
	case "children":
		return "child", true
	case "people":
		return "person", true
	}
	return "", false
}

// Param returns the exported Go name of a query parameter or form field,
// reading the bracket notation that Stripe-style APIs use for lists and
// maps as a path: each [key] adds its words, and a numeric [N] is the
// element N of the list before it, so the list's last word goes in the
// singular and the index follows ("items[0][price]" is Item0Price, "an
// item's price", not Items0Price; "expand[1]" is Expand1;
// "metadata[order_id]" is MetadataOrderID), and an empty [] adds nothing
// ("expand[]" is Expand). A wire name that is not in that notation (no
// bracket, text after a closing bracket, an unclosed bracket) is named by
// [Namer.Exported].
func (n *Namer) Param(wire string) string {
	base, rest, ok := strings.Cut(wire, "[")
	if !ok || base == "" {
		return n.Exported(wire)
	}
	name := n.Exported(base)
	for rest != "" {
		key, after, ok := strings.Cut(rest, "]")
		if !ok || after != "" && after[0] != '[' || strings.Contains(key, "[") {
			return n.Exported(wire)
		}
		switch {
		case key == "":
		case isIndex(key):
			name = n.Singular(name) + key
		default:
			name += n.Exported(key)
		}
		rest = strings.TrimPrefix(after, "[")
	}
	return name
}

// isIndex reports whether s is a list index: ASCII digits only.
func isIndex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
