package runtime

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// jsonTestRecord is written the way the generator writes object types.
type jsonTestRecord struct {
	ID     string                     `json:"id"`
	Name   *string                    `json:"name,omitempty"`
	Owner  string                     `json:"Owner"`
	Owner2 *string                    `json:"owner,omitempty"`
	Empty  *int64                     // key ""
	Extra  map[string]json.RawMessage `json:"-"`
}

func (r jsonTestRecord) MarshalJSON() ([]byte, error) {
	var enc objectEncoder
	enc.field("id", r.ID)
	if r.Name != nil {
		enc.field("name", r.Name)
	}
	enc.field("Owner", r.Owner)
	if r.Owner2 != nil {
		enc.field("owner", r.Owner2)
	}
	if r.Empty != nil {
		enc.field("", r.Empty)
	}
	return enc.end(r.Extra)
}

func (r *jsonTestRecord) UnmarshalJSON(data []byte) error {
	*r = jsonTestRecord{}
	return decodeObject(data, func(key string, raw json.RawMessage) (bool, error) {
		switch key {
		case "id":
			return true, json.Unmarshal(raw, &r.ID)
		case "name":
			return true, json.Unmarshal(raw, &r.Name)
		case "Owner":
			return true, json.Unmarshal(raw, &r.Owner)
		case "owner":
			return true, json.Unmarshal(raw, &r.Owner2)
		case "":
			return true, json.Unmarshal(raw, &r.Empty)
		}
		return false, nil
	}, &r.Extra)
}

func TestObjectRoundTrip(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"id":"1","name":"a","Owner":"O","owner":"o","":7}`, `{"id":"1","name":"a","Owner":"O","owner":"o","":7}`},
		{`{"owner":"o","id":"1","Owner":"O"}`, `{"id":"1","Owner":"O","owner":"o"}`},
		// Unknown members are kept and written after the fields, by key.
		{`{"zz":[1, 2],"id":"1","Owner":"O","b":{"x":null},"OWNER":1}`, `{"id":"1","Owner":"O","OWNER":1,"b":{"x":null},"zz":[1,2]}`},
		// The last of two equal keys wins.
		{`{"id":"1","id":"2","Owner":"O","a":1,"a":2}`, `{"id":"2","Owner":"O","a":2}`},
		{`{}`, `{"id":"","Owner":""}`},
		{`null`, `{"id":"","Owner":""}`},
	} {
		var r jsonTestRecord
		if err := json.Unmarshal([]byte(tc.in), &r); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tc.in, err)
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if string(out) != tc.want {
			t.Errorf("round trip of %s = %s, want %s", tc.in, out, tc.want)
		}
		// A pointer encodes the same way.
		if out2, _ := json.Marshal(&r); string(out2) != string(out) {
			t.Errorf("Marshal(&r) = %s, want %s", out2, out)
		}
	}
}

func TestObjectEncodeExtra(t *testing.T) {
	r := jsonTestRecord{ID: "1", Extra: map[string]json.RawMessage{
		"id":    json.RawMessage(`"shadowed"`),
		"name":  json.RawMessage(`"kept, since the field is unset"`),
		"other": json.RawMessage(` [ 1 ] `),
	}}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"1","Owner":"","name":"kept, since the field is unset","other":[1]}`
	if string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
	r.Extra["bad"] = json.RawMessage(`{`)
	if _, err := json.Marshal(r); err == nil || !strings.Contains(err.Error(), `member "bad"`) {
		t.Errorf("Marshal with invalid extra: err = %v, want one naming the member", err)
	}
}

func TestObjectDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"x"`, "cannot decode a string into an object"},
		{`[1]`, "cannot decode an array into an object"},
		{`{"id":1}`, `member "id": json: cannot unmarshal number`},
		{`{"b":1,"name":true,"id":1}`, `member "id"`}, // keys in order: the first error is "id"
	} {
		var r jsonTestRecord
		err := json.Unmarshal([]byte(tc.in), &r)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%s): err = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestJSONKind(t *testing.T) {
	for in, want := range map[string]byte{
		`{}`: '{', ` [1]`: '[', "\n\"s\"": '"', `true`: 't', `false`: 't',
		`-1`: '0', `0.5`: '0', `9`: '0', `null`: 'n', ``: 0, `x`: 0, `  `: 0,
	} {
		if got := jsonKind([]byte(in)); got != want {
			t.Errorf("jsonKind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnionError(t *testing.T) {
	err := unionError("QueryModule", []byte(`true`))
	if err == nil || err.Error() != "json: cannot decode a boolean into QueryModule" {
		t.Errorf("unionError = %v", err)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	for _, in := range []string{
		`"2024-01-02T03:04:05+00:00"`,
		`"2024-01-02T03:04:05.000Z"`,
		`"2024-01-02T03:04:05.120Z"`,
		`"2024-01-02T03:04:05.123456789-07:30"`,
		`"2024-01-02T03:04:05Z"`,
	} {
		var tm Time
		if err := json.Unmarshal([]byte(in), &tm); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		out, err := json.Marshal(tm)
		if err != nil || string(out) != in {
			t.Errorf("round trip of %s = %s, %v", in, out, err)
		}
		// The same instant in another zone is a change, written anew.
		tm.Time = tm.In(time.FixedZone("", 3600))
		out, _ = json.Marshal(tm)
		if want, _ := tm.Time.MarshalJSON(); string(out) != string(want) {
			t.Errorf("after a zone change: %s, want %s", out, want)
		}
	}
	var tm Time
	if err := json.Unmarshal([]byte(`"2024-01-02T03:04:05.000Z"`), &tm); err != nil {
		t.Fatal(err)
	}
	tm.Time = tm.Add(time.Second)
	if out, _ := json.Marshal(tm); string(out) != `"2024-01-02T03:04:06Z"` {
		t.Errorf("changed time = %s", out)
	}
	if out, _ := json.Marshal(Time{}); string(out) != `"0001-01-01T00:00:00Z"` {
		t.Errorf("zero Time = %s", out)
	}
	if out, _ := json.Marshal(Time{Time: time.Date(2024, 5, 6, 7, 8, 9, 120e6, time.UTC)}); string(out) != `"2024-05-06T07:08:09.12Z"` {
		t.Errorf("Time from Go = %s", out)
	}
	tm = Time{}
	if err := json.Unmarshal([]byte(`null`), &tm); err != nil || !tm.IsZero() {
		t.Errorf("null: %v, %v", tm, err)
	}
	for _, bad := range []string{`"2024-01-02"`, `"yesterday"`, `5`} {
		if err := json.Unmarshal([]byte(bad), &tm); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
}

func TestNullable(t *testing.T) {
	type holder struct {
		N Nullable[[]int64]
	}
	for _, tc := range []struct {
		in           string
		valid, null  bool
		present, nil bool
	}{
		{`null`, false, true, true, true},
		{`[]`, true, false, true, false},
		{`[1]`, true, false, true, false},
	} {
		var n Nullable[[]int64]
		if err := json.Unmarshal([]byte(tc.in), &n); err != nil {
			t.Fatal(err)
		}
		if n.Valid != tc.valid || n.Null != tc.null || n.Present() != tc.present || (n.Value == nil) != tc.nil {
			t.Errorf("Unmarshal(%s) = %+v", tc.in, n)
		}
		if out, _ := json.Marshal(n); string(out) != tc.in {
			t.Errorf("Marshal = %s, want %s", out, tc.in)
		}
	}
	var zero Nullable[string]
	if zero.Present() {
		t.Error("zero Nullable is present")
	}
	n := Nullable[string]{Value: "x", Valid: true, Null: true}
	if out, _ := json.Marshal(n); string(out) != `"x"` {
		t.Errorf("Valid does not take precedence: %s", out)
	}
	var h holder
	if err := json.Unmarshal([]byte(`{"N":"no"}`), &h); err == nil {
		t.Error("decoding a string into Nullable[[]int64] succeeded")
	}
}
