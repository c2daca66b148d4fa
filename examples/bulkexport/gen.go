package main

// The zohocrm package is generated from the Zoho CRM collection of this
// repository; run `go generate ./...` here after the collection or zcrmgen
// changes, and commit the result. check.sh fails when it is stale.
//
//go:generate go tool zcrmgen -q -in ../../collections/zoho-crm.postman_collection.json -out zohocrm
