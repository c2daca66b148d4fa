package apidiff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.*")

// readPair reads the two versions of a pair under testdata.
func readPair(t testing.TB, dir string) (Input, Input) {
	t.Helper()
	var in [2]Input
	for i, name := range []string{"old.json", "new.json"} {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in[i] = Input{Name: filepath.ToSlash(path), Data: data}
	}
	return in[0], in[1]
}

// TestGolden compares every pair under testdata in every format with its
// want.* files.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "old.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no pairs under testdata: %v", err)
	}
	ext := map[string]string{"text": "txt", "markdown": "md", "json": "json"}
	for _, old := range dirs {
		dir := filepath.Dir(old)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			o, n := readPair(t, dir)
			rep, err := Collections(o, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, format := range Formats() {
				var buf bytes.Buffer
				if err := rep.Write(&buf, format); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join(dir, "want."+ext[format])
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (create it with: go test ./generator/apidiff -run TestGolden -update)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs; if the new output is right, run: go test ./generator/apidiff -run TestGolden -update\ngot:\n%s", golden, buf.Bytes())
				}
			}
		})
	}
}

// TestPairClasses checks the class of each change the hand-made pairs
// were built to show, so that a golden rewritten by -update cannot hide a
// wrong class.
func TestPairClasses(t *testing.T) {
	type want struct {
		op    string
		kind  Kind
		class Class
	}
	for dir, wants := range map[string][]want{
		"pipedrive": {
			{"DeleteAnActivityType", OperationRemoved, Breaking},
			{"ListLeadLabels", OperationRenamed, Breaking},
			{"AddNewActivityType", MemberTypeChanged, Breaking},
			{"UpdateALeadLabel", MemberTypeChanged, Breaking},
			// Their replies were one type (aliases); now they differ.
			{"UpdateALeadLabel", TypeSplit, Breaking},
			{"AddALeadLabel", TypeSplit, Breaking},
			{"GetOneLeadLabel", OperationAdded, Additive},
		},
		"xapi": {
			{"LikedPosts", ParamRequired, Breaking},
			{"LikingUsers", ParamRemoved, Breaking},
			{"LikingUsers", HostChanged, Info},
			{"UnlikeAPost", PathParamRenamed, Info},
			{"GetPostsUsage", ParamAdded, Additive},
			{"GetPostsUsage", ExampleAdded, Info},
		},
		"adyen-balancecontrol-v1-v2": {
			{"TransferBalancesBetweenMerchantAccounts", OperationRemoved, Breaking},
			{"CreateBalanceTransfer", OperationAdded, Additive},
			{"", BaseURLChanged, Info},
		},
		"adyen-payout-v51-v52": {
			{"StorePayoutDetails", MemberAdded, Additive},
		},
	} {
		o, n := readPair(t, filepath.Join("testdata", dir))
		rep, err := Collections(o, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			found := false
			for _, c := range rep.Changes {
				if c.Operation == w.op && c.Kind == w.kind {
					found = true
					if c.Class != w.class {
						t.Errorf("%s: %s %s is %s, want %s: %s", dir, w.op, w.kind, c.Class, w.class, c.Message)
					}
				}
			}
			if !found {
				t.Errorf("%s: no %s change of %q reported", dir, w.kind, w.op)
			}
		}
	}
}

// TestSelf checks that a collection compared with itself has no change.
func TestSelf(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "new.json"))
	for _, path := range dirs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Collections(Input{Name: path, Data: data}, Input{Name: path, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Changes) != 0 || rep.Breaking() {
			t.Errorf("%s against itself: %d changes, first %q", path, len(rep.Changes), rep.Changes[0].Message)
		}
	}
}
