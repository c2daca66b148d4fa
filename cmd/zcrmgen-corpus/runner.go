package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/zcrmgen/zcrmgen/generator"
	"github.com/zcrmgen/zcrmgen/generator/typecheck"
	"github.com/zcrmgen/zcrmgen/generator/write"
)

// Results of one collection, as the table shows them.
const (
	resultOK     = "ok"
	failGenerate = "FAIL: generate"
	failWrite    = "FAIL: write"
	failTypes    = "FAIL: types" // go/types rejects the package or its tests
	failVet      = "FAIL: vet"
	failTest     = "FAIL: test"
	resultNotRun = "not run" // the run was interrupted first
)

// unknown is a count that is not known, shown as "-".
const unknown = -1

// testGrace is how long the go command may go on after the test binary's
// own -timeout, so a hanging test can print its goroutines.
const testGrace = 30 * time.Second

const progressPrefix = "zcrmgen-corpus: "

// row is everything known about one collection.
type row struct {
	col      collection
	requests int // generator Stats.Endpoints, or unknown
	examples int // saved example responses in the file, or unknown
	tests    int // generator Stats.Tests, or unknown
	warnings int // or unknown
	tested   bool
	counts   testCounts
	result   string
	failures []failure // in the order the stages ran
	elapsed  time.Duration
}

func newRow(c collection) *row {
	return &row{col: c, requests: unknown, examples: unknown, tests: unknown, warnings: unknown, result: resultNotRun}
}

func (r *row) ok() bool { return r.result == resultOK }

// fail records a failed stage. The first failure decides the row's result.
func (r *row) fail(result, stage string, lines []string) {
	if r.result == resultNotRun || r.result == resultOK {
		r.result = result
	}
	r.failures = append(r.failures, failure{stage: stage, lines: lines})
}

// failure is what one failed stage printed.
type failure struct {
	stage string // "generate", "go vet", ...
	lines []string
}

// goFunc runs the go command with args in dir and returns what it wrote.
type goFunc func(ctx context.Context, dir string, args ...string) (stdout, stderr []byte, err error)

// runner runs the collections of one corpus run.
type runner struct {
	work     string // the work module's directory
	jobs     int
	timeout  time.Duration
	generate func(generator.Options) (*generator.Result, error)
	goTool   goFunc
	types    *typecheck.Checker
	progress io.Writer // one line per finished collection

	mu   sync.Mutex
	done int
}

// job is a generated package waiting for its checks.
type job struct {
	row     *row
	files   []generator.File
	genTime time.Duration
}

