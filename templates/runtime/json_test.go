package runtime

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jsonTestRecord is written the way the generator writes object types.
type jsonTestRecord struct {
	ID     *string          `json:"id,omitempty"`
	Name   Nullable[string] `json:"name,omitempty"`
	Owner  *jsonTestOwner   `json:"Owner,omitempty"`
	Owner2 *string          `json:"owner,omitempty"`
	Empty  *int64           // key ""
	Tags   []string         `json:"tags,omitempty"`
	Items  []*jsonTestOwner `json:"items,omitempty"`
	Amount *float64         `json:"amount,omitempty"`
	At     *Time            `json:"at,omitempty"`
	Raw    json.RawMessage  `json:"raw,omitempty"`
	Nested [][]int64        `json:"nested,omitempty"`
	Odd    *string          // key "a<b\u2028"
	Owners []jsonTestOwner  `json:"owners,omitempty"`
	Values []jsonTestUnion  `json:"values,omitempty"`
	Extra  Extra            `json:"-"`
}

func (r jsonTestRecord) MarshalJSON() ([]byte, error) { return marshalObject(&r) }

func (r *jsonTestRecord) UnmarshalJSON(data []byte) error { return unmarshalObject(data, r) }

func (r *jsonTestRecord) jsonFields(f *fieldVisitor) *Extra {
	visitString(f, "id", &r.ID)
	visitNullable(f, "name", &r.Name, stringCodec())
	visitObject(f, "Owner", &r.Owner)
	visitString(f, "owner", &r.Owner2)
	visitInt(f, "", &r.Empty)
	visitSlice(f, "tags", &r.Tags, stringCodec())
	visitSlice(f, "items", &r.Items, orNull(objectCodec[jsonTestOwner]()))
	visitFloat(f, "amount", &r.Amount)
	visitPtr(f, "at", &r.At, timeCodec())
	visitRaw(f, "raw", &r.Raw)
	visitSlice(f, "nested", &r.Nested, orZero(sliceCodec(intCodec())))
	f.escapeNext()
	visitString(f, "a<b\u2028", &r.Odd)
	visitObjects(f, "owners", &r.Owners)
	visitSlice(f, "values", &r.Values, unionCodec[jsonTestUnion]())
	return &r.Extra
}

// jsonTestOwner is a nested object type with a union member.
type jsonTestOwner struct {
	ID    *int64         `json:"id,omitempty"`
	Value *jsonTestUnion `json:"value,omitempty"`
	Flag  *bool          `json:"flag,omitempty"`
	Extra Extra          `json:"-"`
}

func (o jsonTestOwner) MarshalJSON() ([]byte, error) { return marshalObject(&o) }

func (o *jsonTestOwner) UnmarshalJSON(data []byte) error { return unmarshalObject(data, o) }

func (o *jsonTestOwner) jsonFields(f *fieldVisitor) *Extra {
	visitInt(f, "id", &o.ID)
	visitUnion(f, "value", &o.Value)
	visitBool(f, "flag", &o.Flag)
	return &o.Extra
}

// jsonTestUnion is a union of a string and an array of objects, written
// the way the generator writes union types.
type jsonTestUnion struct {
	String *string
	Array  []jsonTestOwner
}

func (u jsonTestUnion) MarshalJSON() ([]byte, error) { return marshalUnion(&u) }

func (u *jsonTestUnion) UnmarshalJSON(data []byte) error {
	return unmarshalUnion(data, u, "jsonTestUnion")
}

func (u *jsonTestUnion) jsonVariants(f *fieldVisitor) {
	visitString(f, "", &u.String)
	visitObjects(f, "", &u.Array)
}

// jsonEqualDocs reports whether a and b are equal JSON values.
func jsonEqualDocs(t *testing.T, a, b []byte) bool {
	t.Helper()
	ok, _, err := jsonEqual(a, b)
	if err != nil {
		t.Fatalf("compare %s and %s: %v", a, b, err)
	}
	return ok
}

func TestObjectRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		in, want   string
		mismatches string
	}{
		{in: `{"id":"1","name":"a","Owner":{"id":2},"owner":"o","":7}`, want: `{"id":"1","name":"a","Owner":{"id":2},"owner":"o","":7}`},
		{in: `{"owner":"o","id":"1","Owner":{}}`, want: `{"id":"1","Owner":{},"owner":"o"}`},
		{in: `{"Owner":{"flag":false,"id":3},"items":[{"flag":true}]}`, want: `{"Owner":{"id":3,"flag":false},"items":[{"flag":true}]}`},
		{in: `{"Owner":{"flag":"no"}}`, want: `{"Owner":{"flag":"no"}}`, mismatches: `Owner.flag: a string does not fit *bool`},
		// Unknown members are kept and written after the fields, by key.
		{in: `{"zz":[1, 2],"id":"1","b":{"x":null},"OWNER":1}`, want: `{"id":"1","OWNER":1,"b":{"x":null},"zz":[1,2]}`},
		// The last of two equal keys wins.
		{in: `{"id":"1","id":"2","a":1,"a":2}`, want: `{"id":"2","a":2}`},
		// Absent stays absent: the zero value encodes as {}.
		{in: `{}`, want: `{}`},
		{in: `null`, want: `{}`},
		// Null stays null: in Extra where the field cannot hold it.
		{in: `{"id":null,"name":null,"Owner":null,"tags":null,"raw":null,"items":[null]}`, want: `{"name":null,"raw":null,"items":[null],"id":null,"Owner":null,"tags":null}`},
		// Empty stays empty.
		{in: `{"tags":[],"items":[],"id":""}`, want: `{"id":"","tags":[],"items":[]}`},
		// Values that do not fit are kept raw and recorded.
		{
			in:         `{"id":1,"Owner":"x","":9223372036854775808,"tags":["a",2],"amount":0.1000000000000000055511151231257827,"at":"2024-01-02","name":false}`,
			want:       `{"id":1,"Owner":"x","":9223372036854775808,"tags":["a",2],"amount":0.1000000000000000055511151231257827,"at":"2024-01-02","name":false}`,
			mismatches: `[""]: a number does not fit *int64; Owner: a string does not fit *jsonTestOwner; amount: a number does not fit *float64; at: a string does not fit *Time; id: a number does not fit *string; name: a boolean does not fit Nullable[string]; tags: an array does not fit []string`,
		},
		// Nested: in objects, arrays and union variants.
		{
			in:         `{"Owner":{"id":"x","value":[{"id":1},{"id":true}]},"items":[{"id":1},null,{"id":[],"value":{}}]}`,
			want:       `{"Owner":{"id":"x","value":[{"id":1},{"id":true}]},"items":[{"id":1},null,{"id":[],"value":{}}]}`,
			mismatches: `Owner.id: a string does not fit *int64; Owner.value[1].id: a boolean does not fit *int64; items[2].id: an array does not fit *int64; items[2].value: an object does not fit *jsonTestUnion`,
		},
		// Null where an element cannot be null: the whole array does not fit.
		{in: `{"tags":["a",null]}`, want: `{"tags":["a",null]}`, mismatches: `tags: an array does not fit []string`},
		{in: `{"Owner":{"value":[null]}}`, want: `{"Owner":{"value":[null]}}`, mismatches: `Owner.value: an array does not fit *jsonTestUnion`},
		// Numbers that fit are written back with the same value.
		{in: `{"amount":32500.0,"":-0}`, want: `{"amount":32500,"":0}`},
		{in: `{"at":"2024-01-02T03:04:05.000Z"}`, want: `{"at":"2024-01-02T03:04:05.000Z"}`},
		// Out of order, unknown and repeated members, at two levels: the
		// second pass takes them, nested objects inside it included.
		{in: `{"x":1,"id":"1","Owner":{"z":2,"id":3,"flag":true},"id":"2"}`, want: `{"id":"2","Owner":{"id":3,"flag":true,"z":2},"x":1}`},
		{
			in:         `{"tags":["a"],"Owner":{"flag":true,"id":1,"zz":{"q":[1]},"value":[{"x":1,"id":"s"}]},"id":"x","id":5}`,
			want:       `{"Owner":{"id":1,"value":[{"id":"s","x":1}],"flag":true,"zz":{"q":[1]}},"tags":["a"],"id":5}`,
			mismatches: `Owner.value[0].id: a string does not fit *int64; id: a number does not fit *string`,
		},
		// A repeated member that fits replaces one that did not, and the
		// other way round.
		{in: `{"id":1,"id":"ok"}`, want: `{"id":"ok"}`},
		{in: `{"amount":1,"amount":"x"}`, want: `{"amount":"x"}`, mismatches: `amount: a string does not fit *float64`},
		// Arrays of arrays, with null arrays inside.
		{in: `{"nested":[[1],null,[]]}`, want: `{"nested":[[1],null,[]]}`},
		{in: `{"nested":[[1],[null]]}`, want: `{"nested":[[1],[null]]}`, mismatches: `nested: an array does not fit [][]int64`},
		// Arrays of objects: each element decoded, written and walked.
		{in: `{"owners":[{"id":1},{"flag":true,"id":2,"q":0}],"id":"1"}`, want: `{"id":"1","owners":[{"id":1},{"id":2,"flag":true,"q":0}]}`},
		{in: `{"owners":[{"id":1},{"id":"x"}]}`, want: `{"owners":[{"id":1},{"id":"x"}]}`, mismatches: `owners[1].id: a string does not fit *int64`},
		{in: `{"owners":[{},null]}`, want: `{"owners":[{},null]}`, mismatches: `owners: an array does not fit []jsonTestOwner`},
		{in: `{"owners":{"id":1}}`, want: `{"owners":{"id":1}}`, mismatches: `owners: an object does not fit []jsonTestOwner`},
		{in: `{"owners":null}`, want: `{"owners":null}`},
		{in: `{"owners":[]}`, want: `{"owners":[]}`},
		// Arrays of unions.
		{in: `{"values":["a",[{"id":1}],[]]}`, want: `{"values":["a",[{"id":1}],[]]}`},
		{in: `{"values":["a",[{"id":"x"}]]}`, want: `{"values":["a",[{"id":"x"}]]}`, mismatches: `values[1][0].id: a string does not fit *int64`},
		{in: `{"values":["a",1]}`, want: `{"values":["a",1]}`, mismatches: `values: an array does not fit []jsonTestUnion`},
		// A key that needs escaping.
		{in: `{"a\u003cb\u2028":"x","a<b":1}`, want: `{"a\u003cb\u2028":"x","a\u003cb":1}`},
	} {
		var r jsonTestRecord
		if err := json.Unmarshal([]byte(tc.in), &r); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tc.in, err)
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if !jsonEqualDocs(t, out, []byte(tc.want)) {
			t.Errorf("round trip of %s = %s, want %s", tc.in, out, tc.want)
		}
		if tc.in != "null" && !jsonEqualDocs(t, out, []byte(tc.in)) {
			t.Errorf("round trip of %s = %s, not the same JSON", tc.in, out)
		}
		// A pointer encodes the same way.
		if out2, _ := json.Marshal(&r); string(out2) != string(out) {
			t.Errorf("Marshal(&r) = %s, want %s", out2, out)
		}
		var got []string
		for _, m := range Mismatches(&r) {
			got = append(got, m.Path+": "+m.Got+" does not fit "+m.Want)
		}
		if s := strings.Join(got, "; "); s != tc.mismatches {
			t.Errorf("Mismatches of %s:\n got %s\nwant %s", tc.in, s, tc.mismatches)
		}
	}
}

