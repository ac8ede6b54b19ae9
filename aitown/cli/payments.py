"""``payments``: build a payment list (拨付清单) of awarded applications, print it, record it paid.

``new`` prints the new list's id. ``pay`` records the date and the bank reference on every line in
one transaction: if one line cannot be paid, nothing is marked (cancel the list, build a new one).
"""

from __future__ import annotations

import argparse
import json
import sys

from aitown.cli import login, open_db
from aitown.cli.payout_common import (
    add_document_options,
    document_lang,
    parse_day,
    printing_user,
)
from aitown.cli.teams import refuse_overwrite
from aitown.labels import benefit_label
from aitown.money import format_yuan
from aitown.policy.payout_rules import PAYABLE_BENEFITS

HELP = "build, print and pay payment lists (拨付清单)"


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("payments", help=HELP, description=__doc__.split("\n\n", 1)[1].strip())
    ps = p.add_subparsers(dest="payments_command", metavar="ACTION")
    ps.required = True

    n = ps.add_parser(
        "new",
        parents=[common],
        help="build a payment list of one benefit from the awarded applications; prints its id",
    )
    n.add_argument("--benefit", required=True, choices=PAYABLE_BENEFITS)
    n.add_argument(
        "--approved-to", default=None, metavar="DATE", help="only applications approved up to DATE"
    )
    n.set_defaults(handler=cmd_new)

    pr = ps.add_parser(
        "print",
        parents=[common],
        help="write a payment list to .pdf or .xlsx (--user optional: the audited actor)",
    )
    pr.add_argument("list_id", type=int, metavar="LIST")
    add_document_options(pr)
    pr.set_defaults(handler=cmd_print)

    pay = ps.add_parser(
        "pay", parents=[common], help="record a payment list paid (all its lines, or none)"
    )
    pay.add_argument("list_id", type=int, metavar="LIST")
    pay.add_argument("--date", required=True, help="the day the bank paid, YYYY-MM-DD")
    pay.add_argument("--reference", required=True, metavar="REF", help="the bank's reference")
    pay.set_defaults(handler=cmd_pay)

    c = ps.add_parser("cancel", parents=[common], help="give up an unpaid payment list")
    c.add_argument("list_id", type=int, metavar="LIST")
    c.add_argument("--reason", default="", help="why (kept in the audit log)")
    c.set_defaults(handler=cmd_cancel)

    ls = ps.add_parser("list", parents=[common], help="the payment lists and their totals")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)


def cmd_new(args: argparse.Namespace) -> int:
    from aitown.services.payments import build_payment_list, get_payment_list

    approved_to = parse_day(args.approved_to, "--approved-to")
    db = open_db(args)
    try:
        actor = login(db, args)
        list_id = build_payment_list(db, actor, args.benefit, approved_to=approved_to)
        view = get_payment_list(db, list_id)
    finally:
        db.dispose()
    print(list_id)
    print(
        f"Payment list {list_id}: {len(view.lines)} line(s), {format_yuan(view.total_fen)} yuan.",
        file=sys.stderr,
    )
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from aitown.services import payout_documents as docs
    from aitown.services.list_export import check_target

    check_target(args.out, docs.FORMATS)
    refuse_overwrite(args.out, args.force)
    db = open_db(args)
    try:
        actor = printing_user(db, args)
        view = docs.write_payment_list(db, actor, args.list_id, args.out, lang=document_lang(args))
    finally:
        db.dispose()
    print(f"Wrote {args.out} ({len(view.lines)} lines)", file=sys.stderr)
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    from aitown.services.payments import pay_payment_list

    day = parse_day(args.date, "--date")
    assert day is not None
    db = open_db(args)
    try:
        actor = login(db, args)
        total = pay_payment_list(db, actor, args.list_id, paid_on=day, reference=args.reference)
    finally:
        db.dispose()
    print(f"Payment list {args.list_id} paid: {format_yuan(total)} yuan.", file=sys.stderr)
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    from aitown.services.payments import cancel_payment_list

    db = open_db(args)
    try:
        actor = login(db, args)
        cancel_payment_list(db, actor, args.list_id, args.reason)
    finally:
        db.dispose()
    print(f"Payment list {args.list_id} cancelled.", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from aitown.services.payments import list_payment_lists

    db = open_db(args)
    try:
        views = list_payment_lists(db)
    finally:
        db.dispose()
    for v in views:
        if args.json:
            print(
                json.dumps(
                    {
                        "id": v.id,
                        "benefit": v.benefit,
                        "status": v.status,
                        "lines": len(v.lines),
                        "total": format_yuan(v.total_fen, grouping=False),
                        "paid_on": v.paid_on.isoformat() if v.paid_on else None,
                        "reference": v.reference,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(
                f"{v.id}\t{benefit_label(v.benefit)}\t{v.status}\t{len(v.lines)}\t"
                f"{format_yuan(v.total_fen)}\t{v.paid_on or ''}\t{v.reference}"
            )
    return 0
