package generator

import (
	"github.com/zcrmgen/zcrmgen/generator/emit"
	"github.com/zcrmgen/zcrmgen/generator/model"
)

func generate(opts Options) (*Result, error) {
	api, err := model.Build(opts)
	if err != nil {
		return nil, err
	}
	files, err := emit.Files(api)
	if err != nil {
		return nil, &BugError{Name: opts.Name, Err: err}
	}
	ops, err := emit.Summarize(api)
	if err != nil {
		return nil, &BugError{Name: opts.Name, Err: err}
	}
	res := &Result{Files: files, Warnings: api.Warnings, Operations: ops}
	res.Stats.Endpoints = len(api.Operations)
	res.Stats.Types = len(api.Types.Named())
	for _, op := range api.Operations {
		res.Stats.Tests += len(op.Examples)
	}
	nameStats(api, &res.Stats)
	return res, nil
}
