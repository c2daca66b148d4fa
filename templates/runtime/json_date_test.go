package runtime

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	for _, in := range []string{`"2024-01-02"`, `"0001-01-01"`, `"2024-02-29"`, `"9999-12-31"`} {
		var d Date
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		out, err := json.Marshal(d)
		if err != nil || string(out) != in {
			t.Errorf("round trip of %s = %s, %v", in, out, err)
		}
		if d.Location() != time.UTC || d.Hour() != 0 {
			t.Errorf("%s decodes to %v, want midnight UTC", in, d.Time)
		}
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2024-01-02"`), &d); err != nil {
		t.Fatal(err)
	}
	if d.Year() != 2024 || d.Month() != time.January || d.Day() != 2 {
		t.Errorf("date = %v", d.Time)
	}
	// A time of day or a zone that keeps the day is no change.
	d.Time = d.Add(15 * time.Hour).In(time.FixedZone("", 3600))
	if out, _ := json.Marshal(d); string(out) != `"2024-01-02"` {
		t.Errorf("same day = %s", out)
	}
	d.Time = d.AddDate(0, 0, 1)
	if out, _ := json.Marshal(d); string(out) != `"2024-01-03"` {
		t.Errorf("changed date = %s", out)
	}
	if out, _ := json.Marshal(Date{}); string(out) != `"0001-01-01"` {
		t.Errorf("zero Date = %s", out)
	}
	if out, _ := json.Marshal(Date{Time: time.Date(2024, 5, 6, 23, 0, 0, 0, time.FixedZone("", -7*3600))}); string(out) != `"2024-05-06"` {
		t.Errorf("Date from Go = %s", out)
	}
	d = Date{}
	if err := json.Unmarshal([]byte(`null`), &d); err != nil || !d.IsZero() {
		t.Errorf("null: %v, %v", d, err)
	}
	for _, bad := range []string{`"2024-01-02T03:04:05Z"`, `"2024-1-2"`, `"2024-02-30"`, `" 2024-01-02"`, `"yesterday"`, `5`, `{}`} {
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
}

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{"2024-01-02": true, "2024-13-01": false, "2024-01-02T00:00:00Z": false, "": false} {
		if got := IsDate(s); got != want {
			t.Errorf("IsDate(%q) = %v", s, got)
		}
	}
}
