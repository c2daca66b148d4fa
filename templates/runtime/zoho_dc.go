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
	// UploadURL is the base URL of the host that takes file uploads, such
	// as "https://content.zohoapis.com"; "" when unknown.
	UploadURL string
}

// The data centres Zoho CRM is hosted in, as listed on Zoho's "Multi DC"
// pages for CRM, Bigin and OAuth. Their names carry the DataCenter prefix
// so that they cannot clash with generated names.
var (
	// DataCenterUS is the United States data centre (zoho.com).
	DataCenterUS = DataCenter{APIDomain: "https://www.zohoapis.com", AccountsURL: "https://accounts.zoho.com", UploadURL: "https://content.zohoapis.com"}
	// DataCenterEU is the European Union data centre (zoho.eu).
	DataCenterEU = DataCenter{APIDomain: "https://www.zohoapis.eu", AccountsURL: "https://accounts.zoho.eu", UploadURL: "https://content.zohoapis.eu"}
	// DataCenterIN is the India data centre (zoho.in).
	DataCenterIN = DataCenter{APIDomain: "https://www.zohoapis.in", AccountsURL: "https://accounts.zoho.in", UploadURL: "https://content.zohoapis.in"}
	// DataCenterAU is the Australia data centre (zoho.com.au).
	DataCenterAU = DataCenter{APIDomain: "https://www.zohoapis.com.au", AccountsURL: "https://accounts.zoho.com.au", UploadURL: "https://content.zohoapis.com.au"}
	// DataCenterJP is the Japan data centre (zoho.jp).
	DataCenterJP = DataCenter{APIDomain: "https://www.zohoapis.jp", AccountsURL: "https://accounts.zoho.jp", UploadURL: "https://content.zohoapis.jp"}
	// DataCenterCA is the Canada data centre (zohocloud.ca).
	DataCenterCA = DataCenter{APIDomain: "https://www.zohoapis.ca", AccountsURL: "https://accounts.zohocloud.ca", UploadURL: "https://upload.zohocloud.ca"}
	// DataCenterCN is the China data centre (zoho.com.cn).
	DataCenterCN = DataCenter{APIDomain: "https://www.zohoapis.com.cn", AccountsURL: "https://accounts.zoho.com.cn", UploadURL: "https://content.zohoapis.com.cn"}
	// DataCenterSA is the Saudi Arabia data centre (zoho.sa).
	DataCenterSA = DataCenter{APIDomain: "https://www.zohoapis.sa", AccountsURL: "https://accounts.zoho.sa", UploadURL: "https://files.zoho.sa"}
)

// zohoDataCenters are the data centres Zoho lists, in the order above.
func zohoDataCenters() []DataCenter {
	return []DataCenter{DataCenterUS, DataCenterEU, DataCenterIN, DataCenterAU, DataCenterJP, DataCenterCA, DataCenterCN, DataCenterSA}
}

// zohoLegacyUploadURL is the upload host Zoho's older documentation names
// for every data centre; operations described with it are sent to the data
// centre's UploadURL by [WithDataCenter].
const zohoLegacyUploadURL = "https://upload.zoho.com"

// The environments of a data centre: the first label of the API domain's
// host.
const (
	zohoProduction = "www"
	zohoSandbox    = "sandbox"
	zohoDeveloper  = "developer"
)

// Production returns the production environment of the data centre, the
// one its DataCenter value names: API domain "https://www.zohoapis.com" for
// the United States.
func (dc DataCenter) Production() DataCenter { return dc.environment(zohoProduction) }

// Sandbox returns the sandbox environment of the data centre: the same
// accounts server and upload host, and the API domain whose first label is
// "sandbox", such as "https://sandbox.zohoapis.eu". A token for the
// sandbox is issued by the same accounts server as one for production.
func (dc DataCenter) Sandbox() DataCenter { return dc.environment(zohoSandbox) }

// Developer returns the developer environment of the data centre: the API
// domain whose first label is "developer", such as
// "https://developer.zohoapis.com".
func (dc DataCenter) Developer() DataCenter { return dc.environment(zohoDeveloper) }

