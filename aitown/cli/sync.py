"""City and district offices: ``init --city``, ``init --enrol``, ``offices``, ``pools share``
and ``sync export|import|conflicts`` (issue 10; docs/sync.md)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from aitown.cli import CliError, cli_lang, login, open_db, read_password
from aitown.cli.setup import missing_office_flags
from aitown.models import BENEFITS
from aitown.money import format_yuan
from aitown.services import office as office_service
from aitown.services import offices as offices_service
from aitown.services import sync as sync_service
from aitown.services.users import authenticate
from aitown.sync.tables import Role


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    init = sub.choices.get("init")
    if init is not None:
        init.add_argument(
            "--city", action="store_true", help="make the city's database (holds the pools' totals)"
        )
        init.add_argument(
            "--enrol",
            metavar="ENROL_FILE",
            default=None,
            help="make a district's database from the enrolment file the city wrote",
        )
        plain_init = init.get_default("handler")
        init.set_defaults(handler=lambda args: cmd_init(args, plain_init))

    o = sub.add_parser("offices", help="district offices of the city: enrol, list")
    osub = o.add_subparsers(dest="offices_command", metavar="ACTION")
    osub.required = True
    add = osub.add_parser(
        "add", parents=[common], help="enrol a district office and write its enrolment file"
    )
    add.add_argument("code", help="the district office's code, e.g. PD")
    add.add_argument("--office-name", required=True, help="its full Chinese name")
    add.add_argument("--office-name-en", default="", help="its English name")
    add.add_argument(
        "--out", required=True, metavar="ENROL_FILE", help="the enrolment file to write (a secret)"
    )
    add.set_defaults(handler=cmd_offices_add)
    ls = osub.add_parser("list", parents=[common], help="the offices with shares and last bundles")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_offices_list)

    pools = sub.choices.get("pools")
    if pools is not None:
        psub = pools.add_subparsers(dest="pools_command", metavar="ACTION")
        psub.required = False
        share = psub.add_parser(
            "share", parents=[common], help="give a district a share of a pool (on the city)"
        )
        share.add_argument("code", help="the district office's code")
        share.add_argument("--benefit", required=True, choices=BENEFITS)
        share.add_argument("--amount", required=True, help="the share in yuan")
        share.set_defaults(handler=cmd_pools_share)

    s = sub.add_parser("sync", help="change bundles between the city and its districts")
    ssub = s.add_subparsers(dest="sync_command", metavar="ACTION")
    ssub.required = True
    ex = ssub.add_parser("export", parents=[common], help="write the next bundle")
    ex.add_argument("--out", required=True, metavar="FILE", help="the bundle file to write")
    ex.add_argument("--for", dest="for_code", metavar="CODE", help="on the city: the district")
    ex.set_defaults(handler=cmd_sync_export)
    im = ssub.add_parser("import", parents=[common], help="import a bundle")
    im.add_argument("file")
    im.set_defaults(handler=cmd_sync_import)
    co = ssub.add_parser(
        "conflicts", parents=[common], help="what districts did offline that breaks a rule"
    )
    co.add_argument("--json", action="store_true")
    co.set_defaults(handler=cmd_sync_conflicts)


def _progress(what: str) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)

    return report


def _admin_password(args: argparse.Namespace) -> str:
    return os.environ.get("AITOWN_PASSWORD") or read_password(
        f"Password for the administrator {args.admin}: ", confirm=True
    )


def cmd_init(
    args: argparse.Namespace, plain_init: Callable[[argparse.Namespace], int | None]
) -> int:
    if args.city and args.enrol:
        raise CliError(
            "Choose one: --city makes the city, --enrol FILE makes a district.",
            "请二选一：--city 创建市级，--enrol 文件 创建区级。",
        )
    if args.enrol:
        return _init_enrol(args)
    if not args.city:
        return int(plain_init(args) or 0)
    missing = missing_office_flags(args)
    if missing:
        raise CliError(
            f"A city needs {', '.join(missing)}: e.g. aitown-cli init --city --office SH "
            "--office-name 上海市人工智能孵化管理中心 --admin admin",
            f"创建市级需要 {', '.join(missing)}。",
        )
    db = open_db(args, create=True)
    try:
        if office_service.office_exists(db):
            office = office_service.get_office(db)
            if offices_service.installation_role(db) is Role.CITY and office.code == args.office:
                print(f"The city database {db.describe()} is ready (office {office.code}).")
                return 0
            raise CliError(
                f"The database {db.describe()} already has its office; nothing was changed: a city "
                "is made in a new database.",
                f"数据库 {db.describe()} 已设置办公室，未作更改：市级须使用新数据库创建。",
            )
        offices_service.initialise_city(
            db,
            code=args.office,
            name_zh=args.office_name,
            name_en=args.office_name_en,
            admin_name=args.admin,
            admin_password=_admin_password(args),
        )
    finally:
        db.dispose()
    print(
        f"Created the city database {db.describe()} for {args.office} with administrator "
        f"{args.admin}; enrol districts with aitown-cli offices add."
    )
    return 0


def _init_enrol(args: argparse.Namespace) -> int:
    if not args.admin:
        raise CliError(
            "Name the district's administrator with --admin NAME.",
            "请用 --admin 用户名 指定区级管理员。",
        )
    enrolment = offices_service.read_enrolment(args.enrol)
    db = open_db(args, create=True)
    try:
        if office_service.office_exists(db):
            office = office_service.get_office(db)
            if (
                offices_service.installation_role(db) is Role.DISTRICT
                and office.code == enrolment.code
            ):
                print(f"The district database {db.describe()} is ready (office {office.code}).")
                return 0
            actor = authenticate(db, args.admin, read_password(f"Password for {args.admin}: "))
            offices_service.enrol_standalone(db, actor, enrolment)
            print(
                f"Enrolled office {enrolment.code} of {db.describe()} in the city "
                f"{enrolment.city_code}; its records go with its first bundle."
            )
        else:
            offices_service.initialise_district(
                db, enrolment, admin_name=args.admin, admin_password=_admin_password(args)
            )
            print(
                f"Created the district database {db.describe()} for {enrolment.code} "
                f"({enrolment.name_zh}) of the city {enrolment.city_code}, with administrator "
                f"{args.admin}. It holds no money until the city's first bundle brings its shares."
            )
    finally:
        db.dispose()
    print(f"City key: {enrolment.city_public_key}")
    return 0


def cmd_offices_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = login(db, args)
        path = offices_service.add_district(
            db,
            actor,
            args.code,
            name_zh=args.office_name,
            name_en=args.office_name_en,
            out=args.out,
        )
    finally:
        db.dispose()
    print(
        f"Enrolled {args.code}; its enrolment file is {path}. It holds the district's secret key: "
        "hand it over in person and delete other copies after “aitown-cli init --enrol”."
    )
    return 0


def _when(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M}Z" if value else "—"


def cmd_offices_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = offices_service.list_offices(db)
    finally:
        db.dispose()
    if args.json:
        for r in rows:
            print(
                json.dumps(
                    {
                        "code": r.code,
                        "role": r.role,
                        "name_zh": r.name_zh,
                        "name_en": r.name_en,
                        "doc_prefix": r.doc_prefix,
                        "last_received": {
                            "seq": r.last_received_seq,
                            "at": r.last_received_at.isoformat() + "Z"
                            if r.last_received_at
                            else None,
                        },
                        "last_sent": {
                            "seq": r.last_sent_seq,
                            "at": r.last_sent_at.isoformat() + "Z" if r.last_sent_at else None,
                        },
                        "acknowledged": r.acked_seq,
                        "pools": [
                            {
                                "kind": p.kind,
                                "share": format_yuan(p.share, grouping=False),
                                "committed": format_yuan(p.committed, grouping=False)
                                if p.committed is not None
                                else None,
                                "disbursed": format_yuan(p.disbursed, grouping=False)
                                if p.disbursed is not None
                                else None,
                                "left": format_yuan(p.left, grouping=False)
                                if p.left is not None
                                else None,
                            }
                            for p in r.pools
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    for r in rows:
        print(
            f"{r.code:<8} {r.role:<9} {r.name_zh}  received #{r.last_received_seq} "
            f"{_when(r.last_received_at)}  sent #{r.last_sent_seq} {_when(r.last_sent_at)}"
        )
        for p in r.pools:
            rep = (
                f"committed {format_yuan(p.committed)}, disbursed {format_yuan(p.disbursed or 0)}, "
                f"left {format_yuan(p.left or 0)}"
                if p.committed is not None
                else "not reported yet"
            )
            print(f"    {p.kind:<16} share {format_yuan(p.share):>18}  {rep}")
    return 0


def cmd_pools_share(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = login(db, args)
        amount = offices_service.share_pool(db, actor, args.code, args.benefit, args.amount)
    finally:
        db.dispose()
    print(
        f"{args.code}'s share of {args.benefit} is now {format_yuan(amount)} yuan; it travels "
        f"with the city's next bundle for {args.code}."
    )
    return 0


def cmd_sync_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = login(db, args)
        result = sync_service.export_bundle(
            db, actor, args.out, for_code=args.for_code, progress=_progress("Exporting")
        )
    finally:
        db.dispose()
    print(f"Wrote bundle {result.seq} for {result.to} to {result.path} ({result.records} records).")
    if result.kept is not None:
        print(f"A copy is kept in {result.kept}.")
    return 0


def cmd_sync_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = login(db, args)
        result = sync_service.import_bundle(db, actor, args.file, progress=_progress("Importing"))
    finally:
        db.dispose()
    if result.already:
        print(f"Bundle {result.seq} from {result.sender} was already imported; nothing changed.")
        return 0
    print(f"Imported bundle {result.seq} from {result.sender} ({result.records} records).")
    if result.new_conflicts:
        print(
            f"{result.new_conflicts} new conflicts between offices: see aitown-cli sync conflicts."
        )
    for w in result.warnings:
        print(f"Warning: {w}", file=sys.stderr)
    return 0


def cmd_sync_conflicts(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = login(db, args)
        rows = sync_service.list_conflicts(db, actor)
    finally:
        db.dispose()
    lang = cli_lang()
    for c in rows:
        if args.json:
            print(
                json.dumps(
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "status": c.status,
                        "found_at": c.found_at.isoformat() + "Z",
                        "what": c.describe(lang),
                        **c.details,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(f"#{c.id} [{c.kind}] {c.describe(lang)}")
    if not rows and not args.json:
        print("没有未处理的冲突。" if lang == "zh" else "No open conflicts.")
    return 0
