"""Benchmarks, run on demand with ``make bench``: each prints ratios to a baseline measured in
the same run, so figures compare across machines."""
