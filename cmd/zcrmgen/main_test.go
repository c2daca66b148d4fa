package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/apidiff"
	"github.com/zcrmgen/zcrmgen/generator/gotype"
)

// asCLI makes the test binary run as zcrmgen itself, so tests can check
// exit codes and output of the real command without building it.
const asCLI = "ZCRMGEN_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// result is what one run of the command did.
type result struct {
	code           int
	stdout, stderr string
}

// zcrmgen runs the command in dir with args and stdin.
func zcrmgen(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asCLI+"=1")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("zcrmgen %q: %v", args, err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// runIn runs the command in this process with stand-in stages.
func runIn(gen func(generator.Options, func(generator.File) error) (*generator.Result, error), stdin string, args ...string) result {
	var stdout, stderr bytes.Buffer
	c := &cli{
		stdin:      strings.NewReader(stdin),
		stdout:     &stdout,
		stderr:     &stderr,
		generate:   gen,
		typeSource: gotype.Source,
		compare:    apidiff.Collections,
	}
	code := c.run(args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// seed is the smallest collection in the repository.
var seed = filepath.Join("..", "..", "collections", "seed.postman_collection.json")

// lines splits output into its lines.
func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
