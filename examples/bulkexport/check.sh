#!/usr/bin/env bash
# check.sh checks the example module: its generated zohocrm package must be
# exactly what `go generate` makes from the collection with the zcrmgen of
# this checkout, its go.mod and go.sum must be tidy, and it must vet and
# pass its tests. Run it from anywhere; it needs the Go module proxy (or a
# module cache holding zcrmgen's dependencies) to build zcrmgen.
set -euo pipefail
cd "$(dirname "$0")"
# This module stands alone: a go.work above it must not join it to others.
export GOWORK=off

before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
cp -R . "$before/bulkexport"

go mod tidy -diff
go generate ./...
# diff -r, not git, so that the check also works outside a clone and does
# not depend on what else in the checkout is uncommitted.
if ! diff -r "$before/bulkexport" . >"$before/diff"; then
	cat "$before/diff" | head -n 100
	echo "examples/bulkexport: generated code is stale: run 'go generate ./...' in examples/bulkexport and commit the result" >&2
	exit 1
fi

go vet ./...
go test ./...
