"""Fixtures for the GUI tests: synchronous tasks, private settings, message boxes that never block,
and a DeskContext for each kind of user on a fresh staffed database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from aitown.db import Database
from aitown.services.actor import Actor
from tests.conftest import Staff
from ui import tasks
from ui.context import DeskContext


@pytest.fixture(autouse=True)
def synchronous_tasks() -> Iterator[None]:
    """Picard's trick: background work runs at once, so tests are deterministic."""
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings (language) and logs go to the test's own folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("AITOWN_DATA_DIR", str(folder))
    monkeypatch.setenv("AITOWN_LOG_DIR", str(tmp_path / "log"))
    return folder


@dataclass
class Boxes:
    """What the message boxes would have shown; ``answer`` is what question() returns."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.No

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind is None or k == kind]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    record = Boxes()

    def fake(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, _title: str, text: str, *args: object, **kw: object):
            record.shown.append((kind, text))
            return record.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return record


@pytest.fixture
def make_ctx(db: Database, staff: Staff) -> Callable[[Actor], DeskContext]:
    from ui.app import app_settings

    def build(actor: Actor) -> DeskContext:
        return DeskContext(db=db, actor=actor, settings=app_settings(), lang="en")

    return build


@pytest.fixture
def admin_ctx(make_ctx: Callable[[Actor], DeskContext], staff: Staff) -> DeskContext:
    return make_ctx(staff.admin)


@pytest.fixture
def desk_ctx(make_ctx: Callable[[Actor], DeskContext], staff: Staff) -> DeskContext:
    return make_ctx(staff.desk)


@pytest.fixture
def reviewer_ctx(make_ctx: Callable[[Actor], DeskContext], staff: Staff) -> DeskContext:
    return make_ctx(staff.reviewer)


@pytest.fixture(autouse=True)
def no_system_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sends a job to a real printer through lp/lpr; a test that checks that path puts
    in its own stand-in command."""
    from ui.widgets import pdf_printing

    monkeypatch.setattr(pdf_printing, "print_command", lambda: None)
