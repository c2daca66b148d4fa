#!/usr/bin/env bash
# compare.sh compares the Go types quicktype infers from JSON samples with
# those of "zcrmgen types" by the one thing that matters to a client: does
# every sample decode into the type and encode back to the same JSON?
#
#   docs/quicktype/compare.sh [SET...]
#
# Run it from anywhere inside the repository; it needs go, node and npm.
# quicktype is installed on first use into docs/quicktype/node_modules with
# "npm ci" (pinned by package.json and package-lock.json); set QUICKTYPE to
# use another quicktype binary instead.
#
# Sample sets are the directories docs/quicktype/samples/SET (hand-written
# hard cases) plus sets the script extracts from
# collections/zoho-crm.postman_collection.json: per request, its JSON
# request bodies (crm-NAME-request) and its 2xx response bodies (crm-NAME),
# and every error body of the collection (crm-errors). Samples named
# unseen-*.json are not shown to either generator, only round-tripped: they
# stand for what a later response may hold.
#
# For each set both tools see the same samples:
#
#   quicktype --lang go --top-level T --package p SAMPLE...
#   zcrmgen types -name T -package p SAMPLE...   (go run ./cmd/zcrmgen, built once)
#
# each output becomes a package of a throwaway module, and roundtrip.go
# decodes every sample into T, encodes it back and compares. The Markdown
# table and the list of losses go to standard output. KEEP=1 keeps the
# work directory (generated sources under mod/gen/) and prints its path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/docs/quicktype
cd "$root"

for tool in go node npm; do
	command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required" >&2; exit 1; }
done

# quicktype, installed on demand.
want=$(sed -n 's/.*"quicktype": *"\([^"]*\)".*/\1/p' "$here/package.json")
qt=${QUICKTYPE:-$here/node_modules/.bin/quicktype}
if [ -z "${QUICKTYPE:-}" ] && ! "$qt" --version 2>/dev/null | grep -qF "version $want"; then
	echo "compare.sh: installing quicktype $want into docs/quicktype/node_modules" >&2
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
qtversion=$("$qt" --version | sed -n 's/^quicktype version //p')

