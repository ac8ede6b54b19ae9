"""Lease a unit to a team (team picker, dates, rent prefilled from the unit); end a lease early."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import UnitState
from aitown.money import format_yuan
from aitown.policy.dates import add_years
from aitown.services.leases import SpaceRow, create_lease, end_lease, list_spaces
from aitown.services.unit_board import Vacancy, vacancy_for
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons, ok_cancel_buttons
from ui.widgets.team_picker import TeamPicker, team_chosen


def unit_text(space: SpaceRow) -> str:
    area = space.area_hundredths / 100
    return f"{space.building} {space.unit}  ({area:g} m², {format_yuan(space.monthly_rent)})"


def vacancy_text(vacancy: Vacancy | None) -> str:
    """What the unit picker says after a unit: free, or what takes it for the chosen dates."""
    if vacancy is None or vacancy.free:
        return QCoreApplication.translate("LeaseFormDialog", "free")
    until = vacancy.busy_until.isoformat() if vacancy.busy_until else "…"
    span = f"{vacancy.busy_from.isoformat() if vacancy.busy_from else ''}–{until}"
    if vacancy.state == UnitState.LEASED:
        return QCoreApplication.translate("LeaseFormDialog", "leased {span} ({team})").format(
            span=span, team=vacancy.team_name
        )
    if vacancy.state == UnitState.REPAIR:
        return QCoreApplication.translate("LeaseFormDialog", "under repair {span}").format(
            span=span
        )
    if vacancy.team_name:
        return QCoreApplication.translate("LeaseFormDialog", "reserved {span} for {team}").format(
            span=span, team=vacancy.team_name
        )
    return QCoreApplication.translate("LeaseFormDialog", "reserved {span}").format(span=span)


class LeaseFormDialog(QDialog):
    """``space_id`` / ``team`` preselect the unit or the team; ``lease_id`` is set after saving."""

    def __init__(
        self,
        ctx: DeskContext,
        *,
        space_id: int | None = None,
        team: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.lease_id: int | None = None
        self.setWindowTitle(self.tr("Lease a unit"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)

        self.spaces = {s.id: s for s in list_spaces(ctx.db)}
        self.vacancy: dict[int, Vacancy] = {}
        self.unit = QComboBox()
        self.unit.setObjectName("lease_unit")
        for sid, space in self.spaces.items():
            self.unit.addItem(unit_text(space), sid)
        self.picker = TeamPicker(ctx.db)
        today = dt.date.today()
        self.start_on = QLineEdit(today.isoformat())
        self.start_on.setObjectName("lease_start")
        self.end_on = QLineEdit((add_years(today, 2) - dt.timedelta(days=1)).isoformat())
        self.end_on.setObjectName("lease_end")
        self.rent = QLineEdit()
        self.rent.setObjectName("lease_rent")

        self.form.add("space", self.tr("&Unit:"), self.unit)
        self.form.add("team", self.tr("&Team:"), self.picker, team_chosen)
        self.form.add(
            "start_on",
            self.tr("&From:"),
            self.start_on,
            checks.date_check("lease start", "start_on"),
        )
        self.form.add(
            "end_on",
            self.tr("T&o (last day):"),
            self.end_on,
            checks.date_check("lease end", "end_on"),
        )
        self.form.add(
            "rent",
            self.tr("Monthly &rent (yuan):"),
            self.rent,
            checks.yuan_check("monthly rent", "rent"),
        )
        hint = QLabel(
            self.tr("The rent is taken from the unit; change it only if agreed otherwise.")
        )
        hint.setWordWrap(True)
        self.form.layout.addRow("", hint)

        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Lease"), self.save)
        layout.addWidget(self.buttons)

        self.unit.currentIndexChanged.connect(self._fill_rent)
        if team is not None:
            self.picker.set_team(*team)
        # The picker says which units are free for the chosen dates, and starts on a free one
        # (issue 14: it used to start on the first unit, leased or not).
        self._show_vacancy()
        if space_id is not None and (at := self.unit.findData(space_id)) >= 0:
            self.unit.setCurrentIndex(at)
        else:
            self.select_first_free()
        self._fill_rent()
        for edit in (self.start_on, self.end_on):
            edit.editingFinished.connect(self._show_vacancy)
        self.picker.changed.connect(self._show_vacancy)
        self.form.valid_changed.connect(self.ok_button.setEnabled)
        self.form.revalidate()

    def _dates(self) -> tuple[dt.date, dt.date] | None:
        try:
            start = dt.date.fromisoformat(self.start_on.text().strip())
            end = dt.date.fromisoformat(self.end_on.text().strip())
        except ValueError:
            return None
        return (start, end) if start <= end else None

    def _show_vacancy(self) -> None:
        """Write after each unit whether it is free for the dates typed (for the chosen team)."""
        dates = self._dates()
        self.vacancy = (
            vacancy_for(self.ctx.db, *dates, team_id=self.picker.team_id) if dates else {}
        )
        busy = QBrush(QColor("#9a3412"))
        for index in range(self.unit.count()):
            sid = self.unit.itemData(index)
            space = self.spaces.get(sid)
            if space is None:
                continue
            vacancy = self.vacancy.get(sid)
            text = unit_text(space) + ("  — " + vacancy_text(vacancy) if dates else "")
            self.unit.setItemText(index, text)
            free = vacancy is None or vacancy.free
            self.unit.setItemData(index, None if free else busy, Qt.ItemDataRole.ForegroundRole)

    def select_first_free(self) -> None:
        for index in range(self.unit.count()):
            vacancy = self.vacancy.get(self.unit.itemData(index))
            if vacancy is None or vacancy.free:
                self.unit.setCurrentIndex(index)
                return

    def _fill_rent(self) -> None:
        space = self.spaces.get(self.unit.currentData())
        if space is not None:
            self.rent.setText(format_yuan(space.monthly_rent, grouping=False))

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        space_id = self.unit.currentData()
        if space_id is None:
            self.form.banner.say(
                self.tr("There are no units yet: an administrator adds them first.")
            )
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, int(self.picker.team_id or 0)
        start, end, rent = self.start_on.text(), self.end_on.text(), self.rent.text()

        def created(lease_id: int) -> None:
            self.lease_id = lease_id
            self.accept()

        run_op(
            self.ctx,
            self,
            lambda _control: create_lease(db, actor, team_id, int(space_id), start, end, rent),
            changes=lambda lease_id: [
                Change(Entity.LEASE, lease_id, team_id),
                Change(Entity.SPACE, int(space_id)),
            ],
            on_success=created,
            on_failure=lambda exc: self.form.show_refusal(
                exc, {"space_id": "space", "monthly_rent": "rent"}
            ),
            busy=[self.ok_button],
        )


class EndLeaseDialog(QDialog):
    """End a lease early: the last day the team holds the unit."""

    def __init__(
        self,
        ctx: DeskContext,
        lease_id: int,
        team_id: int | None,
        description: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.lease_id = lease_id
        self.team_id = team_id
        self.setWindowTitle(self.tr("End a lease early"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        label = QLabel(description)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.ended_on = QLineEdit(dt.date.today().isoformat())
        self.ended_on.setObjectName("lease_ended_on")
        self.form.add(
            "ended_on",
            self.tr("&Last day:"),
            self.ended_on,
            checks.date_check("end date", "ended_on"),
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&End lease"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, lease_id, ended_on = (
            self.ctx.db,
            self.ctx.actor,
            self.lease_id,
            self.ended_on.text(),
        )
        run_op(
            self.ctx,
            self,
            lambda _control: end_lease(db, actor, lease_id, ended_on),
            changes=[
                Change(Entity.LEASE, lease_id, self.team_id),
                Change(Entity.SPACE),
                # The rent waiver on the lease shrinks with it, and its pool money with it.
                Change(Entity.APPLICATION, None, self.team_id),
                Change(Entity.POOL),
            ],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
