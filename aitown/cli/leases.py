"""``leases ending --days N [--json]``: the leases whose last day falls in the next N days."""

from __future__ import annotations

import argparse
import json

from aitown.cli import open_db
from aitown.cli.lists import add_out_option, write_out
from aitown.money import format_yuan


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("leases", help="leases ending soon")
    lsub = p.add_subparsers(dest="lease_command", metavar="ACTION")
    lsub.required = True
    e = lsub.add_parser(
        "ending",
        parents=[common],
        help="leases whose last day is within the next N days and that are not renewed",
    )
    e.add_argument("--days", type=int, required=True, metavar="N", help="the window in days")
    e.add_argument("--json", action="store_true")
    add_out_option(e)
    e.set_defaults(handler=cmd_ending)


def cmd_ending(args: argparse.Namespace) -> int:
    from aitown.services.lease_lifecycle import check_window, leases_ending

    check_window(args.days)  # before opening the database
    if args.out:
        from aitown.services.lease_lists import leases_ending_table

        return write_out(
            args,
            lambda db, actor, lang: leases_ending_table(
                db, actor, within_days=args.days, lang=lang
            ),
        )
    db = open_db(args)
    try:
        rows = leases_ending(db, args.days)
    finally:
        db.dispose()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "lease_id": r.lease_id,
                        "team": r.team_uscc,
                        "team_name": r.team_name,
                        "building": r.building,
                        "unit": r.unit,
                        "start_on": r.start_on.isoformat(),
                        "end_on": r.last_day.isoformat(),
                        "days_left": r.days_left,
                        "monthly_rent": format_yuan(r.monthly_rent, grouping=False),
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for r in rows:
        unit = f"{r.building} {r.unit}"
        print(
            f"{r.lease_id:>6}  {r.last_day.isoformat()}  {r.days_left:>4}d  {unit:<20} "
            f"{format_yuan(r.monthly_rent):>14}  {r.team_name}"
        )
    return 0
