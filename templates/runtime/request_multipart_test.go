package runtime

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gatedReader yields size bytes of a repeating pattern. After the first
// gateAt bytes it blocks until gate is closed, which the server does when
// its handler starts: a client that read the whole file before sending the
// request would wait forever, so the reader gives up with an error.
type gatedReader struct {
	size, gateAt int64
	gate         <-chan struct{}
	read         atomic.Int64
}

func (g *gatedReader) Read(p []byte) (int, error) {
	n := g.read.Load()
	if n >= g.size {
		return 0, io.EOF
	}
	if n >= g.gateAt {
		select {
		case <-g.gate:
		case <-time.After(10 * time.Second):
			return 0, errors.New("file read in full before the request started")
		}
	}
	p = p[:min(int64(len(p)), g.size-n)]
	if n < g.gateAt {
		p = p[:min(int64(len(p)), g.gateAt-n)]
	}
	for i := range p {
		p[i] = byte('a' + (n+int64(i))%26)
	}
	g.read.Add(int64(len(p)))
	return len(p), nil
}

type receivedPart struct {
	name, fileName, contentType string
	size                        int64
	value                       string
}

// readParts reads a multipart/form-data request, keeping values whole and
// checking that file contents follow gatedReader's pattern.
func readParts(t *testing.T, r *http.Request) []receivedPart {
	t.Helper()
	mr, err := r.MultipartReader()
	if err != nil {
		t.Errorf("MultipartReader: %v", err)
		return nil
	}
	var parts []receivedPart
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return parts
		}
		if err != nil {
			t.Errorf("NextPart: %v", err)
			return parts
		}
		rp := receivedPart{name: p.FormName(), fileName: p.FileName(), contentType: p.Header.Get("Content-Type")}
		if rp.fileName == "" {
			b, _ := io.ReadAll(p)
			rp.value = string(b)
		} else {
			buf := make([]byte, 32<<10)
			for {
				n, err := p.Read(buf)
				for i, c := range buf[:n] {
					if want := byte('a' + (rp.size+int64(i))%26); c != want {
						t.Errorf("file byte %d = %q, want %q", rp.size+int64(i), c, want)
						return parts
					}
				}
				rp.size += int64(n)
				if err != nil {
					break
				}
			}
		}
		parts = append(parts, rp)
	}
}

func TestMultipartStreamsFiles(t *testing.T) {
	const size = 8 << 20
	gate := make(chan struct{})
	file := &gatedReader{size: size, gateAt: 256 << 10, gate: gate}
	var parts []receivedPart
	var readAtStart int64
	var boundaryOK bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		readAtStart = file.read.Load()
		close(gate)
		mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		boundaryOK = err == nil && mt == "multipart/form-data" && params["boundary"] != ""
		parts = readParts(t, r)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"success"}`)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv)
	r := &request{method: http.MethodPost, path: "/crm/v8/upload"}
	r.setMultipart([]formPart{
		{name: "module", value: "Leads"},
		{name: "file", file: file, fileName: `le"ads.csv`, contentType: "text/csv"},
		{name: "raw", file: strings.NewReader("abc"), fileName: "raw.bin"},
		{name: "after", value: "é & ü"},
	})
	var out struct{ Status string }
	if _, err := c.doJSON(context.Background(), r, &out); err != nil {
		t.Fatal(err)
	}
	if out.Status != "success" || !boundaryOK {
		t.Errorf("status %q, boundary ok %v", out.Status, boundaryOK)
	}
	if readAtStart >= size {
		t.Errorf("whole file read before the handler started")
	}
	want := []receivedPart{
		{name: "module", value: "Leads"},
		{name: "file", fileName: `le"ads.csv`, contentType: "text/csv", size: size},
		{name: "raw", fileName: "raw.bin", contentType: "application/octet-stream", size: 3},
		{name: "after", value: "é & ü"},
	}
	if len(parts) != len(want) {
		t.Fatalf("got %d parts %+v, want %d", len(parts), parts, len(want))
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, parts[i], want[i])
		}
	}
}

func TestMultipartRetries(t *testing.T) {
	// Values alone can be sent again; a file cannot.
	var mu sync.Mutex
	var bodies []string
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if hits.Add(1)%2 == 1 {
			// 429: a POST the server refused may be sent again.
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv, WithRetry(fast))

	r := &request{method: http.MethodPost}
	r.setMultipart([]formPart{{name: "a", value: "1"}, {name: "b", value: "2"}})
	if _, err := c.doNoContent(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || bodies[0] != bodies[1] || !strings.Contains(bodies[0], `name="b"`) {
		t.Errorf("bodies = %q, want the same form twice", bodies)
	}

	r = &request{method: http.MethodPost}
	r.setMultipart([]formPart{{name: "f", file: strings.NewReader("data"), fileName: "f.txt"}})
	_, err := c.doNoContent(context.Background(), r)
	assertAPIError(t, err, http.StatusTooManyRequests, "", "")
	if hits.Load() != 3 {
		t.Errorf("%d requests in all, want 3: a file part must not be resent", hits.Load())
	}
}

func TestMultipartFileError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv)
	boom := errors.New("disk on fire")
	r := &request{method: http.MethodPost}
	r.setMultipart([]formPart{{name: "f", file: io.MultiReader(strings.NewReader("start"), errReader{boom}), fileName: "f"}})
	if _, err := c.doNoContent(context.Background(), r); err == nil {
		t.Error("no error when the file fails to read")
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
