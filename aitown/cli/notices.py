"""``notices``: issue, print in batches, reprint, verify and list the office's official notices."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from aitown.cli import EXIT_ERROR, CliError, cli_lang, login, open_db
from aitown.models import APPLICATION_STATUSES
from aitown.money import format_yuan
from aitown.notices.compose import NOTICE_KINDS, kind_label
from aitown.notices.document import LANGUAGE_MODES
from aitown.services import notice_printing as printing
from aitown.services import notices as svc


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    n = sub.add_parser("notices", help="issue, print, reprint, verify and list notices")
    ns = n.add_subparsers(dest="notices_command", metavar="ACTION")
    ns.required = True

    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--date", default=None, help="issue date, YYYY-MM-DD (default today)")
    dated.add_argument(
        "--lang-mode",
        choices=LANGUAGE_MODES,
        default=None,
        help="English under the Chinese (zh+en) or on pages of its own (en-page); "
        "default: the office's setting",
    )

    i = ns.add_parser(
        "issue",
        parents=[common, dated],
        help="issue the notice an application's decision calls for (administrators)",
    )
    i.add_argument("application", type=int, metavar="APPLICATION_ID")
    i.add_argument("--out", type=Path, default=None, metavar="FILE.pdf", help="also write the PDF")
    i.set_defaults(handler=cmd_issue)

    a = ns.add_parser(
        "admission",
        parents=[common, dated],
        help="issue an admitted team's admission notice (administrators)",
    )
    a.add_argument("team", help="USCC or team id")
    a.add_argument("--out", type=Path, default=None, metavar="FILE.pdf", help="also write the PDF")
    a.set_defaults(handler=cmd_admission)

    p = ns.add_parser(
        "print",
        parents=[common, dated],
        help="write the notices of many applications, issuing those not issued yet",
    )
    p.add_argument("--kind", choices=NOTICE_KINDS, default=None)
    p.add_argument("--status", choices=APPLICATION_STATUSES, default=None)
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR|FILE.pdf",
        help="a folder (one PDF per notice) or a .pdf file (one combined PDF)",
    )
    p.set_defaults(handler=cmd_print)

    r = ns.add_parser("reprint", parents=[common], help="write an issued notice again, identical")
    r.add_argument("notice", metavar="NOTICE_ID_OR_NUMBER")
    r.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    r.set_defaults(handler=cmd_reprint)

    v = ns.add_parser(
        "verify",
        parents=[common],
        help="say whether a PDF is a notice this office issued, unaltered",
    )
    v.add_argument("file", type=Path, metavar="FILE.pdf")
    v.set_defaults(handler=cmd_verify)

    ls = ns.add_parser("list", parents=[common], help="list issued notices")
    ls.add_argument("--team", default=None, help="USCC or team id")
    ls.add_argument("--kind", choices=NOTICE_KINDS, default=None)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)


def _date(args: argparse.Namespace) -> dt.date | None:
    if not args.date:
        return None
    try:
        return dt.date.fromisoformat(args.date)
    except ValueError:
        raise CliError(
            f"The date “{args.date}” is not a date: write it as YYYY-MM-DD.",
            f"日期“{args.date}”无效：请写成 YYYY-MM-DD。",
        ) from None


def _write_pdf(path: Path, data: bytes) -> None:
    if path.suffix.lower() != ".pdf":
        raise CliError(
            f"Name the output file with .pdf, not “{path.name}”.",
            f"输出文件名应以 .pdf 结尾，而不是“{path.name}”。",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _issued(record: svc.NoticeRecord, out: Path | None) -> None:
    lang = cli_lang()
    if out is not None:
        _write_pdf(out, record.pdf)
    where = f"; written to {out}" if out is not None else ""
    print(
        f"Issued {record.document_number} ({kind_label(record.kind, lang)}), notice {record.id}, "
        f"verification code {record.verification_code}{where}."
    )


def cmd_issue(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    record = svc.issue_notice(
        db, actor, args.application, issue_date=_date(args), lang_mode=args.lang_mode
    )
    _issued(record, args.out)
    return 0


def cmd_admission(args: argparse.Namespace) -> int:
    from aitown.services.teams import find_team

    db = open_db(args)
    actor = login(db, args)
    team = find_team(db, args.team)
    record = svc.issue_admission_notice(
        db, actor, team.id, issue_date=_date(args), lang_mode=args.lang_mode
    )
    _issued(record, args.out)
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    combined = args.out.suffix.lower() == ".pdf"
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        # One updating line on a terminal; one line per notice in a log.
        end = "\r" if tty and done < total else "\n"
        print(f"Printed {done} of {total} notices", end=end, file=sys.stderr, flush=True)

    try:
        paths = printing.print_notices(
            db,
            actor,
            kind=args.kind,
            status=args.status,
            out=args.out,
            combined=combined,
            progress=progress,
            issue_date=_date(args),
            lang_mode=args.lang_mode,
        )
    except printing.PrintBatchError as exc:
        for label, message in exc.failures.items():
            print(f"  {label}: {message}", file=sys.stderr)
        print(f"aitown-cli: {exc.message_for(cli_lang())}", file=sys.stderr)
        return EXIT_ERROR
    if not paths:
        print("No notices match; nothing was written.")
    elif combined:
        print(f"Wrote {args.out}.")
    else:
        print(f"Wrote {len(paths)} notices into {args.out}.")
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    db = open_db(args)
    record = svc.find_notice(db, args.notice)
    _write_pdf(args.out, svc.reprint_notice(db, record.id))
    print(f"Reprinted {record.document_number} to {args.out} (identical to the issued file).")
    return 0


MAX_VERIFY_BYTES = 50 * 1024 * 1024  # a notice is well under a megabyte; as the GUI's limit


def cmd_verify(args: argparse.Namespace) -> int:
    size = args.file.stat().st_size if args.file.is_file() else 0
    if size > MAX_VERIFY_BYTES:
        raise CliError(
            f"{args.file.name} is {size // (1024 * 1024):,} MB, far larger than any notice: it is "
            "not a notice of this office. Nothing was read.",
            f"{args.file.name} 大小为 {size // (1024 * 1024):,} MB，远大于任何通知书：不是本办公室的通知书，未读取。",
        )
    db = open_db(args)
    result = svc.verify_pdf(db, args.file.read_bytes())
    print(f"{args.file.name}: {result.message_for(cli_lang())}")
    return 0 if result.genuine else EXIT_ERROR


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    team_id = None
    if args.team:
        from aitown.services.teams import find_team

        team_id = find_team(db, args.team).id
    rows = svc.list_notices(db, team_id=team_id, kind=args.kind)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r["id"],
                        "kind": r["kind"],
                        "document_number": r["document_number"],
                        "team": r["team_uscc"],
                        "team_name": r["team_name"],
                        "application_id": r["application_id"],
                        "revokes_notice_id": r["revokes_notice_id"],
                        "issue_date": r["issue_date"],
                        "amount": format_yuan(r["amount_fen"], grouping=False)
                        if r["amount_fen"] is not None
                        else None,
                        "verification_code": r["verification_code"],
                        "sha256": r["sha256"],
                        "issued_by": r["issued_by"],
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    lang = cli_lang()
    for r in rows:
        amount = format_yuan(r["amount_fen"]) if r["amount_fen"] is not None else "-"
        print(
            f"{r['id']:>6}  {r['document_number']:<20} {kind_label(r['kind'], lang):<30} "
            f"{amount:>16}  {r['issue_date']}  {r['team_name']}"
        )
    return 0
