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
	"github.com/zcrmgen/zcrmgen/generator/write"
)

// TestRatios prints the scaling table of docs/BENCHMARKS.md. It takes
// minutes, so it runs only when ZCRMGEN_BENCH=1:
//
//	ZCRMGEN_BENCH=1 go test ./generator/bench -run TestRatios -v -timeout 60m
//
// Each cell comes from testing.Benchmark, which runs the function for about
// -test.benchtime (1s by default). The largest size takes seconds per run,
// so unless -benchtime is given it is run exactly largeRuns times instead.
//
// Besides wall time per operation the table shows CPU time per operation
// (user plus system time of the whole process, GC included, divided by
// every iteration testing.Benchmark ran). On a shared machine wall time
// counts the time other processes held the cores; CPU time does not, so the
// ratios use CPU time where it is measured.
func TestRatios(t *testing.T) {
	if os.Getenv("ZCRMGEN_BENCH") != "1" {
		t.Skip("set ZCRMGEN_BENCH=1 to measure")
	}
	generated(t, sizes[0]) // skips while Generate is not ready

	type row struct {
		n          int
		gen, floor measurement
		goSize     int
	}
	var rows []row
	for _, n := range sizes {
		r := row{n: n}
		for _, f := range generated(t, n) {
			if strings.HasSuffix(f.Name, ".go") {
				r.goSize += len(f.Data)
			}
		}
		withBenchtime(t, n, func() {
			r.gen = measure(t, n, benchGenerate)
			r.floor = measure(t, n, benchFloor)
		})
		rows = append(rows, r)
		t.Logf("n=%d: generate %v wall, %v CPU (%d runs); floor %v wall, %v CPU (%d runs)", n,
			r.gen.wall(), r.gen.cpu, r.gen.N, r.floor.wall(), r.floor.cpu, r.floor.N)
	}

	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "requests\tinput\toutput .go\tgenerate wall\tgenerate CPU\tfloor wall\tfloor CPU\tgenerate/floor\tallocs/op\tB/op\ttime ×\tB/op ×\t")
	for i, r := range rows {
		timeX, memX := "", ""
		if i > 0 {
			p := rows[i-1]
			timeX = fmt.Sprintf("%.1f", float64(r.gen.cost())/float64(p.gen.cost()))
			memX = fmt.Sprintf("%.1f", float64(r.gen.AllocedBytesPerOp())/float64(p.gen.AllocedBytesPerOp()))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%d\t%s\t%s\t%s\t\n",
			r.n, mb(len(collection(r.n))), mb(r.goSize),
			dur(r.gen.wall()), dur(r.gen.cpu), dur(r.floor.wall()), dur(r.floor.cpu),
			float64(r.gen.cost())/float64(r.floor.cost()),
			r.gen.AllocsPerOp(), mb(int(r.gen.AllocedBytesPerOp())), timeX, memX)
	}
	tw.Flush()
	basis := "CPU"
	if rows[0].gen.cpu == 0 {
		basis = "wall"
	}
	t.Logf("%s/%s, %d cores, GOMAXPROCS=%d, %s; generate/floor and time × use %s time; × is the ratio to the row above (10× the requests):\n%s",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), basis, buf.String())

	n := sizes[len(sizes)-1]
	if peaks, ok := peakRSS(t, n); ok {
		t.Logf("peak RSS for n=%d: %s for reading the collection alone; %s for reading it and writing the package into a directory as zcrmgen does (GenerateTo and write.Writer; difference %s); %s for reading it and running Generate, all files in memory (difference %s)",
			n, mb(peaks["read"]), mb(peaks["write"]), mb(peaks["write"]-peaks["read"]), mb(peaks["generate"]), mb(peaks["generate"]-peaks["read"]))
	}
}

// measurement is a testing.Benchmark result plus CPU time per operation
// (zero where it is not measured).
type measurement struct {
	testing.BenchmarkResult
	cpu time.Duration
}

func (m measurement) wall() time.Duration { return time.Duration(m.NsPerOp()) }

