package runtime

import (
	"net/url"
	"strings"
)

// DataCenter is one of the Zoho data centres an organization's data lives
// in. Each has its own API domain and its own accounts server, which issues
// the access tokens valid there; pass it to [WithDataCenter]. The
// DataCenterUS, DataCenterEU, ... values cover the data centres Zoho lists;
// for another, fill in both fields.
type DataCenter struct {
	// APIDomain is the base URL of the APIs, such as
	// "https://www.zohoapis.com".
	APIDomain string
	// AccountsURL is the base URL of the accounts server, such as
	// "https://accounts.zoho.com".
	AccountsURL string
}

// The data centres Zoho CRM is hosted in, as listed on Zoho's "Multi DC"
// pages for CRM, Bigin and OAuth. Their names carry the DataCenter prefix
// so that they cannot clash with generated names.
var (
	// DataCenterUS is the United States data centre (zoho.com).
	DataCenterUS = DataCenter{APIDomain: "https://www.zohoapis.com", AccountsURL: "https://accounts.zoho.com"}
	// DataCenterEU is the European Union data centre (zoho.eu).
	DataCenterEU = DataCenter{APIDomain: "https://www.zohoapis.eu", AccountsURL: "https://accounts.zoho.eu"}
	// DataCenterIN is the India data centre (zoho.in).
	DataCenterIN = DataCenter{APIDomain: "https://www.zohoapis.in", AccountsURL: "https://accounts.zoho.in"}
	// DataCenterAU is the Australia data centre (zoho.com.au).
	DataCenterAU = DataCenter{APIDomain: "https://www.zohoapis.com.au", AccountsURL: "https://accounts.zoho.com.au"}
	// DataCenterJP is the Japan data centre (zoho.jp).
	DataCenterJP = DataCenter{APIDomain: "https://www.zohoapis.jp", AccountsURL: "https://accounts.zoho.jp"}
	// DataCenterCA is the Canada data centre (zohocloud.ca).
	DataCenterCA = DataCenter{APIDomain: "https://www.zohoapis.ca", AccountsURL: "https://accounts.zohocloud.ca"}
	// DataCenterCN is the China data centre (zoho.com.cn).
	DataCenterCN = DataCenter{APIDomain: "https://www.zohoapis.com.cn", AccountsURL: "https://accounts.zoho.com.cn"}
	// DataCenterSA is the Saudi Arabia data centre (zoho.sa).
	DataCenterSA = DataCenter{APIDomain: "https://www.zohoapis.sa", AccountsURL: "https://accounts.zoho.sa"}
)

// WithDataCenter makes the client talk to the data centre dc: requests go
// to dc.APIDomain, as with [WithBaseURL], and [WithZohoRefreshToken] gets
// its access tokens from dc.AccountsURL. A token issued by one data
// centre's accounts server is not valid in another. Trailing slashes are
// trimmed.
func WithDataCenter(dc DataCenter) Option {
	return func(c *Client) {
		c.baseURL = strings.TrimRight(dc.APIDomain, "/")
		c.accountsURL = strings.TrimRight(dc.AccountsURL, "/")
	}
}

// zohoAccountsURL returns the accounts server for the client: the one
// [WithDataCenter] set, or else the one of the data centre whose API domain
// the base URL is on, such as "https://accounts.zoho.eu" for
// "https://sandbox.zohoapis.eu", or else the United States one.
func (c *Client) zohoAccountsURL() string {
	if c.accountsURL != "" {
		return c.accountsURL
	}
	if u, err := url.Parse(c.baseURL); err == nil {
		host := strings.ToLower(u.Hostname())
		for _, dc := range []DataCenter{DataCenterUS, DataCenterEU, DataCenterIN, DataCenterAU, DataCenterJP, DataCenterCA, DataCenterCN, DataCenterSA} {
			// "www.zohoapis.com" gives "zohoapis.com". A match must end at
			// a dot, so "zohoapis.com.au" is not taken for "zohoapis.com".
			domain := strings.TrimPrefix(strings.TrimPrefix(dc.APIDomain, "https://"), "www.")
			if host == domain || strings.HasSuffix(host, "."+domain) {
				return dc.AccountsURL
			}
		}
	}
	return DataCenterUS.AccountsURL
}
