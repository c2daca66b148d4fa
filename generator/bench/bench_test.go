// Package bench measures how zcrmgen's speed and memory grow with the size
// of the collection, on synthetic Zoho-CRM-like collections from package
// synth. It holds tests only:
//
//	go test ./generator/bench -run '^$' -bench . -benchmem
//	ZCRMGEN_BENCH=1 go test ./generator/bench -run TestRatios -v
//
// docs/BENCHMARKS.md explains the method and records the numbers.
package bench

import (
	"encoding/json"
	"fmt"
	"go/format"
	"strings"
	"sync"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/synth"
)

// sizes are the collection sizes, in requests. Each is ten times the one
// before, so the ratio of two neighbours' costs shows how cost grows.
var sizes = []int{10, 100, 1_000, 10_000}

// seed fixes the synthetic collections; the numbers in BENCHMARKS.md use it.
const seed = 1

// assembling is the error Generate returns until its pipeline is in place.
const assembling = "generation pipeline is being assembled"

// cache holds each size's collection and generated files, made once per
// test binary and outside every timer.
var cache struct {
	sync.Mutex
	data  map[int][]byte
	files map[int][]generator.File
}

func collection(n int) []byte {
	cache.Lock()
	defer cache.Unlock()
	if cache.data == nil {
		cache.data = map[int][]byte{}
	}
	if cache.data[n] == nil {
		cache.data[n] = synth.Collection(n, seed)
	}
	return cache.data[n]
}

func options(n int) generator.Options {
	return generator.Options{Name: "synthetic.json", Data: collection(n), Package: "synthetic"}
}

// generated returns the files Generate writes for the collection of n
// requests. It skips tb while Generate is not ready yet and fails it on any
// other error.
func generated(tb testing.TB, n int) []generator.File {
	tb.Helper()
	cache.Lock()
	files, ok := cache.files[n]
	cache.Unlock()
	if ok {
		return files
	}
	res, err := generator.Generate(options(n))
	check(tb, n, err)
	cache.Lock()
	defer cache.Unlock()
	if cache.files == nil {
		cache.files = map[int][]generator.File{}
	}
	cache.files[n] = res.Files
	return res.Files
}

func check(tb testing.TB, n int, err error) {
	tb.Helper()
	switch {
	case err == nil:
	case strings.Contains(err.Error(), assembling):
		tb.Skipf("generator.Generate is not ready: %v", err)
	default:
		tb.Fatalf("n=%d: %v", n, err)
	}
}

// goSources returns the .go files among files: what the floor formats.
func goSources(files []generator.File) [][]byte {
	var out [][]byte
	for _, f := range files {
		if strings.HasSuffix(f.Name, ".go") {
			out = append(out, f.Data)
		}
	}
	return out
}

// BenchmarkGenerate times generator.Generate on a collection of n requests:
// parse, model, infer, name and emit, with every file rendered and
// gofmt-ed in memory. Nothing is written to disk.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchGenerate(b, n) })
	}
}

func benchGenerate(b *testing.B, n int) {
	generated(b, n) // skips while Generate is not ready
	opts := options(n)
	b.SetBytes(int64(len(opts.Data)))
	b.ReportAllocs()
	for b.Loop() {
		_, err := generator.Generate(opts)
		check(b, n, err)
	}
}

// BenchmarkFloor times the work no generator of this output can avoid:
// decoding the collection (json.Unmarshal into any) and formatting the Go
// source it produces (go/format.Source of every .go file Generate returned
// for that collection, computed once beforehand). Generate's time divided
// by the floor's is the overhead of everything else.
func BenchmarkFloor(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchFloor(b, n) })
	}
}

func benchFloor(b *testing.B, n int) {
	srcs := goSources(generated(b, n))
	data := collection(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		floor(b, data, srcs)
	}
}

func floor(b *testing.B, data []byte, srcs [][]byte) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		b.Fatal(err)
	}
	for _, src := range srcs {
		if _, err := format.Source(src); err != nil {
			b.Fatal(err)
		}
	}
}