// TestUnmarshalResets checks that UnmarshalJSON into a value that is not
// zero leaves nothing of it, as encoding/json does for a value it replaces
// whole: every field, Extra and the variant of a union.
func TestUnmarshalResets(t *testing.T) {
	var r jsonTestRecord
	for _, in := range []string{
		`{"id":"1","name":null,"Owner":{"id":2},"tags":["a"],"items":[null],"raw":1,"nested":[[1]],"owners":[{}],"zz":1,"":3}`,
		`{"amount":1.5}`,
	} {
		if err := r.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", in, err)
		}
	}
	if want := (jsonTestRecord{Amount: new(1.5)}); !reflect.DeepEqual(r, want) {
		t.Errorf("after a second UnmarshalJSON: %+v, want only Amount", r)
	}
	if err := r.UnmarshalJSON([]byte(`null`)); err != nil || !reflect.DeepEqual(r, jsonTestRecord{}) {
		t.Errorf("UnmarshalJSON(null) = %v, leaving %+v; want the zero value", err, r)
	}
	var u jsonTestUnion
	for _, in := range []string{`"s"`, `[{"id":1}]`} {
		if err := u.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", in, err)
		}
	}
	if u.String != nil || len(u.Array) != 1 {
		t.Errorf("union after a second UnmarshalJSON: %+v, want only Array", u)
	}
}

