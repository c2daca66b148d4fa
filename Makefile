# zcrmgen's tasks. `make generate` regenerates generated/ from collections/;
# `make test` runs every test, the generated packages' included, and the
# check of zcrmgen diff against golang.org/x/exp/apidiff (a module of its
# own, so that zcrmgen does not depend on x/exp).
GO ?= go
CORPUS ?= ../shared/corpus
ZOHO_OAS ?= ../shared/zoho-oas
FUZZTIME ?= 30s
# How long the fuzzer may shrink an input that found new coverage. Go's
# default, 60s, can take a whole short run for one input of the slower
# targets: on a loaded machine FuzzGenerate ran 16 inputs in 60s with it,
# over 100,000 with 5s.
FUZZMINIMIZE ?= 5s

.PHONY: all generate test check fuzz bench corpus conformance

all: generate test

generate:
	$(GO) generate ./generated
	cd examples/zohoapp && $(GO) generate ./...
	cd examples/bulkexport && $(GO) generate ./...

test:
	$(GO) vet ./...
	$(GO) test ./...
	cd generator/apidiff/xcheck && $(GO) vet ./... && $(GO) test ./...

# check fails, listing the files that differ, when generated/ is not exactly
# what the collections generate: it runs each //go:generate line of
# generated/generate.go, whatever its flags, with zcrmgen -check, and fails
# on a //go:generate line that does not run ../cmd/zcrmgen.
check:
	cd generated && grep '^//go:generate ' generate.go | \
		sed -e 's|^//go:generate go run ../cmd/zcrmgen |$(GO) run ../cmd/zcrmgen -check |' -e t \
			-e 's|^.*$$|echo "make check: generated/generate.go: a //go:generate line does not run ../cmd/zcrmgen" >\&2; exit 1|' | sh -e

fuzz:
	$(GO) test ./generator/parse -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator/infer -run '^$$' -fuzz '^FuzzInfer$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator/naming -run '^$$' -fuzz '^FuzzName$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGenerate$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGenerateText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator/model -run '^$$' -fuzz '^FuzzRedactJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator/gotype -run '^$$' -fuzz '^FuzzSource$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./generator/apidiff -run '^$$' -fuzz '^FuzzDiff$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./templates/runtime -run '^$$' -fuzz '^FuzzJSONReader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)

# bench prints, in one run, every figure of issue 12: generation time and
# memory against the floor (decoding the collection and gofmt of the very
# files written) at 10 to 10,000 requests, the scaling ratios and the peak
# memory at 10,000; the non-test lines of the package generated from
# collections/zoho-crm-v8.postman_collection.json against the issue's
# baseline; the generated client's cost per call next to a hand-written
# net/http call, and the generated types' decoding and encoding of a
# 200-record page next to encoding/json's; then, where node and npm are
# installed, the cold compile of the package generated for 1,000 synthetic
# requests, its tests included, against oapi-codegen's client
# (docs/compile/compare.sh, which takes minutes). See docs/BENCHMARKS.md.
bench:
	ZCRMGEN_BENCH=1 $(GO) test ./generator/bench -run '^(TestZohoLines|TestRatios)$$' -v -count=1 -timeout 30m -benchtime 1x
	$(GO) test ./generator/bench -run '^$$' -bench '^Benchmark(GetRecord|DecodeRecord|Page)$$' -benchmem -count 5
	@if ! command -v node >/dev/null; then \
		echo "compile time against oapi-codegen (docs/compile/compare.sh): skipped: node not found"; \
	elif ! command -v npm >/dev/null; then \
		echo "compile time against oapi-codegen (docs/compile/compare.sh): skipped: npm not found"; \
	else \
		docs/compile/compare.sh; \
	fi

corpus:
	$(GO) run ./cmd/zcrmgen-corpus -dir $(CORPUS)

# conformance generates the client of Zoho CRM v8 as Postman imports its
# OpenAPI files, decodes every schema-valid sample reply into the method's
# type and encodes it back, and checks that every zero request body encodes
# as {}; it fails below 100%. It checks that collection alone, then the
# client generated/zohocrm is: the same collection from collections/ with
# the hand-written one laid over it (as generated/generate.go has it). See
# cmd/zcrmgen-conformance.
conformance:
	$(GO) run ./cmd/zcrmgen-conformance -collection $(ZOHO_OAS)/zoho-crm-v8.postman_collection.json -samples $(ZOHO_OAS)/samples
	$(GO) run ./cmd/zcrmgen-conformance -collection collections/zoho-crm-v8.postman_collection.json \
		-overlay collections/zoho-crm.postman_collection.json -samples $(ZOHO_OAS)/samples