work=$(mktemp -d "${TMPDIR:-/tmp}/qtcompare.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "compare.sh: work directory $work" >&2
else
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/samples" "$work/gen" "$work/mod/gen" "$work/bin"

# Hand-written sets, in the order of the table.
hand=(zoho-module zoho-error-details nullable-optional all-null big-int
	float-32500.0 exp-1e400 decimal-34-digits times date-only awkward-keys
	owner-owner extra-fields empty-object-array top-level-array mixed-array
	enum-guess
	deep-nesting)
for s in "${hand[@]}"; do
	[ -d "$here/samples/$s" ] || { echo "compare.sh: no docs/quicktype/samples/$s" >&2; exit 1; }
	cp -R "$here/samples/$s" "$work/samples/$s"
done
for d in "$here"/samples/*/; do
	s=$(basename "$d")
	[[ " ${hand[*]} " == *" $s "* ]] || { echo "compare.sh: samples/$s is not listed in compare.sh" >&2; exit 1; }
done

# Real bodies from the Zoho CRM collection; prints the set names in order.
extracted=$(node - collections/zoho-crm.postman_collection.json "$work/samples" <<'JS'
const fs = require("fs"), path = require("path");
const [file, out] = process.argv.slice(2);
const slug = s => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
// Keys whose Go types the table's notes show, per set.
const focus = {
	"crm-list-records": ["data.Annual_Revenue", "data.First_Name", "data.Created_Time", "data.Lead_Status", "info.previous_page_token"],
	"crm-get-record": ["data.$review", "data.Rating", "data.Zip_Code", "data.Tag"],
	"crm-errors": ["details", "code", "status"],
	"crm-insert-records": ["data.details"],
	"crm-update-records": ["data.details", "data.status"],
	"crm-get-bulk-read-job-status": ["data.result", "data.state"],
	"crm-coql-query": ["data.Annual_Revenue"],
};
const sets = new Map();
const add = (set, name, body) => {
	if (!body || !body.trim()) return;
	try { JSON.parse(body); } catch { return; }
	if (!sets.has(set)) sets.set(set, []);
	const s = sets.get(set);
	if (!s.some(x => x.body === body)) s.push({ name: slug(name), body });
};
const walk = (items) => {
	for (const it of items) {
		if (it.item) { walk(it.item); continue; }
		const set = "crm-" + slug(it.name);
		const raw = r => r && r.body && r.body.mode === "raw" ? r.body.raw : "";
		add(set + "-request", "request", raw(it.request));
		for (const r of it.response || []) {
			add(set + "-request", r.name, raw(r.originalRequest));
			add(r.code >= 200 && r.code < 300 ? set : "crm-errors", it.name + " " + r.name, r.body);
		}
	}
};
walk(JSON.parse(fs.readFileSync(file, "utf8")).item);
const errors = sets.get("crm-errors");
sets.delete("crm-errors");
if (errors) sets.set("crm-errors", errors);
for (const [set, bodies] of sets) {
	const dir = path.join(out, set);
	fs.mkdirSync(dir, { recursive: true });
	bodies.forEach((b, i) => fs.writeFileSync(path.join(dir, `${i + 1}-${b.name}.json`), b.body));
	if (focus[set]) fs.writeFileSync(path.join(dir, "focus.txt"), focus[set].join("\n") + "\n");
	console.log(set);
}
JS
)

# The sets to run: all, or those named on the command line.
all=("${hand[@]}" $extracted)
if [ $# -gt 0 ]; then
	for s in "$@"; do
		[[ " ${all[*]} " == *" $s "* ]] || { echo "compare.sh: unknown set $s (have: ${all[*]})" >&2; exit 2; }
	done
	sets=("$@")
else
	sets=("${all[@]}")
fi
printf '%s\n' "${sets[@]}" >"$work/sets.txt"

echo "compare.sh: building zcrmgen" >&2
go build -o "$work/bin/zcrmgen" ./cmd/zcrmgen

export GOWORK=off GOFLAGS=-mod=mod
cd "$work/mod"
printf 'module qtcompare\n\ngo 1.22\n' >go.mod
grep -v '^//go:build ignore$' "$here/roundtrip.go" >main.go

pkgs=() names=() n=0
for s in "${sets[@]}"; do
	n=$((n + 1))
	inputs=()
	for f in "$work/samples/$s"/*.json; do
		[[ $(basename "$f") == unseen-* ]] || inputs+=("$f")
	done
	mkdir -p "$work/gen/$s"
	for tool in quicktype zcrmgen; do
		pkg=gen/s$n/$tool log=$work/gen/$s/$tool.log
		mkdir -p "$pkg"
		if [ $tool = quicktype ]; then
			gen=("$qt" --telemetry disable --lang go --top-level T --package p "${inputs[@]}")
			rt='v, err := UnmarshalT(data)
	if err != nil {
		return nil, err
	}
	return v.Marshal()'
		else
			gen=("$work/bin/zcrmgen" types -name T -package p "${inputs[@]}")
			rt='var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)'
		fi
		if ! "${gen[@]}" >"$pkg/t.go" 2>"$log"; then
			echo "$tool fails: $(grep -v '^[[:space:]]*$' "$log" | head -1)" >"$work/gen/$s/$tool.err"
			rm -rf "$pkg"
			continue
		fi
		printf 'package p\n\nimport "encoding/json"\n\nvar _ = json.Unmarshal\n\nfunc QTCompareRoundTrip(data []byte) ([]byte, error) {\n\t%s\n}\n' "$rt" >"$pkg/roundtrip.go"
		pkgs+=("$pkg") names+=("$s $tool")
	done
done

# One build for all packages; only when it fails, one per package to find
# the ones that do not compile.
echo "compare.sh: compiling ${#pkgs[@]} packages" >&2
if ! go build ./gen/... 2>/dev/null; then
	for i in "${!pkgs[@]}"; do
		pkg=${pkgs[$i]} s=${names[$i]% *} tool=${names[$i]#* }
		if ! go build "./$pkg" 2>"$work/gen/$s/$tool.log"; then
			echo "does not compile: $(grep -v '^#' "$work/gen/$s/$tool.log" | head -1 | sed 's|^.*/t\.go:|t.go:|')" >"$work/gen/$s/$tool.err"
			rm -rf "$pkg"
		fi
	done
fi
imports=() inits=()
for i in "${!pkgs[@]}"; do
	pkg=${pkgs[$i]} s=${names[$i]% *} tool=${names[$i]#* }
	[ -d "$pkg" ] || continue
	alias=${tool:0:1}$i
	imports+=("	$alias \"qtcompare/$pkg\"")
	inits+=("	register(\"$s\", \"$tool\", $alias.QTCompareRoundTrip, reflect.TypeFor[$alias.T]())")
done
{
	echo "// Code generated by compare.sh. DO NOT EDIT."
	echo
	echo "package main"
	echo
	echo "import ("
	echo '	"reflect"'
	echo
	printf '%s\n' "${imports[@]}"
	echo ")"
	echo
	echo "func init() {"
	printf '%s\n' "${inits[@]}"
	echo "}"
} >sets.go
go vet . >&2

echo "compare.sh: quicktype $qtversion, zcrmgen at $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown), $(go version | cut -d' ' -f3), node $(node --version), $(date -u +%Y-%m-%d)" >&2
go run . "$work"
