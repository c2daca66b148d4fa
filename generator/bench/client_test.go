package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/zcrmgen/zcrmgen/generated/zohocrm"
)

// BenchmarkGetRecord compares one call of the generated client with the
// same call written by hand, against a local server that answers with the
// saved "Lead found" example of the Zoho CRM collection (about 2 KiB):
//
//   - generated: zohocrm.Client.GetRecord.
//   - nethttp: http.NewRequestWithContext, the Authorization header,
//     Client.Do, a status check and json.Decoder into a hand-written struct
//     of the same fields with stdlib types.
//   - nethttp-generated-types: the same hand-written call decoding into
//     zohocrm.GetRecordResponse, so that generated minus this is the
//     client's own plumbing and this minus nethttp is the cost of the
//     generated types' decoding (exact keys, Extra, Time).
//
// The loopback round trip is most of every number; the differences are the
// overhead.
func BenchmarkGetRecord(b *testing.B) {
	const token, module, id = "1000.bench.token", "Leads", "5843104000002004117"
	body := exampleBody(b, "Get Record", 0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Zoho-oauthtoken "+token || r.URL.Path != "/crm/v8/"+module+"/"+id {
			http.Error(w, `{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("generated", func(b *testing.B) {
		c := zohocrm.NewClient(zohocrm.WithBaseURL(srv.URL), zohocrm.WithHTTPClient(srv.Client()), zohocrm.WithToken(token))
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.GetRecord(ctx, module, id, nil)
			if err != nil {
				b.Fatal(err)
			}
			if got := resp.Data[0].ID; got == nil || *got != id {
				b.Fatalf("id %v", got)
			}
		}
	})
	b.Run("nethttp", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			var out leadResponse
			if err := getJSON(ctx, hc, srv.URL, token, module, id, &out); err != nil {
				b.Fatal(err)
			}
			if out.Data[0].ID != id {
				b.Fatalf("id %q", out.Data[0].ID)
			}
		}
	})
	b.Run("nethttp-generated-types", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			var out zohocrm.GetRecordResponse
			if err := getJSON(ctx, hc, srv.URL, token, module, id, &out); err != nil {
				b.Fatal(err)
			}
			if got := out.Data[0].ID; got == nil || *got != id {
				b.Fatalf("id %v", got)
			}
		}
	})
}

// BenchmarkDecodeRecord isolates the decoding part of BenchmarkGetRecord:
// json.Unmarshal of the same body into the generated type and into the
// hand-written one, with no network in between.
func BenchmarkDecodeRecord(b *testing.B) {
	body := exampleBody(b, "Get Record", 0)
	b.Run("generated-type", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var out zohocrm.GetRecordResponse
			if err := json.Unmarshal(body, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain-struct", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var out leadResponse
			if err := json.Unmarshal(body, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// getJSON is the hand-written call: what a careful user writes with the
// standard library alone.
func getJSON(ctx context.Context, hc *http.Client, base, token, module, id string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet,
		base+"/crm/v8/"+url.PathEscape(module)+"/"+url.PathEscape(id), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Zoho-oauthtoken "+token)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("%s: %s", resp.Status, msg)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// leadResponse is the hand-written type of the "Lead found" body.
type leadResponse struct {
	Data []struct {
		Owner             user            `json:"Owner"`
		Company           string          `json:"Company"`
		Email             string          `json:"Email"`
		CurrencySymbol    string          `json:"$currency_symbol"`
		FieldStates       json.RawMessage `json:"$field_states"`
		SharingPermission string          `json:"$sharing_permission"`
		LastActivityTime  time.Time       `json:"Last_Activity_Time"`
		Industry          string          `json:"Industry"`
		State             string          `json:"$state"`
		UnsubscribedMode  *string         `json:"Unsubscribed_Mode"`
		ProcessFlow       bool            `json:"$process_flow"`
		Street            string          `json:"Street"`
		ZipCode           string          `json:"Zip_Code"`
		ID                string          `json:"id"`
		Approved          bool            `json:"$approved"`
		Approval          struct {
			Delegate, Approve, Reject, Resubmit bool
		} `json:"$approval"`
		CreatedTime   time.Time `json:"Created_Time"`
		Editable      bool      `json:"$editable"`
		City          string    `json:"City"`
		NoOfEmployees int64     `json:"No_of_Employees"`
		Description   string    `json:"Description"`
		ReviewProcess struct {
			Approve, Reject, Resubmit bool
		} `json:"$review_process"`
		Rating         string          `json:"Rating"`
		Review         json.RawMessage `json:"$review"`
		AnnualRevenue  float64         `json:"Annual_Revenue"`
		SecondaryEmail *string         `json:"Secondary_Email"`
		LeadStatus     string          `json:"Lead_Status"`
		Salutation     string          `json:"Salutation"`
		CreatedBy      user            `json:"Created_By"`
		FirstName      string          `json:"First_Name"`
		FullName       string          `json:"Full_Name"`
		ModifiedBy     user            `json:"Modified_By"`
		Phone          string          `json:"Phone"`
		ModifiedTime   time.Time       `json:"Modified_Time"`
		Mobile         string          `json:"Mobile"`
		Converted      bool            `json:"$converted"`
		LastName       string          `json:"Last_Name"`
		LeadSource     string          `json:"Lead_Source"`
		EmailOptOut    bool            `json:"Email_Opt_Out"`
		Tag            []struct {
			Name      string `json:"name"`
			ID        string `json:"id"`
			ColorCode string `json:"color_code"`
		} `json:"Tag"`
		Website       string `json:"Website"`
		InMerge       bool   `json:"$in_merge"`
		Orchestration bool   `json:"$orchestration"`
		LockedForMe   bool   `json:"$locked_for_me"`
	} `json:"data"`
}

type user struct {
	Name  string `json:"name"`
	ID    string `json:"id"`
	Email string `json:"email"`
}

// exampleBody returns the body of saved example i of the request called
// name in the Zoho CRM collection.
func exampleBody(tb testing.TB, name string, i int) []byte {
	tb.Helper()
	data, err := os.ReadFile("../../collections/zoho-crm.postman_collection.json")
	if err != nil {
		tb.Fatal(err)
	}
	type item struct {
		Name     string `json:"name"`
		Item     []item `json:"item"`
		Response []struct {
			Body string `json:"body"`
		} `json:"response"`
	}
	var col item
	if err := json.Unmarshal(data, &col); err != nil {
		tb.Fatal(err)
	}
	var find func([]item) []byte
	find = func(items []item) []byte {
		for _, it := range items {
			if it.Name == name && len(it.Response) > i {
				return []byte(it.Response[i].Body)
			}
			if b := find(it.Item); b != nil {
				return b
			}
		}
		return nil
	}
	body := find(col.Item)
	if body == nil {
		tb.Fatalf("no example %d of %q in the Zoho CRM collection", i, name)
	}
	return body
}

// The hand-written type reads every member of the example, so the
// benchmark compares equal work.
func TestLeadResponseCoversExample(t *testing.T) {
	body := exampleBody(t, "Get Record", 0)
	var out leadResponse
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
}