// environment returns dc with the first label of its API domain's host
// replaced by env. A domain whose first label is not one of the three
// environments' is left as it is.
func (dc DataCenter) environment(env string) DataCenter {
	scheme, rest, ok := strings.Cut(dc.APIDomain, "://")
	if !ok {
		return dc
	}
	label, domain, ok := strings.Cut(rest, ".")
	switch {
	case !ok:
		return dc
	case label == zohoProduction, label == zohoSandbox, label == zohoDeveloper:
		dc.APIDomain = scheme + "://" + env + "." + domain
	}
	return dc
}

// zohoDataCenterOf returns the data centre whose API domain serves host in
// any environment, such as DataCenterEU for "sandbox.zohoapis.eu", and the
// environment's label; ok is false when host is no Zoho API host.
func zohoDataCenterOf(host string) (dc DataCenter, env string, ok bool) {
	host = strings.ToLower(host)
	for _, dc := range zohoDataCenters() {
		// "https://www.zohoapis.com" gives "zohoapis.com". A match must
		// end at a dot, so "zohoapis.com.au" is not taken for
		// "zohoapis.com".
		domain := strings.TrimPrefix(strings.TrimPrefix(dc.APIDomain, "https://"), zohoProduction+".")
		if host == domain {
			return dc, "", true
		}
		if label, ok := strings.CutSuffix(host, "."+domain); ok {
			return dc, label, true
		}
	}
	return DataCenter{}, "", false
}

// WithDataCenter makes the client talk to the data centre dc: requests go
// to dc.APIDomain, as with [WithBaseURL], and [WithZohoRefreshToken] and
// [WithZohoOAuth] get their access tokens from dc.AccountsURL. A token
// issued by one data centre's accounts server is not valid in another.
// Pass dc.Sandbox() or dc.Developer() for those environments.
// WithHostURL("https://accounts.zoho.com", u) sets the accounts server
// alone.
//
// When dc.UploadURL is set, the operations that the API describes on an
// upload host (any data centre's UploadURL, or "https://upload.zoho.com")
// are sent to dc.UploadURL, as [WithHostURL] would; a WithHostURL option
// given after this one overrides that. Trailing slashes are trimmed.
func WithDataCenter(dc DataCenter) Option {
	return func(c *Client) {
		c.baseURL = strings.TrimRight(dc.APIDomain, "/")
		if dc.AccountsURL != "" {
			// The client's host map knows the accounts server by the
			// United States one's URL.
			WithHostURL(DataCenterUS.AccountsURL, dc.AccountsURL)(c)
		}
		if dc.UploadURL == "" {
			return
		}
		for _, h := range append(zohoDataCenters(), DataCenter{UploadURL: zohoLegacyUploadURL}) {
			WithHostURL(h.UploadURL, dc.UploadURL)(c)
		}
	}
}

// ZohoUploadURL returns the base URL that file uploads go to: the upload
// host of the data centre of the client's API domain (after the accounts
// server named one, that one), such as "https://content.zohoapis.eu";
// else the one [WithDataCenter] or [WithHostURL] set for
// "https://content.zohoapis.com"; else that one. An operation that uploads
// files and that the generated client sends to another host can be
// redirected with WithHostURL(host, c.ZohoUploadURL()).
func (c *Client) ZohoUploadURL() string {
	if u, err := url.Parse(c.BaseURL()); err == nil {
		if dc, _, ok := zohoDataCenterOf(u.Hostname()); ok {
			return dc.UploadURL
		}
	}
	if u, ok := c.hosts[DataCenterUS.UploadURL]; ok {
		return u
	}
	return DataCenterUS.UploadURL
}

// zohoAccountsURL returns the accounts server for the client: the one
// [WithDataCenter] (or WithHostURL for "https://accounts.zoho.com") set,
// or else the one of the data centre whose API domain the base URL is on,
// such as "https://accounts.zoho.eu" for "https://sandbox.zohoapis.eu", or
// else the United States one.
func (c *Client) zohoAccountsURL() string {
	if u, ok := c.hosts[DataCenterUS.AccountsURL]; ok {
		return u
	}
	if u, err := url.Parse(c.baseURL); err == nil {
		if dc, _, ok := zohoDataCenterOf(u.Hostname()); ok {
			return dc.AccountsURL
		}
	}
	return DataCenterUS.AccountsURL
}
