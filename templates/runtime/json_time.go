package runtime

import (
	"encoding/json"
	"time"
)

// Time is a date-time written in JSON as an RFC 3339 string. It embeds
// time.Time, so t.Time is the time.Time and its methods are Time's.
//
// Time remembers the text it was decoded from and writes that text back as
// long as the time and its UTC offset are unchanged, so that forms such as
// "+00:00", ".000Z" and ".120Z" survive a round trip exactly. A Time set
// from Go, or changed after decoding, is written like time.Time writes
// itself (RFC 3339 with nanoseconds as needed); the zero Time is written as
// "0001-01-01T00:00:00Z".
type Time struct {
	time.Time
	raw string
	// rawTime is the time raw holds, as decoded, so that encoding can tell
	// an unchanged Time without parsing raw again.
	rawTime time.Time
}

// MarshalJSON writes the text t was decoded from if t still holds the same
// time, and t.Time in RFC 3339 otherwise.
func (t Time) MarshalJSON() ([]byte, error) {
	var w jsonWriter
	encodeTime(&w, &t)
	return w.bytes(), w.err
}

// UnmarshalJSON decodes an RFC 3339 string and remembers its text. A JSON
// null leaves t unchanged.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	p, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	t.Time, t.raw, t.rawTime = p, s, p
	return nil
}

// sameTime reports whether a and b are the same instant with the same UTC
// offset, which is what decides whether the decoded text still holds.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}

// decodeTime decodes an RFC 3339 date-time string.
func decodeTime(d *jsonReader, v *Time) bool {
	s, ok := d.readString()
	if !ok {
		return false
	}
	p, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return false
	}
	v.Time, v.raw, v.rawTime = p, s, p
	return true
}

// encodeTime writes t as MarshalJSON does.
func encodeTime(w *jsonWriter, t *Time) {
	if t.raw != "" {
		if t.Time == t.rawTime {
			w.string(t.raw)
			return
		}
		if p, err := time.Parse(time.RFC3339, t.raw); err == nil && sameTime(p, t.Time) {
			w.string(t.raw)
			return
		}
	}
	b, err := t.Time.MarshalJSON()
	if err != nil {
		w.fail(err)
		return
	}
	w.buf = append(w.buf, b...)
}

// timeCodec is the codec of Time.
func timeCodec() codec[Time] { return codec[Time]{'"', decodeTime, encodeTime, nil} }
