"""Export…, Save as PDF… and Print… on every list screen, through the one shared bar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.models import AuditEvent
from aitown.services import applications as apps
from aitown.services.members import add_member
from tests.aitown.services.test_applications import admitted_team
from tests.ui.conftest import Boxes
from ui.context import DeskContext
from ui.views.applications import ApplicationsView
from ui.views.audit_log import AuditLogView
from ui.views.budget import BudgetView
from ui.views.notices import NoticesView
from ui.views.spaces import SpacesView
from ui.views.team_members import TeamMembersTab
from ui.views.teams import TeamsView
from ui.widgets.list_export import ListExportBar


def _events(ctx: DeskContext, action: str) -> list[dict]:
    with ctx.db.read() as s:
        return [
            json.loads(e.after_json or "{}")
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        ]


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen or ""))


@pytest.mark.parametrize(
    ("view_class", "name"),
    [
        (TeamsView, "teams"),
        (SpacesView, "spaces"),
        (ApplicationsView, "applications"),
        (BudgetView, "budget"),
        (NoticesView, "notices"),
        (AuditLogView, "audit_log"),
    ],
)
def test_every_list_screen_exports(
    qtbot: QtBot,
    reviewer_ctx: DeskContext,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    view_class: type,
    name: str,
) -> None:
    view = view_class(reviewer_ctx)
    qtbot.addWidget(view)
    view.show()
    bar = view.findChild(ListExportBar)
    assert bar is not None and bar.isVisible()
    out = tmp_path / f"{name}.xlsx"
    _save_as(monkeypatch, out)
    bar.export_button.click()
    assert out.is_file()
    assert load_workbook(out).active["A1"].value  # the list's title
    assert _events(reviewer_ctx, "list.export")[-1]["tables"] == [name]
    assert any("Wrote" in t for t in boxes.texts("information"))


def test_applications_export_as_filtered_and_a_pdf_without_a_suffix(
    qtbot: QtBot,
    desk_ctx: DeskContext,
    staff,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    team_id = admitted_team(desk_ctx.db, staff)
    first = apps.record_application(desk_ctx.db, staff.desk, team_id, "startup_grant")
    apps.submit_application(desk_ctx.db, staff.desk, first.application_id)
    apps.record_application(desk_ctx.db, staff.desk, team_id, "rent_waiver")  # a draft
    view = ApplicationsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()  # the default filter: submitted
    _save_as(monkeypatch, tmp_path / "queue.csv")
    view.export_bar.export_button.click()
    lines = (tmp_path / "queue.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3  # header, the submitted one, total
    assert lines[1].startswith(f"{first.application_id},")
    # Save as PDF, the name typed without ".pdf": the suffix is added.
    _save_as(monkeypatch, tmp_path / "queue", "PDF (*.pdf)")
    view.export_bar.pdf_button.click()
    reader = PdfReader(tmp_path / "queue.pdf")
    text = reader.pages[0].extract_text()
    assert "Xuhui AI Town Incubation Centre" in text and "Page 1 of 1" in text
    assert "Selected: status: submitted" in text


def test_print_audits_and_paints_pages(
    qtbot: QtBot, desk_ctx: DeskContext, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = BudgetView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    painted: list[int] = []
    monkeypatch.setattr(ListExportBar, "ask_printer", lambda self, printer, title: True)
    monkeypatch.setattr(
        "ui.widgets.pdf_preview.paint_document",
        lambda document, printer: painted.append(document.pageCount()) or 1,
    )
    view.export_bar.print_button.click()
    assert painted == [1]
    assert _events(desk_ctx, "list.print")[-1]["tables"] == ["budget"]
    assert isinstance(QPrinter, type)


def test_members_masked_for_desk_staff(
    qtbot: QtBot,
    desk_ctx: DeskContext,
    staff,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    team_id = admitted_team(desk_ctx.db, staff)
    add_member(
        desk_ctx.db,
        staff.admin,
        team_id,
        {"name": "韩梅梅", "id_number": "11010519491231002X", "phone": "13812345678",
         "joined_on": "2024-01-02"},
    )  # fmt: skip
    view = TeamMembersTab(desk_ctx, team_id)
    qtbot.addWidget(view)
    view.show()
    _save_as(monkeypatch, tmp_path / "members.csv")
    view.export_bar.export_button.click()
    text = (tmp_path / "members.csv").read_text(encoding="utf-8-sig")
    assert "韩梅梅" in text and "1101**********002X" in text and "13812345678" not in text
    assert _events(desk_ctx, "list.export")[-1]["masked"] is True


def test_cancel_writes_nothing(
    qtbot: QtBot,
    reviewer_ctx: DeskContext,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    view = AuditLogView(reviewer_ctx)
    qtbot.addWidget(view)
    view.show()
    monkeypatch.setattr("ui.tasks.TaskControl.cancelled", property(lambda self: True))
    _save_as(monkeypatch, tmp_path / "audit.xlsx")
    view.export_bar.export_button.click()
    assert not (tmp_path / "audit.xlsx").exists()
    assert boxes.texts("information") == ["Export cancelled; no file was written."]
    assert _events(reviewer_ctx, "list.export") == []
