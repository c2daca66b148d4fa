module github.com/zcrmgen/zcrmgen/generator/apidiff/xcheck

go 1.26.0

require (
	github.com/zcrmgen/zcrmgen v0.0.0
	golang.org/x/exp v0.0.0-20261113113407-e3970619a1a4
)

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/rbretecher/go-postman-collection v0.9.0 // indirect
	golang.org/x/tools v0.52.1-0.20261106145633-d407941a339a // indirect
)

replace github.com/zcrmgen/zcrmgen => ../../..
