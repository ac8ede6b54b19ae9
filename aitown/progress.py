"""The one progress/cancel contract of long work: import, export, batch print, batch approval,
backup and the eligibility check of every team.

A long service function takes two optional keyword arguments:

- ``progress(done, total)``: called now and then (``total`` may grow as the work learns more);
- ``cancel() -> bool``: asked between steps; True stops the work where stopping is safe. What a
  cancelled function has done so far is described by its own docstring (an import keeps nothing,
  a batch keeps the steps it finished, a backup keeps nothing).

The GUI passes ``control.progress`` and ``lambda: control.cancelled`` of ``ui.tasks.TaskControl``;
the command line passes a progress line on the terminal and no cancel (Ctrl+C stops it).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
