module example.com/bulkexport

go 1.26

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/rbretecher/go-postman-collection v0.9.0 // indirect
	github.com/spf13/pflag v1.1.0 // indirect
	github.com/zcrmgen/zcrmgen v0.0.0 // indirect
)

replace github.com/zcrmgen/zcrmgen => ../..

tool github.com/zcrmgen/zcrmgen/cmd/zcrmgen
