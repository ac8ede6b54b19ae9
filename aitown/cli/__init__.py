"""``aitown-cli``: the administrator's command line over the same services as the GUI.

Every command takes ``--db PATH_OR_URL`` (default: the GUI's SQLite file; env ``AITOWN_DB``).
Errors are one clear line on stderr and a non-zero exit. Commands that change data act as a
user: ``--user NAME`` with the password from ``AITOWN_PASSWORD`` or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from aitown.db import Database
from aitown.errors import DeskError
from aitown.schema import open_database
from aitown.services.actor import Actor

# Each module registers its sub-commands with ``register(subparsers)``.
COMMAND_MODULES = (
    "aitown.cli.setup",
    "aitown.cli.teams",
    "aitown.cli.maintenance",
    "aitown.cli.policy",
    "aitown.cli.notices",
    "aitown.cli.sync",  # after setup and policy: it adds to their init and pools commands
)

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(DeskError):
    """A problem with how the command was called."""


def cli_lang() -> str:
    lang = os.environ.get("AITOWN_LANG") or os.environ.get("LANG", "en")
    return "zh" if lang.lower().startswith("zh") else "en"


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    db = open_database(args.db, create=create)
    if getattr(db, "upgrade_backup", None):
        print(
            f"Upgraded the database; the copy from before is {db.upgrade_backup}", file=sys.stderr
        )
    return db


def read_password(prompt: str = "Password: ", *, confirm: bool = False) -> str:
    env = os.environ.get("AITOWN_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError(
                "No password given: set AITOWN_PASSWORD or type it at the prompt.",
                "未提供密码：请设置 AITOWN_PASSWORD 或在提示时输入。",
            )
        return line.rstrip("\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the password: ") != first:
        raise CliError(
            "The two passwords differ; nothing was changed.", "两次输入的密码不一致，未作更改。"
        )
    return first


def login(db: Database, args: argparse.Namespace) -> Actor:
    """The acting user for a command that changes data."""
    from aitown.services.users import authenticate

    if not args.user:
        raise CliError(
            "This command changes data: name the acting user with --user NAME.",
            "此命令会修改数据：请用 --user NAME 指定操作用户。",
        )
    return authenticate(db, args.user, read_password(f"Password for {args.user}: "))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aitown-cli",
        description="AI Town Desk administrator's command line.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        help="database file or SQLAlchemy URL (default: $AITOWN_DB or the GUI's file)",
    )
    common.add_argument(
        "--user",
        default=os.environ.get("AITOWN_USER"),
        help="acting user (password from AITOWN_PASSWORD or a prompt)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command family is not built yet
                continue
            raise
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] = args.handler
    try:
        return handler(args) or 0
    except DeskError as exc:
        print(f"aitown-cli: {exc.message_for(cli_lang())}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("aitown-cli: interrupted; the step in progress was not saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped reading: not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(
            f"aitown-cli: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
