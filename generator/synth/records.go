package synth

import (
	"fmt"
	"strings"
	"time"
)

// ist is the offset Zoho uses for an organisation in India; every time in
// the samples carries it, as in "2024-03-12T10:31:05+05:30".
var ist = time.FixedZone("IST", 5*3600+1800)

// epoch is the earliest sample time. Times fall in the half year after it.
var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, ist)

// gen makes the sample values of one module from the module's own stream.
type gen struct {
	r *rng
	m module
}

// recordID returns a 19-digit Zoho record id.
func (g *gen) recordID() string {
	return fmt.Sprintf("58431040000%08d", g.r.intn(100_000_000))
}

func (g *gen) instant() time.Time {
	return epoch.Add(time.Duration(g.r.intn(182*24*3600)) * time.Second)
}

func (g *gen) when() string { return g.instant().Format(time.RFC3339) }
func (g *gen) day() string  { return g.instant().Format(time.DateOnly) }
func (g *gen) user() user   { return pick(g.r, users) }

func (g *gen) sentence() string {
	w := pick(g.r, words)
	return strings.ToUpper(w[:1]) + w[1:] + " " + pick(g.r, words) + " " + pick(g.r, words)
}

func (g *gen) email() string {
	company := strings.ToLower(strings.NewReplacer(" ", "-", ".", "").Replace(pick(g.r, companies)))
	return strings.ToLower(pick(g.r, firstNames)+"."+pick(g.r, lastNames)) + "@" + company + ".example"
}

// value returns one sample value of f. In a sparse record a decimal is
// sometimes whole (Zoho then sends 860000, not 860000.0), which a type
// inferrer must still read as a float.
func (g *gen) value(f field, sparse bool) any {
	switch f.kind {
	case kText:
		if len(f.opts) > 0 {
			return pick(g.r, f.opts)
		}
		return g.sentence()
	case kPick:
		return pick(g.r, f.opts)
	case kEmail:
		return g.email()
	case kPhone:
		return fmt.Sprintf("+91 %d %04d %04d", g.r.between(20, 99), g.r.intn(10000), g.r.intn(10000))
	case kURL:
		return "https://" + pick(g.r, words) + "-" + pick(g.r, words) + ".example"
	case kInt:
		return g.r.between(1, 5000)
	case kFloat:
		whole := float64(g.r.between(100, 3_000_000))
		if sparse && g.r.chance(30) {
			return whole
		}
		return whole + []float64{0.25, 0.5, 0.75}[g.r.intn(3)]
	case kBool:
		return g.r.chance(50)
	case kTime:
		return g.when()
	case kDate:
		return g.day()
	case kLookup:
		return obj{{"name", pick(g.r, companies)}, {"id", g.recordID()}}
	case kMulti:
		a := arr{}
		for _, o := range f.opts {
			if g.r.chance(40) {
				a = append(a, o)
			}
		}
		return a
	}
	panic(fmt.Sprintf("synth: field %s has unknown kind %d (bug in synth)", f.name, f.kind))
}

// addFields appends a value for each of fs. In a sparse record every field
// but the first (the one Zoho requires) is null one time in six and left
// out one time in six.
func (g *gen) addFields(o *obj, fs []field, sparse bool) {
	for i, f := range fs {
		if sparse && i > 0 {
			switch g.r.intn(6) {
			case 0:
				o.set(f.name, nil)
				continue
			case 1:
				continue
			}
		}
		o.set(f.name, g.value(f, sparse))
	}
}

func (g *gen) tags() arr {
	a := arr{}
	for _, t := range tags {
		if g.r.chance(35) {
			a = append(a, t)
		}
	}
	return a
}

// fullRecord is a record as GET .../:record_id returns it: the module's
// fields mixed with the $-prefixed system keys and the shared user shapes.
func (g *gen) fullRecord(sparse bool) obj {
	created := g.instant()
	o := obj{{"Owner", g.user().full()}}
	g.addFields(&o, g.m.fields, sparse)
	o = append(o,
		member{"$currency_symbol", "$"},
		member{"$field_states", nil},
		member{"$sharing_permission", "full_access"},
		member{"$state", "save"},
		member{"$process_flow", false},
		member{"id", g.recordID()},
		member{"$approved", true},
		member{"$approval", obj{{"delegate", false}, {"approve", false}, {"reject", false}, {"resubmit", false}}},
		member{"Created_Time", created.Format(time.RFC3339)},
		member{"$editable", true},
		member{"$review_process", obj{{"approve", false}, {"reject", false}, {"resubmit", false}}},
		member{"$review", nil},
		member{"Created_By", g.user().full()},
		member{"Modified_By", g.user().full()},
		member{"Modified_Time", created.Add(time.Duration(g.r.intn(30*24*3600)) * time.Second).Format(time.RFC3339)},
		member{"Tag", g.tags()},
		member{"$in_merge", false},
		member{"$locked_for_me", false},
	)
	return o
}

// listFields are the fields a list or search asks for with ?fields=: the
// first few of the module.
func (g *gen) listFields() []field {
	return g.m.fields[:min(len(g.m.fields), 6)]
}

// listRecord is a record as a list or search returns it: id, Owner, the
// requested fields and a few system fields.
func (g *gen) listRecord(sparse bool) obj {
	o := obj{{"id", g.recordID()}, {"Owner", g.user().full()}}
	g.addFields(&o, g.listFields(), sparse)
	created := g.instant()
	o = append(o,
		member{"Tag", g.tags()},
		member{"Created_Time", created.Format(time.RFC3339)},
		member{"Modified_Time", created.Add(time.Duration(g.r.intn(30*24*3600)) * time.Second).Format(time.RFC3339)},
	)
	return o
}

// input is a record as a create request sends it: only module fields.
func (g *gen) input() obj {
	var o obj
	g.addFields(&o, g.m.fields[:min(len(g.m.fields), 8)], false)
	return o
}

// outcome is one entry of the data array a write returns.
func (g *gen) outcome(message string, created bool) obj {
	id := g.recordID()
	mod := g.instant()
	ct := mod
	if !created {
		ct = mod.Add(-time.Duration(g.r.intn(60*24*3600)) * time.Second)
	}
	by := g.user().short()
	return obj{
		{"code", "SUCCESS"},
		{"details", obj{
			{"Modified_Time", mod.Format(time.RFC3339)},
			{"Modified_By", by},
			{"Created_Time", ct.Format(time.RFC3339)},
			{"id", id},
			{"Created_By", g.user().short()},
		}},
		{"message", message},
		{"status", "success"},
	}
}

// Zoho's error bodies. A failed call answers with one of these at the top
// level; a write reports per-record failures inside its data array.
func apiError(code, message string, details obj) obj {
	if details == nil {
		details = obj{}
	}
	return obj{{"code", code}, {"details", details}, {"message", message}, {"status", "error"}}
}

func invalidToken() obj { return apiError("INVALID_TOKEN", "invalid oauth token", nil) }

func notFound() obj {
	return apiError("INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one", nil)
}

func invalidModule() obj {
	return apiError("INVALID_MODULE", "the module name given seems to be invalid", obj{{"resource_path_index", 0}})
}

func mandatoryMissing(f string) obj {
	return obj{{"data", arr{apiError("MANDATORY_NOT_FOUND", "required field not found",
		obj{{"api_name", f}, {"json_path", "$.data[0]." + f}})}}}
}
