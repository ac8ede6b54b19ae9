"""Settings → Notices: the office's seal image, the seal position mark, the default 抄送 list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.models import Office
from aitown.notices.seal import MAX_SEAL_BYTES
from aitown.services.office_notices import set_seal_image, settings_of, update_notice_settings
from ui import messages
from ui.context import DeskContext

PREVIEW_SIZE = 96


class NoticeSettings(QGroupBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(self.tr("Notices"), parent)
        self.ctx = ctx
        self.editable = ctx.can("office.edit")
        self.seal_preview = QLabel()
        self.seal_preview.setObjectName("seal_preview")
        self.seal_preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setStyleSheet("border: 1px solid #c8c8c8;")
        self.seal_state = QLabel()
        self.seal_state.setObjectName("seal_state")
        self.seal_state.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose seal &image…"))
        self.choose_button.setObjectName("seal_choose")
        self.remove_button = QPushButton(self.tr("&Remove seal image"))
        self.remove_button.setObjectName("seal_remove")
        self.seal_mark = QCheckBox(
            self.tr("Without a seal image, mark where the seal is stamped (grey corner ticks)")
        )
        self.seal_mark.setObjectName("seal_mark")
        self.copied_to = QPlainTextEdit()
        self.copied_to.setObjectName("copied_to")
        self.copied_to.setPlaceholderText(self.tr("One a line: 中文名称|English name"))
        self.copied_to.setFixedHeight(70)
        self.save_button = QPushButton(self.tr("Save &notice settings"))
        self.save_button.setObjectName("notice_settings_save")
        self.saved = QLabel()

        seal_buttons = QVBoxLayout()
        seal_buttons.addWidget(self.seal_state)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        seal_buttons.addLayout(row)
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal_preview)
        seal_row.addLayout(seal_buttons, 1)
        form = QFormLayout()
        form.addRow(self.tr("Seal:"), seal_row)
        form.addRow("", self.seal_mark)
        copied_label = QLabel(self.tr("Copied to (抄送):"))
        copied_label.setBuddy(self.copied_to)
        form.addRow(copied_label, self.copied_to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        for w in (self.choose_button, self.remove_button, self.save_button):
            w.setVisible(self.editable)
        self.seal_mark.setEnabled(self.editable)
        self.copied_to.setReadOnly(not self.editable)
        self.choose_button.clicked.connect(self.choose_seal)
        self.remove_button.clicked.connect(self.remove_seal)
        self.save_button.clicked.connect(self.save)
        self.reload()

    def _office(self) -> Office:
        from aitown.services.office import get_office

        return get_office(self.ctx.db)

    def reload(self) -> None:
        office = self._office()
        settings = settings_of(office)
        if office.seal_image:
            pixmap = QPixmap()
            pixmap.loadFromData(office.seal_image)
            self.seal_preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_SIZE - 4,
                    PREVIEW_SIZE - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.seal_state.setText(
                self.tr("Printed over the signature of every notice issued from now on.")
            )
        else:
            self.seal_preview.clear()
            self.seal_preview.setText(self.tr("none"))
            self.seal_state.setText(
                self.tr("No seal image: the office stamps each notice by hand.")
            )
        self.remove_button.setEnabled(bool(office.seal_image))
        self.seal_mark.setChecked(settings.seal_mark)
        self.copied_to.setPlainText(
            "\n".join(
                zh if zh == en else f"{zh}|{en}"
                for zh, en in zip(settings.copied_to_zh, settings.copied_to_en, strict=True)
            )
        )

    def choose_seal(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the office's seal image"), str(Path.home()), "PNG (*.png)"
        )
        if path:
            self.set_seal_file(Path(path))

    def set_seal_file(self, path: Path) -> bool:
        """Store the PNG at ``path`` as the office's seal (what the file dialog hands over)."""
        try:
            if path.stat().st_size > MAX_SEAL_BYTES:
                raise OSError("too large")
            data = path.read_bytes()
        except OSError:
            messages.show_error(
                self,
                self.tr("{name} cannot be read, or is too large for a seal image.").format(
                    name=path.name
                ),
            )
            return False
        try:
            set_seal_image(self.ctx.db, self.ctx.actor, data)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return False
        self.reload()
        self.saved.setText(self.tr("Seal image saved."))
        return True

    def remove_seal(self) -> None:
        if not messages.ask(
            self, self.tr("Remove the seal image? Notices already issued keep theirs.")
        ):
            return
        try:
            set_seal_image(self.ctx.db, self.ctx.actor, None)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        self.reload()
        self.saved.setText(self.tr("Seal image removed."))

    def save(self) -> bool:
        lines = [line for line in self.copied_to.toPlainText().splitlines() if line.strip()]
        try:
            update_notice_settings(
                self.ctx.db, self.ctx.actor, seal_mark=self.seal_mark.isChecked(), copied_to=lines
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return False
        self.reload()
        self.saved.setText(self.tr("Saved."))
        return True
