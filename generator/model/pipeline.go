package model

import (
	"cmp"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
	"github.com/zcrmgen/zcrmgen/generator/parse"
)

// Build runs every stage before emit (parse, model, name and infer) on
// opts and returns the model of the package to generate. It does no I/O.
// An error names the input and the place in it: a [*parse.Error] for an
// input that cannot be read (the collection or the environment).
func Build(opts Options) (*API, error) {
	col, pw, err := parse.Parse(opts.Name, opts.Data)
	if err != nil {
		return nil, err
	}
	b := &builder{name: opts.Name, col: col, vars: map[string]string{}, secret: map[string]bool{}, api: &API{Package: opts.Package}}
	for _, w := range pw {
		b.warnings = append(b.warnings, Warning{Where: w.Where, Msg: w.Msg})
	}
	b.variables(col)
	overlays := make([]*parse.Collection, len(opts.Overlays))
	for i, in := range opts.Overlays {
		oc, ow, err := parse.Parse(in.Name, in.Data)
		if err != nil {
			return nil, err
		}
		for _, w := range ow {
			b.warnings = append(b.warnings, Warning{Where: w.Where, Msg: w.Msg})
		}
		b.variables(oc)
		overlays[i] = oc
		if a := oc.Postman.Auth; a != nil && a.Type != "" {
			// The last overlay's collection auth is how every request
			// that inherits the collection's is sent.
			col.Postman.Auth = a
		}
	}
	if len(opts.Env) > 0 {
		values, secret, err := parse.Env(cmp.Or(opts.EnvName, "environment"), opts.Env)
		if err != nil {
			return nil, err
		}
		for _, k := range slices.Sorted(maps.Keys(values)) {
			b.vars[k] = values[k]
			if secret[k] || parse.IsSecretName(k) || looksSecret(values[k]) {
				b.secret[k] = true
			}
		}
	}
	api := b.api
	b.build()
	for i, oc := range overlays {
		b.overlay(i+1, opts.Overlays[i].Name, oc)
	}
	// The operations hold everything of the collections that later
	// stages read: the parsed collections are not kept while the types
	// are inferred and the package is rendered.
	b.col, overlays = nil, nil
	b.baseURL()
	api.AuthKinds = authKinds(api.Operations)
	api.Zoho = targetsZoho(api)

	namer := naming.NewWith(naming.DefaultInitialisms(), MethodNames())
	pkg := naming.NewScope(reservedNames()...)
	nameAll(api, namer, pkg)
	b.inferTypes(api, infer.NewGraph(namer, pkg))
	if api.Zoho {
		namePagers(api, pkg)
	}
	api.numbered = pkg.Numbered()
	api.Warnings = b.warnings
	return api, nil
}

// variables takes the collection variables of col that no collection read
// before defines (the last of a key col repeats wins).
func (b *builder) variables(col *parse.Collection) {
	before := maps.Clone(b.vars)
	for _, v := range col.Postman.Variables {
		if v == nil || v.Key == "" {
			continue
		}
		if _, ok := before[v.Key]; ok {
			continue
		}
		b.vars[v.Key] = v.Value
		if parse.IsSecretName(v.Key) || looksSecret(v.Value) {
			b.secret[v.Key] = true
		}
	}
}

// baseURL picks the host most requests use (the first in collection order
// on a tie) as the client's base URL. A host that is a {{variable}} takes
// the variable's value as the default, unless it holds a credential.
func (b *builder) baseURL() {
	count := map[string]int{}
	var order []string
	for _, op := range b.api.Operations {
		if op.Host == "" {
			continue
		}
		if count[op.Host] == 0 {
			order = append(order, op.Host)
		}
		count[op.Host]++
	}
	best := ""
	for _, h := range order {
		if count[h] > count[best] {
			best = h
		}
	}
	b.api.Hosts = append([]string{}, order...)
	sort.Strings(b.api.Hosts)
	if best == "" {
		return
	}
	pieces := splitVars(best)
	if len(pieces) == 1 && pieces[0].isVar {
		b.api.BaseURLVar = pieces[0].text
	}
	resolved := b.resolve(best)
	if strings.Contains(resolved, "{{") {
		return
	}
	if !strings.Contains(resolved, "://") {
		resolved = "https://" + resolved
	}
	b.api.BaseURL = strings.TrimRight(resolved, "/")
	for _, op := range b.api.Operations {
		if op.Host == "" || op.Host == best {
			continue
		}
		host := b.resolve(op.Host)
		if strings.Contains(host, "{{") {
			b.warn(op.Where, "host %q differs from the client's base URL host %q and has no value; requests go to the base URL", op.Host, best)
			continue
		}
		if !strings.Contains(host, "://") {
			host = "https://" + host
		}
		op.HostURL = strings.TrimRight(host, "/")
	}
}

// targetsZoho reports a collection for Zoho's APIs: a Zoho host, or a
// Zoho-oauthtoken auth prefix.
func targetsZoho(api *API) bool {
	if u, err := url.Parse(api.BaseURL); err == nil && (strings.HasPrefix(u.Hostname(), "zohoapis.") || strings.Contains(u.Hostname(), ".zohoapis.")) {
		return true
	}
	for _, op := range api.Operations {
		if strings.EqualFold(op.Auth.Prefix, "Zoho-oauthtoken") {
			return true
		}
	}
	return false
}

func authKinds(ops []*Operation) []AuthKind {
	seen := map[AuthKind]bool{}
	var out []AuthKind
	for _, op := range ops {
		if op.Auth.Kind != AuthNone && !seen[op.Auth.Kind] {
			seen[op.Auth.Kind] = true
			out = append(out, op.Auth.Kind)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