// FuzzObjectCodec decodes any JSON into jsonTestRecord and checks it
// against encoding/json: the same documents are accepted (an object or
// null), encoding gives back the same JSON value, and decoding that again
// gives the same value and mismatches.
func FuzzObjectCodec(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","name":null,"Owner":{"id":2,"value":"s","flag":true},"owner":"o","":7,"tags":["a"],"items":[null,{"value":[{}]}],"amount":1.5,"at":"2024-01-02T03:04:05Z","raw":{"a":[]},"nested":[[1],null]}`,
		`{"zz":1,"id":"1","id":2,"Owner":{"flag":1,"id":"x","q":null},"tags":[1],"":-0}`,
		`{"items":[{"value":[{"value":5}]}],"Owner":null,"name":[1]}`,
		`{"owners":[{"id":1,"value":[{"flag":"x"}]},{}],"owners":[null]}`,
		`null`, `{}`, `[]`, `"x"`, `{"id":`, `{"a":1,"a":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r jsonTestRecord
		err := r.UnmarshalJSON(data)
		var doc any
		docErr := json.Unmarshal(data, &doc)
		_, isObject := doc.(map[string]any)
		if (err == nil) != (docErr == nil && (isObject || doc == nil)) {
			t.Fatalf("UnmarshalJSON(%q) = %v; encoding/json: %v, %T", data, err, docErr, doc)
		}
		if err != nil {
			return
		}
		out, err := r.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON after %q: %v", data, err)
		}
		if doc != nil && !jsonEqualDocs(t, out, data) {
			t.Fatalf("round trip of %q = %s", data, out)
		}
		var r2 jsonTestRecord
		if err := r2.UnmarshalJSON(out); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", out, err)
		}
		if out2, _ := r2.MarshalJSON(); string(out2) != string(out) {
			t.Fatalf("second round trip of %q = %s, first %s", data, out2, out)
		}
		if a, b := Mismatches(&r), Mismatches(&r2); !reflect.DeepEqual(a, b) {
			t.Fatalf("mismatches of %q: %v, after a round trip %v", data, a, b)
		}
	})
}

func TestObjectLeavesUnfitFieldUnset(t *testing.T) {
	var r jsonTestRecord
	if err := json.Unmarshal([]byte(`{"id":7,"tags":["a",1],"Owner":{"id":1,"value":5}}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != nil || r.Tags != nil {
		t.Errorf("fields that did not fit are set: ID %v, Tags %v", r.ID, r.Tags)
	}
	if r.Owner == nil || r.Owner.ID == nil || *r.Owner.ID != 1 || r.Owner.Value != nil {
		t.Errorf("Owner = %+v, want ID 1 and no Value", r.Owner)
	}
	if string(r.Extra["id"]) != "7" || string(r.Owner.Extra["value"]) != "5" {
		t.Errorf("Extra = %v, Owner.Extra = %v", r.Extra, r.Owner.Extra)
	}
	// The nested object records its own mismatches, from itself.
	if ms := Mismatches(r.Owner); len(ms) != 1 || ms[0].Path != "value" {
		t.Errorf("Mismatches(r.Owner) = %v", ms)
	}
	// A slice of records, and a record by value.
	var rs []jsonTestRecord
	if err := json.Unmarshal([]byte(`[{},{"id":1}]`), &rs); err != nil {
		t.Fatal(err)
	}
	if ms := Mismatches(rs); len(ms) != 1 || ms[0].Path != "[1].id" || ms[0].Error() != "json: [1].id: a number does not fit *string" {
		t.Errorf("Mismatches(rs) = %v", ms)
	}
	if ms := Mismatches(rs[1]); len(ms) != 1 || ms[0].Path != "id" {
		t.Errorf("Mismatches(rs[1]) = %v", ms)
	}
	for _, v := range []any{nil, 5, "x", (*jsonTestRecord)(nil), []int{1}} {
		if ms := Mismatches(v); ms != nil {
			t.Errorf("Mismatches(%#v) = %v", v, ms)
		}
	}
}

