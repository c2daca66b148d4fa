#!/usr/bin/env bash
# compare.sh measures how long the Go package zcrmgen generates for a
# synthetic collection takes to compile, against the package oapi-codegen v2
# generates for the same collection after postman-to-openapi converts it to
# OpenAPI 3.0.
#
#   docs/compile/compare.sh            # 1,000 requests
#   N=200 docs/compile/compare.sh      # another size
#
# Run it from anywhere inside the repository; it needs go, node, npm and
# GNU time (/usr/bin/time). postman-to-openapi is installed on first use
# into docs/compile/node_modules with "npm ci" (pinned by package.json and
# package-lock.json); oapi-codegen is run with "go run ...@$OAPI_CODEGEN"
# and its runtime is required at $OAPI_RUNTIME.
#
# Each side is a package of its own throwaway module ("module work"):
#
#   zc/synthetic   go run ./cmd/zcrmgen -q -in c.json -out zc/synthetic
#   oa/oapi        p2o c.json > openapi.yaml
#                  oapi-codegen -generate types,client -package oapi openapi.yaml
#
# Timing: each side gets a fresh GOCACHE, seeded first with
# "go build net/http encoding/json" so that compiling the standard library
# is not counted. Then, in that order, "go build ./PKG", "go vet ./PKG" and
# "go test -run xxx ./PKG" (compiles the tests, runs none) are timed twice:
# the first round is cold (only std in the cache; oapi's side also compiles
# github.com/oapi-codegen/runtime and its dependencies), the second warm
# (everything cached). Each line is wall seconds, CPU seconds (user plus
# system, of the go command and every compiler, vet and linker it ran) and
# peak resident memory from /usr/bin/time; on a machine shared with other
# work CPU time is the steadier figure. The last line is the goal of issue
# 12: zcrmgen's cold "go test -run xxx", which compiles its package again
# together with its tests, against oapi-codegen's cold "go build", the
# compile of its client (which has no tests). KEEP=1 keeps the work
# directory.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/docs/compile
cd "$root"

N=${N:-1000}
OAPI_CODEGEN=${OAPI_CODEGEN:-v2.8.2}
OAPI_RUNTIME=${OAPI_RUNTIME:-v1.9.0}

for tool in go node npm /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required" >&2; exit 1; }
done

want=$(sed -n 's/.*"postman-to-openapi": *"\([^"]*\)".*/\1/p' "$here/package.json")
p2o=$here/node_modules/.bin/p2o
have=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$here/node_modules/postman-to-openapi/package.json" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
	echo "compare.sh: installing postman-to-openapi $want into docs/compile/node_modules" >&2
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/compilecmp.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "compare.sh: work directory $work" >&2
else
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fi

echo "compare.sh: generating a collection of $N requests" >&2
go run ./cmd/mkcollection -n "$N" > "$work/c.json"

mkdir -p "$work/zc" "$work/oa/oapi"
printf 'module work\n\ngo 1.26\n' > "$work/zc/go.mod"
printf 'module work\n\ngo 1.26\n' > "$work/oa/go.mod"

echo "compare.sh: zcrmgen" >&2
go run ./cmd/zcrmgen -q -in "$work/c.json" -out "$work/zc/synthetic"
(cd "$work/zc" && go mod tidy >&2)

echo "compare.sh: postman-to-openapi $want" >&2
"$p2o" "$work/c.json" -f "$work/openapi.yaml" > /dev/null
echo "compare.sh: oapi-codegen $OAPI_CODEGEN" >&2
(cd "$work/oa" &&
	go run "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@$OAPI_CODEGEN" \
		-generate types,client -package oapi -o oapi/oapi.gen.go ../openapi.yaml &&
	go get "github.com/oapi-codegen/runtime@$OAPI_RUNTIME" >&2 &&
	go mod tidy >&2)

