// Command bulkexport exports the records of a Zoho CRM module with Zoho's
// bulk read API and writes them to stdout, as CSV or as JSON lines, with
// the client that zcrmgen generates in ./zohocrm.
//
// It creates a bulk read job, waits for it, downloads the ZIP archive Zoho
// makes into a temporary file and streams the CSV rows out of it, one at a
// time, then goes on with the next job while Zoho says there are more
// records (200,000 records a job). A download cut short is resumed or made
// again. Progress goes to stderr.
//
// It gets its access tokens with an OAuth 2 refresh token, read from the
// environment together with the app it was issued to:
//
//	ZOHO_CLIENT_ID      the client ID of the app (Zoho API console)
//	ZOHO_CLIENT_SECRET  the client secret of the app
//	ZOHO_REFRESH_TOKEN  a refresh token with the scopes ZohoCRM.bulk.read
//	                    and ZohoCRM.modules.{module}.READ
//
// Usage:
//
//	bulkexport [-module Leads] [-fields A,B] [-format csv|jsonl] [-dc eu] [-q]
//
// The flags are:
//
//	-module NAME
//		the API name of the module to export (default Leads)
//	-fields A,B,...
//		the API names of the fields to export; none exports them all
//	-format csv|jsonl
//		write CSV with a header row (default), or one JSON object a line
//	-dc NAME
//		the data centre of the organization: us, eu, in, au, jp, ca, cn
//		or sa (default eu)
//	-poll D
//		the first wait between two status calls (default 2s); it doubles
//		up to a minute
//	-q
//		do not report progress on stderr
//	-api-domain URL, -accounts-url URL
//		replace the data centre's API domain or accounts server, for a
//		sandbox or a local test server
//
// Exit status: 0 on success, 1 when the export fails, 2 on a usage error.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"example.com/bulkexport/zohocrm"
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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the command line and the environment ask for.
type config struct {
	dc                        zohocrm.DataCenter
	module                    string
	fields                    []string
	jsonl, quiet              bool
	poll                      time.Duration
	clientID, secret, refresh string
}

// run is the program: it reads args and the environment through getenv,
// writes the records to stdout and progress and problems to stderr, and
// returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parse(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "bulkexport: %v\n", err)
		return 2
	}
	c := zohocrm.NewClient(
		zohocrm.WithDataCenter(cfg.dc),
		zohocrm.WithZohoRefreshToken(cfg.clientID, cfg.secret, cfg.refresh),
		zohocrm.WithUserAgent("bulkexport"),
		zohocrm.WithRetry(zohocrm.RetryPolicy{MaxAttempts: 3}),
	)
	if err := export(ctx, c, cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "bulkexport: %v\n", err)
		return 1
	}
	return 0
}

// parse reads the flags and the credentials. Usage errors and -h print
// the usage to stderr.
func parse(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("bulkexport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	module := fs.String("module", "Leads", "the API name of the module to export")
	fields := fs.String("fields", "", "the API names of the fields to export, comma-separated; none exports them all")
	format := fs.String("format", "csv", "the output: csv or jsonl")
	dc := fs.String("dc", "eu", "the data centre: us, eu, in, au, jp, ca, cn or sa")
	poll := fs.Duration("poll", 2*time.Second, "the first wait between two status calls")
	quiet := fs.Bool("q", false, "do not report progress on stderr")
	apiDomain := fs.String("api-domain", "", "replace the data centre's API domain")
	accountsURL := fs.String("accounts-url", "", "replace the data centre's accounts server")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: bulkexport [-module Leads] [-fields A,B] [-format csv|jsonl] [-dc eu] [-poll 2s] [-q] [-api-domain URL] [-accounts-url URL]")
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
		module:   *module,
		quiet:    *quiet,
		poll:     *poll,
		clientID: getenv("ZOHO_CLIENT_ID"),
		secret:   getenv("ZOHO_CLIENT_SECRET"),
		refresh:  getenv("ZOHO_REFRESH_TOKEN"),
	}
	if *fields != "" {
		cfg.fields = strings.Split(*fields, ",")
	}
	switch *format {
	case "csv":
	case "jsonl":
		cfg.jsonl = true
	default:
		return config{}, fmt.Errorf("-format %q: want csv or jsonl", *format)
	}
	if cfg.module == "" {
		return config{}, errors.New("-module: want a module's API name")
	}
	if cfg.poll <= 0 {
		return config{}, fmt.Errorf("-poll %v: want more than 0", cfg.poll)
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

// export runs the bulk read and writes each row as it arrives: the CSV
// header once, then the rows, or one JSON object a row with the columns
// in the CSV's order. Progress is reported on stderr when it changes.
func export(ctx context.Context, c *zohocrm.Client, cfg config, stdout, stderr io.Writer) error {
	out := bufio.NewWriter(stdout)
	cw := csv.NewWriter(out)
	last := ""
	opts := &zohocrm.BulkOptions{
		PollInterval: cfg.poll,
		Progress: func(p zohocrm.BulkProgress) {
			line := fmt.Sprintf("bulkexport: job %s, page %d: %s, %d rows", p.JobID, p.Page, p.State, p.Rows)
			if !cfg.quiet && line != last {
				fmt.Fprintln(stderr, line)
				last = line
			}
		},
	}
	q := zohocrm.BulkReadQuery{Module: cfg.module, Fields: cfg.fields}
	wroteHeader := false
	for row, err := range c.BulkReadRows(ctx, q, opts) {
		if err != nil {
			cw.Flush()
			out.Flush()
			return err
		}
		if cfg.jsonl {
			if err := writeJSONLine(out, row); err != nil {
				return err
			}
			continue
		}
		if !wroteHeader {
			if err := cw.Write(row.Header); err != nil {
				return err
			}
			wroteHeader = true
		}
		if err := cw.Write(row.Values); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return out.Flush()
}

// writeJSONLine writes row as one JSON object, its members in the order of
// the CSV's columns, and a newline.
func writeJSONLine(w io.Writer, row zohocrm.BulkRow) error {
	var b strings.Builder
	b.WriteByte('{')
	for i, name := range row.Header {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(name)
		if err != nil {
			return err
		}
		cell := ""
		if i < len(row.Values) {
			cell = row.Values[i]
		}
		v, err := json.Marshal(cell)
		if err != nil {
			return err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
