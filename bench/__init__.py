"""Benchmarks and the synthetic flows they run on (see bench/README.md)."""
