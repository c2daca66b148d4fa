package infer

import (
	"strconv"
	"strings"
)

// number is what the text of one JSON number allows.
type number struct {
	int64 bool // an integer (no fraction or exponent) that fits int64
	exact bool // float64 re-encodes it to the same decimal value
}

// classify judges the text of a valid JSON number.
func classify(text string) number {
	var n number
	if !strings.ContainsAny(text, ".eE") {
		_, err := strconv.ParseInt(text, 10, 64)
		n.int64 = err == nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err == nil {
		// encoding/json writes a float64 with the shortest digits that
		// read back as the same float64, in 'f' or 'e' form; both have the
		// decimal value of 'g' with precision -1.
		n.exact = sameDecimal(text, strconv.FormatFloat(f, 'g', -1, 64))
	}
	return n
}

// sameDecimal reports whether two valid JSON numbers have the same decimal
// value. Zero equals negative zero.
func sameDecimal(a, b string) bool {
	an, aok := normalize(a)
	bn, bok := normalize(b)
	return aok && bok && an == bn
}

// normalize writes a JSON number as sign, significant digits (no leading or
// trailing zeros) and exponent, so that equal values give equal strings. It
// fails when the exponent does not fit an int64.
func normalize(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 64)
		if err != nil {
			return "", false
		}
		mant, exp = s[:i], e
	}
	digits := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		frac := mant[i+1:]
		digits = mant[:i] + frac
		if exp < -1<<62 {
			return "", false
		}
		exp -= int64(len(frac))
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0", true
	}
	trimmed := strings.TrimRight(digits, "0")
	if exp > 1<<62 {
		return "", false
	}
	exp += int64(len(digits) - len(trimmed))
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + trimmed + "e" + strconv.FormatInt(exp, 10), true
}
