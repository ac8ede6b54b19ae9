"""AI Town Desk: domain and persistence (never imports Qt)."""

__version__ = "0.1.0"
