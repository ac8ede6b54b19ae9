"""``applications materials|attach|return|verify-amount|receipt|correction-notice`` (issue 13.1–13.4).

Registered by :mod:`aitown.cli.applications` under the ``applications`` command.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aitown.cli import CliError, cli_lang, login, open_db
from aitown.money import format_yuan
from aitown.services import materials as mat


def register(
    asub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    m = asub.add_parser(
        "materials",
        parents=[common],
        help="the materials an application needs and what was handed in",
    )
    m.add_argument("id", type=int)
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=cmd_materials)
    a = asub.add_parser(
        "attach",
        parents=[common],
        help="attach a scan to a material (--item ITEM FILE) or mark its original seen (--seen ITEM)",
    )
    a.add_argument("id", type=int)
    a.add_argument("file", nargs="?", help="PDF, JPEG or PNG scan")
    # ``--item ITEM FILE`` (the contract's order) or ``FILE --item ITEM``: argparse gives a
    # positional after an option nothing, so --item takes the file with it.
    a.add_argument("--item", nargs="+", metavar="ITEM", help="the material the scan is of")
    a.add_argument("--seen", metavar="ITEM", help="mark the original of ITEM seen (no file)")
    a.set_defaults(handler=cmd_attach)
    r = asub.add_parser(
        "return", parents=[common], help="return a submitted application for correction (reviewers)"
    )
    r.add_argument("id", type=int)
    r.add_argument("--item", action="append", required=True, help="a material to mend (repeat)")
    r.add_argument("--reason", required=True)
    r.set_defaults(handler=cmd_return)
    v = asub.add_parser(
        "verify-amount",
        parents=[common],
        help="record the verified contract amount where it differs (reviewers)",
    )
    v.add_argument("id", type=int)
    v.add_argument("--amount", required=True, help="yuan, at most two decimals")
    v.add_argument("--reason", required=True)
    v.set_defaults(handler=cmd_verify_amount)
    for name, what in (
        ("receipt", "print the receipt (受理回执) of an application"),
        ("correction-notice", "print the correction notice (补正通知书) of a return"),
    ):
        p = asub.add_parser(name, parents=[common], help=what)
        p.add_argument("id", type=int)
        p.add_argument("--out", required=True, help="the PDF file to write")
        p.add_argument(
            "--lang",
            choices=("zh", "en"),
            default=None,
            help="language of the PDF (default: yours, from AITOWN_LANG or LANG)",
        )
        p.add_argument("--force", action="store_true", help="replace an existing file")
        if name == "correction-notice":
            p.add_argument("--round", type=int, default=None, help="default: the latest")
        p.set_defaults(handler=cmd_print_paper, paper=name)


def cmd_materials(args: argparse.Namespace) -> int:
    db = open_db(args)
    state = mat.application_materials(db, args.id)
    lang = cli_lang()
    if args.json:
        print(
            json.dumps(
                {
                    "application": state.application_id,
                    "benefit": state.benefit,
                    "status": state.status,
                    "items": [
                        {
                            "item": m.key,
                            "name_en": m.en,
                            "name_zh": m.zh,
                            "required": m.required,
                            "seen": m.seen,
                            "attached": m.attached,
                            "present": m.present,
                            "to_mend": m.to_mend,
                            "attachments": [
                                {
                                    "id": a.id,
                                    "file": a.file_name,
                                    "media_type": a.media_type,
                                    "bytes": a.size,
                                    "sha256": a.sha256,
                                    "current": a.current,
                                }
                                for a in m.attachments
                            ],
                        }
                        for m in state.items
                    ],
                    "missing_required": [m.key for m in state.missing_required],
                    "returns": [
                        {
                            "round": r.round,
                            "items": list(r.items),
                            "reason": r.reason,
                            "by": r.returned_by,
                            "resubmitted": r.resubmitted_at is not None,
                        }
                        for r in state.returns
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for m in state.items:
        need = "required" if m.required else "optional"
        scans = sum(1 for a in m.attachments if a.current)
        marks = ("seen " if m.seen else "     ") + (f"{scans} scan(s)" if scans else "")
        mend = "  TO MEND" if m.to_mend else ""
        print(f"{m.key:<20} {need:<9} {marks:<16} {m.label(lang)}{mend}")
    if not state.items:
        print("The policy lists no materials for this benefit.")
    missing = state.missing_required
    if missing:
        print("Missing (required): " + ", ".join(m.key for m in missing))
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    if args.item:
        if len(args.item) > 2 or (len(args.item) == 2 and args.file):
            raise CliError(
                "Attach one file at a time: --item ITEM FILE.",
                "每次附加一个文件：--item ITEM FILE。",
            )
        args.item, args.file = args.item[0], (args.item[1] if len(args.item) == 2 else args.file)
    if args.seen and (args.item or args.file):
        raise CliError(
            "Give either --item ITEM FILE or --seen ITEM, not both.",
            "请只给出 --item ITEM FILE 或 --seen ITEM 之一。",
        )
    if not args.seen and not (args.item and args.file):
        raise CliError(
            "Give --item ITEM and the FILE to attach, or --seen ITEM to mark the original seen.",
            "请给出 --item ITEM 和要附加的文件 FILE，或用 --seen ITEM 标记已核验原件。",
        )
    db = open_db(args)
    actor = login(db, args)
    if args.seen:
        mat.mark_seen(db, actor, args.id, args.seen)
        print(f"Application {args.id}: original of {args.seen} seen.")
        return 0
    row = mat.attach_path(db, actor, args.id, args.item, args.file)
    print(
        f"Application {args.id}: {row.file_name} attached to {args.item} "
        f"({row.size} bytes, sha256 {row.sha256[:12]})."
    )
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from aitown.services.review_steps import return_for_correction

    db = open_db(args)
    actor = login(db, args)
    round_no = return_for_correction(db, actor, args.id, args.item, args.reason)
    print(
        f"Application {args.id} returned for correction (round {round_no}): {', '.join(args.item)}."
    )
    return 0


def cmd_verify_amount(args: argparse.Namespace) -> int:
    from aitown.services.review_steps import verify_amount

    db = open_db(args)
    actor = login(db, args)
    result = verify_amount(db, actor, args.id, args.amount, args.reason)
    amount = (
        f"{format_yuan(result.amount.amount_fen)} yuan"
        if result.eligible and result.amount
        else "none (not eligible)"
    )
    print(f"Application {args.id}: verified contract amount recorded; benefit now {amount}.")
    return 0


def cmd_print_paper(args: argparse.Namespace) -> int:
    from aitown.services import material_pdfs as pdfs
    from aitown.services.notice_printing import prepare_output_file, write_pdf_file

    db = open_db(args)
    # The user's language, as the GUI and `rent statement` do (it used to be always Chinese).
    lang = args.lang or cli_lang()
    out = Path(args.out).expanduser()
    if args.paper == "receipt":
        data = pdfs.receipt_pdf(db, args.id, lang)
    else:
        data = pdfs.correction_notice_pdf(db, args.id, lang, round_no=args.round)
    prepare_output_file(out, force=args.force)
    write_pdf_file(out, data)
    print(f"Wrote {out}.")
    return 0
