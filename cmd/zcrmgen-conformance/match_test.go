package main

import (
	"slices"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator"
)

func TestTemplate(t *testing.T) {
	for _, tt := range []struct {
		in, shape, named string
	}{
		{"/crm/v8/{module_api_name}", "/crm/v8/{}", "/crm/v8/{module_api_name}"},
		{"/crm/v8/:module_api_name", "/crm/v8/{}", "/crm/v8/{module_api_name}"},
		{"crm/v8/{{module}}/", "/crm/v8/{}", "/crm/v8/{module}"},
		{"/crm/{{ version }}/x", "/crm/{}/x", "/crm/{version}/x"},
		{"/files/v{{ver}}.{fmt}", "/files/v{}.{}", "/files/v{ver}.{fmt}"},
		{"/a//b", "/a/b", "/a/b"},
		{"/a/:", "/a/:", "/a/:"},
		{"/a/x:y", "/a/x:y", "/a/x:y"},
		{"/a/{}", "/a/{}", "/a/{}"},
		{"/a/{{", "/a/{{", "/a/{{"},
		{"", "/", "/"},
		{"/", "/", "/"},
	} {
		shape, named := pathForms(tt.in)
		if shape != tt.shape || named != tt.named {
			t.Errorf("pathForms(%q) = %q, %q; want %q, %q", tt.in, shape, named, tt.shape, tt.named)
		}
	}
}

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"https://zohoapis.com":          "",
		"https://zohoapis.com/":         "",
		"https://example.com/crm/v8/":   "/crm/v8",
		"http://localhost:8080/api":     "/api",
		"":                              "",
		"{{baseUrl}}/crm":               "",
		"https://example.com/%zz":       "",
		"https://example.com/a%20b/api": "/a b/api",
	} {
		if got := basePath(in); got != want {
			t.Errorf("basePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	ops := []generator.OperationSummary{
		0: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/{module}"},
		1: {Method: "POST", BaseURL: "https://zohoapis.com", Path: "/crm/v8/{module}"},
		2: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/settings/modules/{id}"},
		3: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/settings/modules/{api_name}"},
		4: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/{module_api_name}/actions/count"},
		5: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/{module_api_name}/actions/count"},
		6: {Method: "GET", BaseURL: "https://example.com/api/v2/", Path: "/items/{item_id}"},
		7: {Method: "GET", BaseURL: "https://content.zohoapis.com", Path: "/crm/v8/files"},
		8: {Method: "GET", BaseURL: "https://zohoapis.com", Path: "/crm/v8/settings/modules"},
		9: {Method: "GET", BaseURL: "", Path: "/"},
	}
	m := newMatcher(ops)
	for _, tt := range []struct {
		method, path string
		want         []int
	}{
		{"GET", "/crm/v8/{module_api_name}", []int{0}},
		{"get", "/crm/v8/Leads", nil},
		{"POST", "/crm/v8/{module}", []int{1}},
		{"PUT", "/crm/v8/{module}", nil},
		{"GET", "/crm/v8/settings/modules/{api_name}", []int{3}},
		{"GET", "/crm/v8/settings/modules/{id}", []int{2}},
		{"GET", "/crm/v8/settings/modules/{module}", []int{2, 3}},
		{"GET", "/crm/v8/settings/modules", []int{8}},
		{"GET", "/crm/v8/settings/modules/", []int{8}},
		{"GET", "/crm/v8/{module_api_name}/actions/count", []int{4, 5}},
		{"GET", "/api/v2/items/{id}", []int{6}},
		{"GET", "/items/{id}", nil},
		{"GET", "/crm/v8/files", []int{7}},
		{"GET", "/", []int{9}},
	} {
		if got := m.match(tt.method, tt.path); !slices.Equal(got, tt.want) {
			t.Errorf("match(%s %s) = %v, want %v", tt.method, tt.path, got, tt.want)
		}
	}
}
