package runtime

import (
	"encoding/json"
	"time"
)

// Date is a calendar date written in JSON as a full-date string such as
// "2024-01-02" (RFC 3339's full-date, OpenAPI's format "date"). It embeds
// time.Time, so d.Time is the date at midnight UTC and its methods are
// Time's.
//
// Date remembers the text it was decoded from and writes that text back as
// long as the date (year, month and day of d.Time in its own location) is
// unchanged. A Date set from Go, or changed after decoding, is written as
// the date of d.Time in its own location, so Date{Time: time.Date(2024, 1,
// 2, 0, 0, 0, 0, time.UTC)} is written as "2024-01-02" and the time of day
// is dropped. The zero Date is written as "0001-01-01"; a member that may
// be absent is a pointer, nil when absent.
type Date struct {
	time.Time
	raw string
}

// parseDate reads a full date: four-digit year, two-digit month and day,
// nothing around them.
func parseDate(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

// MarshalJSON writes the text d was decoded from if d still holds the same
// date, and the date of d.Time otherwise.
func (d Date) MarshalJSON() ([]byte, error) {
	var w jsonWriter
	encodeDate(&w, &d)
	return w.bytes(), w.err
}

// UnmarshalJSON decodes a full-date string and remembers its text. A JSON
// null leaves d unchanged.
func (d *Date) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	p, err := parseDate(s)
	if err != nil {
		return err
	}
	d.Time, d.raw = p, s
	return nil
}

// sameDate reports whether a and b fall on the same day, each in its own
// location.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// decodeDate decodes a full-date string.
func decodeDate(d *jsonReader, v *Date) bool {
	s, ok := d.readString()
	if !ok {
		return false
	}
	p, err := parseDate(s)
	if err != nil {
		return false
	}
	v.Time, v.raw = p, s
	return true
}

// encodeDate writes d as MarshalJSON does.
func encodeDate(w *jsonWriter, d *Date) {
	if d.raw != "" {
		if p, err := parseDate(d.raw); err == nil && sameDate(p, d.Time) {
			w.string(d.raw)
			return
		}
	}
	w.string(d.Time.Format(time.DateOnly))
}

// dateCodec is the codec of Date.
func dateCodec() codec[Date] { return codec[Date]{'"', decodeDate, encodeDate, nil} }
