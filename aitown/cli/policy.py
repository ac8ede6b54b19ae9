"""``eligibility``, ``pools`` and ``policy`` (``applications`` is in aitown.cli.applications)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from aitown.cli import CliError, cli_lang, login, open_db
from aitown.cli import lists as lists_cli
from aitown.models import BENEFITS
from aitown.money import format_yuan
from aitown.policy.results import EligibilityResult, Outcome, fact_label
from aitown.services import applications as app_service
from aitown.services import bulk_eligibility as bulk_service
from aitown.services import eligibility as elig_service
from aitown.services import policies as policy_service
from aitown.services import pools as pool_service

STATUS_MARK = {"pass": "PASS", "fail": "FAIL", "unknown": "????"}


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    e = sub.add_parser(
        "eligibility",
        parents=[common],
        help="every rule with pass / fail / unknown, its clause and reason",
    )
    e.add_argument("team", nargs="?", help="USCC or team id")
    e.add_argument(
        "--all",
        action="store_true",
        dest="all_teams",
        help="every team: one line per team and benefit (USCC, name, benefit, verdict, amount or "
        "the first clause that does not pass), or with --json one JSON object per line; "
        "needs --user",
    )
    e.add_argument(
        "--unclaimed",
        action="store_true",
        help="with --all: policy matching, the teams eligible now (or but for one missing fact) "
        "for a benefit they have not applied for, with the amount where known",
    )
    e.add_argument(
        "--verdicts",
        action="store_true",
        help="with --all: only the verdict and the amount (or the application that holds a "
        "once-only benefit), by the fast screening — a city's teams in seconds; the reasons "
        "are those of 'eligibility TEAM'",
    )
    e.add_argument("--benefit", choices=BENEFITS)
    e.add_argument("--json", action="store_true")
    e.add_argument("--lang", choices=["en", "zh"], default=None)
    e.add_argument("--date", default=None, help="check as on this date (YYYY-MM-DD)")
    e.set_defaults(handler=cmd_eligibility)

    p = sub.add_parser(
        "pools", parents=[common], help="each pool's total, committed, disbursed and left"
    )
    p.add_argument("--json", action="store_true")
    lists_cli.add_out_option(p)
    p.set_defaults(handler=cmd_pools)

    pol = sub.add_parser("policy", help="show or load the policy file")
    polsub = pol.add_subparsers(dest="policy_command", metavar="ACTION")
    polsub.required = True
    show = polsub.add_parser(
        "show", parents=[common], help="the active policy and the versions loaded"
    )
    show.set_defaults(handler=cmd_policy_show)
    load = polsub.add_parser(
        "load", parents=[common], help="check a policy file and make it active"
    )
    load.add_argument("file")
    load.set_defaults(handler=cmd_policy_load)
    chk = polsub.add_parser("check", help="check a policy file without loading it")
    chk.add_argument("file")
    chk.set_defaults(handler=cmd_policy_check)


def _check_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"“{text}” is not a date: give it as YYYY-MM-DD, e.g. 2026-11-01.",
            f"“{text}”不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-11-01。",
        ) from None


def cmd_eligibility(args: argparse.Namespace) -> int:
    if args.all_teams:
        if args.team:
            raise CliError(
                "Name one team or use --all, not both.",
                "请指定一个团队或使用 --all，不可同时使用。",
            )
        if args.unclaimed:
            return lists_cli.cmd_unclaimed(args, _check_date(args.date))
        return _eligibility_all(args)
    if args.verdicts:
        raise CliError(
            "--verdicts lists every team: use it with --all.",
            "--verdicts 针对全部团队：请与 --all 一起使用。",
        )
    if args.unclaimed:
        raise CliError(
            "--unclaimed looks at every team: use it with --all.",
            "--unclaimed 针对全部团队：请与 --all 一起使用。",
        )
    if not args.team:
        raise CliError(
            "Name the team (USCC or id), or check every team with --all.",
            "请指定团队（统一社会信用代码或编号），或用 --all 核查全部团队。",
        )
    db = open_db(args)
    lang = args.lang or cli_lang()
    day = _check_date(args.date)
    results = elig_service.check_team(
        db, args.team, [args.benefit] if args.benefit else None, today=day
    )
    if args.json:
        payload = [r.to_json(lang) for r in results]
        print(json.dumps(payload[0] if args.benefit else payload, ensure_ascii=False, indent=2))
        return 0
    for res in results:
        label = app_service.benefit_label(res.benefit, lang)
        print(f"{label} ({res.benefit}): {_verdict(res, lang)}")
        for rule in res.rules:
            print(f"  [{STATUS_MARK[rule.status]}] §{rule.clause}  {rule.reason(lang)}")
        if res.amount is not None:
            print(f"  {'金额' if lang == 'zh' else 'Amount'}: {format_yuan(res.amount.amount_fen)}")
            for line in res.amount.lines_in(lang):
                print(f"    {line}")
        print()
    return 0


def _verdict(res: EligibilityResult, lang: str) -> str:
    """ELIGIBLE / NOT ELIGIBLE / NEEDS FACTS (which) / HELD (application N)."""
    zh = lang == "zh"
    outcome = res.outcome
    if outcome == Outcome.HELD:
        return f"已享受（申请{res.held_by}）" if zh else f"HELD (application {res.held_by})"
    if outcome == Outcome.NEEDS_FACTS:
        facts = ("、" if zh else ", ").join(fact_label(m, lang) for m in res.missing_facts)
        return f"待补信息：{facts}" if zh else f"NEEDS FACTS: {facts}"
    if outcome == Outcome.ELIGIBLE:
        return "符合" if zh else "ELIGIBLE"
    return "不符合" if zh else "NOT ELIGIBLE"


def _eligibility_all(args: argparse.Namespace) -> int:
    """Every team × benefit as lines (or JSON lines) on stdout; progress and a count on stderr."""
    lang = args.lang or cli_lang()
    day = _check_date(args.date) or dt.date.today()
    if not args.user:
        raise CliError(
            "Checking every team reads the whole list of teams: name the acting user with "
            "--user NAME.",
            "核查全部团队需读取全部团队信息：请用 --user NAME 指定操作用户。",
        )
    db = open_db(args)
    actor = login(db, args)
    eligible: Counter[str] = Counter()
    teams = 0
    progress = _progress_on_terminal()
    try:
        answers = (
            iter(())
            if args.verdicts
            else bulk_service.check_all_teams(
                db,
                actor,
                today=day,
                benefits=[args.benefit] if args.benefit else None,
                progress=progress,
            )
        )
        if args.verdicts:
            teams = _verdicts_all(args, db, actor, day, lang, progress, eligible)
        for _team_id, uscc, name, results in answers:
            teams += 1
            for res in results:
                eligible[res.benefit] += res.eligible
                if args.json:
                    print(json.dumps(res.to_json(lang), ensure_ascii=False))
                else:
                    print(_eligibility_line(uscc, name, res, lang))
    finally:
        if progress is not None:
            progress(-1, -1)
    kinds = [args.benefit] if args.benefit else list(BENEFITS)
    if lang == "zh":
        counts = "，".join(f"{app_service.benefit_label(k, 'zh')} {eligible[k]}" for k in kinds)
        print(f"已核查 {teams} 个团队（{day.isoformat()}）；符合条件：{counts}", file=sys.stderr)
    else:
        counts = ", ".join(f"{k} {eligible[k]:,}" for k in kinds)
        print(
            f"Checked {teams:,} teams as on {day.isoformat()}; eligible: {counts}", file=sys.stderr
        )
    return 0


def _verdicts_all(
    args: argparse.Namespace,
    db: Any,
    actor: Any,
    day: dt.date,
    lang: str,
    progress: Callable[[int, int], None] | None,
    eligible: Counter[str],
) -> int:
    """``--all --verdicts``: the screening's verdicts, one line (or JSON object) each; the teams."""
    from aitown.services.eligibility_screen import screen_all_teams

    zh = lang == "zh"
    teams = 0
    out = sys.stdout.write
    for _team_id, uscc, name, verdicts in screen_all_teams(
        db, actor, today=day, benefits=[args.benefit] if args.benefit else None, progress=progress
    ):
        teams += 1
        for v in verdicts:
            eligible[v.benefit] += v.eligible
            amount = format_yuan(v.amount_fen, grouping=False) if v.amount_fen is not None else None
            if args.json:
                record = {
                    "team": uscc,
                    "team_name": name,
                    "benefit": v.benefit,
                    "eligible": v.eligible,
                    "amount": amount,
                    "held_by": v.held_by,
                }
                out(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            benefit = app_service.benefit_label(v.benefit, "zh") if zh else v.benefit
            if v.eligible:
                verdict, detail = ("符合" if zh else "ELIGIBLE"), format_yuan(v.amount_fen or 0)
            else:
                verdict = "不符合" if zh else "NOT ELIGIBLE"
                detail = ""
                if v.held_by is not None:
                    detail = (
                        f"已享受（申请{v.held_by}）" if zh else f"held (application {v.held_by})"
                    )
            out("\t".join((uscc, name, benefit, verdict, detail)) + "\n")
    return teams


def _eligibility_line(uscc: str, name: str, res: EligibilityResult, lang: str) -> str:
    """USCC, name, benefit, verdict, and the amount or the first clause that did not pass."""
    zh = lang == "zh"
    benefit = app_service.benefit_label(res.benefit, "zh") if zh else res.benefit
    if res.eligible:
        verdict = "符合" if zh else "ELIGIBLE"
        detail = format_yuan(res.amount.amount_fen) if res.amount is not None else ""
    else:
        verdict = "不符合" if zh else "NOT ELIGIBLE"
        rule = res.failed[0]
        detail = f"[{STATUS_MARK[rule.status]}] §{rule.clause} {rule.reason(lang)}"
    return "\t".join((uscc, name, benefit, verdict, detail))


def _progress_on_terminal() -> Callable[[int, int], None] | None:
    """A percentage on stderr while a person watches a terminal; nothing in a pipe or a file."""
    if not sys.stderr.isatty():
        return None
    shown = False

    def show(done: int, total: int) -> None:
        nonlocal shown
        if done < 0:  # finished: end the line the progress was drawn on
            if shown:
                sys.stderr.write("\n")
            return
        shown = True
        sys.stderr.write(f"\r{done * 100 // max(total, 1):3d}%  {done:,} / {total:,}")
        sys.stderr.flush()

    return show


def cmd_pools(args: argparse.Namespace) -> int:
    if args.out:
        from aitown.services.list_tables import budget_table

        return lists_cli.write_out(args, lambda db, actor, lang: budget_table(db, actor, lang=lang))
    db = open_db(args)
    rows = pool_service.list_pools(db)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        k: (format_yuan(v, grouping=False) if isinstance(v, int) else v)
                        for k, v in r.items()
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{'pool':<16} {'total':>18} {'committed':>18} {'disbursed':>18} {'left':>18}")
    for r in rows:
        print(
            f"{r['kind']:<16} {format_yuan(r['total']):>18} {format_yuan(r['committed']):>18} "
            f"{format_yuan(r['disbursed']):>18} {format_yuan(r['left']):>18}"
        )
    return 0


def cmd_policy_show(args: argparse.Namespace) -> int:
    db = open_db(args)
    policy = policy_service.current_policy(db)
    print(f"Active policy: {policy.id} {policy.version} ({policy.name_en} / {policy.name_zh})")
    for v in policy_service.list_policy_versions(db):
        print(
            f"  {'*' if v.active else ' '} {v.policy_id} {v.version}  loaded {v.loaded_at:%Y-%m-%d %H:%M}  sha256 {v.sha256[:12]}"
        )
    return 0


def cmd_policy_load(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = login(db, args)
    policy = policy_service.load_policy_version(db, actor, args.file)
    print(f"Loaded policy {policy.id} {policy.version}; new decisions use it.")
    return 0


def cmd_policy_check(args: argparse.Namespace) -> int:
    from aitown.policy.loader import load_policy

    policy = load_policy(args.file)
    print(f"{args.file}: policy {policy.id} {policy.version} is valid.")
    return 0
