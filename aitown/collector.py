"""Python's cyclic garbage collector held off where a burst of long-lived objects is made.

Building many objects that form no cycle (a chunk of screening rows, the main window) makes the
collector walk the growing heap again and again for nothing; both places pause it here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; afterwards the collector is as it was (an error too)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
