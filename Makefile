# Two commands do all the set-up on a fresh machine (see README.md).
.PHONY: run test test-fast score train-parser bench-parser bench-ingest bench-queries

run:  ## the service: venv, PostgreSQL, Redis, migrations, worker, web server, seeds
	@bash scripts/stack.sh run

test:  ## the same set-up on throwaway data, then the whole test suite
	@bash scripts/stack.sh test $(PYTEST_ARGS)

score:  ## the parser scored on ../shared's dev corpus, train split and validation split (SHARED_DIR=... to point elsewhere)
	@.venv/bin/python -m bench.score $(SCORE_ARGS)

train-parser:  ## retrain the transfer pair model (workers/parser/transfers/pair_model.json) from ../shared's train split, validation files left out
	@.venv/bin/python -m bench.train_pairs $(TRAIN_ARGS)

# Benchmarks (bench/; see README "Benchmarks"). Each prints its figures and ratios.
bench-parser:  ## parser vs spaCy's nlp.pipe over the dev corpus (BENCH_ARGS="DIR --words N")
	@bash scripts/stack.sh bench-parser $(BENCH_ARGS)

bench-ingest:  ## 1,000 articles through the API to 2 worker processes, on a private stack
	@bash scripts/stack.sh bench-ingest $(BENCH_ARGS)

bench-queries:  ## 1M statements / 300k transfers, API query latency and CSV export, private stack
	@bash scripts/stack.sh bench-queries $(BENCH_ARGS)
