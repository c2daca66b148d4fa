#!/usr/bin/env bash
# staticcheck.sh runs staticcheck with every check on the project's own
# packages (generator, commands, runtime) and on the generated packages
# (generated/seed and generated/zohocrm), and exits non-zero when it
# reports anything. staticcheck skips files whose first lines say "Code
# generated ... DO NOT EDIT.", so it checks copies with that line removed,
# in a module of their own in a temporary directory. It installs
# staticcheck there too, from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

staticcheck_version="v0.8.2"
# The header is read off a generated file, so that it is written in one
# place (the generator) only; it must be the line `go generate` documents.
header="$(head -n 1 "$root/generated/seed/client.go")"
if ! printf '%s\n' "$header" | grep -qE '^// Code generated .* DO NOT EDIT\.$'; then
	echo "staticcheck.sh: generated/seed/client.go does not start with a generated-code header" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A go.work or -mod flag of the caller must not reach the installs and the
# run: both happen outside this repository's module.
export GOWORK=off
export GOFLAGS="${GOFLAGS:-}"
GOFLAGS="$(printf '%s\n' $GOFLAGS | grep -v '^-mod=' | tr '\n' ' ' || true)"

GOBIN="$tmp/bin" go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
"$tmp/bin/staticcheck" -version

# The project's own packages, generated ones aside (below).
(cd "$root" && "$tmp/bin/staticcheck" -checks all $(go list ./... | grep -v '/generated/'))

mod="$tmp/generated"
mkdir -p "$mod"
printf 'module github.com/zcrmgen/zcrmgen/generated\n\ngo 1.26\n' >"$mod/go.mod"
for pkg in seed zohocrm; do
	cp -R "$root/generated/$pkg" "$mod/$pkg"
done
# Remove the header line exactly; files without it are hand-written and
# stay as they are. Fail when no file has it: a header that changes must
# change here too, or staticcheck would skip every generated file.
stripped=0
while IFS= read -r -d '' f; do
	if grep -qxF "$header" "$f"; then
		grep -vxF "$header" "$f" >"$f.tmp" || true
		mv "$f.tmp" "$f"
		stripped=$((stripped + 1))
	fi
done < <(find "$mod" -name '*.go' -print0)
if [ "$stripped" -eq 0 ]; then
	echo "staticcheck.sh: no file of generated/ has the line '$header'" >&2
	exit 1
fi

cd "$mod"
"$tmp/bin/staticcheck" -checks all ./...
