"""Register a team, or edit one: every field checked as it is typed, OK only when all are good.

If the service still refuses (a credit code another team has, a version someone else saved in
between) its sentence is shown under the field it names, or at the top of the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.models import Team
from aitown.services.team_names import teams_with_name
from aitown.services.teams import create_team, distinct_values, update_team
from ui import messages
from ui.changes import Change, Entity
from ui.checks import team_field
from ui.context import DeskContext
from ui.labels import AI_FOCUS_TEXT, focus_label
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.form import add_checked_form, add_form_buttons

TEXT_FIELDS = (
    "name_zh",
    "name_en",
    "uscc",
    "legal_rep",
    "founded_on",
    "headcount",
    "phone",
    "email",
)


class TeamFormDialog(QDialog):
    """New team (``team`` None) or edit ``team``. ``team_id`` is set after a successful save."""

    def __init__(self, ctx: DeskContext, team: Team | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team = team
        self.team_id: int | None = team.id if team else None
        self.setWindowTitle(self.tr("Edit team") if team else self.tr("New team"))
        self.setMinimumWidth(600)

        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.form.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        for name, edit in self.edits.items():
            edit.setObjectName(f"team_{name}")
        self.edits["uscc"].setPlaceholderText(self.tr("18 characters, e.g. 91310104MA1FL8XQ36"))
        self.edits["uscc"].setMaxLength(22)
        self.edits["founded_on"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edits["email"].setPlaceholderText("name@example.com")

        self.district = QComboBox()
        self.district.setObjectName("team_district")
        self.district.setEditable(True)
        self.district.addItems(["", *distinct_values(ctx.db, "district")])
        self.focus = QComboBox()
        self.focus.setObjectName("team_ai_focus")
        self.focus.addItem("", "")
        keys = list(AI_FOCUS_TEXT)
        keys += [k for k in distinct_values(ctx.db, "ai_focus") if k not in AI_FOCUS_TEXT]
        for key in keys:
            self.focus.addItem(focus_label(key), key)

        add = self.form.add
        add("name_zh", self.tr("&Chinese name:"), self.edits["name_zh"], team_field("name_zh"))
        add("name_en", self.tr("&English name:"), self.edits["name_en"], team_field("name_en"))
        add("uscc", self.tr("Credit code (&USCC):"), self.edits["uscc"], team_field("uscc"))
        add(
            "legal_rep",
            self.tr("&Legal representative:"),
            self.edits["legal_rep"],
            team_field("legal_rep"),
        )
        add(
            "founded_on",
            self.tr("&Founded on:"),
            self.edits["founded_on"],
            team_field("founded_on"),
        )
        add("district", self.tr("&District:"), self.district, team_field("district"))
        add("headcount", self.tr("&Headcount:"), self.edits["headcount"], team_field("headcount"))
        add("ai_focus", self.tr("&AI focus:"), self.focus)
        add("phone", self.tr("&Phone:"), self.edits["phone"], team_field("phone"))
        add("email", self.tr("E-&mail:"), self.edits["email"], team_field("email"))

        if team is not None:
            self._fill(team)
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Save") if team else self.tr("&Register"), self.save
        )
        self.edits["name_zh"].setFocus()

    def _fill(self, team: Team) -> None:
        for name, edit in self.edits.items():
            value = getattr(team, name)
            edit.setText("" if value is None else str(value))
        self.district.setCurrentText(team.district or "")
        at = self.focus.findData(team.ai_focus or "")
        if at < 0:
            self.focus.addItem(team.ai_focus, team.ai_focus)
            at = self.focus.count() - 1
        self.focus.setCurrentIndex(at)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: edit.text().strip() for name, edit in self.edits.items()}
        out["district"] = self.district.currentText().strip()
        out["ai_focus"] = self.focus.currentData() or ""
        return out

    def _namesakes_confirmed(self, values: dict[str, Any]) -> bool:
        """A name another team already has is allowed, but asked first (registered twice?)."""
        zh, en = str(values.get("name_zh", "")), str(values.get("name_en", ""))
        if self.team is not None:  # editing: ask only about a name that changed
            zh = "" if zh == self.team.name_zh else zh
            en = "" if en == (self.team.name_en or "") else en
        try:
            same = teams_with_name(
                self.ctx.db,
                self.ctx.actor,
                zh,
                en,
                except_id=self.team.id if self.team is not None else None,
            )
        except DeskError:
            return True  # the service decides; the check is a courtesy
        if not same:
            return True
        listed = "\n".join(
            f"• {t.name_zh}{' / ' + t.name_en if t.name_en else ''} ({t.uscc})" for t in same[:5]
        )
        question = (
            self.tr("%n team(s) already registered with this name:", "", len(same))
            + "\n"
            + listed
            + "\n\n"
            + self.tr(
                "Is this a different company of the same name? Yes saves it; No goes back to the form."
            )
        )
        if messages.ask(self, question, self.tr("Same name")):
            return True
        self.edits["name_zh"].setFocus()
        return False

    def save(self) -> None:
        """Hand the values to the service; close on success, show its sentence otherwise."""
        if not self.form.revalidate(show_all=True):
            return
        values = self.values()
        db, actor, team = self.ctx.db, self.ctx.actor, self.team
        if not self._namesakes_confirmed(values):
            return

        def save_team(_control: TaskControl) -> int:
            if team is None:
                return create_team(db, actor, values)
            update_team(db, actor, team.id, team.version, values)
            return team.id

        def saved(team_id: int) -> None:
            self.team_id = team_id
            self.accept()

        run_op(
            self.ctx,
            self,
            save_team,
            changes=lambda team_id: [Change(Entity.TEAM, team_id)],
            on_success=saved,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
