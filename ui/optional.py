"""Parts that other people are still writing: use them when they are there, hide them when not.

``optional_module("aitown.services.applications")`` returns the module, or None when that module
does not exist yet. An error *inside* an existing module is not hidden: it is logged and the
feature is left out, so a half-finished module never breaks the whole application.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

log = logging.getLogger(__name__)


def optional_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            return None
        log.exception("module %s could not be imported", name)
        return None
    except Exception:
        log.exception("module %s could not be imported", name)
        return None


def optional_function(module: str, name: str) -> object | None:
    mod = optional_module(module)
    return getattr(mod, name, None) if mod is not None else None
