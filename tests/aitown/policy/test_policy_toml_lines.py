"""Finding the line of a key in TOML text (tomllib does not say where a key is)."""

from __future__ import annotations

from aitown.policy.toml_lines import KeyLines

TEXT = '''\
id = "x"   # line 1
note = """
fake = 1
[not.a.table]
"""
[pools.compute_voucher]
total = 5
list = [
  [1, 2],
  "a = b",
]
"quoted.key" = 1
inline = { a = 1, b = { c = 2 } }

[[rent_waiver.phases]]
months = 12

[[rent_waiver.phases]]
months = 6
dotted.part = 'it''s'
'''


def test_keys_and_tables_are_found_on_their_lines() -> None:
    lines = KeyLines(TEXT)
    assert lines.exact(("id",)) == 1
    assert lines.exact(("note",)) == 2
    assert lines.exact(("pools", "compute_voucher")) == 6
    assert lines.exact(("pools", "compute_voucher", "total")) == 7
    assert lines.exact(("pools", "compute_voucher", "quoted.key")) == 12


def test_text_inside_multiline_strings_and_arrays_is_not_taken_for_keys_or_tables() -> None:
    lines = KeyLines(TEXT)
    assert lines.exact(("fake",)) is None
    assert lines.exact(("not", "a", "table")) is None
    assert lines.exact(("pools", "compute_voucher", "list")) == 8


def test_array_of_tables_entries_are_told_apart() -> None:
    lines = KeyLines(TEXT)
    assert lines.exact(("rent_waiver", "phases")) == 15
    assert lines.exact(("rent_waiver", "phases", 0, "months")) == 16
    assert lines.exact(("rent_waiver", "phases", 1, "months")) == 19
    assert lines.exact(("rent_waiver", "phases", 1, "dotted", "part")) == 20


def test_keys_inside_an_inline_table_get_the_line_of_their_key() -> None:
    lines = KeyLines(TEXT)
    assert lines.line_of(("pools", "compute_voucher", "inline", "b", "c")) == 13


def test_an_unknown_path_falls_back_to_its_table_or_first_child() -> None:
    lines = KeyLines(TEXT)
    assert lines.line_of(("pools", "compute_voucher", "missing")) == 6
    assert lines.line_of(("pools",)) == 6  # an implicit table: the line of its first child
    assert lines.line_of(("nowhere", "at", "all")) == 1