// cost is CPU time per operation when measured, else wall time.
func (m measurement) cost() time.Duration {
	if m.cpu > 0 {
		return m.cpu
	}
	return m.wall()
}

// measure runs bench at size n with testing.Benchmark. CPU time is taken
// over every run testing.Benchmark makes, its ramp-up included, and divided
// by the iterations of all of them.
func measure(t *testing.T, n int, bench func(*testing.B, int)) measurement {
	t.Helper()
	iters := 0
	before, ok := processCPU()
	r := testing.Benchmark(func(b *testing.B) {
		bench(b, n)
		iters += b.N
	})
	after, _ := processCPU()
	if r.N == 0 {
		t.Fatalf("n=%d: the benchmark failed or skipped; run it with -bench to see why", n)
	}
	m := measurement{BenchmarkResult: r}
	if ok && iters > 0 {
		m.cpu = (after - before) / time.Duration(iters)
	}
	return m
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
// a file and then writes the package into a new directory as zcrmgen does,
// each file handed from GenerateTo to a write.Writer as it is rendered
// ("write"), or calls Generate once, which returns every file in memory
// ("generate"), or does nothing more ("read"), then reports its own peak. Resident memory is what the machine
// must have free; it includes the runtime and the garbage the collector has
// not yet reclaimed (GOGC=100 lets the heap grow to about twice the live
// data), which a profile of live objects would not show. The "read" run is
// the baseline: the test binary plus the input bytes.
const childEnv = "ZCRMGEN_BENCH_CHILD"

// childDirEnv names the directory a "write" child writes the package into.
const childDirEnv = "ZCRMGEN_BENCH_CHILD_DIR"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

// child runs one measured job and prints its peak resident set in bytes.
// spec is "read:FILE", "write:FILE" (into the directory childDirEnv
// names) or "generate:FILE".
func child(spec string) int {
	mode, file, _ := strings.Cut(spec, ":")
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	opts := generator.Options{Name: "synthetic.json", Data: data, Package: "synthetic"}
	switch mode {
	case "read":
		runtime.KeepAlive(data)
	case "write":
		// As zcrmgen: the input is not kept once the model is built.
		if err := writeInto(os.Getenv(childDirEnv), opts); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	case "generate":
		res, err := generator.Generate(opts)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		runtime.KeepAlive(res)
	default:
		fmt.Fprintf(os.Stderr, "%s: unknown mode %q\n", childEnv, mode)
		return 1
	}
	peak, ok := peakRSSSelf()
	if !ok {
		fmt.Fprintln(os.Stderr, "peak resident set not available")
		return 1
	}
	fmt.Println(peak)
	return 0
}

// writeInto generates the package of opts into dir, each file written as
// it is rendered, as zcrmgen does.
func writeInto(dir string, opts generator.Options) error {
	w, err := write.NewWriter(dir)
	if err != nil {
		return err
	}
	defer w.Close()
	if _, err := generator.GenerateTo(opts, w.Add); err != nil {
		return err
	}
	_, err = w.Commit()
	return err
}

// peakRSS returns the peak resident memory, in bytes, of a child for each
// mode of [child] on the collection of n requests. ok is false (and the
// test logs why) where it cannot be measured.
func peakRSS(t *testing.T, n int) (peaks map[string]int, ok bool) {
	if _, ok := peakRSSSelf(); !ok {
		t.Logf("peak RSS: not measured on %s", runtime.GOOS)
		return nil, false
	}
	tmp := t.TempDir()
	file := filepath.Join(tmp, "collection.json")
	if err := os.WriteFile(file, collection(n), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(mode string) int {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childEnv+"="+mode+":"+file, childDirEnv+"="+filepath.Join(tmp, "out"))
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
	peaks = map[string]int{}
	for _, mode := range []string{"read", "write", "generate"} {
		peaks[mode] = run(mode)
	}
	return peaks, true
}

func dur(d time.Duration) string {
	ns := d.Nanoseconds()
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