// run runs every collection and returns their rows in the order of cols.
//
// Generation runs in this process, one collection after the other, and
// hands each package to one of r.jobs workers that vet and test it with the
// go command. The hand-over waits for a free worker, so at most one
// package is generated ahead: generating the next collection overlaps with
// building the current ones without piling up work.
func (r *runner) run(ctx context.Context, cols []collection) []*row {
	rows := make([]*row, len(cols))
	for i, c := range cols {
		rows[i] = newRow(c)
	}
	queue := make(chan job)
	go func() {
		defer close(queue)
		for _, row := range rows {
			if ctx.Err() != nil {
				return
			}
			start := time.Now()
			files, ok := r.generateOne(ctx, row)
			genTime := time.Since(start)
			if !ok {
				row.elapsed = genTime
				r.finish(row, len(rows))
				continue
			}
			select {
			case queue <- job{row: row, files: files, genTime: genTime}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range r.jobs {
		wg.Go(func() {
			for j := range queue {
				start := time.Now()
				r.check(ctx, j.row, j.files, r.timeout-j.genTime)
				j.row.elapsed = j.genTime + time.Since(start)
				r.finish(j.row, len(rows))
			}
		})
	}
	wg.Wait()
	return rows
}

// finish prints the progress line of a finished row.
func (r *runner) finish(row *row, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	w := len(fmt.Sprint(total))
	fmt.Fprintf(r.progress, "%s[%*d/%d] %s: %s (%s)\n", progressPrefix, w, r.done, total, row.col.name(), row.result, fmtDuration(row.elapsed))
}

// generateOne reads and generates one collection into its package
// directory. It returns the files and reports whether there is a package
// to check.
func (r *runner) generateOne(ctx context.Context, row *row) ([]generator.File, bool) {
	c := row.col
	data, err := os.ReadFile(c.path)
	if err != nil {
		row.fail(failGenerate, "read", []string{err.Error()})
		return nil, false
	}
	if n, ok := countExamples(data); ok {
		row.examples = n
	}
	res, err := r.generateTimed(ctx, generator.Options{Name: c.path, Data: data, Package: c.pkg})
	if err != nil {
		row.fail(failGenerate, "generate", splitLines(err.Error()))
		return nil, false
	}
	row.requests = res.Stats.Endpoints
	row.tests = res.Stats.Tests
	row.warnings = len(res.Warnings)
	if _, err := write.Dir(filepath.Join(r.work, c.pkg), res.Files); err != nil {
		row.fail(failWrite, "write", splitLines(err.Error()))
		return nil, false
	}
	return res.Files, true
}

// generateTimed calls the generator, giving up after r.timeout. The
// generator cannot be stopped, so a call that times out goes on in the
// background until it returns; its result is dropped. A panic in the
// generator is a bug in it, reported as this collection's error with the
// stack.
func (r *runner) generateTimed(ctx context.Context, opts generator.Options) (*generator.Result, error) {
	type outcome struct {
		res *generator.Result
		err error
	}
	ch := make(chan outcome, 1)
	generate := r.generate
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- outcome{err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
			}
		}()
		res, err := generate(opts)
		if err == nil && res == nil {
			err = errors.New("generator returned no result and no error")
		}
		ch <- outcome{res, err}
	}()
	timer := time.NewTimer(r.timeout)
	defer timer.Stop()
	select {
	case o := <-ch:
		return o.res, o.err
	case <-timer.C:
		return nil, fmt.Errorf("timed out after %v", r.timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// check type-checks the package of row with go/types, then runs go vet
// and go test on it, within budget. A package that does not type-check
// goes no further: its type errors are the row's failure. go test runs
// even when go vet failed, so the row still counts the tests that pass.
func (r *runner) check(ctx context.Context, row *row, files []generator.File, budget time.Duration) {
	if budget <= 0 {
		row.fail(failVet, "go vet", []string{fmt.Sprintf("timed out after %v", r.timeout)})
		return
	}
	if err := r.types.Check(goModule+"/"+row.col.pkg, files); err != nil {
		lines := []string{err.Error()}
		var te *typecheck.Error
		if errors.As(err, &te) {
			lines = te.Lines
		}
		row.fail(failTypes, "go/types", lines)
		return
	}
	deadline := time.Now().Add(budget)
	pkg := "./" + row.col.pkg

	vctx, cancel := context.WithDeadline(ctx, deadline)
	stdout, stderr, err := r.goTool(vctx, r.work, "vet", pkg)
	timedOut := vctx.Err() != nil
	cancel()
	if err != nil {
		lines := append(splitLines(string(stderr)), splitLines(string(stdout))...)
		if timedOut {
			lines = append(lines, fmt.Sprintf("timed out after %v", r.timeout))
		}
		row.fail(failVet, "go vet", lines)
	}
	left := time.Until(deadline)
	if ctx.Err() != nil || left <= 0 {
		return
	}

	// The test binary gets what is left as its own -timeout, so a hanging
	// test panics with every goroutine's stack; the go command is killed
	// only if that does not end it within testGrace.
	tctx, cancel := context.WithDeadline(ctx, deadline.Add(testGrace))
	defer cancel()
	stdout, stderr, err = r.goTool(tctx, r.work, "test", "-count=1", "-json", "-vet=off",
		"-timeout="+left.Round(time.Second).String(), pkg)
	counts, lines := parseTestJSON(stdout)
	row.tested = true
	row.counts = counts
	if err != nil || counts.failed > 0 {
		lines = append(splitLines(string(stderr)), lines...)
		if tctx.Err() != nil {
			lines = append(lines, fmt.Sprintf("timed out after %v", r.timeout))
		}
		row.fail(failTest, "go test", lines)
		return
	}
	if row.result == resultNotRun {
		row.result = resultOK
	}
}

// splitLines splits s into lines without their line ends; a final line
// end does not start another line.
func splitLines(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
