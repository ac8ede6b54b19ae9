"""Combining notices into one PDF for batch printing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from aitown.errors import ValidationError
from aitown.notices.batch import combine_pdfs
from aitown.notices.render import render_notice
from aitown.notices.samples import sample_document


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_combined_file_has_every_page_in_order() -> None:
    kinds = ("admission", "rent_waiver", "rejection")
    singles = [render_notice(sample_document(kind)) for kind in kinds]
    combined = combine_pdfs(singles)
    pages = _pages(combined)
    assert len(pages) == sum(len(_pages(pdf)) for pdf in singles)
    numbers = [sample_document(kind).document_number for kind in kinds]
    firsts = [next(i for i, p in enumerate(pages) if n in p) for n in numbers]
    assert firsts == sorted(firsts)


def test_nothing_to_combine_is_refused() -> None:
    with pytest.raises(ValidationError):
        combine_pdfs([])
