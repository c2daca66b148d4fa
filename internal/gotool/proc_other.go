//go:build !unix

package gotool

import "os/exec"

// killGroup leaves cancellation as os/exec does it: only the go command
// itself is killed.
func killGroup(cmd *exec.Cmd) {}
