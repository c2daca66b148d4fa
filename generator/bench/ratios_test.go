package bench

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/zcrmgen/zcrmgen/generator"
)

// TestRatios prints the scaling table of docs/BENCHMARKS.md. It takes a few
// minutes, so it runs only when ZCRMGEN_BENCH=1:
//
//	ZCRMGEN_BENCH=1 go test ./generator/bench -run TestRatios -v -timeout 30m
//
// Each cell comes from testing.Benchmark, which runs the function for about
// -test.benchtime (1s by default). The largest size takes seconds per run,
// so unless -benchtime is given it is run exactly largeRuns times instead.
func TestRatios(t *testing.T) {
	if os.Getenv("ZCRMGEN_BENCH") != "1" {
		t.Skip("set ZCRMGEN_BENCH=1 to measure")
	}
	generated(t, sizes[0]) // skips while Generate is not ready

	type row struct {
		n             int
		gen, floor    testing.BenchmarkResult
		files, goSize int
	}
	var rows []row
	for _, n := range sizes {
		generated(t, n)
		var r row
		r.n = n
		withBenchtime(t, n, func() {
			r.gen = testing.Benchmark(func(b *testing.B) { benchGenerate(b, n) })
			r.floor = testing.Benchmark(func(b *testing.B) { benchFloor(b, n) })
		})
		if r.gen.N == 0 || r.floor.N == 0 {
			t.Fatalf("n=%d: a benchmark failed or skipped; run it with -bench to see why", n)
		}
		for _, f := range generated(t, n) {
			r.files++
			if strings.HasSuffix(f.Name, ".go") {
				r.goSize += len(f.Data)
			}
		}
		rows = append(rows, r)
		t.Logf("n=%d: generate %v (%d runs), floor %v (%d runs)", n, r.gen.T/time.Duration(r.gen.N), r.gen.N, r.floor.T/time.Duration(r.floor.N), r.floor.N)
	}

	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "requests\tinput\toutput (.go)\tgenerate\tfloor\tgenerate/floor\tallocs/op\tB/op\ttime ×\tB/op ×\t")
	for i, r := range rows {
		timeX, memX := "", ""
		if i > 0 {
			p := rows[i-1]
			timeX = fmt.Sprintf("%.1f", float64(r.gen.NsPerOp())/float64(p.gen.NsPerOp()))
			memX = fmt.Sprintf("%.1f", float64(r.gen.AllocedBytesPerOp())/float64(p.gen.AllocedBytesPerOp()))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.1f\t%d\t%s\t%s\t%s\t\n",
			r.n, mb(len(collection(r.n))), mb(r.goSize),
			dur(r.gen.NsPerOp()), dur(r.floor.NsPerOp()),
			float64(r.gen.NsPerOp())/float64(r.floor.NsPerOp()),
			r.gen.AllocsPerOp(), mb(int(r.gen.AllocedBytesPerOp())), timeX, memX)
	}
	tw.Flush()
	t.Logf("generate vs floor, %s/%s, GOMAXPROCS=%d, %s (× = ratio to the row above, 10× the requests):\n%s",
		runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.Version(), buf.String())

	n := sizes[len(sizes)-1]
	base, peak, ok := peakRSS(t, n)
	if ok {
		t.Logf("peak RSS for n=%d: %s for reading the collection and generating, %s for reading it alone (difference %s)",
			n, mb(peak), mb(base), mb(peak-base))
	}
}

// largeRuns is how many times the largest size runs when -benchtime is
// left at its default.
const largeRuns = "3x"

// withBenchtime runs f with -test.benchtime set to largeRuns for the
// largest size, unless the flag was given on the command line.
func withBenchtime(t *testing.T, n int, f func()) {
	bt := flag.Lookup("test.benchtime")
	if n != sizes[len(sizes)-1] || bt == nil || bt.Value.String() != bt.DefValue {
		f()
		return
	}
	if err := bt.Value.Set(largeRuns); err != nil {
		t.Fatal(err)
	}
	defer bt.Value.Set(bt.DefValue)
	f()
}

// Peak memory is the peak resident set (VmHWM) of a child process: this
// test binary run again with childEnv set, which reads the collection from
// a file and either calls Generate once ("generate") or does nothing more
// ("read"), then reports its own peak. Resident memory is what the machine
// must have free; it includes the runtime and the garbage the collector has
// not yet reclaimed (GOGC=100 lets the heap grow to about twice the live
// data), which a profile of live objects would not show. The "read" run is
// the baseline: the test binary plus the input bytes.
const childEnv = "ZCRMGEN_BENCH_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

// child runs one measured job and prints its peak resident set in bytes.
// spec is "read:FILE" or "generate:FILE".
func child(spec string) int {
	mode, file, _ := strings.Cut(spec, ":")
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	switch mode {
	case "read":
	case "generate":
		res, err := generator.Generate(generator.Options{Name: "synthetic.json", Data: data, Package: "synthetic"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		runtime.KeepAlive(res)
	default:
		fmt.Fprintf(os.Stderr, "%s: unknown mode %q\n", childEnv, mode)
		return 1
	}
	runtime.KeepAlive(data)
	peak, ok := peakRSSSelf()
	if !ok {
		fmt.Fprintln(os.Stderr, "peak resident set not available")
		return 1
	}
	fmt.Println(peak)
	return 0
}

// peakRSS returns the peak resident memory, in bytes, of a child that only
// reads the collection of n requests and of one that also generates from
// it. ok is false (and the test logs why) where it cannot be measured.
func peakRSS(t *testing.T, n int) (base, peak int, ok bool) {
	if _, ok := peakRSSSelf(); !ok {
		t.Logf("peak RSS: not measured on %s", runtime.GOOS)
		return 0, 0, false
	}
	file := filepath.Join(t.TempDir(), "collection.json")
	if err := os.WriteFile(file, collection(n), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(mode string) int {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childEnv+"="+mode+":"+file)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child %s: %v", mode, err)
		}
		v, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil {
			t.Fatalf("child %s: %v", mode, err)
		}
		return v
	}
	return run("read"), run("generate"), true
}

func dur(ns int64) string {
	switch {
	case ns >= 1e9:
		return strconv.FormatFloat(float64(ns)/1e9, 'f', 2, 64) + " s"
	case ns >= 1e6:
		return strconv.FormatFloat(float64(ns)/1e6, 'f', 1, 64) + " ms"
	default:
		return strconv.FormatFloat(float64(ns)/1e3, 'f', 0, 64) + " µs"
	}
}

func mb(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	default:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 0, 64) + " KiB"
	}
}
