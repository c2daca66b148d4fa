package textdiff

import "testing"

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"change", "a\nb\nc\n", "a\nB\nc\n", "--- f (want)\n+++ f (got)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"add", "", "x\n", "--- f (want)\n+++ f (got)\n@@ -0,0 +1 @@\n+x\n"},
		{"remove", "x\n", "", "--- f (want)\n+++ f (got)\n@@ -1 +0,0 @@\n-x\n"},
		{"no newline", "a\n", "a", "--- f (want)\n+++ f (got)\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"},
		{
			"two hunks",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
			"0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12x\n",
			"--- f (want)\n+++ f (got)\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -9,4 +10,4 @@\n 9\n 10\n 11\n-12\n+12x\n",
		},
	} {
		if got := Unified("f", []byte(tc.want), []byte(tc.got)); got != tc.diff {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.diff)
		}
	}
}
