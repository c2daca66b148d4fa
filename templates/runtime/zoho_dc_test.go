package runtime

import (
	"context"
	"net/http"
	"testing"
)

func TestDataCenters(t *testing.T) {
	// The domains as Zoho's Multi DC pages list them.
	tests := []struct {
		name          string
		dc            DataCenter
		api, accounts string
	}{
		{"US", DataCenterUS, "https://www.zohoapis.com", "https://accounts.zoho.com"},
		{"EU", DataCenterEU, "https://www.zohoapis.eu", "https://accounts.zoho.eu"},
		{"IN", DataCenterIN, "https://www.zohoapis.in", "https://accounts.zoho.in"},
		{"AU", DataCenterAU, "https://www.zohoapis.com.au", "https://accounts.zoho.com.au"},
		{"JP", DataCenterJP, "https://www.zohoapis.jp", "https://accounts.zoho.jp"},
		{"CA", DataCenterCA, "https://www.zohoapis.ca", "https://accounts.zohocloud.ca"},
		{"CN", DataCenterCN, "https://www.zohoapis.com.cn", "https://accounts.zoho.com.cn"},
		{"SA", DataCenterSA, "https://www.zohoapis.sa", "https://accounts.zoho.sa"},
		{"custom, slashes trimmed", DataCenter{APIDomain: "https://api.example/", AccountsURL: "https://auth.example//"}, "https://api.example", "https://auth.example"},
	}
	for _, tt := range tests {
		c := newClient("https://default.invalid", []Option{WithDataCenter(tt.dc)})
		if got := c.BaseURL(); got != tt.api {
			t.Errorf("%s: BaseURL() = %q, want %q", tt.name, got, tt.api)
		}
		if got := c.zohoAccountsURL(); got != tt.accounts {
			t.Errorf("%s: accounts URL = %q, want %q", tt.name, got, tt.accounts)
		}
		// Without WithDataCenter the base URL alone gives the same
		// accounts server.
		if tt.dc.APIDomain == tt.api {
			c = newClient(tt.api, nil)
			if got := c.zohoAccountsURL(); got != tt.accounts {
				t.Errorf("%s: accounts URL from base URL = %q, want %q", tt.name, got, tt.accounts)
			}
		}
	}
}

func TestZohoAccountsURLFromBaseURL(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://sandbox.zohoapis.eu", "https://accounts.zoho.eu"},
		{"https://www.zohoapis.com.au/", "https://accounts.zoho.com.au"},
		{"https://ZOHOAPIS.COM.CN:443", "https://accounts.zoho.com.cn"},
		{"https://zohoapis.com.evil.example", "https://accounts.zoho.com"},
		{"https://notzohoapis.eu", "https://accounts.zoho.com"},
		{"http://127.0.0.1:8080", "https://accounts.zoho.com"},
		{"://bad", "https://accounts.zoho.com"},
	}
	for _, tt := range tests {
		c := newClient(tt.base, nil)
		if got := c.zohoAccountsURL(); got != tt.want {
			t.Errorf("base %q: accounts URL = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestWithDataCenterSendsThere checks that both URLs are used: the token
// comes from the accounts server and the request goes to the API domain.
func TestWithDataCenterSendsThere(t *testing.T) {
	api, acc := newAPIServer(t), newAccountsServer(t)
	c := newClient("https://www.zohoapis.com", []Option{
		WithZohoRefreshToken("id", "secret", "rt"),
		WithDataCenter(DataCenter{APIDomain: api.srv.URL + "/", AccountsURL: acc.srv.URL}),
	})
	if _, err := c.doJSON(context.Background(), &request{method: http.MethodGet, path: "/crm/v8/org", auth: zohoBearer}, nil); err != nil {
		t.Fatal(err)
	}
	if got := api.seen(); len(got) != 1 || got[0] != "Zoho-oauthtoken tok1" {
		t.Errorf("API saw Authorization %q", got)
	}
	if n := acc.hits.Load(); n != 1 {
		t.Errorf("accounts server hit %d times, want 1", n)
	}
}
