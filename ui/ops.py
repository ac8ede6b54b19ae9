"""The one way to write from the GUI (after Anki's ``CollectionOp``).

::

    run_op(
        self.ctx,
        self,
        lambda _control: approve_application(db, actor, app_id, reason),
        changes=[Change(Entity.APPLICATION, app_id, team_id), Change(Entity.POOL)],
        on_success=self._approved,
    )

``work(control)`` is the service call (``lambda _control: service(...)``). It runs off the GUI thread (``ui.tasks``), so a desk waiting for
another desk's write lock keeps painting and answering; it must not touch a widget. Then, back
on the GUI thread:

- on success, the ``changes`` (a list, or a function of the result giving one) are published on
  ``ctx.changes`` — every open view that shows them reloads — and ``on_success(result)`` runs;
- on a ``DeskError``, ``on_failure(exc)`` runs if given, else its sentence is shown in the one
  message dialog (``ui.messages``) in the screen's language; anything else is a bug and shown by
  the last-resort handler, never swallowed.

While the work runs the parent is not usable twice: ``busy`` widgets (the buttons that started
it) are disabled until it ends. A slow operation shows the window-modal progress dialog of
``ui.tasks`` after a moment, with ``label``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from aitown.errors import DeskError
from ui import messages
from ui.changes import Change
from ui.context import DeskContext
from ui.tasks import Task, TaskControl, run_task

T = TypeVar("T")

ChangesOf = Iterable[Change] | Callable[[T], Iterable[Change]]


def run_op(
    ctx: DeskContext,
    parent: QWidget | None,
    work: Callable[[TaskControl], T],
    *,
    changes: ChangesOf[T] = (),
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[DeskError], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    busy: Sequence[QWidget] = (),
    label: str = "",
    cancellable: bool = False,
    show_progress: bool = True,
) -> Task:
    """Run the service call ``work(control)`` off the GUI thread, then publish ``changes`` and
    call ``on_success(result)``; a refusal goes to ``on_failure`` or the message dialog.

    Long work (an import, a batch) reports ``control.progress(done, total)`` and, with
    ``cancellable``, stops where ``control.cancelled`` says so (``ui.tasks``); a cancelled
    operation publishes ``changes`` too (what was done before Cancel stays done), then calls
    ``on_cancelled()``. ``on_finished()`` runs first whatever the outcome (to leave a busy state).
    ``show_progress=False`` runs it quietly (the day's automatic backup)."""
    was_enabled = [w.isEnabled() for w in busy]
    for widget in busy:
        widget.setEnabled(False)

    def release() -> None:
        for widget, enabled in zip(busy, was_enabled, strict=True):
            widget.setEnabled(enabled)
        if on_finished is not None:
            on_finished()

    def done(result: T) -> None:
        release()
        ctx.changes.publish(changes(result) if callable(changes) else changes)
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException) -> None:
        release()
        if isinstance(exc, DeskError):
            if on_failure is not None:
                on_failure(exc)
            else:
                messages.show_error(parent, ctx.message(exc))
            return
        messages.show_exception(parent, exc, ctx.lang)

    def cancelled() -> None:
        release()
        if not callable(changes):
            ctx.changes.publish(changes)
        if on_cancelled is not None:
            on_cancelled()

    task = run_task(
        parent,
        work,
        done,
        failed,
        on_cancelled=cancelled,
        label=label or messages.working_text(),
        cancellable=cancellable,
        show_progress=show_progress,
    )
    task.is_write = True  # log out and a language change wait for it (ui.session)
    return task
