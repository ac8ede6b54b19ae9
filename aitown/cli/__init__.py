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
from typing import TYPE_CHECKING

from aitown.errors import DeskError
from aitown.paths import private_files

if TYPE_CHECKING:
    from aitown.db import Database
    from aitown.services.actor import Actor

# Each module registers its sub-commands with ``register(subparsers, common)``. A command's
# module (and with it SQLAlchemy, alembic, ReportLab …) is imported only when that command runs:
# `aitown-cli --help` lists the commands from COMMANDS alone. tests/aitown/cli/test_cli_start.py
# checks that COMMANDS says what the modules register.
COMMAND_MODULES = (
    "aitown.cli.setup",
    "aitown.cli.teams",
    "aitown.cli.maintenance",
    "aitown.cli.policy",
    "aitown.cli.applications",
    "aitown.cli.notices",
    "aitown.cli.office",
    "aitown.cli.lists",
    "aitown.cli.rent",
    "aitown.cli.sync",  # after setup and policy: it adds to their init and pools commands
    "aitown.cli.leases",
    "aitown.cli.publicity",
    "aitown.cli.payments",
)
# Modules that add options or sub-commands to another module's command (city offices add
# ``init --city/--enrol`` and ``pools share``): loaded after it when that command runs.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "init": ("aitown.cli.sync",),
    "pools": ("aitown.cli.sync",),
}
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("aitown.cli.setup", "create or upgrade the database; create the first administrator"),
    "users": ("aitown.cli.setup", "add users, change passwords, list users"),
    "demo": ("aitown.cli.setup", "fill an empty database with realistic sample data"),
    "teams": ("aitown.cli.teams", "import or export team lists; write an import template"),
    "backup": (
        "aitown.cli.maintenance",
        "copy the SQLite database to DEST (a file or a folder), checked after writing",
    ),
    "restore": (
        "aitown.cli.maintenance",
        "replace the database (--db) with the backup SRC; the current file is kept beside it",
    ),
    "audit": ("aitown.cli.maintenance", "check or read the audit log"),
    "eligibility": (
        "aitown.cli.policy",
        "every rule with pass / fail / unknown, its clause and reason",
    ),
    "applications": ("aitown.cli.applications", "record and decide applications"),
    "pools": ("aitown.cli.policy", "each pool's total, committed, disbursed and left"),
    "policy": ("aitown.cli.policy", "show or load the policy file"),
    "notices": ("aitown.cli.notices", "issue, print, reprint, verify and list notices"),
    "office": ("aitown.cli.office", "the office's settings (seal image)"),
    "offices": ("aitown.cli.sync", "district offices of the city: enrol, list"),
    "sync": ("aitown.cli.sync", "change bundles between the city and its districts"),
    "report": (
        "aitown.cli.lists",
        "write a report (summary per benefit, tenants and occupancy, incubator statistics) "
        "to .xlsx or .pdf",
    ),
    "leases": ("aitown.cli.leases", "leases ending soon"),
    "publicity": (
        "aitown.cli.publicity",
        "open, close or object to publicity periods (公示); print the publicity list",
    ),
    "payments": ("aitown.cli.payments", "build, print and pay payment lists (拨付清单)"),
    "rent": ("aitown.cli.rent", "monthly rent statements, payments received, receipts and arrears"),
}

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(DeskError):
    """A problem with how the command was called."""


def cli_lang() -> str:
    lang = os.environ.get("AITOWN_LANG") or os.environ.get("LANG", "en")
    return "zh" if lang.lower().startswith("zh") else "en"


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    from aitown.schema import open_database

    db = open_database(args.db, create=create)
    if db.upgrade_backup is not None:
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or (``command`` given) of that command's module only, the
    other commands listed by name; an unknown ``command`` lists all of them without importing."""
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
    if command is None:
        modules: Sequence[str] = COMMAND_MODULES
    elif command in COMMANDS:
        modules = [COMMANDS[command][0], *EXTENSIONS.get(command, ())]
    else:
        modules = []
    for name in modules:
        # Every module named here exists: a failing import is a bug to see, not to hide.
        importlib.import_module(name).register(sub, common)
    for name, (_module, text) in COMMANDS.items():
        if name not in sub.choices:  # listed for --help and "invalid choice", parsed by its module
            sub.add_parser(name, help=text, add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (the top level takes no options but --help)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(argv) or "")
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] = args.handler
    try:
        with private_files():
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
