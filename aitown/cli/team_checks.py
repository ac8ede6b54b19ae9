"""``teams related-party add|remove|list`` and ``teams dishonest``: the facts §6.1 and §1.5
decide on, entered on the command line (aitown.services.team_checks does the work)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from aitown.cli import CliError, cli_lang, login, open_db


def register(
    ts: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the commands under ``teams`` (``ts``: its sub-commands)."""
    rp = ts.add_parser("related-party", help="list, add or remove a team's related parties (§6.1)")
    rps = rp.add_subparsers(dest="related_party_command", metavar="ACTION")
    rps.required = True
    add = rps.add_parser("add", parents=[common], help="add a shareholder or affiliate")
    add.add_argument("team", help="the team's USCC or id")
    add.add_argument("--name", required=True, help="the related party's name")
    add.add_argument("--uscc", default=None, help="its unified social credit code")
    add.add_argument("--legal-rep", default=None, help="its legal representative")
    add.add_argument(
        "--kind", choices=["shareholder", "affiliate"], default="shareholder", help="how related"
    )
    add.set_defaults(handler=cmd_related_add)
    rm = rps.add_parser("remove", parents=[common], help="remove a related party by its id")
    rm.add_argument("team", help="the team's USCC or id")
    rm.add_argument("party", type=int, help="the related party's id (see list)")
    rm.set_defaults(handler=cmd_related_remove)
    ls = rps.add_parser("list", parents=[common], help="list a team's related parties")
    ls.add_argument("team", help="the team's USCC or id")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_related_list)

    d = ts.add_parser(
        "dishonest",
        parents=[common],
        help="record whether a team is on the list of seriously dishonest entities (§1.5)",
    )
    d.add_argument("team", help="the team's USCC or id")
    which = d.add_mutually_exclusive_group(required=True)
    which.add_argument("--on", dest="on_list", action="store_const", const=True, help="on the list")
    which.add_argument(
        "--off", dest="on_list", action="store_const", const=False, help="checked: not on it"
    )
    which.add_argument(
        "--unchecked", dest="on_list", action="store_const", const=None, help="not checked yet"
    )
    d.add_argument("--reason", default="", help="where the list says so (needed with --on/--off)")
    d.set_defaults(handler=cmd_dishonest, on_list=None)


def _team_id(db: object, key: str) -> int:
    from aitown.services.teams import find_team

    return find_team(db, key).id  # type: ignore[arg-type]


def cmd_related_add(args: argparse.Namespace) -> int:
    from aitown.services.team_checks import add_related_party

    db = open_db(args)
    actor = login(db, args)
    team_id = _team_id(db, args.team)
    party = {"name": args.name, "uscc": args.uscc, "legal_rep": args.legal_rep, "kind": args.kind}
    party_id = add_related_party(db, actor, team_id, party)
    zh = cli_lang() == "zh"
    print(
        f"已为团队 {team_id} 登记关联方 {party_id}：{args.name}。"
        if zh
        else f"Related party {party_id} ({args.name}) recorded for team {team_id}."
    )
    return 0


def cmd_related_remove(args: argparse.Namespace) -> int:
    from aitown.services.team_checks import remove_related_party

    db = open_db(args)
    actor = login(db, args)
    team_id = _team_id(db, args.team)
    remove_related_party(db, actor, team_id, args.party)
    zh = cli_lang() == "zh"
    print(
        f"已删除团队 {team_id} 的关联方 {args.party}。"
        if zh
        else f"Related party {args.party} removed from team {team_id}."
    )
    return 0


def cmd_related_list(args: argparse.Namespace) -> int:
    from aitown.services.team_checks import list_related_parties

    db = open_db(args)
    rows = list_related_parties(db, args.team)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("（无关联方）" if cli_lang() == "zh" else "(no related parties)")
    for r in rows:
        print(f"{r.id:>6}  {r.kind:<11} {r.uscc or '-':<18}  {r.name}  {r.legal_rep or ''}")
    return 0


def cmd_dishonest(args: argparse.Namespace) -> int:
    from aitown.services.team_checks import set_dishonest

    if args.on_list is not None and not args.reason.strip():
        raise CliError(
            "Give --reason: where the list says so, or why the team is off it.",
            "请用 --reason 写明理由：名单出处或移出名单的依据。",
        )
    db = open_db(args)
    actor = login(db, args)
    team_id = _team_id(db, args.team)
    set_dishonest(db, actor, team_id, args.on_list, args.reason)
    zh = cli_lang() == "zh"
    text = {
        True: ("on the list of seriously dishonest entities", "列入严重失信主体名单"),
        False: ("not on the list of seriously dishonest entities", "未列入严重失信主体名单"),
        None: ("not checked against the list", "未核查失信名单"),
    }[args.on_list]
    print(f"团队 {team_id}：{text[1]}。" if zh else f"Team {team_id}: {text[0]}.")
    return 0
