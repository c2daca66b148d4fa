// Package gotool runs the go command on a work module of generated
// packages, the one way zcrmgen's commands and tests do it.
//
// Generated packages import only the standard library, so the work module
// requires nothing: the go command runs with modules on (-mod=mod), no
// module proxy and no go.work from around the work directory. The build
// cache is the usual one, so standard library builds are shared between
// runs.
package gotool

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ModFile returns the go.mod of a work module with the given module path.
// It requires nothing and asks for the Go version generated code is
// written for.
func ModFile(module string) []byte {
	return []byte("module " + module + "\n\ngo 1.26\n")
}

// Env returns env with the settings a work module needs: -mod=mod added to
// any GOFLAGS already set, GOPROXY=off and GOWORK=off. Other variables are
// kept in their order.
func Env(env []string) []string {
	flags := ""
	out := make([]string, 0, len(env)+3)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOFLAGS":
			flags = v
		case "GOPROXY", "GOWORK":
		default:
			out = append(out, kv)
		}
	}
	return append(out,
		"GOFLAGS="+strings.TrimSpace(flags+" -mod=mod"),
		"GOPROXY=off",
		"GOWORK=off",
	)
}

// Command runs the go command found on PATH with args in dir, in the
// environment of [Env] applied to this process's. When ctx ends, the go
// command and every process it started are killed.
func Command(ctx context.Context, dir string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = Env(os.Environ())
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	killGroup(cmd)
	// Without WaitDelay, a killed go command's children could keep the
	// output pipes open and Wait would not return.
	cmd.WaitDelay = 10 * time.Second
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}
