# zcrmgen's tasks. `make generate` regenerates generated/ from collections/;
# `make test` runs every test, the generated packages' included.
GO ?= go
CORPUS ?= ../shared/corpus
FUZZTIME ?= 30s

.PHONY: all generate test check fuzz bench corpus

all: generate test

generate:
	$(GO) generate ./generated
	cd examples/zohoapp && $(GO) generate ./...

test:
	$(GO) vet ./...
	$(GO) test ./...

# check fails, listing the files that differ, when generated/ is not exactly
# what the collections generate: it runs each //go:generate line of
# generated/generate.go with zcrmgen -check.
check:
	cd generated && grep '^//go:generate go run ../cmd/zcrmgen ' generate.go | \
		sed 's|^//go:generate go run ../cmd/zcrmgen |$(GO) run ../cmd/zcrmgen -check |' | sh -e

fuzz:
	$(GO) test ./generator/parse -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/infer -run '^$$' -fuzz '^FuzzInfer$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator/naming -run '^$$' -fuzz '^FuzzName$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGenerate$$' -fuzztime $(FUZZTIME)

corpus:
	$(GO) run ./cmd/zcrmgen-corpus -dir $(CORPUS)
