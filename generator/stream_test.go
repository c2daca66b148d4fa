package generator

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/emit"
)

// TestGenerateToMatchesGenerate checks that GenerateTo hands over exactly
// the files Generate returns, each once, with the same result otherwise,
// and the runtime copies last.
func TestGenerateToMatchesGenerate(t *testing.T) {
	opts := caseOptions(t, "features")
	want := mustGenerate(t, opts)
	var got []File
	res, err := GenerateTo(opts, func(f File) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != nil {
		t.Errorf("GenerateTo's result holds %d files, want none", len(res.Files))
	}
	if res.Stats.Endpoints != want.Stats.Endpoints || res.Stats.Types != want.Stats.Types || res.Stats.Tests != want.Stats.Tests ||
		!slices.Equal(res.Warnings, want.Warnings) || len(res.Operations) != len(want.Operations) {
		t.Errorf("GenerateTo's result %+v differs from Generate's %+v", res.Stats, want.Stats)
	}
	runtimeSeen := false
	for _, f := range got {
		if emit.IsRuntime(f.Name) {
			runtimeSeen = true
		} else if runtimeSeen {
			t.Errorf("%s handed over after a runtime copy", f.Name)
		}
	}
	slices.SortFunc(got, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	if len(got) != len(want.Files) {
		t.Fatalf("GenerateTo handed over %d files, Generate returned %d", len(got), len(want.Files))
	}
	for i, f := range got {
		if f.Name != want.Files[i].Name || !bytes.Equal(f.Data, want.Files[i].Data) {
			t.Errorf("file %d: GenerateTo gave %s, Generate %s", i, f.Name, want.Files[i].Name)
		}
	}
}

// TestGenerateToPutError checks that a failure of put stops the run and
// comes back as put returned it, not as a zcrmgen bug.
func TestGenerateToPutError(t *testing.T) {
	full := mustGenerate(t, caseOptions(t, "features"))
	for _, at := range []int{1, 3, len(full.Files)} {
		failure := errors.New("disk full")
		calls := 0
		res, err := GenerateTo(caseOptions(t, "features"), func(f File) error {
			if calls++; calls == at {
				return failure
			}
			return nil
		})
		var bug *BugError
		if err != failure || res != nil || errors.As(err, &bug) {
			t.Errorf("put failing at file %d: GenerateTo = %v, %v; want nil, put's error", at, res, err)
		}
		if calls != at {
			t.Errorf("put failing at file %d: called %d times", at, calls)
		}
	}
}
