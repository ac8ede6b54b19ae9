"""Read back what a rendered notice carries for its verifier: canonical JSON and verification code.

This only reads; whether the code is right (the HMAC with the office's key) is for the issuing
service to decide. pypdf's warnings about damaged files go nowhere: the caller says in one
sentence what is wrong with the file.
"""

from __future__ import annotations

import io
import json
import logging
import warnings
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from aitown.errors import ValidationError
from aitown.notices.canvas import INFO_KEY_CODE, INFO_KEY_CONTENT

# pypdf reports a damaged file through the logging module ("incorrect startxref" ...).
logging.getLogger("pypdf").setLevel(logging.ERROR)
_READ_ERRORS = (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError)


def quiet_reader(pdf_bytes: bytes) -> PdfReader | None:
    """A reader of ``pdf_bytes`` with its metadata read, or None if it is not a readable PDF."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(pdf_bytes))
            _ = reader.metadata
        except _READ_ERRORS:
            return None
    return reader


def read_embedded(pdf_bytes: bytes) -> dict[str, Any] | None:
    """``{"canonical_json": str, "verification_code": str, "content": dict}`` from a notice PDF.

    Returns None for a readable PDF that carries no notice data (not one of ours). Raises
    :class:`~aitown.errors.ValidationError` for bytes that are not a readable PDF.
    """
    reader = quiet_reader(pdf_bytes)
    if reader is None:
        raise ValidationError(
            "The file is not a readable PDF: choose the notice's PDF file as it was issued.",
            "该文件不是可读取的 PDF：请选择出具时的通知书 PDF 文件。",
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            info = reader.metadata
        except _READ_ERRORS:
            info = None
    if info is None:
        return None
    text = info.get("/" + INFO_KEY_CONTENT)
    code = info.get("/" + INFO_KEY_CODE)
    if not isinstance(text, str) or not isinstance(code, str):
        return None
    try:
        content = json.loads(text)
    except ValueError:
        return None
    if not isinstance(content, dict):
        return None
    return {"canonical_json": str(text), "verification_code": str(code), "content": content}
