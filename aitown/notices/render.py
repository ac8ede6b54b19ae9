"""Render a notice: ``render_notice(doc) -> bytes``."""

from __future__ import annotations

from aitown.notices.document import NoticeDocument
from aitown.notices.templates import template_for


def render_notice(doc: NoticeDocument) -> bytes:
    """The notice as PDF bytes, the same bytes for the same document.

    Refuses with :class:`~aitown.errors.ValidationError` (before drawing anything) a document
    that lacks what its kind must show, or whose text holds a character the font cannot draw.
    """
    return template_for(doc.kind)(doc).render()
