# The two commands of the project: `make start` (the demo portal) and `make test` (everything
# CI checks). Each runs the idempotent set-up first: Node 22 and yarn 4.13 from the npm
# registry when the machine lacks them (into .toolchain/), then `yarn install --immutable`.
SHELL := /bin/bash
ENV := . .toolchain/env.sh &&

.PHONY: setup start test typecheck lint unit e2e bench bench-smoke verify-packages api-reports

setup:
	@bash scripts/setup.sh

start: setup
	bash scripts/start.sh

# The API reports (report.api.md of each published package) must match the exports: after an
# export changes, `make api-reports` (or `yarn build:api-reports`) and commit the reports.
typecheck:
	$(ENV) yarn verify:openapi && yarn tsc && yarn build:api-reports:only --ci

api-reports:
	$(ENV) yarn build:api-reports

lint:
	$(ENV) yarn lint:all

unit:
	$(ENV) bash scripts/setup-prometheus.sh && . scripts/test-env.sh && BACKSTAGE_TEST_DISABLE_DOCKER=1 CI=true yarn test

# Builds and packs every published package and checks each tarball (scripts/verify-packages.mjs).
verify-packages:
	$(ENV) yarn tsc && yarn verify:packages

e2e:
	$(ENV) bash e2e/setup-chromium.sh && yarn test:e2e

# The benchmark (not part of `make test`, which runs only its smoke version).
bench: setup
	$(ENV) bash scripts/setup-prometheus.sh && . scripts/test-env.sh && yarn bench

bench-smoke:
	$(ENV) bash scripts/setup-prometheus.sh && . scripts/test-env.sh && yarn bench:smoke && yarn bench:load:smoke

test: setup
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory lint
	@# verify-packages without its own tsc: typecheck has just run it.
	$(ENV) yarn verify:packages
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory bench-smoke
	$(MAKE) --no-print-directory e2e
