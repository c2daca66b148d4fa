package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// indexName is the file of a samples directory that lists the samples.
const indexName = "index.json"

// sample is one entry of the samples index: a reply the API may send for
// a route.
type sample struct {
	// Method is the HTTP method and Path the OpenAPI path template of the
	// route: "/crm/v8/{module_api_name}".
	Method string `json:"method"`
	Path   string `json:"path"`
	// Status is the reply's HTTP status, a 2xx one.
	Status int `json:"status"`
	// File is the reply body's file name in the samples directory.
	File string `json:"file"`
	// Spec names the OpenAPI file the route comes from; it is shown, not
	// used to match.
	Spec string `json:"spec"`
}

// route is how a sample's route is shown: "GET /crm/v8/{module}".
func (s sample) route() string { return s.Method + " " + s.Path }

// readIndex reads the index of the samples directory dir and checks each
// entry: a method, a path, a 2xx status (or none) and a file name inside
// dir.
func readIndex(dir string) ([]sample, error) {
	name := filepath.Join(dir, indexName)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var samples []sample
	if err := json.Unmarshal(data, &samples); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	for i, s := range samples {
		where := fmt.Sprintf("%s: entry %d", name, i)
		switch {
		case s.Method == "":
			return nil, fmt.Errorf("%s: no method", where)
		case s.Path == "":
			return nil, fmt.Errorf("%s: no path", where)
		case s.Status != 0 && (s.Status < 200 || s.Status > 299):
			return nil, fmt.Errorf("%s: status %d is not a success status", where, s.Status)
		case s.File == "":
			return nil, fmt.Errorf("%s: no file", where)
		case !filepath.IsLocal(s.File):
			return nil, fmt.Errorf("%s: file %q is not a name inside %s", where, s.File, dir)
		}
	}
	return samples, nil
}
