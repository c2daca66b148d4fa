package runtime

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// storeRoundTrip saves, loads, replaces and deletes records in s and
// checks that each user's record stays apart.
func storeRoundTrip(t *testing.T, s ZohoTokenStore) {
	t.Helper()
	ctx := context.Background()
	ada := ZohoTokenKey{User: "ada@example.com", ClientID: "1000.ABC"}
	bob := ZohoTokenKey{User: "bob@example.com", ClientID: "1000.ABC"}
	if got, err := s.LoadToken(ctx, ada); err != nil || got != nil {
		t.Fatalf("LoadToken on an empty store = %+v, %v; want nil, nil", got, err)
	}
	expiry := time.UnixMilli(1_700_000_123_456)
	a := ZohoToken{Key: ada, RefreshToken: "rt-ada", AccessToken: "at-ada", Expiry: expiry,
		APIDomain: "https://www.zohoapis.eu", GrantToken: "code-ada", RedirectURL: "https://app.example/cb"}
	b := ZohoToken{Key: bob, RefreshToken: "rt-bob"}
	for _, tok := range []ZohoToken{a, b} {
		if err := s.SaveToken(ctx, &tok); err != nil {
			t.Fatalf("SaveToken(%s): %v", tok.Key.User, err)
		}
	}
	check := func(key ZohoTokenKey, want ZohoToken) {
		t.Helper()
		got, err := s.LoadToken(ctx, key)
		if err != nil || got == nil {
			t.Fatalf("LoadToken(%s) = %v, %v", key.User, got, err)
		}
		if !got.Expiry.Equal(want.Expiry) {
			t.Errorf("LoadToken(%s).Expiry = %v, want %v", key.User, got.Expiry, want.Expiry)
		}
		got.Expiry, want.Expiry = time.Time{}, time.Time{}
		if *got != want {
			t.Errorf("LoadToken(%s) = %+v, want %+v", key.User, *got, want)
		}
	}
	check(ada, a)
	check(bob, b)
	a.AccessToken = "at-ada-2"
	if err := s.SaveToken(ctx, &a); err != nil {
		t.Fatal(err)
	}
	check(ada, a)
	check(bob, b)
	if got, err := s.LoadToken(ctx, ZohoTokenKey{User: "ada@example.com", ClientID: "other"}); err != nil || got != nil {
		t.Errorf("LoadToken for another client ID = %+v, %v; want nil", got, err)
	}
	if err := s.DeleteToken(ctx, ada); err != nil {
		t.Fatal(err)
	}
	if got, err := s.LoadToken(ctx, ada); err != nil || got != nil {
		t.Errorf("LoadToken after DeleteToken = %+v, %v; want nil", got, err)
	}
	check(bob, b)
	if err := s.DeleteToken(ctx, ada); err != nil {
		t.Errorf("DeleteToken of a missing record: %v", err)
	}
}

func TestZohoFileStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	s := NewZohoFileStore(path)
	storeRoundTrip(t, s)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode = %v, want 0600", mode)
	}
	// A second store on the same file sees what the first wrote.
	got, err := NewZohoFileStore(path).LoadToken(context.Background(), ZohoTokenKey{User: "bob@example.com", ClientID: "1000.ABC"})
	if err != nil || got == nil || got.RefreshToken != "rt-bob" {
		t.Errorf("LoadToken from a new store = %+v, %v", got, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d files, want only the store (no temporary files left)", len(entries))
	}
}

func TestZohoFileStoreConcurrent(t *testing.T) {
	s := NewZohoFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			tok := ZohoToken{Key: ZohoTokenKey{User: fmt.Sprintf("user%d", i), ClientID: "c"}, RefreshToken: fmt.Sprintf("rt%d", i)}
			if err := s.SaveToken(ctx, &tok); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 20 {
		got, err := s.LoadToken(ctx, ZohoTokenKey{User: fmt.Sprintf("user%d", i), ClientID: "c"})
		if err != nil || got == nil || got.RefreshToken != fmt.Sprintf("rt%d", i) {
			t.Errorf("user%d: LoadToken = %+v, %v", i, got, err)
		}
	}
}

func TestZohoFileStoreErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := NewZohoFileStore(path)
	_, err := s.LoadToken(context.Background(), ZohoTokenKey{})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadToken of a corrupt file = %v, want an error naming the file", err)
	}
	if err := s.SaveToken(context.Background(), nil); err == nil {
		t.Error("SaveToken(nil) succeeded")
	}
	missing := NewZohoFileStore(filepath.Join(t.TempDir(), "no", "such", "dir", "tokens.json"))
	if err := missing.SaveToken(context.Background(), &ZohoToken{}); err == nil {
		t.Error("SaveToken into a missing directory succeeded")
	}
}

// fakeDB is a database/sql driver that understands the statements
// ZohoSQLStore writes and keeps one table in memory. It checks that every
// statement uses the placeholder style it was opened with.
type fakeDB struct {
	t      *testing.T
	dollar bool
	mu     sync.Mutex
	rows   map[[2]string][]driver.Value
	stmts  []string
	// fail, when set, makes every statement fail with it.
	fail error
}

func (d *fakeDB) Connect(context.Context) (driver.Conn, error) { return fakeConn{d}, nil }
func (d *fakeDB) Driver() driver.Driver                        { return fakeDriver{d} }

type fakeDriver struct{ d *fakeDB }

func (f fakeDriver) Open(string) (driver.Conn, error) { return fakeConn(f), nil }

