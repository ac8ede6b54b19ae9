"""Small helpers for the GUI tests: valid credit codes and teams registered through the service."""

from __future__ import annotations

from stdnum.cn import uscc

from aitown.db import Database
from aitown.services.actor import Actor
from aitown.services.teams import create_team


def good_uscc(serial: int, division: str = "310104") -> str:
    """A valid 18-character code (right check digit) for a Shanghai company, unique per serial."""
    body = f"91{division}MA{serial:07d}"[:17]
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(c if c in alphabet else "0" for c in body)
    return body + uscc.calc_check_digit(body)


def bad_check_digit(code: str) -> str:
    """The same code with a wrong last character."""
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def register(db: Database, actor: Actor, serial: int, name_zh: str, **extra: object) -> int:
    values: dict[str, object] = {
        "name_zh": name_zh,
        "name_en": extra.pop("name_en", f"Team {serial}"),
        "uscc": good_uscc(serial),
        "founded_on": "2023-03-01",
        "headcount": "12",
        "ai_focus": "ai_applications",
        "district": "徐汇区",
        "legal_rep": "王伟",
    }
    values.update(extra)
    return create_team(db, actor, values)


def type_text(qtbot: object, widget: object, text: str) -> None:
    """Type as a person would: keys for ASCII, an input-method commit for Chinese (QTest cannot
    press keys that are not on a keyboard)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]
        return
    widget.setFocus()  # type: ignore[attr-defined]
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]