lines() { # lines in Go files of $1 (all, non-test, test), bytes of all
	local all non test bytes
	all=$(cat "$1"/*.go | wc -l)
	non=$(cat $(ls "$1"/*.go | grep -v '_test\.go$') | wc -l)
	test=$((all - non))
	bytes=$(cat "$1"/*.go | wc -c)
	echo "$all $non $test $bytes"
}

results=$work/results.txt
: > "$results"
measure() { # side dir pkg
	local side=$1 dir=$2 pkg=$3 cache round cmd
	cache=$(mktemp -d "$work/gocache.XXXXXX")
	(cd "$dir" && GOCACHE=$cache go build net/http encoding/json)
	for round in cold warm; do
		for cmd in build vet test; do
			local args=("$cmd" "./$pkg")
			[ "$cmd" = test ] && args=(test -run xxx "./$pkg")
			echo "compare.sh: $side $round go ${args[*]}" >&2
			(cd "$dir" && GOCACHE=$cache /usr/bin/time -f "$side $round $cmd %e %M %U %S" -a -o "$results" \
				go "${args[@]}" > /dev/null)
		done
	done
}
measure zcrmgen "$work/zc" synthetic
measure oapi "$work/oa" oapi

read -r zall znon ztest zbytes <<<"$(lines "$work/zc/synthetic")"
read -r oall onon otest obytes <<<"$(lines "$work/oa/oapi")"
zfiles=$(ls "$work/zc/synthetic"/*.go | wc -l)
ofiles=$(ls "$work/oa/oapi"/*.go | wc -l)
ops=$(grep -cE '^    (get|post|put|patch|delete|head|options):' "$work/openapi.yaml" || true)

t() { awk -v s="$1" -v r="$2" -v c="$3" '$1==s && $2==r && $3==c {print $4}' "$results"; }
c() { awk -v s="$1" -v r="$2" -v c="$3" '$1==s && $2==r && $3==c {printf "%.2f", $6+$7}' "$results"; }
m() { awk -v s="$1" -v r="$2" -v c="$3" '$1==s && $2==r && $3==c {printf "%.0f", $5/1024}' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'; }

echo "Collection: $N requests (go run ./cmd/mkcollection -n $N); OpenAPI operations after conversion: $ops"
echo "go: $(go env GOVERSION); postman-to-openapi $want; oapi-codegen $OAPI_CODEGEN; github.com/oapi-codegen/runtime $OAPI_RUNTIME; $(nproc) CPUs; $(date -u +%Y-%m-%d)"
echo
echo "| | zcrmgen | postman-to-openapi + oapi-codegen | zcrmgen / oapi |"
echo "|---|---:|---:|---:|"
echo "| Go files | $zfiles | $ofiles | |"
echo "| Lines of Go (all) | $zall | $oall | $(ratio "$zall" "$oall") |"
echo "| Lines of Go (non-test) | $znon | $onon | $(ratio "$znon" "$onon") |"
echo "| Lines of Go (tests) | $ztest | $otest | |"
echo "| Bytes of Go | $zbytes | $obytes | $(ratio "$zbytes" "$obytes") |"
for round in cold warm; do
	for cmd in build vet test; do
		label="go $cmd"
		[ "$cmd" = test ] && label="go test -run xxx"
		zt=$(t zcrmgen $round $cmd); ot=$(t oapi $round $cmd)
		echo "| $label, $round (s) | $zt | $ot | $(ratio "$zt" "$ot") |"
		zc=$(c zcrmgen $round $cmd); oc=$(c oapi $round $cmd)
		echo "| $label, $round, CPU (s) | $zc | $oc | $(ratio "$zc" "$oc") |"
	done
done
for cmd in build vet test; do
	label="go $cmd"
	[ "$cmd" = test ] && label="go test -run xxx"
	zm=$(m zcrmgen cold $cmd); om=$(m oapi cold $cmd)
	echo "| $label, cold, peak RSS (MiB) | $zm | $om | $(ratio "$zm" "$om") |"
done
echo
zt=$(t zcrmgen cold test); ot=$(t oapi cold build)
zc=$(c zcrmgen cold test); oc=$(c oapi cold build)
echo "Cold test compile (goal: at most 1.5x): zcrmgen's go test -run xxx over oapi-codegen's go build, wall $zt s / $ot s = $(ratio "$zt" "$ot")x, CPU $zc s / $oc s = $(ratio "$zc" "$oc")x"
