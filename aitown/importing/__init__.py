"""Reading and checking team lists (``.csv`` / ``.xlsx``) for import.

``reading`` opens a file (type, encoding, fingerprint) and streams its rows; ``columns`` knows the
English and Chinese headers; ``checking`` turns each row into a checked team or a
:class:`RowProblem`. Writing the teams is :mod:`aitown.services.team_import`.
"""

from aitown.importing.checking import CheckedRow, RowProblem, check_rows, open_rows
from aitown.importing.columns import COLUMNS, EXAMPLE_USCC, Column, HeaderMap
from aitown.importing.reading import SourceFile, open_source

__all__ = [
    "COLUMNS",
    "EXAMPLE_USCC",
    "CheckedRow",
    "Column",
    "HeaderMap",
    "RowProblem",
    "SourceFile",
    "check_rows",
    "open_rows",
    "open_source",
]
