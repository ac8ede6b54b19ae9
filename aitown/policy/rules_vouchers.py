"""§4 compute, §5 model and §6 corpus vouchers: the contract, the vendor, the ratio and the cap."""

from __future__ import annotations

from aitown.errors import ValidationError
from aitown.money import apply_ratio
from aitown.policy.dates import next_new_year
from aitown.policy.facts import BENEFIT_LABELS
from aitown.policy.results import RuleResult
from aitown.policy.rules import Case, Finding, combine, failed, passed, rule_status, unknown
from aitown.policy.uscc import normalize_uscc, validate_uscc
from aitown.policy.vouchers import (
    EarlySplit,
    compute_voucher,
    early_and_small,
    early_window,
    months_en,
    months_zh,
    year_used_fen,
)
from aitown.policy.wording import day, percent, yuan_en, yuan_zh

# The clause numbers of each voucher's rules: (contract, ratio, cap).
VOUCHER_CLAUSES = {
    "compute_voucher": ("4.1", "4.2", "4.4"),
    "model_voucher": ("5.1", "5.2", "5.3"),
    "corpus_voucher": ("6.1", "6.2", "6.3"),
}


def _same_name(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return "".join((s or "").split()).casefold()

    return bool(norm(a)) and norm(a) == norm(b)


def _vendor(case: Case) -> str:
    req = case.request
    return req.vendor_name or req.vendor_uscc or "?"


def contract_findings(case: Case, *, need_dates: bool) -> list[Finding]:
    """What is missing or wrong in the voucher's contract and vendor."""
    req = case.request
    found: list[Finding] = []
    if req.contract_amount_fen is None:
        found.append(
            Finding(
                "the contract amount is not recorded",
                "未登记合同金额",
                missing=("request.contract_amount",),
            )
        )
    elif req.contract_amount_fen <= 0:
        found.append(
            Finding(
                "the contract amount is zero",
                "合同金额为零",
                desk_en="record the verified contract amount",
                desk_zh="请登记经核实的合同金额",
            )
        )
    if not (req.vendor_uscc or req.vendor_name):
        found.append(
            Finding("the vendor is not recorded", "未登记供应方", missing=("request.vendor",))
        )
    if req.vendor_uscc:
        try:
            code = validate_uscc(req.vendor_uscc, field="vendor_uscc")
        except ValidationError as exc:
            found.append(
                Finding(
                    f"vendor: {exc.message}",
                    f"供应方：{exc.message_zh or exc.message}",
                    desk_en="correct the vendor's USCC",
                    desk_zh="请更正供应方的统一社会信用代码",
                )
            )
        else:
            if case.team.uscc and code == normalize_uscc(case.team.uscc):
                found.append(
                    Finding(
                        f"the vendor's USCC {code} is the team's own: the contract must be with "
                        "another party",
                        f"供应方统一社会信用代码{code}即团队本身：合同须与其他主体签订",
                        "buy from a third party",
                        "请向第三方采购",
                    )
                )
    if need_dates:
        if req.contract_start is None:
            found.append(
                Finding(
                    "the contract's start is not recorded",
                    "未登记合同开始日期",
                    missing=("request.contract_start",),
                )
            )
        if req.contract_end is None:
            found.append(
                Finding(
                    "the contract's end is not recorded",
                    "未登记合同结束日期",
                    missing=("request.contract_end",),
                )
            )
    if req.contract_start and req.contract_end and req.contract_end < req.contract_start:
        found.append(
            Finding(
                f"the contract ends {day(req.contract_end)}, before it starts "
                f"{day(req.contract_start)}",
                f"合同结束日期{day(req.contract_end)}早于开始日期{day(req.contract_start)}",
                desk_en="correct the contract dates",
                desk_zh="请更正合同日期",
            )
        )
    return found


def _contract_pass(case: Case) -> tuple[str, str]:
    req = case.request
    amount = req.contract_amount_fen or 0
    span_en = span_zh = ""
    if req.contract_start and req.contract_end:
        span_en = f", {day(req.contract_start)}–{day(req.contract_end)}"
        span_zh = f"，{day(req.contract_start)}至{day(req.contract_end)}"
    return (
        f"contract with {_vendor(case)} for {yuan_en(amount)}{span_en}",
        f"与{_vendor(case)}签订合同，金额{yuan_zh(amount)}{span_zh}",
    )


def rule_contract(case: Case, clause: str) -> RuleResult:
    """4.1 / 5.1: a contract with a third-party provider, its amount and (compute) its dates."""
    findings = contract_findings(case, need_dates=case.request.benefit == "compute_voucher")
    return combine(clause, findings, *_contract_pass(case))


def rule_6_1_unaffiliated(case: Case) -> RuleResult:
    """6.1: the corpus vendor is not the team, not a related party, not the team's legal rep's."""
    req, team = case.request, case.team
    findings = contract_findings(case, need_dates=False)
    if not req.vendor_uscc:
        findings.append(
            Finding(
                "the vendor's USCC is not recorded",
                "未登记供应方统一社会信用代码",
                missing=("request.vendor_uscc",),
            )
        )
    if not req.vendor_legal_rep:
        findings.append(
            Finding(
                "the vendor's legal representative is not recorded",
                "未登记供应方法定代表人",
                missing=("request.vendor_legal_rep",),
            )
        )
    if not team.legal_rep:
        findings.append(
            Finding(
                "the team's legal representative is not recorded",
                "未登记团队法定代表人",
                missing=("team.legal_rep",),
            )
        )
    vendor_code = normalize_uscc(req.vendor_uscc)
    cure = ("buy from a vendor that is not affiliated", "请向非关联方采购")
    for party in team.related_parties:
        by_code = bool(vendor_code) and normalize_uscc(party.uscc) == vendor_code
        # A related party recorded by name only still counts when the vendor's name matches it.
        by_name = _same_name(party.name, req.vendor_name)
        if by_code or by_name:
            who = party.name or party.uscc or "?"
            findings.append(
                Finding(
                    f"the vendor {_vendor(case)} is a related party of the team ({who})",
                    f"供应方{_vendor(case)}是团队的关联方（{who}）",
                    *cure,
                )
            )
            break
    if _same_name(req.vendor_legal_rep, team.legal_rep):
        findings.append(
            Finding(
                f"the vendor's legal representative {req.vendor_legal_rep} is also the team's",
                f"供应方法定代表人{req.vendor_legal_rep}同时是团队的法定代表人",
                *cure,
            )
        )
    en, zh = _contract_pass(case)
    return combine(
        "6.1",
        findings,
        f"{en}; the vendor is not the team, not a related party, and its legal representative "
        f"({req.vendor_legal_rep}) is not the team's",
        f"{zh}；供应方不是团队本身、不是关联方，其法定代表人（{req.vendor_legal_rep}）也不是团队的法定代表人",
    )


def rule_ratio(case: Case, clause: str) -> RuleResult:
    """4.2 / 5.2 / 6.2: contract × ratio, rounded half up to the fen."""
    rules = case.policy.voucher(case.request.benefit)
    contract = case.request.contract_amount_fen
    if contract is None:
        return unknown(
            clause,
            "the contract amount is not recorded",
            "未登记合同金额",
            "request.contract_amount",
        )
    amount = apply_ratio(contract, rules.ratio)
    return passed(
        clause,
        f"up to {percent(rules.ratio)}: {yuan_en(contract)} × {percent(rules.ratio)} = {yuan_en(amount)}",
        f"最高{percent(rules.ratio)}：{yuan_zh(contract)} × {percent(rules.ratio)} = {yuan_zh(amount)}",
    )


def rule_4_3_early_and_small(case: Case) -> RuleResult:
    rules = case.policy.compute_voucher
    early = rules.early_and_small
    team, req = case.team, case.request
    qualifies = early_and_small(case)
    if early is None:
        return passed("4.3", "the policy sets no early-and-small ratio", "政策未规定早小团队比例")
    if qualifies is None:
        missing = tuple(
            name
            for name, value in (
                ("team.founded_on", team.founded_on),
                ("team.headcount", team.headcount),
            )
            if value is None
        )
        return unknown(
            "4.3",
            "the founding date or headcount is not recorded",
            "未登记成立日期或团队人数",
            *missing,
        )
    standard = percent(rules.ratio)
    # Known (qualifies is not None) only when the founding date is recorded.
    assert team.founded_on is not None
    if not qualifies:
        return passed(
            "4.3",
            f"does not apply (founded {day(team.founded_on)}, headcount {team.headcount}: not within "
            f"{early.max_years_since_founding} years with at most {early.max_headcount} people); "
            f"{standard} applies",
            f"不适用（成立于{day(team.founded_on)}，人数{team.headcount}：不属于成立时间不超过"
            f"{early.max_years_since_founding}年且人数不超过{early.max_headcount}人的团队）；适用{standard}",
        )
    if req.contract_start is None or req.contract_end is None:
        return unknown(
            "4.3",
            "an early-and-small team, but the contract dates are not recorded",
            "属于早小团队，但未登记合同起止日期",
            "request.contract_start",
            "request.contract_end",
        )
    window = early_window(case)
    assert window is not None
    who_en = f"early and small (founded {day(team.founded_on)}, headcount {team.headcount})"
    who_zh = f"属于早小团队（成立于{day(team.founded_on)}，人数{team.headcount}）"
    split = compute_voucher(case).early if req.contract_amount_fen is not None else None
    win_en = f"the window {day(window[0])}–{day(window[1])} of the team's first compute voucher"
    win_zh = f"团队首张算力券的{day(window[0])}至{day(window[1])}期间"
    if req.contract_amount_fen is None:
        return passed(
            "4.3",
            f"{who_en}: {percent(early.ratio)} within {win_en}",
            f"{who_zh}：{win_zh}内适用{percent(early.ratio)}",
        )
    if split is None:
        return passed(
            "4.3",
            f"{who_en}, but the contract lies outside {win_en}: {standard} applies",
            f"{who_zh}，但合同期间不在{win_zh}内：适用{standard}",
        )
    return passed(
        "4.3",
        f"{who_en}: {split_en(split)} fall in {win_en}: {yuan_en(split.in_window_fen)} × "
        f"{percent(split.ratio)} + {yuan_en(split.rest_fen)} × {standard}",
        f"{who_zh}：{split_zh(split)}在{win_zh}内：{yuan_zh(split.in_window_fen)} × "
        f"{percent(split.ratio)} + {yuan_zh(split.rest_fen)} × {standard}",
    )


def split_en(split: EarlySplit) -> str:
    """``12 of the contract's 24 months`` (a month in part by its days)."""
    inside = months_en(split.whole_months_in_window, split.parts_in_window)
    total = months_en(split.whole_contract_months, split.contract_parts)
    return f"{inside} of the contract's {total}"


def split_zh(split: EarlySplit) -> str:
    inside = months_zh(split.whole_months_in_window, split.parts_in_window)
    total = months_zh(split.whole_contract_months, split.contract_parts)
    return f"合同共{total}，其中{inside}"


def rule_yearly_cap(case: Case, clause: str) -> RuleResult:
    """4.4 / 5.3 / 6.3: the team's vouchers of one kind in one calendar year stay under the cap."""
    kind = case.request.benefit
    en_name, zh_name = BENEFIT_LABELS[kind]
    cap = case.policy.voucher(kind).yearly_cap_fen
    year = case.on.year
    used = year_used_fen(case, kind, year)
    room = max(0, cap - used)
    head_en = f"the team's {en_name}s of {year} already hold {yuan_en(used)} of the {yuan_en(cap)} yearly cap"
    head_zh = f"团队{year}年{zh_name}已用{yuan_zh(used)}，年度上限{yuan_zh(cap)}"
    if room == 0:
        renew = next_new_year(case.on)
        return failed(
            clause,
            f"{head_en}: nothing is left",
            f"{head_zh}：已无余额",
            f"eligible from {day(renew)}, when the yearly cap renews",
            f"自{day(renew)}（年度上限重新计算）起可申请",
            renew,
        )
    if case.request.contract_amount_fen is None:
        return passed(clause, f"{head_en}; {yuan_en(room)} left", f"{head_zh}；尚余{yuan_zh(room)}")
    comp = compute_voucher(case)
    if comp.capped:
        return passed(
            clause,
            f"{head_en}; {yuan_en(room)} left, so this voucher is limited to {yuan_en(comp.amount_fen)} "
            f"instead of {yuan_en(comp.ratio_amount_fen)}",
            f"{head_zh}；尚余{yuan_zh(room)}，本券限额为{yuan_zh(comp.amount_fen)}（原为{yuan_zh(comp.ratio_amount_fen)}）",
        )
    return passed(
        clause,
        f"{head_en}; {yuan_en(room)} left, enough for {yuan_en(comp.amount_fen)}",
        f"{head_zh}；尚余{yuan_zh(room)}，足以覆盖{yuan_zh(comp.amount_fen)}",
    )


def voucher_rules(case: Case) -> list[RuleResult]:
    kind = case.request.benefit
    contract_clause, ratio_clause, cap_clause = VOUCHER_CLAUSES[kind]
    first = (
        rule_6_1_unaffiliated(case)
        if kind == "corpus_voucher"
        else rule_contract(case, contract_clause)
    )
    results = [rule_status(case), first, rule_ratio(case, ratio_clause)]
    if kind == "compute_voucher":
        results.append(rule_4_3_early_and_small(case))
    results.append(rule_yearly_cap(case, cap_clause))
    return results
