"""Forms that check as you type and say what is wrong right under the field.

A :class:`CheckedForm` holds named fields, each with a check that raises a DeskError (the same
functions the services use, so the sentence under the field is the one the service would give).
An error shows once the person has edited the field (or tried to save); ``valid_changed`` tells
the dialog when to enable its OK button. A refusal from the service is shown with
:meth:`CheckedForm.show_refusal`: under the field it names, or in the banner at the top.

A dialog places its form with :func:`add_checked_form` and its OK/Cancel with
:func:`add_form_buttons` (or :func:`ok_cancel_buttons` when OK depends on more than the form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from ui.i18n import error_lang

ERROR_STYLE = "color: #b00020;"
BANNER_STYLE = (
    "QLabel { color: #7a0014; background: #fdecee; border: 1px solid #f3b7bf;"
    " border-radius: 4px; padding: 6px; }"
)

Check = Callable[[str], object]


class WrappedLabel(QLabel):
    """A word-wrapped label that claims the height of all its lines.

    Qt's form and box layouts give a wrapped label the height of its one-line size hint unless
    the window asks for height-for-width, which a dialog already on screen does not: two long
    errors at once were clipped top and bottom. The label's minimum height follows its text at
    its present width, so the layout (and the dialog, which grows to its layout's minimum) makes
    room for every line.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self.text() or self.width() < 40:  # not laid out yet: its resize comes later
            self.setMinimumHeight(0)
            return
        height = self.heightForWidth(self.width())
        if height > 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)


class ErrorLabel(WrappedLabel):
    """The red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ErrorBanner(WrappedLabel):
    """A sentence for the whole dialog (a stale version, a refusal that names no field)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dialogError")
        self.setStyleSheet(BANNER_STYLE)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def widget_text(widget: QWidget) -> str:
    """The text a check sees. A custom widget offers ``form_text()`` and a ``changed`` signal."""
    form_text = getattr(widget, "form_text", None)
    if callable(form_text):
        return str(form_text())
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return "1" if widget.isChecked() else ""
    raise TypeError(f"no text for {type(widget).__name__}")


@dataclass
class Field:
    name: str
    widget: QWidget
    error: ErrorLabel
    check: Check | None
    caption: QLabel | None = None
    touched: bool = False
    problem: str = ""


class CheckedForm(QObject):
    """Named fields in a QFormLayout, each checked as it changes."""

    valid_changed = Signal(bool)

    def __init__(self, layout: QFormLayout, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.layout = layout
        self.lang = error_lang(lang)
        self.fields: dict[str, Field] = {}
        self.banner = ErrorBanner()
        self._valid = False

    def add(
        self,
        name: str,
        label: str,
        widget: QWidget,
        check: Check | None = None,
        *,
        layout: QFormLayout | None = None,
    ) -> Field:
        """Add a row: ``label`` (with its &mnemonic) → ``widget``, and the error label under it.

        ``layout`` puts the row in another form (a second group box) checked together with this one.
        """
        if isinstance(widget, QComboBox):
            # A combo as wide as the line edits around it, in either language.
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = ErrorLabel()
        box.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        (layout or self.layout).addRow(caption, holder)
        field = Field(name, widget, error, check, caption)
        self.fields[name] = field
        self._connect(field)
        return field

    def _connect(self, field: Field) -> None:
        def changed(*_: object) -> None:
            field.touched = True
            self.revalidate()

        w = field.widget
        custom = getattr(w, "changed", None)
        if custom is not None and callable(getattr(w, "form_text", None)):
            custom.connect(changed)
        elif isinstance(w, QLineEdit):
            w.textEdited.connect(changed)
            w.textChanged.connect(lambda *_: self.revalidate())
        elif isinstance(w, QComboBox):
            w.currentTextChanged.connect(changed)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(changed)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(changed)

    def align_captions(self) -> None:
        """Give every caption the widest one's width, so rows in several group boxes line up."""
        captions = [f.caption for f in self.fields.values() if f.caption is not None]
        width = max((c.sizeHint().width() for c in captions), default=0)
        for caption in captions:
            caption.setMinimumWidth(width)

    def value(self, name: str) -> str:
        return widget_text(self.fields[name].widget)

    def values(self) -> dict[str, str]:
        return {name: self.value(name) for name in self.fields}

    def problem_of(self, field: Field) -> str:
        if field.check is None:
            return ""
        try:
            field.check(widget_text(field.widget))
        except DeskError as exc:
            return exc.message_for(self.lang)
        return ""

    def revalidate(self, *, show_all: bool = False) -> bool:
        """Check every field; show the problems of those edited (or all); return validity."""
        valid = True
        for field in self.fields.values():
            field.problem = self.problem_of(field)
            if field.problem:
                valid = False
            if show_all:
                field.touched = True
            field.error.say(field.problem if field.touched else "")
        if show_all or valid:
            self.banner.say("")
        if valid != self._valid:
            self._valid = valid
        self.valid_changed.emit(valid)
        return valid

    @property
    def is_valid(self) -> bool:
        return self._valid

    def show_refusal(self, exc: DeskError, aliases: dict[str, str] | None = None) -> None:
        """Show a service's refusal under the field it names (``exc.field``), else in the banner."""
        text = exc.message_for(self.lang)
        name = exc.field or ""
        name = (aliases or {}).get(name, name)
        field = self.fields.get(name)
        if field is not None:
            field.touched = True
            field.error.say(text)
            field.widget.setFocus()
            self.banner.say("")
        else:
            self.banner.say(text)


def add_checked_form(layout: QBoxLayout, lang: str, parent: QObject) -> CheckedForm:
    """A new CheckedForm placed in ``layout``: its banner first, then its rows."""
    form = CheckedForm(QFormLayout(), lang, parent)
    layout.addWidget(form.banner)
    layout.addLayout(form.layout)
    return form


def ok_cancel_buttons(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (named ``ok_text``) calls ``on_ok``, which accepts the dialog once it has saved; Cancel
    rejects it. The caller places the box and decides when OK is enabled."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


def add_form_buttons(
    dialog: QDialog,
    layout: QBoxLayout,
    form: CheckedForm,
    ok_text: str,
    on_ok: Callable[[], object],
) -> tuple[QDialogButtonBox, QPushButton]:
    """:func:`ok_cancel_buttons` at the foot of ``layout``, OK enabled exactly while every field
    of ``form`` passes its check. Call it once the fields are added and filled: it checks them."""
    buttons, ok_button = ok_cancel_buttons(dialog, ok_text, on_ok)
    layout.addWidget(buttons)
    form.valid_changed.connect(ok_button.setEnabled)
    form.revalidate()
    return buttons, ok_button


def add_labelled(row: QBoxLayout, caption: str, widget: QWidget, stretch: int = 0) -> QLabel:
    """``caption`` then ``widget`` in ``row``; the caption's &mnemonic moves the focus to it."""
    label = QLabel(caption)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget, stretch)
    return label
