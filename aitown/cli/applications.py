"""``applications``: record, submit, decide, pay out, revoke, list and preview applications; the
materials commands are in :mod:`aitown.cli.application_papers`."""

from __future__ import annotations

import argparse
import json
import sys

from aitown.cli import CliError, application_papers, cli_lang, login, open_db
from aitown.cli import lists as lists_cli
from aitown.models import APPLICATION_STATUSES, BENEFITS
from aitown.money import format_yuan
from aitown.services import applications as app_service
from aitown.services.application_list import list_applications
from aitown.services.batch_approval import preview_batch


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    a = sub.add_parser("applications", help="record and decide applications")
    asub = a.add_subparsers(dest="app_command", metavar="ACTION")
    asub.required = True
    r = asub.add_parser("record", parents=[common], help="record an application (desk staff)")
    r.add_argument("team", help="USCC or team id")
    r.add_argument("--benefit", required=True, choices=BENEFITS)
    r.add_argument("--contract-amount", help="yuan, at most two decimals")
    r.add_argument("--vendor-uscc")
    r.add_argument("--vendor-name")
    r.add_argument("--vendor-legal-rep")
    r.add_argument("--contract-start")
    r.add_argument("--contract-end")
    r.add_argument("--member", type=int, help="member id (talent award)")
    r.add_argument("--lease", type=int, help="lease id (rent waiver; default: the current lease)")
    r.add_argument("--date", default=None, help="application date (default today)")
    r.set_defaults(handler=cmd_record)
    for action in ("submit", "approve", "reject", "disburse", "revoke"):
        p = asub.add_parser(action, parents=[common], help=f"{action} an application")
        p.add_argument("id", type=int)
        p.add_argument("--reason", default="")
        p.set_defaults(handler=cmd_transition, action=action)
    ls = asub.add_parser("list", parents=[common], help="list applications")
    ls.add_argument("--status", choices=APPLICATION_STATUSES)
    ls.add_argument("--json", action="store_true")
    lists_cli.add_out_option(ls)
    ls.set_defaults(handler=cmd_list)
    pv = asub.add_parser(
        "preview", parents=[common], help="what-if: approving these applications in this order"
    )
    pv.add_argument("ids", type=int, nargs="+")
    pv.set_defaults(handler=cmd_preview)
    # Materials, receipt, return for correction, verified amount (issue 13.1–13.4).
    application_papers.register(asub, common)


def cmd_record(args: argparse.Namespace) -> int:
    from aitown.services.teams import find_team

    db = open_db(args)
    actor = login(db, args)
    team = find_team(db, args.team)
    rec = app_service.record_application(
        db,
        actor,
        team.id,
        args.benefit,
        contract_amount=args.contract_amount,
        vendor_uscc=args.vendor_uscc,
        vendor_name=args.vendor_name,
        vendor_legal_rep=args.vendor_legal_rep,
        contract_start=args.contract_start,
        contract_end=args.contract_end,
        member_id=args.member,
        lease_id=args.lease,
        applied_on=args.date,
    )
    amount = format_yuan(rec.amount_fen) if rec.amount_fen is not None else "none (not eligible)"
    print(f"Application {rec.application_id} recorded; amount {amount}.")
    if not rec.result.eligible:
        for rule in rec.result.failed:
            print(f"  §{rule.clause} {rule.reason(cli_lang())}", file=sys.stderr)
    return 0


def cmd_transition(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    action = args.action
    if action == "submit":
        app_service.submit_application(db, actor, args.id)
        print(f"Application {args.id} submitted.")
    elif action == "approve":
        res = app_service.approve_application(db, actor, args.id, args.reason)
        assert res.amount is not None  # approve_application refuses an application without one
        print(
            f"Application {args.id} approved: {format_yuan(res.amount.amount_fen)} yuan."
            f" Policy {res.policy_id} {res.policy_version}."
        )
    elif action == "reject":
        app_service.reject_application(db, actor, args.id, args.reason)
        print(f"Application {args.id} rejected.")
    elif action == "disburse":
        app_service.disburse_application(db, actor, args.id)
        print(f"Application {args.id} disbursed.")
    elif action == "revoke":
        repay = app_service.revoke_application(db, actor, args.id, args.reason)
        print(f"Application {args.id} revoked; repayment due {format_yuan(repay)} yuan.")
    else:  # pragma: no cover - argparse limits the choices
        raise CliError(f"Unknown action {action}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.out:
        from aitown.services.list_tables import applications_table

        return lists_cli.write_out(
            args,
            lambda db, actor, lang: applications_table(db, actor, status=args.status, lang=lang),
        )
    db = open_db(args)
    rows = list_applications(db, status=args.status)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "team": r.team_uscc,
                        "team_name": r.team_name,
                        "benefit": r.benefit,
                        "status": r.status,
                        "amount": format_yuan(r.amount_fen, grouping=False)
                        if r.amount_fen is not None
                        else None,
                        "applied_on": r.applied_on.isoformat(),
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for r in rows:
        amount = format_yuan(r.amount_fen) if r.amount_fen is not None else "-"
        print(f"{r.id:>6}  {r.status:<10} {r.benefit:<16} {amount:>16}  {r.team_name}")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    db = open_db(args)
    lang = cli_lang()
    pv = preview_batch(db, args.ids)
    for ln in pv.lines:
        mark = "OK " if ln.fits else "NO "
        amount = format_yuan(ln.amount_fen) if ln.amount_fen is not None else "-"
        print(
            f"{mark} {ln.application_id:>6} {ln.benefit:<16} {amount:>16}  {ln.team_name}  "
            f"{ln.reason_zh if lang == 'zh' else ln.reason_en}"
        )
    for kind, before in pv.pools_before.items():
        after = pv.pools_after[kind]
        if after != before:
            print(f"pool {kind}: {format_yuan(before)} left now, {format_yuan(after)} after")
    return 0
