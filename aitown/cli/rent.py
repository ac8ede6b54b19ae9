"""``rent statement`` (a tenant's monthly statement), ``rent pay`` (record money received),
``rent receipt`` (print its receipt) and ``rent arrears`` (the list of arrears)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aitown.cli import CliError, cli_lang, login, open_db
from aitown.cli import lists as lists_cli
from aitown.money import format_yuan

HELP = "monthly rent statements, payments received, receipts and arrears"


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    r = sub.add_parser("rent", help=HELP)
    rs = r.add_subparsers(dest="rent_command", metavar="ACTION")
    rs.required = True

    st = rs.add_parser(
        "statement",
        parents=[common],
        help="a tenant's rent statement for a month: rent, waiver line by line, payments, arrears",
    )
    st.add_argument("team", help="the team's USCC or id")
    st.add_argument("--month", required=True, help="the month, YYYY-MM")
    st.add_argument("--out", default=None, metavar="FILE.pdf", help="write the statement as PDF")
    st.add_argument("--lang", choices=["en", "zh"], default=None, help="language of the PDF")
    st.add_argument("--json", action="store_true", help="the statement as JSON (money in fen)")
    st.set_defaults(handler=cmd_statement)

    pay = rs.add_parser(
        "pay", parents=[common], help="record rent (or a deposit) received from a tenant"
    )
    pay.add_argument("team", help="the team's USCC or id")
    pay.add_argument("--amount", required=True, help="yuan, e.g. 12000 or 12000.50")
    pay.add_argument("--on", default=None, help="the day it was received (default today)")
    pay.add_argument(
        "--kind",
        choices=["payment", "deposit_received", "deposit_returned"],
        default="payment",
    )
    pay.add_argument("--reference", default="", help="bank slip or invoice number")
    pay.add_argument("--receipt", default=None, metavar="FILE.pdf", help="also write its receipt")
    pay.add_argument("--lang", choices=["en", "zh"], default=None, help="language of the receipt")
    pay.set_defaults(handler=cmd_pay)

    rc = rs.add_parser("receipt", parents=[common], help="print the receipt of a recorded payment")
    rc.add_argument("entry", type=int, help="the payment's number (rent pay prints it)")
    rc.add_argument("--out", required=True, metavar="FILE.pdf")
    rc.add_argument("--lang", choices=["en", "zh"], default=None)
    rc.set_defaults(handler=cmd_receipt)

    ar = rs.add_parser("arrears", parents=[common], help="every tenant owing rent or a repayment")
    ar.add_argument("--as-of", default=None, help="as on this day (default today)")
    ar.add_argument("--json", action="store_true", help="as JSON (money in fen)")
    lists_cli.add_out_option(ar)
    ar.set_defaults(handler=cmd_arrears)


def _lang(args: argparse.Namespace) -> str:
    return str(args.lang) if getattr(args, "lang", None) else cli_lang()


def _write_pdf(path: str, data: bytes) -> None:
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        raise CliError(
            f"{target.name}: the file must end in .pdf.", f"{target.name}：文件名须以 .pdf 结尾。"
        )
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)


def cmd_statement(args: argparse.Namespace) -> int:
    from aitown.services.rent_pdf import render_statement
    from aitown.services.rent_statements import parse_month, rent_statement
    from aitown.services.teams import find_team

    first = parse_month(args.month)
    db = open_db(args)
    team = find_team(db, args.team)
    st = rent_statement(db, team.id, first)
    lang = _lang(args)
    if args.out:
        office = lists_cli.office_name(db, lang)
        _write_pdf(args.out, render_statement(st, office, lang=lang))
    if args.json:
        print(json.dumps(st.to_record(), ensure_ascii=False, indent=2))
        return 0
    lang = cli_lang()  # --lang is the PDF's; the terminal speaks the user's language
    zh = lang == "zh"
    print(f"{st.team_name} {st.uscc} — {'租金对账单' if zh else 'rent statement'} {st.month}")
    print(f"{'上期结转欠缴' if zh else 'Brought forward'}: {format_yuan(st.opening_fen)}")
    for line in st.lines:
        print(f"  {line.unit} #{line.month} {line.month_start}: {line.text(lang)}")
    for e in st.receivables:
        print(
            f"  {e.on} {'应退还减免' if zh else 'repayment due (§2.5)'}: {format_yuan(e.amount_fen)}"
        )
    for e in st.payments:
        print(f"  {e.on} {'收款' if zh else 'received'}: {format_yuan(e.amount_fen)} {e.reference}")
    print(f"{'期末欠缴' if zh else 'Arrears'}: {format_yuan(st.arrears_fen)}")
    print(f"{'押金余额' if zh else 'Deposit held'}: {format_yuan(st.deposit_held_fen)}")
    print(f"{'验证码' if zh else 'Verification code'}: {st.verification_code}")
    if args.out:
        print(f"{'已写入' if zh else 'Wrote'} {args.out}")
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    from aitown.services.rent_accounts import receipt, record_payment
    from aitown.services.rent_pdf import render_receipt
    from aitown.services.teams import find_team

    db = open_db(args)
    actor = login(db, args)
    team = find_team(db, args.team)
    entry_id = record_payment(
        db,
        actor,
        team.id,
        args.amount,
        on=args.on,
        kind=args.kind,
        reference=args.reference,
    )
    r = receipt(db, entry_id)
    if args.receipt:
        _write_pdf(args.receipt, render_receipt(r, lang=_lang(args)))
    if cli_lang() == "zh":
        print(
            f"已登记 {r.number}（编号 {entry_id}）：{format_yuan(r.amount_fen)} 元，验证码 {r.verification_code}"
        )
    else:
        print(
            f"Recorded {r.number} (no. {entry_id}): {format_yuan(r.amount_fen)} yuan, "
            f"verification code {r.verification_code}"
        )
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from aitown.services.rent_pdf import receipt_pdf

    db = open_db(args)
    _write_pdf(args.out, receipt_pdf(db, args.entry, lang=_lang(args)))
    print(f"{'已写入' if cli_lang() == 'zh' else 'Wrote'} {args.out}")
    return 0


def cmd_arrears(args: argparse.Namespace) -> int:
    from aitown.services.rent_accounts import arrears, arrears_table

    day = lists_cli._day(args.as_of, "--as-of") if args.as_of else None
    if args.out:
        return lists_cli.write_out(
            args, lambda db, actor, lang: arrears_table(db, actor, as_of=day, lang=lang)
        )
    db = open_db(args)
    rows = arrears(db, as_of=day)
    if args.json:
        print(
            json.dumps(
                [
                    {**r.__dict__, "oldest_unpaid": r.oldest_unpaid and r.oldest_unpaid.isoformat()}
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for r in rows:
        print(
            # The name last, as in ``applications list``: a Chinese name's width varies.
            f"{r.uscc}  {format_yuan(r.arrears_fen):>14}  "
            f"{r.oldest_unpaid.isoformat() if r.oldest_unpaid else '':<10}  {r.team_name}"
        )
    return 0
