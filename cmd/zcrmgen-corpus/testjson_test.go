package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseTestJSON(t *testing.T) {
	// Shaped like `go test -json` output for one package: a passing test,
	// a skipped one, a failing one with a failing subtest, and a test that
	// was still running when the binary died.
	stream := strings.Join([]string{
		`{"Action":"start","Package":"corpus/p"}`,
		`{"Action":"run","Package":"corpus/p","Test":"TestOK"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestOK","Output":"=== RUN   TestOK\n"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestOK","Output":"--- PASS: TestOK (0.00s)\n"}`,
		`{"Action":"pass","Package":"corpus/p","Test":"TestOK","Elapsed":0}`,
		`{"Action":"run","Package":"corpus/p","Test":"TestSkip"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestSkip","Output":"--- SKIP: TestSkip (0.00s)\n"}`,
		`{"Action":"skip","Package":"corpus/p","Test":"TestSkip","Elapsed":0}`,
		`{"Action":"run","Package":"corpus/p","Test":"TestBad"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestBad","Output":"=== RUN   TestBad\n"}`,
		`{"Action":"run","Package":"corpus/p","Test":"TestBad/case"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestBad/case","Output":"    p_test.go:9: got 1, want 2\n"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestBad/case","Output":"    --- FAIL: TestBad/case (0.00s)\n"}`,
		`{"Action":"fail","Package":"corpus/p","Test":"TestBad/case","Elapsed":0}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestBad","Output":"--- FAIL: TestBad (0.00s)\n"}`,
		`{"Action":"fail","Package":"corpus/p","Test":"TestBad","Elapsed":0}`,
		`{"Action":"run","Package":"corpus/p","Test":"TestHang"}`,
		`{"Action":"output","Package":"corpus/p","Test":"TestHang","Output":"panic: test timed out after 1s\n"}`,
		`{"Action":"output","Package":"corpus/p","Output":"FAIL\n"}`,
		`{"Action":"output","Package":"corpus/p","Output":"exit status 2\n"}`,
		`{"Action":"output","Package":"corpus/p","Output":"FAIL\tcorpus/p\t1.234s\n"}`,
		`{"Action":"fail","Package":"corpus/p","Elapsed":1.234}`,
		`not json at all`,
	}, "\n")
	counts, lines := parseTestJSON([]byte(stream))
	if want := (testCounts{run: 4, passed: 1, failed: 1, skipped: 1}); counts != want {
		t.Errorf("counts = %+v, want %+v", counts, want)
	}
	want := []string{
		"    p_test.go:9: got 1, want 2",
		"    --- FAIL: TestBad/case (0.00s)",
		"--- FAIL: TestBad (0.00s)",
		"exit status 2",
		"not json at all",
		"panic: test timed out after 1s",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseTestJSONBuildFailure(t *testing.T) {
	stream := strings.Join([]string{
		`{"ImportPath":"corpus/p","Action":"build-output","Output":"# corpus/p\n"}`,
		`{"ImportPath":"corpus/p","Action":"build-output","Output":"p/a.go:3:9: undefined: x\n"}`,
		`{"ImportPath":"corpus/p","Action":"build-fail"}`,
		`{"Action":"start","Package":"corpus/p"}`,
		`{"Action":"output","Package":"corpus/p","Output":"FAIL\tcorpus/p [build failed]\n"}`,
		`{"Action":"fail","Package":"corpus/p","Elapsed":0,"FailedBuild":"corpus/p"}`,
	}, "\n")
	counts, lines := parseTestJSON([]byte(stream))
	if counts != (testCounts{}) {
		t.Errorf("counts = %+v, want none", counts)
	}
	if want := []string{"# corpus/p", "p/a.go:3:9: undefined: x"}; !slices.Equal(lines, want) {
		t.Errorf("lines = %q, want %q", lines, want)
	}
}
