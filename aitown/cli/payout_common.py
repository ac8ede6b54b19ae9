"""What the ``publicity`` and ``payments`` commands share: dates, the document language, logging in."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import TYPE_CHECKING

from aitown.cli import CliError, login

if TYPE_CHECKING:
    from aitown.db import Database
    from aitown.services.actor import Actor


def parse_day(text: str | None, option: str) -> dt.date | None:
    """``YYYY-MM-DD`` → a date (None when not given), or a clear refusal naming the option."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"{option} “{text}” is not a date: give it as YYYY-MM-DD, e.g. 2026-12-01.",
            f"{option}“{text}”不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-12-01。",
        ) from None


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """``--out FILE.{pdf,xlsx}``, ``--lang`` and ``--force`` of a printed list."""
    parser.add_argument(
        "--out", required=True, metavar="FILE.{pdf,xlsx}", help="where to write the list"
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="the document's language (default: Chinese, or English when AITOWN_LANG is English)",
    )
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def document_lang(args: argparse.Namespace) -> str:
    """``--lang``, else what the help promises: Chinese (the lists are the office's papers), English
    only when AITOWN_LANG says English — not the shell's LANG, which is C or en_US on most servers."""
    if args.lang:
        return str(args.lang)
    return "en" if os.environ.get("AITOWN_LANG", "").lower().startswith("en") else "zh"


def printing_user(db: Database, args: argparse.Namespace) -> Actor | None:
    """The user a printed list is audited as: the one ``--user`` names (logged in, and then held
    to the list's right), or None when none is named — the publicity and payment lists hold no
    personal data, so issue 13 prints them without ``--user`` (recorded as done by "system")."""
    return login(db, args) if args.user else None
