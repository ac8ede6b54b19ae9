"""The lifecycle picture of an application (issue 13.7): the steps of its path in a row — passed,
where it stands now, still to come — and one sentence on what it waits for."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.lifecycle import CURRENT, DONE, Lifecycle, lifecycle_of
from ui.context import DeskContext
from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "LifecyclePicture"
STEP_WORDS = {
    "draft": QT_TRANSLATE_NOOP("LifecyclePicture", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("LifecyclePicture", "Submitted"),
    "returned": QT_TRANSLATE_NOOP("LifecyclePicture", "Returned for correction"),
    "approved": QT_TRANSLATE_NOOP("LifecyclePicture", "Approved"),
    "publicity": QT_TRANSLATE_NOOP("LifecyclePicture", "Publicity"),
    "notice": QT_TRANSLATE_NOOP("LifecyclePicture", "Notice issued"),
    "paid": QT_TRANSLATE_NOOP("LifecyclePicture", "Paid"),
    "rejected": QT_TRANSLATE_NOOP("LifecyclePicture", "Rejected"),
    "revoked": QT_TRANSLATE_NOOP("LifecyclePicture", "Revoked"),
}
WAITING_WORDS = {
    "submit": QT_TRANSLATE_NOOP("LifecyclePicture", "Waits for the desk to submit it."),
    "decision": QT_TRANSLATE_NOOP("LifecyclePicture", "Waits for a reviewer's decision."),
    "correction": QT_TRANSLATE_NOOP(
        "LifecyclePicture", "Waits for the desk to mend what was asked and submit it again."
    ),
    "publicity_open": QT_TRANSLATE_NOOP(
        "LifecyclePicture", "Waits for the administrator to open its publicity period."
    ),
    "publicity_running": QT_TRANSLATE_NOOP(
        "LifecyclePicture", "Under publicity until {date}; objections may still come in."
    ),
    "publicity_close": QT_TRANSLATE_NOOP(
        "LifecyclePicture",
        "Its publicity ended on {date}: waits for the administrator to record it passed.",
    ),
    "notice": QT_TRANSLATE_NOOP("LifecyclePicture", "Waits for its award notice."),
    "payment": QT_TRANSLATE_NOOP(
        "LifecyclePicture", "Waits for payment: {paid} of {amount} yuan paid."
    ),
}
STYLE = {
    DONE: "color: #2e7d32;",
    CURRENT: "color: white; background: #1f6fb2; border-radius: 3px; padding: 1px 5px;",
}
TODO_STYLE = "color: #888888;"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def waiting_text(life: Lifecycle) -> str:
    """The sentence on what the application waits for ("" when it waits for nothing)."""
    if not life.waiting:
        return ""
    return _tr(WAITING_WORDS[life.waiting]).format(
        date=life.publicity_ends_on or "",
        paid=format_yuan(life.paid_fen),
        amount=format_yuan(life.amount_fen),
    )


class LifecyclePicture(QWidget):
    """Empty until :meth:`show_application`."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.life: Lifecycle | None = None
        self.row = QHBoxLayout()
        self.row.setSpacing(4)
        self.waiting = QLabel()
        self.waiting.setObjectName("lifecycle_waiting")
        self.waiting.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(self.row)
        layout.addWidget(self.waiting)
        self.step_labels: list[QLabel] = []

    def clear(self) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater alone leaves it painted until the event loop
                widget.deleteLater()
        self.step_labels = []
        self.waiting.clear()
        self.life = None

    def show_application(self, application_id: int) -> None:
        self.clear()
        try:
            life = lifecycle_of(self.ctx.db, application_id)
        except DeskError as exc:
            self.waiting.setText(self.ctx.message(exc))
            return
        self.life = life
        for i, step in enumerate(life.steps):
            if i:
                arrow = QLabel("→")
                arrow.setStyleSheet(TODO_STYLE)
                self.row.addWidget(arrow)
            label = QLabel(_tr(STEP_WORDS[step.key]))
            label.setObjectName(f"lifecycle_step_{step.key}")
            label.setProperty("state", step.state)
            label.setStyleSheet(STYLE.get(step.state, TODO_STYLE))
            label.setToolTip(
                {DONE: self.tr("passed"), CURRENT: self.tr("it stands here")}.get(
                    step.state, self.tr("still to come")
                )
            )
            self.step_labels.append(label)
            self.row.addWidget(label)
        self.row.addStretch(1)
        self.waiting.setText(waiting_text(life))
