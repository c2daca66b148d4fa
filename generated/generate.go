// Package generated holds the committed output of zcrmgen for the
// collections in ../collections: one Go package per collection. Run
// `make generate` (or `go generate ./generated`) after changing a
// collection or the generator; the tests in ../generator fail while this
// tree is stale.
package generated

//go:generate go run ../cmd/zcrmgen -q -in ../collections/zoho-crm-v8.postman_collection.json -in ../collections/zoho-crm.postman_collection.json -out zohocrm
//go:generate go run ../cmd/zcrmgen -q -in ../collections/seed.postman_collection.json -out seed
