package gotool

import (
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestEnv(t *testing.T) {
	got := Env([]string{"HOME=/h", "GOFLAGS=-buildvcs=false", "GOPROXY=https://proxy.golang.org", "GOCACHE=/c", "GOWORK=/w/go.work"})
	want := []string{"HOME=/h", "GOCACHE=/c", "GOFLAGS=-buildvcs=false -mod=mod", "GOPROXY=off", "GOWORK=off"}
	if !slices.Equal(got, want) {
		t.Errorf("Env = %q, want %q", got, want)
	}
	if got := Env(nil); !slices.Contains(got, "GOFLAGS=-mod=mod") {
		t.Errorf("Env(nil) = %q, want GOFLAGS=-mod=mod", got)
	}
}

func TestModFile(t *testing.T) {
	if got, want := string(ModFile("corpus")), "module corpus\n\ngo 1.26\n"; got != want {
		t.Errorf("ModFile = %q, want %q", got, want)
	}
}

func TestCommand(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool")
	}
	stdout, _, err := Command(context.Background(), t.TempDir(), "env", "GOPROXY", "GOWORK", "GOFLAGS")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(stdout)), "\n")
	if len(lines) != 3 || lines[0] != "off" || lines[1] != "off" || !strings.HasSuffix(lines[2], "-mod=mod") {
		t.Errorf("go env in Command = %q, want off, off and GOFLAGS ending in -mod=mod", lines)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Command(ctx, t.TempDir(), "version"); err == nil {
		t.Error("Command with an ended context: no error")
	}
}
