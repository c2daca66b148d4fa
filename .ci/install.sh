#!/usr/bin/env bash
# install.sh checks the README's install steps as a newcomer would take
# them on a fresh machine: from a clone of this repository, `go install
# ./cmd/zcrmgen` gives a working zcrmgen, and a consumer module of its own
# that points at the clone with a replace directive gets zcrmgen as a
# `tool` of its go.mod, generates a client with `go generate` and builds
# and vets it. Everything happens in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export GOWORK=off

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. A clone, as the README's first step makes; git is not needed to build,
# so a copy of the tracked files stands in for it outside a checkout.
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	git clone -q "$root" "$tmp/zcrmgen"
else
	cp -R "$root" "$tmp/zcrmgen"
fi

# 2. go install ./cmd/zcrmgen, from inside the clone.
(cd "$tmp/zcrmgen" && GOBIN="$tmp/bin" go install ./cmd/zcrmgen)
"$tmp/bin/zcrmgen" --version
"$tmp/bin/zcrmgen" -q -in "$tmp/zcrmgen/collections/seed.postman_collection.json" -out "$tmp/installed/seed"
test -f "$tmp/installed/seed/client.go"

# 3. A consumer module with zcrmgen as a tool and a go:generate line.
app="$tmp/app"
mkdir -p "$app"
cp "$tmp/zcrmgen/collections/seed.postman_collection.json" "$app/"
cd "$app"
go mod init example.com/app 2>/dev/null
# The module is not on the module proxy: require it at v0.0.0 and replace
# it with the clone, then make zcrmgen a tool of the module.
go mod edit -require=github.com/zcrmgen/zcrmgen@v0.0.0 \
	-replace="github.com/zcrmgen/zcrmgen=$tmp/zcrmgen" \
	-tool=github.com/zcrmgen/zcrmgen/cmd/zcrmgen
go mod tidy 2>/dev/null
cat >gen.go <<'GO'
// Package app uses a client generated from a Postman collection.
package app

//go:generate go tool zcrmgen -q -in seed.postman_collection.json -out seed
GO
go generate ./...
go vet ./...
go test ./... >/dev/null
echo "install.sh: go install from a clone and the go:generate tool setup work"
