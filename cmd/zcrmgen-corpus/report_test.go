package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestFormatTable(t *testing.T) {
	got := formatTable(
		[]string{"NAME", "N", "RESULT"},
		[][]string{{"a", "1", "ok"}, {"ünïcode", "1234", ""}},
		[]bool{false, true, false},
	)
	want := "" +
		"NAME        N  RESULT\n" +
		"a           1  ok\n" +
		"ünïcode  1234\n"
	if got != want {
		t.Errorf("formatTable:\n%s\nwant:\n%s", got, want)
	}
}

func TestReport(t *testing.T) {
	ok := newRow(collection{file: "deepl.postman_collection.json"})
	ok.requests, ok.examples, ok.tests, ok.warnings = 13, 16, 14, 2
	ok.tested, ok.counts, ok.result = true, testCounts{run: 14, passed: 14}, resultOK
	ok.elapsed = 4230 * time.Millisecond

	gen := newRow(collection{file: "MANIFEST.json"})
	gen.fail(failGenerate, "generate", []string{"MANIFEST.json: not a Postman collection"})
	gen.elapsed = 10 * time.Millisecond

	test := newRow(collection{file: "brevo.postman_collection.json"})
	test.requests, test.examples, test.tests, test.warnings = 261, 465, 465, 30
	var many []string
	for i := range 25 {
		many = append(many, fmt.Sprintf("line %d", i+1))
	}
	test.fail(failVet, "go vet", []string{"brevo/x.go:1:1: printf: bad verb"})
	test.tested, test.counts = true, testCounts{run: 465, passed: 463, failed: 2}
	test.fail(failTest, "go test", many)
	test.elapsed = 83 * time.Second

	got := report([]*row{gen, test, ok}, 90*time.Second)
	want := `COLLECTION  REQUESTS  EXAMPLES  TESTS  PASSED  WARNINGS  RESULT           TIME
MANIFEST           -         -      -       -         -  FAIL: generate   0.0s
brevo            261       465    465     463        30  FAIL: vet       1m23s
deepl             13        16     14      14         2  ok               4.2s
total (3)        274       481    479     477        32  1 ok, 2 FAIL    1m30s

tests: 477 passed, 2 failed, 0 skipped

--- MANIFEST: generate
    MANIFEST.json: not a Postman collection

--- brevo: go vet
    brevo/x.go:1:1: printf: bad verb

--- brevo: go test (465 run, 463 passed, 2 failed, 0 skipped)
` + "    " + strings.Join(many[:20], "\n    ") + `
    ... 5 more lines
`
	if got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestFmtDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                         "0.0s",
		420 * time.Millisecond:    "0.4s",
		59940 * time.Millisecond:  "59.9s",
		83400 * time.Millisecond:  "1m23s",
		2*time.Hour + time.Second: "2h0m1s",
	} {
		if got := fmtDuration(d); got != want {
			t.Errorf("fmtDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	if got := excerpt(nil, 3); len(got) != 1 || got[0] != "(no output)" {
		t.Errorf("excerpt(nil) = %q", got)
	}
	lines := []string{"a", "b", "c"}
	if got := excerpt(lines, 3); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("excerpt(3 lines, 3) = %q", got)
	}
	if got := excerpt(lines, 2); strings.Join(got, ",") != "a,b,... 1 more lines" {
		t.Errorf("excerpt(3 lines, 2) = %q", got)
	}
}
