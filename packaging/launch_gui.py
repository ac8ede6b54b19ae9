"""PyInstaller entry script of the windowed ``aitown`` executable (ui.app:main)."""

from __future__ import annotations

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
