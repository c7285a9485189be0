# Two commands do all the set-up on a fresh machine (see README.md).
.PHONY: run test test-fast

run:  ## the service: venv, PostgreSQL, Redis, migrations, worker, web server, seeds
	@bash scripts/stack.sh run

test:  ## the same set-up on throwaway data, then the whole test suite
	@bash scripts/stack.sh test $(PYTEST_ARGS)
