"""Benchmarks of AI Town Desk at district and city scale (``python -m benchmarks.run``)."""
