"""``notices``: issue, print in batches, reprint, verify and list the office's official notices."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from aitown.cli import EXIT_ERROR, CliError, cli_lang, login, open_db
from aitown.cli import lists as lists_cli
from aitown.models import APPLICATION_STATUSES
from aitown.money import format_yuan
from aitown.notices.compose import NOTICE_KINDS, kind_label
from aitown.notices.document import LANGUAGE_MODES
from aitown.services import notice_printing as printing
from aitown.services import notices as svc


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    n = sub.add_parser("notices", help="issue, print, reprint, verify and list notices")
    ns = n.add_subparsers(dest="notices_command", metavar="ACTION")
    ns.required = True

    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument(
        "--date",
        default=None,
        help="issue date, YYYY-MM-DD (default today; never in the future, earlier only with --reason)",
    )
    dated.add_argument(
        "--reason",
        default=None,
        metavar="TEXT",
        help="why the notice is back-dated (required with an earlier --date; kept in the audit log)",
    )
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
    _out_options(i)
    i.set_defaults(handler=cmd_issue)

    a = ns.add_parser(
        "admission",
        parents=[common, dated],
        help="issue an admitted team's admission notice (administrators)",
    )
    a.add_argument("team", help="USCC or team id")
    _out_options(a)
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
    r.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    r.set_defaults(handler=cmd_reprint)

    v = ns.add_parser(
        "verify",
        parents=[common],
        help="say whether a PDF is a notice this office issued, unaltered",
    )
    v.add_argument("file", type=Path, metavar="FILE.pdf", nargs="?", default=None)
    v.add_argument(
        "--code",
        default=None,
        metavar="XXXX-XXXX-XXXX-XXXX",
        help="the verification code printed on the paper (or the QR code's text), instead of a file",
    )
    v.set_defaults(handler=cmd_verify)

    ls = ns.add_parser("list", parents=[common], help="list issued notices")
    ls.add_argument("--team", default=None, help="USCC or team id")
    ls.add_argument("--kind", choices=NOTICE_KINDS, default=None)
    ls.add_argument("--json", action="store_true")
    lists_cli.add_out_option(ls)
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


def _out_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=None, metavar="FILE.pdf", help="also write the PDF"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    parser.add_argument(
        "--copied-to",
        action="append",
        default=None,
        metavar="中文名称|English name",
        help="copy the notice to this office (repeat for more; replaces the office's default "
        "list; an empty value: to nobody)",
    )


def _copied_to(args: argparse.Namespace) -> list[str] | None:
    if args.copied_to is None:
        return None
    return [entry for entry in args.copied_to if entry.strip()]


def _write_pdf(path: Path, data: bytes, *, issued: str | None = None) -> None:
    try:
        printing.write_pdf_file(path, data)
    except OSError as exc:
        again = f" {issued} was issued; write it with “notices reprint”." if issued else ""
        again_zh = f"{issued} 已出具，可用“notices reprint”写出。" if issued else ""
        raise CliError(
            f"{path} could not be written ({exc.strerror or exc}).{again}",
            f"无法写入 {path}（{exc.strerror or exc}）。{again_zh}",
        ) from None


def _issued(record: svc.NoticeRecord, out: Path | None) -> None:
    lang = cli_lang()
    if out is not None:
        _write_pdf(out, record.pdf, issued=record.document_number)
    where = f"; written to {out}" if out is not None else ""
    print(
        f"Issued {record.document_number} ({kind_label(record.kind, lang)}), notice {record.id}, "
        f"verification code {record.verification_code}{where}."
    )


def cmd_issue(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    if args.out is not None:
        printing.prepare_output_file(args.out, force=args.force)
    record = svc.issue_notice(
        db,
        actor,
        args.application,
        issue_date=_date(args),
        lang_mode=args.lang_mode,
        copied_to=_copied_to(args),
        backdate_reason=args.reason,
    )
    _issued(record, args.out)
    return 0


def cmd_admission(args: argparse.Namespace) -> int:
    from aitown.services.teams import find_team

    db = open_db(args)
    actor = login(db, args)
    team = find_team(db, args.team)
    if args.out is not None:
        printing.prepare_output_file(args.out, force=args.force)
    record = svc.issue_admission_notice(
        db,
        actor,
        team.id,
        issue_date=_date(args),
        lang_mode=args.lang_mode,
        copied_to=_copied_to(args),
        backdate_reason=args.reason,
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
            backdate_reason=args.reason,
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
    printing.prepare_output_file(args.out, force=args.force)
    _write_pdf(args.out, svc.reprint_notice(db, record.id))
    print(f"Reprinted {record.document_number} to {args.out} (identical to the issued file).")
    return 0


#: A notice PDF is a few hundred kilobytes; a file larger than this is not one.
MAX_VERIFY_BYTES = 50 * 1024 * 1024


def cmd_verify(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.code is None):
        raise CliError(
            "Give the notice's PDF file or its code (--code XXXX-XXXX-XXXX-XXXX), one of them.",
            "请给出通知书的 PDF 文件或其核验码（--code XXXX-XXXX-XXXX-XXXX），二者选一。",
        )
    db = open_db(args)
    if args.code is not None:
        result = svc.verify_code(db, args.code)
        print(result.message_for(cli_lang()))
        return 0 if result.genuine else EXIT_ERROR
    size = args.file.stat().st_size if args.file.is_file() else 0
    if size > MAX_VERIFY_BYTES:
        raise CliError(
            f"{args.file.name} is {size // (1024 * 1024):,} MB, far larger than any notice: it is "
            "not a notice of this office. Nothing was read.",
            f"{args.file.name} 大小为 {size // (1024 * 1024):,} MB，远大于任何通知书：不是本办公室的通知书，未读取。",
        )
    result = svc.verify_pdf(db, args.file.read_bytes())
    print(f"{args.file.name}: {result.message_for(cli_lang())}")
    return 0 if result.genuine else EXIT_ERROR


def cmd_list(args: argparse.Namespace) -> int:
    if args.out:
        from aitown.services.list_tables import notices_table

        return lists_cli.write_out(
            args, lambda db, actor, lang: notices_table(db, actor, kind=args.kind, lang=lang)
        )
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
                        "id": r.id,
                        "kind": r.kind,
                        "document_number": r.document_number,
                        "team": r.team_uscc,
                        "team_name": r.team_name,
                        "application_id": r.application_id,
                        "revokes_notice_id": r.revokes_notice_id,
                        "issue_date": r.issue_date,
                        "amount": format_yuan(r.amount_fen, grouping=False)
                        if r.amount_fen is not None
                        else None,
                        "verification_code": r.verification_code,
                        "sha256": r.sha256,
                        "issued_by": r.issued_by,
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
        amount = format_yuan(r.amount_fen) if r.amount_fen is not None else "-"
        print(
            f"{r.id:>6}  {r.document_number:<20} {kind_label(r.kind, lang):<30} "
            f"{amount:>16}  {r.issue_date}  {r.team_name}"
        )
    return 0
