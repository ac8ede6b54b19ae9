"""One PDF file for a batch of notices (batch printing)."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from aitown.errors import ValidationError


def combine_pdfs(pdfs: list[bytes]) -> bytes:
    """The pages of every PDF in ``pdfs``, in order, as one PDF.

    The combined file is for printing only: each notice's verification data lives in its own
    PDF, so a verifier reads the single notices, not the batch.
    """
    if not pdfs:
        raise ValidationError(
            "There is nothing to combine: choose at least one notice.",
            "没有可合并的通知书：请至少选择一份。",
        )
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
