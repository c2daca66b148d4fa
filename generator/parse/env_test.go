package parse

import (
	"os"
	"reflect"
	"testing"
)

func TestEnv(t *testing.T) {
	data, err := os.ReadFile("testdata/env/staging.json")
	if err != nil {
		t.Fatal(err)
	}
	values, secret, err := Env("staging.json", data)
	if err != nil {
		t.Fatal(err)
	}
	wantValues := map[string]string{
		"baseUrl":       "https://staging2.example.com",
		"pageSize":      "50",
		"debug":         "true",
		"clientSecret":  "s3cr3t",
		"signingKey":    "k",
		"X-Api-Key":     "{{key}}",
		"refresh_token": "",
	}
	if !reflect.DeepEqual(values, wantValues) {
		t.Errorf("values:\n got %v\nwant %v", values, wantValues)
	}
	wantSecret := map[string]bool{"clientSecret": true, "signingKey": true, "X-Api-Key": true, "refresh_token": true}
	if !reflect.DeepEqual(secret, wantSecret) {
		t.Errorf("secret:\n got %v\nwant %v", secret, wantSecret)
	}

	// The Postman API wraps an environment.
	values, _, err = Env("api.json", []byte(`{"environment": {"name": "E", "values": [{"key": "a", "value": "b"}]}}`))
	if err != nil || values["a"] != "b" {
		t.Errorf("wrapped: %v, %v", values, err)
	}
}

func TestEnvErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{``, "env.json: empty file"},
		{`[]`, "env.json:1:1: top-level value is an array: want a Postman environment object"},
		{`{"info": {"name": "c"}, "item": []}`, "env.json:1:1: this is a Postman collection, not an environment"},
		{`{"name": "e"}`, `env.json:1:1: no "values" array: not a Postman environment`},
		{`{"values": {}}`, "env.json:1:12: values: want an array of variables, got an object"},
		{`{"values": [1]}`, "env.json:1:13: values[0]: want a variable object, got a number"},
		{`{"values": [{"key": "a", "enabled": "maybe"}]}`, `env.json:1:37: values[0].enabled: want a boolean, got "maybe"`},
		{`{"values": [{"key": {}}]}`, "env.json:1:21: values[0].key: want a string, got an object"},
		{"{\"values\": [\n{\"key\": \"a\"", "env.json:2:12: unexpected end of input (truncated JSON?)"},
	} {
		values, secret, err := Env("env.json", []byte(tc.data))
		checkError(t, err, values != nil || secret != nil, "env.json")
		if err != nil && err.Error() != tc.want {
			t.Errorf("%q:\n got %v\nwant %s", tc.data, err, tc.want)
		}
	}
}

func TestIsSecretName(t *testing.T) {
	for _, name := range []string{
		"token", "secret", "password", "api_key", "apikey", "Authorization", "client_secret",
		"refresh_token", "ACCESS_TOKEN", "X-Api-Key", "apiKey", "bearerToken", "db.password", "privateKey",
	} {
		if !IsSecretName(name) {
			t.Errorf("%q is a secret name", name)
		}
	}
	for _, name := range []string{"baseUrl", "pageSize", "api_version", "user_id", "keyword", "author"} {
		if IsSecretName(name) {
			t.Errorf("%q is not a secret name", name)
		}
	}
}
