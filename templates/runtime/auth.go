package runtime

import (
	"context"
	"fmt"
	"net/http"
)

// authKind says how one operation sends its credentials.
type authKind int

const (
	// authNone sends no credentials.
	authNone authKind = iota
	// authBearer sends the access token in a header, by default
	// "Authorization: <prefix> <token>".
	authBearer
	// authBasic sends the user name and password as HTTP basic auth.
	authBasic
	// authAPIKeyHeader sends the API key in the header authScheme.name.
	authAPIKeyHeader
	// authAPIKeyQuery sends the API key in the query parameter authScheme.name.
	authAPIKeyQuery
	// authOAuth2Query sends the access token in the query parameter
	// authScheme.name.
	authOAuth2Query
)

// authScheme is how one operation authenticates; the generator picks it per
// operation from the collection's auth settings.
type authScheme struct {
	kind authKind
	// prefix goes before the credential and a space, such as "Bearer" or
	// "Zoho-oauthtoken". For authBearer "" means "Bearer"; for API keys ""
	// means the key is sent as is.
	prefix string
	// name is the header or query parameter. For authBearer "" means
	// "Authorization"; for authOAuth2Query "" means "access_token".
	name string
}

// credentials are what the options gave the client.
type credentials struct {
	token       string
	tokenSource func(ctx context.Context) (string, error)
	username    string
	password    string
	basic       bool
	apiKey      string
}

// accessToken returns the token from the token source, or else the fixed
// token ("" when there is none).
func (c *Client) accessToken(ctx context.Context) (string, error) {
	if c.creds.tokenSource != nil {
		tok, err := c.creds.tokenSource(ctx)
		if err != nil {
			return "", fmt.Errorf("token source: %w", err)
		}
		return tok, nil
	}
	return c.creds.token, nil
}

// applyAuth sets the credentials that scheme a needs on req. A missing
// credential sends no auth at all, so the server answers 401 and the caller
// gets an [APIError] that says so.
func (c *Client) applyAuth(ctx context.Context, req *http.Request, a authScheme) error {
	switch a.kind {
	case authNone:
		// The operation needs no credentials; send none even when the
		// client has some.
	case authBearer:
		tok, err := c.accessToken(ctx)
		if err != nil || tok == "" {
			return err
		}
		name, prefix := a.name, a.prefix
		if name == "" {
			name = "Authorization"
		}
		if prefix == "" {
			prefix = "Bearer"
		}
		req.Header.Set(name, prefix+" "+tok)
	case authOAuth2Query:
		tok, err := c.accessToken(ctx)
		if err != nil || tok == "" {
			return err
		}
		name := a.name
		if name == "" {
			name = "access_token"
		}
		setURLQuery(req, name, withPrefix(a.prefix, tok))
	case authBasic:
		if c.creds.basic {
			req.SetBasicAuth(c.creds.username, c.creds.password)
		}
	case authAPIKeyHeader:
		if c.creds.apiKey != "" && a.name != "" {
			req.Header.Set(a.name, withPrefix(a.prefix, c.creds.apiKey))
		}
	case authAPIKeyQuery:
		if c.creds.apiKey != "" && a.name != "" {
			setURLQuery(req, a.name, withPrefix(a.prefix, c.creds.apiKey))
		}
	}
	return nil
}

// withPrefix returns "prefix value", or value alone when prefix is "".
func withPrefix(prefix, value string) string {
	if prefix == "" {
		return value
	}
	return prefix + " " + value
}

// setURLQuery sets one query parameter of req's URL, replacing any values the
// operation gave it.
func setURLQuery(req *http.Request, name, value string) {
	q := req.URL.Query()
	q.Set(name, value)
	req.URL.RawQuery = q.Encode()
}
