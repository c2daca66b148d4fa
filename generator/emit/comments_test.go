package emit

import (
	"reflect"
	"strings"
	"testing"
)

// TestCommentBlock: no collection text can leave a // comment.
func TestCommentBlock(t *testing.T) {
	lines := docText("Line one\r\n*/ func init() { panic(\"x\") } /*\n\n\n// two\u2028three\x00\n```go\ncode\n```\n# Title **bold** [link](https://x.y)")
	for _, l := range commentBlock(lines) {
		if !strings.HasPrefix(l, "//") || strings.ContainsAny(l, "\n\r\u2028\x00") {
			t.Errorf("unsafe comment line %q", l)
		}
	}
	want := []string{"Line one", "*/ func init() { panic(\"x\") } /*", "", "// two", "three", "code", "Title bold link (https://x.y)"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("docText = %q, want %q", lines, want)
	}
}

func TestDocTextKeepsAngleWords(t *testing.T) {
	got := docText("Send 'Zoho-oauthtoken <token>' to <b>every</b> call.<br/>")
	if len(got) != 1 || got[0] != "Send 'Zoho-oauthtoken <token>' to every call." {
		t.Errorf("docText = %q", got)
	}
}
