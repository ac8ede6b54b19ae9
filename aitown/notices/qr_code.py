"""The QR code of a notice's verification line: ReportLab's encoder, its mask chosen faster.

ReportLab's ``QRCode.make()`` picks the mask pattern by building the whole matrix eight times
(``makeImpl``: the finder, timing and alignment patterns, then every data module through a
lambda) and scoring each with ``QRUtil.getLostPoint`` (Python loops over every module): a third
of a grant letter's rendering. Here the function patterns and the data bits are laid out once;
each of the eight candidates is that matrix with the data modules XOR-ed by the mask (a
version's mask values are worked out once per process), scored by :func:`lost_points` — the same
score as ``getLostPoint``, quirks included, counted on strings and integers — and the winner is
made by ReportLab's ``makeImpl``. The matrix is the one ``make()`` gives, module for module
(tests/aitown/notices/test_qr_code.py compares the matrices on many texts and the scores on
random matrices).
"""

from __future__ import annotations

import functools
import re
from itertools import repeat
from typing import Any

from reportlab.graphics.barcode import qrencoder as _qrencoder

# ReportLab's encoder has no type hints: its objects are Any here.
qrencoder: Any = _qrencoder

_RUN = re.compile(b"\x00{5,}|\x01{5,}")
_FINDER = re.compile(b"\x01\x00\x01\x01\x01\x00\x01\x00\x00\x00\x00")
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def lost_points(modules: list[list[bool]]) -> int:
    """``QRUtil.getLostPoint`` of a matrix (ReportLab 4–5), exactly:

    1. every run of five or more modules of one colour in a row or a column: its length − 2;
    2. every 2×2 block of one colour: 3;
    3. every ``1011101 0000`` in a row, found left to right without overlap, starting before the
       last possible place (its loop stops at ``len − 11``): 40. Its column pass compares tuples
       with a list and so never counts: neither does this;
    4. 10 × (|dark share in % (floored) − 50| // 5).
    """
    size = len(modules)
    rows = [bytes(row) for row in modules]  # b"\x01" dark, b"\x00" light
    score = 0
    for line in (*rows, *(bytes(col) for col in zip(*modules, strict=True))):
        for run in _RUN.finditer(line):
            score += run.end() - run.start() - 2
    full = (1 << size) - 1
    ints = [int(r.translate(_DIGITS), 2) for r in rows]
    for upper, lower in zip(ints, ints[1:], strict=False):
        dark = upper & lower
        light = ~(upper | lower) & full
        # a block at columns j, j + 1: both bits in both rows (one shift pairs them)
        score += 3 * ((dark & (dark >> 1)).bit_count() + (light & (light >> 1)).bit_count())
    score += 40 * sum(len(_FINDER.findall(r, 0, size - 1)) for r in rows)
    dark_count = sum(r.count(1) for r in rows)
    return score + 10 * (abs(100 * dark_count // (size * size) - 50) // 5)


@functools.cache
def _layout(version: int) -> tuple[tuple[tuple[int, int], ...], list[list[bool]]]:
    """A version's data module positions (col, row) and its test layout (function patterns,
    type information blank: in test mode it does not depend on the mask); its data modules hold
    a placeholder's, overwritten for each code."""
    qr = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    qr.addData("0")
    qr.makeImpl(True, 0)
    return tuple(qr.dataPosIterator()), qr.modules


@functools.cache
def _final_layout(version: int, pattern: int) -> list[list[bool]]:
    """The function patterns with the type (and version) information of ``pattern``: what
    ``makeImpl(False, pattern)`` lays out around the data modules."""
    qr = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    qr.addData("0")
    qr.makeImpl(False, pattern)
    modules: list[list[bool]] = qr.modules
    return modules


@functools.cache
def _mask_values(positions: tuple[tuple[int, int], ...], pattern: int) -> tuple[bool, ...]:
    mask = qrencoder.QRUtil.getMask(pattern)
    return tuple(bool(mask(row, col)) for col, row in positions)


def _with_data(
    layout: list[list[bool]], positions: tuple[tuple[int, int], ...], bits: list[bool], pattern: int
) -> list[list[bool]]:
    modules = [row[:] for row in layout]
    for (col, row), bit, dark in zip(
        positions, bits, _mask_values(positions, pattern), strict=True
    ):
        modules[row][col] = bit ^ dark
    return modules


def qr_modules(text: str) -> list[list[bool]]:
    """The dark/light modules of a QR code (error correction level M) holding ``text``."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    version = qr.calculate_version()
    positions, layout = _layout(version)
    data = qrencoder.QRCode.createData(version, qr.errorCorrectLevel, qr.dataList)
    bits = list(qr.dataBitIterator(data))
    bits.extend(repeat(False, len(positions) - len(bits)))  # mapData's fill value
    best_pattern, best_lost = 0, 0
    for pattern in range(8):
        lost = lost_points(_with_data(layout, positions, bits, pattern))
        if pattern == 0 or lost < best_lost:  # getBestMaskPattern's rule: the first lowest
            best_pattern, best_lost = pattern, lost
    final = _with_data(_final_layout(version, best_pattern), positions, bits, best_pattern)
    return [[bool(m) for m in row] for row in final]
