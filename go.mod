module github.com/zcrmgen/zcrmgen

go 1.26

require (
	github.com/dave/jennifer v1.7.1
	github.com/rbretecher/go-postman-collection v0.9.0
	github.com/spf13/pflag v1.1.0
)
