"""One PDF file for a batch of notices (batch printing), and what it says it holds."""

from __future__ import annotations

import io
import json
from typing import Final

from pypdf import PdfReader, PdfWriter

from aitown.errors import ValidationError
from aitown.notices.verify_read import quiet_reader, read_embedded

#: The combined file's information key: the number and code of each notice in it, in order.
INFO_KEY_BATCH: Final = "AITownBatch"


def combine_pdfs(pdfs: list[bytes]) -> bytes:
    """The pages of every PDF in ``pdfs``, in order, as one PDF.

    The combined file is for printing only: each notice's verification data lives in its own
    PDF. The combined file lists each notice's number and code, so that a verifier handed it
    can say what it holds and check each notice by its code.
    """
    if not pdfs:
        raise ValidationError(
            "There is nothing to combine: choose at least one notice.",
            "没有可合并的通知书：请至少选择一份。",
        )
    writer = PdfWriter()
    listed = []
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
        embedded = read_embedded(pdf)
        if embedded is not None:
            listed.append(
                {
                    "number": str(embedded["content"].get("document_number", "")),
                    "code": embedded["verification_code"],
                }
            )
    writer.add_metadata(
        {
            "/Title": f"AI Town Desk: {len(pdfs)} notices for printing",
            "/Creator": "AI Town Desk",
            "/" + INFO_KEY_BATCH: json.dumps(listed, ensure_ascii=False, separators=(",", ":")),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_batch(pdf_bytes: bytes) -> list[dict[str, str]] | None:
    """The notices a combined print file lists, or None if it is not one."""
    reader = quiet_reader(pdf_bytes)
    if reader is None:
        return None
    try:
        info = reader.metadata
        text = info.get("/" + INFO_KEY_BATCH) if info is not None else None
        items = json.loads(text) if isinstance(text, str) else None
    except (ValueError, TypeError, KeyError, OSError):
        return None
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and isinstance(i.get("number"), str) and isinstance(i.get("code"), str)
        for i in items
    ):
        return None
    return items
