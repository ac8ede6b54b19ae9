"""``backup``, ``restore`` and ``audit verify`` / ``audit list``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aitown.cli import CliError, cli_lang, login, open_db, read_password
from aitown.cli import lists as lists_cli
from aitown.db import is_sqlite, resolve_url
from aitown.errors import DatabaseError
from aitown.schema import open_database
from aitown.services import backup as backup_service
from aitown.services import restore as restore_service
from aitown.services.actor import Actor
from aitown.services.audit import verify_chain
from aitown.services.audit_log import check_anchor, current_anchor, list_events, parse_anchor
from aitown.services.audit_state import compare_with_log
from aitown.services.event_lines import event_lines
from aitown.services.users import authenticate


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    b = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the SQLite database to DEST (a file or a folder), checked after writing",
    )
    b.add_argument("dest", help="the backup file to write, or a folder to write it in")
    b.set_defaults(handler=cmd_backup)

    r = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database (--db) with the backup SRC; the current file is kept beside it",
    )
    r.add_argument("src", help="the backup file to restore")
    r.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="ID:HASH",
        help="an anchor noted down with the backup: its audit log must still hold it",
    )
    r.set_defaults(handler=cmd_restore)

    a = sub.add_parser("audit", help="check or read the audit log")
    acts = a.add_subparsers(dest="audit_command", metavar="ACTION")
    acts.required = True
    db_only = argparse.ArgumentParser(add_help=False)
    db_only.add_argument("--db", default=None, help="database file or SQLAlchemy URL")
    v = acts.add_parser(
        "verify", parents=[db_only], help="check that no audit event was changed or deleted"
    )
    v.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="ID:HASH",
        help="an anchor printed by an earlier check: that event must still have that hash",
    )
    v.set_defaults(handler=cmd_audit_verify)
    ls = acts.add_parser(
        "list", parents=[common], help="show audit events, newest first (reviewers, administrators)"
    )
    ls.add_argument("--limit", type=int, default=50, help="how many events (default 50)")
    ls.add_argument("--by", dest="by_user", default=None, help="only events by this user")
    ls.add_argument(
        "--action",
        default=None,
        help="only this action (e.g. team.update; “team.” for all team events)",
    )
    ls.add_argument(
        "--entity", default=None, help="only events on this kind of record (team, user…)"
    )
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    lists_cli.add_out_option(ls)
    ls.set_defaults(handler=cmd_audit_list)


def cmd_backup(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    if not is_sqlite(url):
        raise backup_service.postgres_advice(url)
    db = open_db(args)
    try:
        actor = login(db, args)
        path = backup_service.backup_database(db, actor, args.dest)
    finally:
        db.dispose()
    size = path.stat().st_size
    print(f"Backed up {db.describe()} to {path} ({size / 1_000_000:.1f} MB); integrity check ok.")
    return 0


def _restore_actor(args: argparse.Namespace, target: Path, src: Path) -> Actor:
    if not args.user:
        raise CliError(
            "Restoring replaces the data: name an administrator with --user NAME.",
            "恢复会替换数据：请用 --user NAME 指定管理员。",
        )
    password = read_password(f"Password for {args.user}: ")
    if target.exists():
        try:
            db = open_database(target)
        except DatabaseError:
            db = None  # damaged, foreign or too new: the backup's own accounts decide below
        if db is not None:
            try:
                return authenticate(db, args.user, password)
            finally:
                db.dispose()
    # No usable database to log in to: the person must be an administrator of the backup itself.
    return restore_service.verify_administrator(src, args.user, password)


def cmd_restore(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    if not is_sqlite(url) or not url.database:
        raise backup_service.postgres_advice(url)
    target = Path(url.database)
    src = Path(args.src).expanduser()
    anchors = [parse_anchor(text) for text in args.expect]
    restore_service.check_restorable(src, anchors)  # before asking for a password
    actor = _restore_actor(args, target, src)
    kept = restore_service.restore_database(target, src, actor, anchors=anchors)
    print(f"Restored {target} from {src}.")
    if kept is not None:
        print(f"The database as it was before is kept in {kept}.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    anchors = [parse_anchor(text) for text in args.expect]
    db = open_db(args)
    try:
        count, problems = verify_chain(db)
        problems += [p for p in (check_anchor(db, a) for a in anchors) if p is not None]
        chain_problems = len(problems)
        problems += compare_with_log(db)  # the data beside the log: users, amounts, notices
        newest = current_anchor(db)
    finally:
        db.dispose()
    zh = cli_lang() == "zh"
    if not problems:
        print(
            f"{count} 条事件已检查，链条完整。" if zh else f"{count} events checked, chain intact."
        )
        if newest is not None:
            print(
                f"锚点：{newest}（请与备份一同记下；日后加 --expect 锚点 检查，可证明此前的日志未被改写）"
                if zh
                else f"Anchor: {newest} (note it down with your backup; checking later with "
                "--expect ANCHOR proves the log up to here was not rewritten)"
            )
        print(
            "用户与角色、申请与金额、资金池和通知书均与审计日志一致。"
            if zh
            else "Users and roles, applications and amounts, pools and notices agree with the log."
        )
        return 0
    for problem in problems:
        print(problem.message_zh if zh else problem.message)
    what, what_zh = (
        ("the audit log", "审计日志")
        if len(problems) == chain_problems
        else ("the data", "数据")
        if chain_problems == 0
        else ("the audit log and the data", "审计日志和数据")
    )
    print(
        f"{count} 条事件已检查，发现 {len(problems)} 处问题：{what_zh}在应用程序之外被改动。"
        if zh
        else f"{count} events checked, {len(problems)} problems: {what} was changed "
        "outside the application."
        if what != "the audit log and the data"
        else f"{count} events checked, {len(problems)} problems: {what} were changed "
        "outside the application."
    )
    return 1


def cmd_audit_list(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise CliError("--limit must be 0 or more.", "--limit 不能为负数。")
    if args.out:
        from aitown.services.list_tables import audit_table

        return lists_cli.write_out(
            args,
            lambda db, actor, lang: audit_table(
                db, actor, user=args.by_user, action=args.action, entity=args.entity,
                limit=args.limit, lang=lang,
            ),
        )  # fmt: skip
    db = open_db(args)
    try:
        actor = login(db, args)
        rows = list_events(
            db, actor, limit=args.limit, user=args.by_user, action=args.action, entity=args.entity
        )
        # Readable: each event in plain words in the command line's language (aitown.event_text).
        lines = [] if args.json else event_lines(db, rows)
    finally:
        db.dispose()
    if not args.json:
        lang = cli_lang()
        for line in lines:
            r = line.event
            print(
                f"{r.id:>7}  {r.at:%Y-%m-%d %H:%M:%S}Z  {r.user_name:<12} "
                f"{line.record.get(lang)} — {line.what.get(lang)}".rstrip()
            )
        return 0
    for r in rows:
        print(
            json.dumps(
                {
                    "id": r.id,
                    "at": r.at.isoformat() + "Z",
                    "user": r.user_name,
                    "action": r.action,
                    "entity": r.entity,
                    "entity_id": r.entity_id,
                    "before": json.loads(r.before_json) if r.before_json else None,
                    "after": json.loads(r.after_json) if r.after_json else None,
                },
                ensure_ascii=False,
            )
        )
    return 0
