//go:build !linux

package bench

import "time"

// peakRSSSelf and processCPU report that they measure on Linux only.
func peakRSSSelf() (int, bool) { return 0, false }

func processCPU() (time.Duration, bool) { return 0, false }