type fakeConn struct{ d *fakeDB }

func (c fakeConn) Prepare(q string) (driver.Stmt, error) { return fakeStmt{c.d, q}, nil }
func (c fakeConn) Close() error                          { return nil }
func (c fakeConn) Begin() (driver.Tx, error)             { return fakeTx{}, nil }

type fakeTx struct{}

func (fakeTx) Commit() error   { return nil }
func (fakeTx) Rollback() error { return nil }

type fakeStmt struct {
	d *fakeDB
	q string
}

func (s fakeStmt) Close() error  { return nil }
func (s fakeStmt) NumInput() int { return -1 }

// check records q and fails it when its placeholders are not the
// expected style or the table is not zoho_tokens.
func (s fakeStmt) check(args []driver.Value) error {
	s.d.mu.Lock()
	s.d.stmts = append(s.d.stmts, s.q)
	s.d.mu.Unlock()
	if s.d.fail != nil {
		return s.d.fail
	}
	want, other := "?", "$1"
	if s.d.dollar {
		want, other = "$"+fmt.Sprint(len(args)), "?"
	}
	if !strings.Contains(s.q, want) || strings.Contains(s.q, other) {
		s.d.t.Errorf("statement %q does not use placeholders like %s", s.q, want)
	}
	if !strings.Contains(s.q, " zoho_tokens ") && !strings.HasSuffix(s.q, " zoho_tokens") {
		s.d.t.Errorf("statement %q is not on table zoho_tokens", s.q)
	}
	return nil
}

func (s fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	if err := s.check(args); err != nil {
		return nil, err
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	key := [2]string{args[0].(string), args[1].(string)}
	switch {
	case strings.HasPrefix(s.q, "DELETE FROM "):
		delete(s.d.rows, key)
	case strings.HasPrefix(s.q, "INSERT INTO "):
		if _, ok := s.d.rows[key]; ok {
			return nil, errors.New("duplicate primary key")
		}
		s.d.rows[key] = append([]driver.Value(nil), args...)
	default:
		return nil, fmt.Errorf("fake driver: unexpected exec %q", s.q)
	}
	return driver.RowsAffected(1), nil
}

func (s fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	if err := s.check(args); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(s.q, "SELECT "+zohoSQLColumns+" FROM ") {
		return nil, fmt.Errorf("fake driver: unexpected query %q", s.q)
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	row, ok := s.d.rows[[2]string{args[0].(string), args[1].(string)}]
	r := &fakeRows{}
	if ok {
		r.rows = [][]driver.Value{row}
	}
	return r, nil
}

type fakeRows struct{ rows [][]driver.Value }

func (r *fakeRows) Columns() []string { return strings.Split(zohoSQLColumns, ", ") }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if len(r.rows) == 0 {
		return io.EOF
	}
	copy(dest, r.rows[0])
	r.rows = r.rows[1:]
	return nil
}

func openFakeDB(t *testing.T, dollar bool) (*sql.DB, *fakeDB) {
	t.Helper()
	f := &fakeDB{t: t, dollar: dollar, rows: map[[2]string][]driver.Value{}}
	db := sql.OpenDB(f)
	t.Cleanup(func() { db.Close() })
	return db, f
}

func TestZohoSQLStore(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ph     ZohoSQLPlaceholders
		dollar bool
	}{{"question marks", ZohoSQLQuestion, false}, {"dollar numbers", ZohoSQLDollar, true}} {
		t.Run(tt.name, func(t *testing.T) {
			db, f := openFakeDB(t, tt.dollar)
			s, err := NewZohoSQLStore(db, "zoho_tokens", tt.ph)
			if err != nil {
				t.Fatal(err)
			}
			storeRoundTrip(t, s)
			if len(f.stmts) == 0 {
				t.Fatal("no statement reached the driver")
			}
		})
	}
}

func TestZohoSQLStoreErrors(t *testing.T) {
	db, f := openFakeDB(t, false)
	for _, name := range []string{"", "tokens; DROP TABLE x", "a..b", ".t", "t.", "tok-ens"} {
		if _, err := NewZohoSQLStore(db, name, ZohoSQLQuestion); err == nil {
			t.Errorf("NewZohoSQLStore accepted table %q", name)
		}
	}
	if _, err := NewZohoSQLStore(nil, "t", ZohoSQLQuestion); err == nil {
		t.Error("NewZohoSQLStore accepted a nil database")
	}
	if _, err := NewZohoSQLStore(db, "t", ZohoSQLPlaceholders(7)); err == nil {
		t.Error("NewZohoSQLStore accepted an unknown placeholder style")
	}
	if _, err := NewZohoSQLStore(db, "crm.zoho_tokens", ZohoSQLQuestion); err != nil {
		t.Errorf("NewZohoSQLStore refused a qualified name: %v", err)
	}
	s, err := NewZohoSQLStore(db, "zoho_tokens", ZohoSQLQuestion)
	if err != nil {
		t.Fatal(err)
	}
	f.fail = errors.New("disk full")
	ctx := context.Background()
	if _, err := s.LoadToken(ctx, ZohoTokenKey{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("LoadToken = %v, want the driver's error", err)
	}
	if err := s.SaveToken(ctx, &ZohoToken{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("SaveToken = %v, want the driver's error", err)
	}
	if err := s.DeleteToken(ctx, ZohoTokenKey{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("DeleteToken = %v, want the driver's error", err)
	}
}
