"""Add a unit of the town (administrators): building, unit, area in m², monthly rent in yuan."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.services.leases import create_space, parse_area
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons


def area_check(text: str) -> None:
    parse_area(text)


class SpaceFormDialog(QDialog):
    def __init__(self, ctx: DeskContext, buildings: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.space_id: int | None = None
        self.setWindowTitle(self.tr("New unit"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.building = QComboBox()
        self.building.setObjectName("space_building")
        self.building.setEditable(True)
        self.building.addItems(buildings)
        self.unit = QLineEdit()
        self.unit.setObjectName("space_unit")
        self.area = QLineEdit()
        self.area.setObjectName("space_area")
        self.area.setPlaceholderText("120.50")
        self.rent = QLineEdit()
        self.rent.setObjectName("space_rent")
        self.rent.setPlaceholderText("18000.00")
        self.form.add(
            "building",
            self.tr("&Building:"),
            self.building,
            checks.required("building", "楼宇", "building", 100),
        )
        self.form.add(
            "unit", self.tr("&Unit:"), self.unit, checks.required("unit", "单元", "unit", 40)
        )
        self.form.add("area", self.tr("Ar&ea (m²):"), self.area, area_check)
        self.form.add(
            "rent",
            self.tr("Monthly &rent (yuan):"),
            self.rent,
            checks.yuan_check("monthly rent", "rent"),
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Add unit"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor = self.ctx.db, self.ctx.actor
        building, unit = self.building.currentText(), self.unit.text()
        area, rent = self.area.text(), self.rent.text()

        def created(space_id: int) -> None:
            self.space_id = space_id
            self.accept()

        run_op(
            self.ctx,
            self,
            lambda _control: create_space(db, actor, building, unit, area, rent),
            changes=lambda space_id: [Change(Entity.SPACE, space_id)],
            on_success=created,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
