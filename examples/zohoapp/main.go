// Command zohoapp prints the names of the leads of a Zoho CRM organization,
// one a line, with the client that zcrmgen generates in ./zohocrm.
//
// It gets its access tokens with an OAuth 2 refresh token, read from the
// environment together with the app it was issued to:
//
//	ZOHO_CLIENT_ID      the client ID of the app (Zoho API console)
//	ZOHO_CLIENT_SECRET  the client secret of the app
//	ZOHO_REFRESH_TOKEN  a refresh token with the scope ZohoCRM.modules.leads.READ
//
// These are read from the environment only, never from flags, which show up
// in process listings and shell history.
//
// Usage:
//
//	zohoapp [-dc eu] [-max 200] [-api-domain URL] [-accounts-url URL]
//
// The flags are:
//
//	-dc NAME
//		the data centre of the organization: us, eu, in, au, jp, ca, cn
//		or sa (default eu)
//	-max N
//		print at most N leads (default 200); 0 prints them all
//	-api-domain URL, -accounts-url URL
//		replace the data centre's API domain or accounts server, for a
//		sandbox or a local test server
//
// Exit status: 0 on success, 1 when Zoho refuses or cannot be reached, 2 on
// a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"example.com/zohoapp/zohocrm"
)

// dataCenters maps the values of -dc to Zoho's data centres.
var dataCenters = map[string]zohocrm.DataCenter{
	"us": zohocrm.DataCenterUS,
	"eu": zohocrm.DataCenterEU,
	"in": zohocrm.DataCenterIN,
	"au": zohocrm.DataCenterAU,
	"jp": zohocrm.DataCenterJP,
	"ca": zohocrm.DataCenterCA,
	"cn": zohocrm.DataCenterCN,
	"sa": zohocrm.DataCenterSA,
}

// maxPerPage is the largest per_page that Zoho accepts.
const maxPerPage = 200

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the command line and the environment ask for.
type config struct {
	dc                        zohocrm.DataCenter
	max                       int
	clientID, secret, refresh string
}

// run is the program: it reads args and the environment through getenv,
// prints the leads to stdout and problems to stderr, and returns the exit
// status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parse(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "zohoapp: %v\n", err)
		return 2
	}
	c := zohocrm.NewClient(
		zohocrm.WithDataCenter(cfg.dc),
		zohocrm.WithZohoRefreshToken(cfg.clientID, cfg.secret, cfg.refresh),
		zohocrm.WithUserAgent("zohoapp"),
	)
	if err := printLeads(ctx, c, cfg.max, stdout); err != nil {
		fmt.Fprintf(stderr, "zohoapp: %v\n", err)
		return 1
	}
	return 0
}

// parse reads the flags and the credentials. Usage errors and -h print
// the usage to stderr.
func parse(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("zohoapp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dc := fs.String("dc", "eu", "the data centre: us, eu, in, au, jp, ca, cn or sa")
	maxLeads := fs.Int("max", maxPerPage, "print at most this many leads; 0 prints them all")
	apiDomain := fs.String("api-domain", "", "replace the data centre's API domain")
	accountsURL := fs.String("accounts-url", "", "replace the data centre's accounts server")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: zohoapp [-dc eu] [-max 200] [-api-domain URL] [-accounts-url URL]")
		fmt.Fprintln(fs.Output(), "environment: ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg := config{
		max:      *maxLeads,
		clientID: getenv("ZOHO_CLIENT_ID"),
		secret:   getenv("ZOHO_CLIENT_SECRET"),
		refresh:  getenv("ZOHO_REFRESH_TOKEN"),
	}
	var ok bool
	if cfg.dc, ok = dataCenters[strings.ToLower(*dc)]; !ok {
		return config{}, fmt.Errorf("-dc %q: want us, eu, in, au, jp, ca, cn or sa", *dc)
	}
	if *apiDomain != "" {
		cfg.dc.APIDomain = *apiDomain
	}
	if *accountsURL != "" {
		cfg.dc.AccountsURL = *accountsURL
	}
	if cfg.max < 0 {
		return config{}, fmt.Errorf("-max %d: want 0 or more", cfg.max)
	}
	var missing []string
	for _, env := range []struct{ name, value string }{
		{"ZOHO_CLIENT_ID", cfg.clientID},
		{"ZOHO_CLIENT_SECRET", cfg.secret},
		{"ZOHO_REFRESH_TOKEN", cfg.refresh},
	} {
		if env.value == "" {
			missing = append(missing, env.name)
		}
	}
	if len(missing) > 0 {
		return config{}, fmt.Errorf("set %s in the environment", strings.Join(missing, ", "))
	}
	return cfg, nil
}

// printLeads prints the names of up to limit leads (all of them when limit
// is 0), in the order Zoho lists them. ListRecordsAll fetches the pages as
// the loop needs them, by page number and then by page_token, which Zoho
// requires beyond the 2,000th record; leaving the loop fetches no more.
func printLeads(ctx context.Context, c *zohocrm.Client, limit int, w io.Writer) error {
	perPage := maxPerPage
	if limit > 0 {
		perPage = min(perPage, limit)
	}
	params := &zohocrm.ListRecordsParams{
		Fields:  new("First_Name,Last_Name"),
		PerPage: new(int64(perPage)),
	}
	n := 0
	for lead, err := range c.ListRecordsAll(ctx, "Leads", params) {
		if err != nil {
			return fmt.Errorf("list leads: %w", err)
		}
		if _, err := fmt.Fprintln(w, name(lead)); err != nil {
			return err
		}
		if n++; n == limit {
			break
		}
	}
	return nil
}

// name returns "First Last", or the last name alone when the lead has no
// first name. Every field of a reply may be absent (nil), and First_Name may
// also be null (a Nullable that is not Valid).
func name(lead zohocrm.ListRecordsResponseData) string {
	last := ""
	if lead.LastName != nil {
		last = *lead.LastName
	}
	if !lead.FirstName.Valid || lead.FirstName.Value == "" {
		return last
	}
	return lead.FirstName.Value + " " + last
}
