package generator

import (
	"errors"
	"slices"
	"strings"

	"github.com/zcrmgen/zcrmgen/generator/emit"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

func generate(opts Options) (*Result, error) {
	var files []File
	res, err := generateTo(opts, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Stream hands the runtime files over last; Result.Files is sorted.
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	res.Files = files
	return res, nil
}

func generateTo(opts Options, put func(File) error) (*Result, error) {
	name := opts.Name
	api, err := model.Build(opts)
	if err != nil {
		return nil, err
	}
	ops, err := emit.Summarize(api)
	if err != nil {
		return nil, &BugError{Name: name, Err: err}
	}
	res := &Result{Warnings: api.Warnings, Operations: ops}
	res.Stats.Endpoints = len(api.Operations)
	res.Stats.Types = len(api.Types.Named())
	for _, op := range api.Operations {
		res.Stats.Tests += len(op.Examples)
	}
	nameStats(api, &res.Stats)
	var putErr error
	err = emit.Stream(api, func(f File) error {
		putErr = put(f)
		return putErr
	})
	switch {
	case err == nil:
		return res, nil
	case putErr != nil && errors.Is(err, putErr):
		return nil, putErr
	}
	return nil, &BugError{Name: name, Err: err}
}
