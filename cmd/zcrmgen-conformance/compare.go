package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// difference is the first place where two JSON documents differ.
type difference struct {
	// Path is where, in JSONPath-like form: $, $.data[0].id, $["a b"].
	Path string
	// Want and Got show the two values there, shortened; "absent" when
	// an object has no such member.
	Want, Got string
}

func (d *difference) String() string {
	return fmt.Sprintf("%s: %s in the sample, %s re-encoded", d.Path, d.Want, d.Got)
}

// absent shows a member that an object does not have.
const absent = "absent"

// maxShown is how many bytes of a value a difference shows.
const maxShown = 60

// jsonDiff compares the JSON documents want and got as values: objects as
// sets of keys with equal values, in any order; arrays element by element,
// in order; numbers by exact decimal value (32500.0 equals 32500, 1e2
// equals 100); strings, booleans and null exactly. It returns nil when they
// are equal, else the first difference, taking object keys in sorted
// order. err reports a document that is not one JSON value.
func jsonDiff(want, got []byte) (*difference, error) {
	w, err := decodeJSON(want)
	if err != nil {
		return nil, fmt.Errorf("first document: %w", err)
	}
	g, err := decodeJSON(got)
	if err != nil {
		return nil, fmt.Errorf("second document: %w", err)
	}
	return diffValues("$", w, g)
}

// decodeJSON decodes exactly one JSON value, keeping numbers as
// json.Number.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// diffValues returns the first difference between a and b at path, or
// nil.
func diffValues(path string, a, b any) (*difference, error) {
	here := func() (*difference, error) {
		return &difference{Path: path, Want: show(a), Got: show(b)}, nil
	}
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok {
			return here()
		}
		keys := slices.Collect(maps.Keys(a))
		for k := range b {
			if _, ok := a[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			va, okA := a[k]
			vb, okB := b[k]
			p := keyPath(path, k)
			switch {
			case !okA:
				return &difference{Path: p, Want: absent, Got: show(vb)}, nil
			case !okB:
				return &difference{Path: p, Want: show(va), Got: absent}, nil
			}
			if d, err := diffValues(p, va, vb); d != nil || err != nil {
				return d, err
			}
		}
		return nil, nil
	case []any:
		b, ok := b.([]any)
		if !ok {
			return here()
		}
		for i := range min(len(a), len(b)) {
			if d, err := diffValues(path+"["+strconv.Itoa(i)+"]", a[i], b[i]); d != nil || err != nil {
				return d, err
			}
		}
		if len(a) != len(b) {
			return &difference{Path: path, Want: fmt.Sprintf("%d elements", len(a)), Got: fmt.Sprintf("%d elements", len(b))}, nil
		}
		return nil, nil
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return here()
		}
		ca, err := canonicalNumber(string(a))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		cb, err := canonicalNumber(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if ca != cb {
			return here()
		}
		return nil, nil
	default: // string, bool, nil
		if a != b {
			return here()
		}
		return nil, nil
	}
}

// canonicalNumber writes a JSON number so that two numbers have the same
// form exactly when they have the same decimal value: the sign, the
// significant digits without leading or trailing zeros, "e" and the
// exponent ("-1.50e2" gives "-15e1", every zero gives "0").
func canonicalNumber(n string) (string, error) {
	bad := fmt.Errorf("bad number %q", n)
	s := n
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expText, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if intPart == "" || strings.Trim(digits, "0123456789") != "" {
		return "", bad
	}
	exp := 0
	if hasExp {
		e, err := strconv.Atoi(expText)
		if err != nil || e > 1<<30 || e < -(1<<30) {
			return "", bad
		}
		exp = e
	}
	exp -= len(frac)
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0", nil
	}
	trimmed := strings.TrimRight(digits, "0")
	exp += len(digits) - len(trimmed)
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + trimmed + "e" + strconv.Itoa(exp), nil
}

// show renders a decoded JSON value for a difference, cut to maxShown
// bytes.
func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return shorten(string(data), maxShown)
}

// shorten cuts s to at most n bytes, at a rune boundary, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// keyPath appends an object key to path: .key when the key is made of
// ASCII letters, digits and underscores and does not start with a digit,
// ["key"] otherwise.
func keyPath(path, key string) string {
	plain := key != "" && (key[0] < '0' || key[0] > '9')
	for _, c := range []byte(key) {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			plain = false
		}
	}
	if plain {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}
