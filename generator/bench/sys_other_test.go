//go:build !linux

package bench

// peakRSSSelf reports that the peak resident set is measured on Linux only.
func peakRSSSelf() (int, bool) { return 0, false }
