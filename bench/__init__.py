"""Benchmarks: parser throughput, ingestion through the API, and API query latency.

Each module is a script (``python -m bench.parser`` and so on, or the Makefile's
``bench-*`` targets) that prints its figures; nothing here asserts on time.
"""
