"""PyInstaller entry script of the console ``aitown-cli`` executable (aitown.cli:main)."""

from __future__ import annotations

import sys

from aitown.cli import main

if __name__ == "__main__":
    sys.exit(main())
