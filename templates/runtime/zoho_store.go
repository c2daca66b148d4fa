package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ZohoTokenKey names one token record in a [ZohoTokenStore]: the user the
// tokens were issued for and the client ID of the app they were issued to.
type ZohoTokenKey struct {
	// User is who the tokens belong to, as the application names its
	// users: an email address, a user ID or any other string.
	User string
	// ClientID is the client ID of the app, from Zoho's API console.
	ClientID string
}

// ZohoToken is one token record: what Zoho's accounts server issued to one
// user of one app. A store keeps it between runs so that the grant code is
// exchanged once and a process does not ask for a new access token each
// time it starts.
type ZohoToken struct {
	// Key says whose tokens these are.
	Key ZohoTokenKey
	// RefreshToken is the long-lived token that gets new access tokens.
	RefreshToken string
	// AccessToken is the last access token issued, "" when none is known.
	AccessToken string
	// Expiry is when AccessToken stops being valid; the zero time when it
	// is unknown.
	Expiry time.Time
	// APIDomain is the API domain the accounts server named for the user,
	// such as "https://www.zohoapis.eu"; "" when it named none.
	APIDomain string
	// GrantToken is the grant (authorization) code the refresh token was
	// obtained with, kept so that it is not exchanged a second time.
	GrantToken string
	// RedirectURL is the redirect URL the grant code was issued for.
	RedirectURL string
}

// ZohoTokenStore keeps token records between runs and between the clients
// of one process. Its methods must be safe for concurrent use.
// [ZohoFileStore] and [ZohoSQLStore] implement it; an application can
// implement it on any storage it has.
type ZohoTokenStore interface {
	// LoadToken returns the record stored under key, or nil and no error
	// when there is none.
	LoadToken(ctx context.Context, key ZohoTokenKey) (*ZohoToken, error)
	// SaveToken stores t under t.Key, replacing any record there.
	SaveToken(ctx context.Context, t *ZohoToken) error
	// DeleteToken removes the record stored under key; it is not an error
	// when there is none.
	DeleteToken(ctx context.Context, key ZohoTokenKey) error
}

// ZohoFileStore is a [ZohoTokenStore] that keeps every record in one JSON
// file, readable and writable by its owner only (mode 0600). Each change
// writes a temporary file in the same directory and renames it over the
// file, so a crash never leaves a half-written file. It is safe for
// concurrent use within one process; processes that share the file must
// not write it at the same time.
type ZohoFileStore struct {
	path string
	mu   sync.Mutex
}

// NewZohoFileStore returns a store that keeps its records in the file at
// path. The file need not exist yet; its directory must.
func NewZohoFileStore(path string) *ZohoFileStore {
	return &ZohoFileStore{path: path}
}

// zohoFileRecord is one record as the file stores it.
type zohoFileRecord struct {
	User         string    `json:"user"`
	ClientID     string    `json:"client_id"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	AccessToken  string    `json:"access_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	APIDomain    string    `json:"api_domain,omitempty"`
	GrantToken   string    `json:"grant_token,omitempty"`
	RedirectURL  string    `json:"redirect_url,omitempty"`
}

// LoadToken returns the record stored under key, or nil when there is
// none.
func (s *ZohoFileStore) LoadToken(_ context.Context, key ZohoTokenKey) (*ZohoToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs, err := s.read()
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.User == key.User && r.ClientID == key.ClientID {
			return &ZohoToken{
				Key:          key,
				RefreshToken: r.RefreshToken,
				AccessToken:  r.AccessToken,
				Expiry:       r.Expiry,
				APIDomain:    r.APIDomain,
				GrantToken:   r.GrantToken,
				RedirectURL:  r.RedirectURL,
			}, nil
		}
	}
	return nil, nil
}

// SaveToken stores t under t.Key, replacing any record there.
func (s *ZohoFileStore) SaveToken(_ context.Context, t *ZohoToken) error {
	if t == nil {
		return errors.New("zoho token store: save: nil token")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	recs, err := s.read()
	if err != nil {
		return err
	}
	rec := zohoFileRecord{
		User:         t.Key.User,
		ClientID:     t.Key.ClientID,
		RefreshToken: t.RefreshToken,
		AccessToken:  t.AccessToken,
		Expiry:       t.Expiry,
		APIDomain:    t.APIDomain,
		GrantToken:   t.GrantToken,
		RedirectURL:  t.RedirectURL,
	}
	replaced := false
	for i, r := range recs {
		if r.User == rec.User && r.ClientID == rec.ClientID {
			recs[i], replaced = rec, true
		}
	}
	if !replaced {
		recs = append(recs, rec)
	}
	return s.write(recs)
}

// DeleteToken removes the record stored under key.
func (s *ZohoFileStore) DeleteToken(_ context.Context, key ZohoTokenKey) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs, err := s.read()
	if err != nil {
		return err
	}
	kept := recs[:0]
	for _, r := range recs {
		if r.User != key.User || r.ClientID != key.ClientID {
			kept = append(kept, r)
		}
	}
	if len(kept) == len(recs) {
		return nil
	}
	return s.write(kept)
}

// read returns the records in the file; none when it does not exist.
func (s *ZohoFileStore) read() ([]zohoFileRecord, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("zoho token store: %w", err)
	}
	var recs []zohoFileRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("zoho token store: %s: %w", s.path, err)
	}
	return recs, nil
}

// write replaces the file with recs: it writes a temporary file (created
// with mode 0600) beside it and renames it over the file.
func (s *ZohoFileStore) write(recs []zohoFileRecord) (err error) {
	if recs == nil {
		recs = []zohoFileRecord{}
	}
	data, err := json.MarshalIndent(recs, "", "  ")
	if err != nil {
		return fmt.Errorf("zoho token store: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("zoho token store: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("zoho token store: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("zoho token store: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("zoho token store: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("zoho token store: %w", err)
	}
	if err := os.Rename(f.Name(), s.path); err != nil {
		return fmt.Errorf("zoho token store: %w", err)
	}
	return nil
}
