"""``init``, ``users`` and ``demo``."""

from __future__ import annotations

import argparse

from aitown.cli import CliError, login, open_db, read_password
from aitown.db import Database
from aitown.enums import Role
from aitown.services import office as office_service
from aitown.services import users as user_service


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create or upgrade the database; create the first administrator",
    )
    p.add_argument("--office", required=False, help="office code, e.g. XH01")
    p.add_argument("--office-name", required=False, help="the office's full Chinese name")
    p.add_argument("--office-name-en", default="", help="the office's English name")
    p.add_argument("--doc-prefix", default=None, help="document-number prefix, e.g. 徐汇AI孵")
    p.add_argument("--admin", required=False, help="the first administrator's user name")
    p.set_defaults(handler=cmd_init)

    u = sub.add_parser("users", help="add users, change passwords, list users")
    us = u.add_subparsers(dest="users_command", metavar="ACTION")
    us.required = True
    a = us.add_parser("add", parents=[common], help="add a user")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=list(Role))
    a.add_argument("--full-name", default="")
    a.add_argument(
        "--new-password",
        default=None,
        help="the new user's password (default: prompt or AITOWN_NEW_PASSWORD)",
    )
    a.set_defaults(handler=cmd_users_add)
    pw = us.add_parser("passwd", parents=[common], help="set a user's password")
    pw.add_argument("name")
    pw.add_argument("--new-password", default=None)
    pw.set_defaults(handler=cmd_users_passwd)
    ls = us.add_parser("list", parents=[common], help="list users")
    ls.set_defaults(handler=cmd_users_list)
    rl = us.add_parser("role", parents=[common], help="change a user's role")
    rl.add_argument("name")
    rl.add_argument("--role", required=True, choices=list(Role))
    rl.set_defaults(handler=cmd_users_role)
    for action, text in (
        ("deactivate", "deactivate a user: the account can no longer log in or act"),
        ("activate", "allow a deactivated user to log in again"),
    ):
        act = us.add_parser(action, parents=[common], help=text)
        act.add_argument("name")
        act.set_defaults(handler=cmd_users_active, active=action == "activate")

    d = sub.add_parser(
        "demo", parents=[common], help="fill an empty database with realistic sample data"
    )
    d.add_argument("--teams", type=int, default=60)
    d.add_argument("--seed", type=int, default=2025)
    d.set_defaults(handler=cmd_demo)


def _new_password(args: argparse.Namespace, who: str) -> str:
    import os

    value = args.new_password or os.environ.get("AITOWN_NEW_PASSWORD")
    if value:
        return value
    return read_password(f"New password for {who}: ", confirm=True)


def missing_office_flags(args: argparse.Namespace) -> list[str]:
    """The options a new office's database needs that were not given (plain init and --city)."""
    given = (
        ("--office", args.office),
        ("--office-name", args.office_name),
        ("--admin", args.admin),
    )
    return [flag for flag, value in given if not value]


def cmd_init(args: argparse.Namespace) -> int:
    db = open_db(args, create=True)
    if office_service.office_exists(db):
        office = office_service.get_office(db)
        print(f"The database {db.describe()} is ready (office {office.code} {office.name_zh}).")
        return 0
    missing = missing_office_flags(args)
    if missing:
        raise CliError(
            f"A new database needs {', '.join(missing)}: e.g. aitown-cli init --office XH01 "
            "--office-name 徐汇区人工智能孵化中心 --admin admin",
            f"新数据库需要 {', '.join(missing)}。",
        )
    import os

    password = os.environ.get("AITOWN_PASSWORD") or read_password(
        f"Password for the administrator {args.admin}: ", confirm=True
    )
    office_service.initialise_office(
        db,
        code=args.office,
        name_zh=args.office_name,
        name_en=args.office_name_en,
        doc_prefix=args.doc_prefix,
        admin_name=args.admin,
        admin_password=password,
    )
    print(
        f"Created the database {db.describe()} for office {args.office} with administrator {args.admin}."
    )
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    uid = user_service.create_user(
        db, actor, args.name, args.role, _new_password(args, args.name), full_name=args.full_name
    )
    print(f"Added user {args.name} ({args.role}), id {uid}.")
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    old = None
    if args.name == actor.name and not actor.can("user.manage"):
        old = read_password(f"Current password for {args.name}: ")
    user_service.change_password(
        db, actor, args.name, _new_password(args, args.name), old_password=old
    )
    print(f"Changed the password of {args.name}.")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    for u in user_service.list_users(db):
        state = "active" if u.active else "inactive"
        print(f"{u.name:<20} {u.role:<14} {state}")
    return 0


def _user(db: Database, name: str) -> user_service.UserRow:
    for u in user_service.list_users(db):
        if u.name == name:
            return u
    raise CliError(
        f"There is no user named “{name}”: see aitown-cli users list.",
        f"没有名为“{name}”的用户：请用 aitown-cli users list 查看。",
    )


def cmd_users_role(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    user = _user(db, args.name)
    user_service.set_user_role(db, actor, args.name, args.role, active=user.active)
    print(f"{args.name} is now {args.role}.")
    return 0


def cmd_users_active(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    user = _user(db, args.name)
    user_service.set_user_role(db, actor, args.name, user.role, active=args.active)
    state = "active again" if args.active else "deactivated: it can no longer log in or act"
    print(f"{args.name} is {state}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from aitown.demo import load_demo

    db = open_db(args)
    actor = login(db, args)
    summary = load_demo(db, actor, teams=args.teams, seed=args.seed)
    print(summary)
    return 0
