package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// peakRSSSelf returns this process's peak resident set in bytes: VmHWM from
// /proc/self/status. getrusage's maxrss is not used because Linux copies
// the parent's high-water mark into a child at exec (Go starts children
// with vfork semantics), so a child of a big test binary reports the
// parent's peak.
func peakRSSSelf() (int, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		v, ok := strings.CutPrefix(s.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		if err != nil {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}

// processCPU returns the CPU time (user plus system) this process has used
// so far, garbage collection on every thread included.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