func TestObjectZeroEncodesEmpty(t *testing.T) {
	for _, v := range []any{jsonTestRecord{}, jsonTestOwner{}, &jsonTestRecord{}} {
		if out, err := json.Marshal(v); err != nil || string(out) != "{}" {
			t.Errorf("Marshal(%T zero) = %s, %v", v, out, err)
		}
	}
	// Zero values set on purpose are sent.
	r := jsonTestRecord{ID: new(""), Empty: new(int64(0)), Tags: []string{}, Name: Nullable[string]{Null: true}}
	if out, _ := json.Marshal(r); string(out) != `{"id":"","name":null,"":0,"tags":[]}` {
		t.Errorf("Marshal = %s", out)
	}
}

func TestObjectEncodeExtra(t *testing.T) {
	r := jsonTestRecord{ID: new("1"), Extra: map[string]json.RawMessage{
		"id":    json.RawMessage(`"shadowed"`),
		"name":  json.RawMessage(`"kept, since the field is unset"`),
		"other": json.RawMessage(` [ 1 ] `),
	}}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"1","name":"kept, since the field is unset","other":[1]}`
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
		{`{"id":1`, "unexpected end of JSON input"},
	} {
		var r jsonTestRecord
		err := json.Unmarshal([]byte(tc.in), &r)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%s): err = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestDecoders(t *testing.T) {
	fits := func(name string, dec func([]byte) error, good, bad []string) {
		t.Helper()
		for _, in := range good {
			if err := dec([]byte(in)); err != nil {
				t.Errorf("%s(%s): %v", name, in, err)
			}
		}
		for _, in := range bad {
			if err := dec([]byte(in)); err == nil {
				t.Errorf("%s(%s) fits", name, in)
			}
		}
	}
	wrap := func(f func([]byte) error) func([]byte) error { return f }
	fits("decodeBool", wrap(func(b []byte) error { _, err := decodeAll(decodeBool, b); return err }),
		[]string{`true`, ` false `}, []string{`null`, `1`, `"true"`})
	fits("decodeInt", wrap(func(b []byte) error { _, err := decodeAll(decodeInt, b); return err }),
		[]string{`0`, `-9223372036854775808`, `9223372036854775807`}, []string{`9223372036854775808`, `1.0`, `1e2`, `"1"`, `null`})
	fits("decodeFloat", wrap(func(b []byte) error { _, err := decodeAll(decodeFloat, b); return err }),
		[]string{`0.1`, `1e-7`, `32500.0`, `-0`, `5e-324`, `1.7976931348623157e308`},
		[]string{`1e400`, `1e-400`, `0.1000000000000000055511151231257827`, `9007199254740993`, `"1"`, `true`})
	fits("decodeNumber", wrap(func(b []byte) error { _, err := decodeAll(numberCodec().dec, b); return err }),
		[]string{`1e400`, `-0.5`}, []string{`"1"`, `null`})
	fits("decodeString", wrap(func(b []byte) error { _, err := decodeAll(decodeString, b); return err }),
		[]string{`""`, `"a\"b"`, `"é"`}, []string{`1`, `null`, `["a"]`})
	fits("decodeTime", wrap(func(b []byte) error { _, err := decodeAll(decodeTime, b); return err }),
		[]string{`"2024-01-02T03:04:05Z"`}, []string{`"2024-01-02"`, `5`, `null`})
	fits("decodeDate", wrap(func(b []byte) error { _, err := decodeAll(dateCodec().dec, b); return err }),
		[]string{`"2024-01-02"`}, []string{`"2024-01-02T03:04:05Z"`, `"2024-1-2"`, `20240102`, `null`})
	fits("decodeSlice", wrap(func(b []byte) error { _, err := decodeAll(sliceCodec(intCodec()).dec, b); return err }),
		[]string{`[]`, `[1,2]`}, []string{`[1,null]`, `[1,"2"]`, `{}`, `null`})
	fits("decodeOrNil", wrap(func(b []byte) error { _, err := decodeAll(sliceCodec(orNull(intCodec())).dec, b); return err }),
		[]string{`[1,null]`}, []string{`[1,"2"]`})
	fits("decodeOrZero", wrap(func(b []byte) error {
		_, err := decodeAll(sliceCodec(orZero(sliceCodec(intCodec()))).dec, b)
		return err
	}),
		[]string{`[[1],null,[]]`}, []string{`[[null]]`})
	if s, _ := decodeAll(decodeString, []byte(`"a\u00e9\n"`)); s != "a\u00e9\n" {
		t.Errorf("decodeString = %q", s)
	}
	if v, _ := decodeAll(sliceCodec(intCodec()).dec, []byte(`[]`)); v == nil || len(v) != 0 {
		t.Errorf("decodeSlice([]) = %#v, want an empty slice that is not nil", v)
	}
	if v, _ := decodeAll(rawCodec().dec, []byte(` null `)); string(v) != "null" {
		t.Errorf("decodeRaw(null) = %s", v)
	}
}

// decodeAll decodes the JSON document data with dec, failing when the
// value does not fit or more than white space follows it.
func decodeAll[T any](dec decodeFunc[T], data []byte) (T, error) {
	d := jsonReader{s: string(data)}
	var v T
	if !dec(&d, &v) || !d.finish() {
		return v, errSyntax{}
	}
	return v, nil
}

func TestEncoders(t *testing.T) {
	var w jsonWriter
	encodeSlice(&w, [][]int64{{1}, {}, nil}, sliceCodec(intCodec()).enc)
	one := int64(1)
	encodeSlice(&w, []*int64{&one, nil}, orNull(intCodec()).enc)
	if got, want := string(w.buf), `[[1],[],null][1,null]`; got != want || w.err != nil {
		t.Errorf("nested and nullable arrays: %s, %v; want %s", got, w.err, want)
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
	var u jsonTestUnion
	err := unmarshalUnion([]byte(`true`), &u, "QueryModule")
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
}

// A document longer than the writer's 32 KiB buffer is written in several
// buffers and joined: the same bytes as encoding/json, and an error past
// the first buffer still names its member.
func TestWriterLongDocument(t *testing.T) {
	r := jsonTestRecord{Tags: make([]string, 20000)}
	for i := range r.Tags {
		r.Tags[i] = strings.Repeat("x<", i%40)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(struct {
		Tags []string `json:"tags"`
	}{r.Tags})
	if string(out) != string(want) {
		t.Errorf("Marshal of %d bytes differs from encoding/json's %d", len(out), len(want))
	}
	r.Extra = map[string]json.RawMessage{"z<": json.RawMessage(`{`)}
	if _, err := r.MarshalJSON(); err == nil || !strings.Contains(err.Error(), `member "z\u003c"`) {
		t.Errorf("Marshal with invalid extra after %d bytes: err = %v, want one naming the member", len(out), err)
	}
}

// Keys are written as encoding/json writes them: those the generator marks
// with escapeNext escaped, the others as they are.
func TestObjectKeysEscaped(t *testing.T) {
	out, err := json.Marshal(jsonTestRecord{ID: new("1"), Odd: new("x")})
	want, _ := json.Marshal(map[string]string{"id": "1", "a<b\u2028": "x"})
	if err != nil || string(out) != `{"id":"1","a\u003cb\u2028":"x"}` || len(out) != len(want) {
		t.Errorf("Marshal = %s, %v; encoding/json writes %s", out, err, want)
	}
}

// TestWriterBlocksConcurrent writes documents longer than several blocks
// from goroutines at once: each must come out whole and the same as
// encoding/json's, whatever blocks the writers reuse.
func TestWriterBlocksConcurrent(t *testing.T) {
	docs := make([]jsonTestRecord, 4)
	want := make([][]byte, len(docs))
	for i := range docs {
		for j := range 2000 {
			docs[i].Tags = append(docs[i].Tags, strings.Repeat(string(rune('a'+i)), 40+j%7))
		}
		var err error
		if want[i], err = json.Marshal(struct {
			Tags []string `json:"tags"`
		}{docs[i].Tags}); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, len(docs))
	for i := range docs {
		go func() {
			for range 20 {
				got, err := docs[i].MarshalJSON()
				if err == nil && string(got) != string(want[i]) {
					err = fmt.Errorf("document %d: %d bytes differ from encoding/json's %d", i, len(got), len(want[i]))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range docs {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
