package runtime

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ZohoSQLPlaceholders is how a database's driver numbers the parameters
// of a statement.
type ZohoSQLPlaceholders int

const (
	// ZohoSQLQuestion writes "?" for each parameter, as the MySQL, SQLite
	// and SQL Server drivers take them.
	ZohoSQLQuestion ZohoSQLPlaceholders = iota
	// ZohoSQLDollar writes "$1", "$2", ..., as PostgreSQL's drivers take
	// them.
	ZohoSQLDollar
)

// ZohoSQLStore is a [ZohoTokenStore] on a table of an SQL database, through
// [database/sql] and the driver the caller chose. The table must exist; its
// columns are these (the types are PostgreSQL's and MySQL's; any types that
// hold the values do):
//
//	CREATE TABLE zoho_tokens (
//	    user_id       VARCHAR(255) NOT NULL,
//	    client_id     VARCHAR(255) NOT NULL,
//	    refresh_token TEXT,
//	    access_token  TEXT,
//	    expiry        BIGINT,       -- Unix milliseconds, 0 when unknown
//	    api_domain    VARCHAR(255),
//	    grant_token   TEXT,
//	    redirect_url  VARCHAR(1024),
//	    PRIMARY KEY (user_id, client_id)
//	);
//
// A save deletes the record and inserts it again in one transaction, which
// every SQL database does the same way. It is safe for concurrent use, as
// [*sql.DB] is.
type ZohoSQLStore struct {
	db    *sql.DB
	table string
	ph    ZohoSQLPlaceholders
}

// NewZohoSQLStore returns a store on the table named table of db, whose
// driver takes the placeholders ph. The table name may be qualified by a
// schema ("crm.zoho_tokens"); it must be made of letters, digits,
// underscores and dots, since it is written into the statements.
func NewZohoSQLStore(db *sql.DB, table string, ph ZohoSQLPlaceholders) (*ZohoSQLStore, error) {
	if db == nil {
		return nil, errors.New("zoho sql token store: nil database")
	}
	if !sqlIdentifier(table) {
		return nil, fmt.Errorf("zoho sql token store: table name %q is not letters, digits, underscores and dots", table)
	}
	if ph != ZohoSQLQuestion && ph != ZohoSQLDollar {
		return nil, fmt.Errorf("zoho sql token store: unknown placeholder style %d", ph)
	}
	return &ZohoSQLStore{db: db, table: table, ph: ph}, nil
}

// sqlIdentifier reports whether s is a plain, possibly qualified, SQL
// name.
func sqlIdentifier(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// zohoSQLColumns are the table's columns in the order the statements use.
const zohoSQLColumns = "user_id, client_id, refresh_token, access_token, expiry, api_domain, grant_token, redirect_url"

// args returns n placeholders from the first, separated by commas.
func (s *ZohoSQLStore) args(first, n int) string {
	ps := make([]string, n)
	for i := range ps {
		if s.ph == ZohoSQLDollar {
			ps[i] = "$" + strconv.Itoa(first+i)
		} else {
			ps[i] = "?"
		}
	}
	return strings.Join(ps, ", ")
}

// where returns the condition that selects one key's record.
func (s *ZohoSQLStore) where() string {
	p := strings.Split(s.args(1, 2), ", ")
	return "user_id = " + p[0] + " AND client_id = " + p[1]
}

// LoadToken returns the record stored under key, or nil when there is
// none.
func (s *ZohoSQLStore) LoadToken(ctx context.Context, key ZohoTokenKey) (*ZohoToken, error) {
	q := "SELECT " + zohoSQLColumns + " FROM " + s.table + " WHERE " + s.where()
	var (
		user, client                        string
		refresh, access, domain, grant, red sql.NullString
		expiry                              sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, q, key.User, key.ClientID).Scan(&user, &client, &refresh, &access, &expiry, &domain, &grant, &red)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("zoho sql token store: load: %w", err)
	}
	t := &ZohoToken{
		Key:          key,
		RefreshToken: refresh.String,
		AccessToken:  access.String,
		APIDomain:    domain.String,
		GrantToken:   grant.String,
		RedirectURL:  red.String,
	}
	if expiry.Valid && expiry.Int64 > 0 {
		t.Expiry = time.UnixMilli(expiry.Int64)
	}
	return t, nil
}

// SaveToken stores t under t.Key, replacing any record there.
func (s *ZohoSQLStore) SaveToken(ctx context.Context, t *ZohoToken) (err error) {
	if t == nil {
		return errors.New("zoho sql token store: save: nil token")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("zoho sql token store: save: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+s.table+" WHERE "+s.where(), t.Key.User, t.Key.ClientID); err != nil {
		return fmt.Errorf("zoho sql token store: save: %w", err)
	}
	var expiry int64
	if !t.Expiry.IsZero() {
		expiry = t.Expiry.UnixMilli()
	}
	q := "INSERT INTO " + s.table + " (" + zohoSQLColumns + ") VALUES (" + s.args(1, 8) + ")"
	if _, err := tx.ExecContext(ctx, q, t.Key.User, t.Key.ClientID, t.RefreshToken, t.AccessToken, expiry, t.APIDomain, t.GrantToken, t.RedirectURL); err != nil {
		return fmt.Errorf("zoho sql token store: save: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("zoho sql token store: save: %w", err)
	}
	return nil
}

// DeleteToken removes the record stored under key.
func (s *ZohoSQLStore) DeleteToken(ctx context.Context, key ZohoTokenKey) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM "+s.table+" WHERE "+s.where(), key.User, key.ClientID); err != nil {
		return fmt.Errorf("zoho sql token store: delete: %w", err)
	}
	return nil
}
