package synth

// rng is a SplitMix64 generator. It is written out here rather than taken
// from math/rand so that a seed gives the same collection on every platform
// and with every Go release: the standard library may change how its
// helpers (IntN, Shuffle, ...) consume the stream, and the benchmarks compare
// numbers across releases.
type rng struct{ state uint64 }

// newRNG returns the generator for one stream of a seed. Each module draws
// from its own stream, so module i of a collection is the same whatever the
// total number of requests.
func newRNG(seed int64, stream uint64) *rng {
	r := &rng{state: uint64(seed) ^ (stream+1)*0xd1b54a32d192ed03}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n). n must be positive. The modulo bias is
// below 2^-50 for the small n used here.
func (r *rng) intn(n int) int {
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability pct/100.
func (r *rng) chance(pct int) bool {
	return r.intn(100) < pct
}

// pick returns one element of list.
func pick[T any](r *rng, list []T) T {
	return list[r.intn(len(list))]
}
