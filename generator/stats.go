package generator

import

// nameStats fills the naming figures of st: the type and method names that
// took a number, and the longest method name.
(
	"slices"

	"github.com/zcrmgen/zcrmgen/generator/model"
)

func nameStats(api *model.API, st *Stats) {
	types := map[string]bool{}
	for _, t := range api.Types.Named() {
		types[t.Name] = true
	}
	methods := map[string]bool{}
	for _, op := range api.Operations {
		methods[op.GoName] = true
		if op.ParamsType != "" {
			types[op.ParamsType] = true
		}
		if op.Body != nil && op.Body.GoType != "" {
			types[op.Body.GoType] = true
		}
		if op.Pager != nil {
			methods[op.Pager.GoName] = true
		}
	}
	for _, n := range api.Numbered() {
		if types[n] {
			st.NumberedTypes = append(st.NumberedTypes, n)
		}
		if methods[n] {
			st.NumberedMethods = append(st.NumberedMethods, n)
		}
	}
	slices.Sort(st.NumberedTypes)
	slices.Sort(st.NumberedMethods)
	for m := range methods {
		if len(m) > len(st.LongestMethod) || len(m) == len(st.LongestMethod) && m < st.LongestMethod {
			st.LongestMethod = m
		}
	}
}
