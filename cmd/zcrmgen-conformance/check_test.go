package main

import (
	"strings"
	"testing"
)

func TestCheckProgram(t *testing.T) {
	src, err := checkProgram(
		[]decodeCheck{{path: `/s/a "b".json`, method: "GetItem"}},
		[]bodyCheck{{typeName: "CreateItemRequest", method: "CreateItem"}, {typeName: "[]Tag", method: "SetTags"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\t\"conformance/client\"\n",
		"{\"/s/a \\\"b\\\".json\", (*client.Client).GetItem},",
		"{\"CreateItemRequest\", reflect.TypeFor[client.CreateItemRequest](), (*client.Client).CreateItem},",
		"{\"\", nil, (*client.Client).SetTags},",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("check program has no %s:\n%s", want, src)
		}
	}
	for _, bad := range [][2]string{{"Get Item", ""}, {"", "CreateItem"}, {"GetItem", "x.Y"}} {
		if _, err := checkProgram([]decodeCheck{{path: "a.json", method: bad[0]}}, []bodyCheck{{typeName: "T", method: bad[1]}}); err == nil {
			t.Errorf("checkProgram with methods %q: no error", bad)
		}
	}
}
