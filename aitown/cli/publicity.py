"""``publicity``: open, close and object to publicity periods (公示); print the publicity list.

Opening and closing are explicit (issue 13.5):

* ``open`` publishes: every approved application of the policy's publicity benefits that has no
  period yet (or the one ``--application``) gets a period of the policy's working days from
  ``--date`` (default today).
* ``close`` records "passed without objection" for every open period whose last day is before
  ``--date`` (default today), or for the one ``--application``; only then can the award notice be
  issued and the money paid.
* ``object`` records an objection received during the period: the application goes back to
  review (submitted) and its pool commitment is released.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from aitown.cli import login, open_db
from aitown.cli.payout_common import document_lang, parse_day, printing_user
from aitown.cli.teams import refuse_overwrite
from aitown.labels import benefit_label
from aitown.models import BENEFITS
from aitown.money import format_yuan

if TYPE_CHECKING:
    from aitown.db import Database
    from aitown.services.actor import Actor

HELP = "open, close or object to publicity periods (公示); print the publicity list"
DESCRIPTION = """\
Opening and closing are explicit:
  open    publishes: every approved application of the policy's publicity benefits
          ([publicity] benefits) that has no period yet, or the one --application,
          gets a period of [publicity] working_days working days from --date
          (default today; weekends and the listed holidays do not count).
  close   records "passed without objection" for every open period whose last day
          is before --date (default today), or for the one --application. Only
          then can the award notice be issued and the money paid.
  object  records an objection received during the period (--text): the
          application goes back to review (submitted), its pool commitment is
          released.
  list    the publicity list (team, benefit, amount; no personal data). --out
          needs no --user; with one, that user is the one the audit log names.
"""


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "publicity",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ps = p.add_subparsers(dest="publicity_command", metavar="ACTION")
    ps.required = True

    o = ps.add_parser(
        "open",
        parents=[common],
        help="open the publicity period of the approved applications that need one and have "
        "none yet (administrators)",
    )
    o.add_argument("--application", type=int, default=None, metavar="ID", help="only this one")
    o.add_argument(
        "--benefit", action="append", choices=BENEFITS, default=None, help="only these benefits"
    )
    o.add_argument("--date", default=None, help="the day the list is published (default today)")
    o.set_defaults(handler=cmd_step, step=_open)

    c = ps.add_parser(
        "close",
        parents=[common],
        help="record that the periods ended before --date passed without objection "
        "(administrators)",
    )
    c.add_argument("--application", type=int, default=None, metavar="ID", help="only this one")
    c.add_argument("--date", default=None, help="today's date (default today)")
    c.set_defaults(handler=cmd_step, step=_close)

    b = ps.add_parser(
        "object",
        parents=[common],
        help="record an objection: the application goes back to review (administrators)",
    )
    b.add_argument("application", type=int, metavar="APPLICATION_ID")
    b.add_argument("--text", required=True, help="who objected and what the objection says")
    b.add_argument("--date", default=None, help="the day it was received (default today)")
    b.set_defaults(handler=cmd_step, step=_object)

    ls = ps.add_parser(
        "list",
        parents=[common],
        help="the publicity list (team, benefit, amount): on screen, or --out FILE.{pdf,xlsx}",
    )
    ls.add_argument(
        "--opened-on", default=None, help="the periods opened that day (default: open ones)"
    )
    ls.add_argument("--out", default=None, metavar="FILE.{pdf,xlsx}", help="write the list")
    ls.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="the document's language (default: Chinese, or English when AITOWN_LANG is English)",
    )
    ls.add_argument("--force", action="store_true", help="replace the file if it exists")
    ls.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    ls.set_defaults(handler=cmd_list)


# open, close and object: one handler (the date, the acting user, one service call, the database
# closed whatever happens); each step says which call and what to print.
Done = tuple[list[int] | None, str]  # the applications touched (None: none to list), what was done
Step = Callable[["Database", "Actor", argparse.Namespace, dt.date | None], Done]


def _open(db: Database, actor: Actor, args: argparse.Namespace, day: dt.date | None) -> Done:
    from aitown.services.publicity import open_publicity

    ids = open_publicity(db, actor, application_id=args.application, benefits=args.benefit, on=day)
    return ids, f"Opened the publicity period of {len(ids)} application(s)."


def _close(db: Database, actor: Actor, args: argparse.Namespace, day: dt.date | None) -> Done:
    from aitown.services.publicity import close_publicity

    ids = close_publicity(db, actor, application_id=args.application, today=day)
    return ids, f"{len(ids)} publicity period(s) passed without objection."


def _object(db: Database, actor: Actor, args: argparse.Namespace, day: dt.date | None) -> Done:
    from aitown.services.publicity import record_objection

    record_objection(db, actor, args.application, args.text, today=day)
    return None, f"Objection recorded; application {args.application} is back in review."


def cmd_step(args: argparse.Namespace) -> int:
    """``publicity open|close|object``: the applications it touched on stdout (open, close), what
    was done on stderr."""
    step: Step = args.step
    day = parse_day(args.date, "--date")
    db = open_db(args)
    try:
        ids, done = step(db, login(db, args), args, day)
    finally:
        db.dispose()
    if ids is not None:
        print(" ".join(str(i) for i in ids))
    print(done, file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from aitown.services import payout_documents as docs

    opened_on = parse_day(args.opened_on, "--opened-on")
    if args.out:
        from aitown.services.list_export import check_target

        check_target(args.out, docs.FORMATS)  # before the password prompt
        refuse_overwrite(args.out, args.force)
    db = open_db(args)
    try:
        if args.out:
            actor = printing_user(db, args)
            count = docs.write_publicity_list(
                db, actor, args.out, lang=document_lang(args), opened_on=opened_on
            )
            print(f"Wrote {args.out} ({count} entries)", file=sys.stderr)
            return 0
        rows = docs.publicity_rows(db, opened_on=opened_on)
    finally:
        db.dispose()
    for r in rows:
        if args.json:
            print(
                json.dumps(
                    {
                        "application_id": r.application_id,
                        "team": r.team_name,
                        "benefit": r.benefit,
                        "amount": format_yuan(r.amount_fen, grouping=False),
                        "status": r.status,
                        "opened_on": r.opened_on.isoformat() if r.opened_on else None,
                        "ends_on": r.ends_on.isoformat() if r.ends_on else None,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(
                f"{r.application_id}\t{r.team_name}\t{benefit_label(r.benefit)}\t"
                f"{format_yuan(r.amount_fen)}\t{r.opened_on} – {r.ends_on}\t{r.status}"
            )
    return 0
