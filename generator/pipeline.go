package generator

import "errors"

func generate(opts Options) (*Result, error) {
	return nil, errors.New(opts.Name + ": generation pipeline is being assembled")
}
