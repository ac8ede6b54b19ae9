"""The benchmark row for `aitown-cli --help` measures the real command (issue 22)."""

from __future__ import annotations

from benchmarks import bench_cli


def test_the_cli_help_row_measures_a_run_that_succeeds() -> None:
    [row] = bench_cli.run(repeat=1)
    assert row.key == "cli_help" and row.unit == "s"
    assert row.value > 0 and row.baseline is not None and row.baseline > 0
    assert row.met is (row.value < bench_cli.TARGET_S)
    assert len(row.details["help_runs"]) == 1
