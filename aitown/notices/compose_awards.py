"""The award notices of approved applications: rent waiver decision (with its month-by-month
schedule), start-up grant letter, voucher certificates, talent award letter.

Amounts, schedules and clauses come from the eligibility result stored with the approval.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.enums import ApplicationStatus
from aitown.errors import ValidationError
from aitown.models import Application, Lease, Member, Office, Team
from aitown.money import apply_ratio
from aitown.notices.compose_common import (
    NOTICE_GIVEN,
    IssueDetails,
    application_row,
    area_text,
    base_document,
    cite_en,
    cite_zh,
    clauses_en,
    clauses_zh,
    main_amount,
    passed_clauses,
    policy_row,
    room_zh,
    title_case,
)
from aitown.notices.document import AmountRow, NoticeDocument, ScheduleRow
from aitown.notices.formatting import date_en, date_zh, yuan_en, yuan_zh
from aitown.policy.dates import add_months
from aitown.policy.facts import BENEFIT_LABELS
from aitown.policy.model import Policy
from aitown.policy.wording import percent

_SECTION: Final = {
    "rent_waiver": "2",
    "startup_grant": "3",
    "compute_voucher": "4",
    "model_voucher": "5",
    "corpus_voucher": "6",
    "talent_award": "7",
}
_VOUCHER_CONTRACT: Final = {
    "compute_voucher": (
        "智能算力租赁合同",
        "contract for rented intelligent computing power",
    ),
    "model_voucher": (
        "第三方大模型使用合同",
        "contract for the use of a third-party large model",
    ),
    "corpus_voucher": ("数据语料采购合同", "contract for the purchase of data or corpora"),
}
_VENDOR_LABEL: Final = {
    "compute_voucher": ("算力供应方", "Compute provider"),
    "model_voucher": ("模型服务方", "Model provider"),
    "corpus_voucher": ("语料供应方", "Data vendor"),
}


def rent_waiver_decision(
    s: Session,
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
) -> NoticeDocument:
    schedule = (record.get("amount") or {}).get("schedule") or {}
    rows_in = schedule.get("rows") or []
    lease = s.get(Lease, schedule.get("lease_id") or app.lease_id)
    if not rows_in or lease is None:
        raise ValidationError(
            f"Application {app.id} has no stored rent-waiver schedule or lease; its decision "
            "cannot be printed. Ask the reviewer to check the application.",
            f"申请 {app.id} 没有保存的减免明细或租约，无法出具决定书；请审核人核查该申请。",
        )
    space = lease.space
    area = int(schedule.get("area_centi_m2") or space.area_hundredths)
    cap = int(schedule.get("area_cap_centi_m2") or area)
    capped = area > cap
    rows: list[ScheduleRow] = []
    partial = False
    for r in rows_in:
        ratio = Decimal(r["ratio"])
        if capped:
            shown = (ratio * 100 * Decimal(cap) / Decimal(area)).quantize(Decimal("0.01"))
            pct = f"{shown.normalize():f}%"
        else:
            pct = percent(ratio)
        if r["days_waived"] < r["days_in_month"]:
            partial = True
            pct += f" × {r['days_waived']}/{r['days_in_month']}"
        rows.append(
            ScheduleRow(
                month=int(r["month"]),
                period_start=dt.date.fromisoformat(r["period_start"]),
                period_end=dt.date.fromisoformat(r["period_end"]),
                rent_fen=int(r["rent_fen"]),
                waived_percent=pct,
                waived_fen=int(r["waived_fen"]),
            )
        )
    # The decision's amount must be the schedule's total (main_amount refuses a mismatch).
    total = main_amount(app, {"amount": {"amount_fen": sum(r.waived_fen for r in rows)}})
    first, last = rows[0].period_start, rows[-1].period_end
    phases_zh, phases_en = _phases(rows_in)
    room = room_zh(space.building, space.unit)
    body_zh = [
        f"你单位承租{room}（建筑面积{area_text(space.area_hundredths)}平方米，月租金"
        f"{yuan_zh(lease.monthly_rent)}），租期自{date_zh(lease.start_on)}至{date_zh(lease.end_on)}。",
    ]
    body_en = [
        f"Your company leases unit {space.unit} of {space.building} "
        f"({area_text(space.area_hundredths)} m², monthly rent {yuan_en(lease.monthly_rent)}) from "
        f"{date_en(lease.start_on)} to {date_en(lease.end_on)}.",
    ]
    # A waiver continued on renewals (issue 14) names the term they run to.
    renewed = lease
    while (nxt := s.scalar(select(Lease).where(Lease.renews_lease_id == renewed.id))) is not None:
        renewed = nxt
    if renewed is not lease:
        body_zh[0] += f"经续租，租期延至{date_zh(renewed.end_on)}。"
        body_en[0] += f" The lease was renewed to {date_en(renewed.end_on)}."
    clause_ids = ["2.2", "2.3"] if capped else ["2.2"]
    extra_zh = extra_en = ""
    if capped:
        extra_zh += f"因该单元面积超过{area_text(cap)}平方米的上限，按{area_text(cap)}/{area_text(area)}的比例折算减免；"
        extra_en += (
            f" As the unit is larger than the {area_text(cap)} m² cap, the waiver is "
            f"{area_text(cap)}/{area_text(area)} of the rent."
        )
    if partial:
        extra_zh += "不足整月的，按实际减免天数折算；"
        extra_en += " A month waived only in part is pro-rated by day."
    body_zh.append(
        f"根据{cite_zh(policy)}{clauses_zh(clause_ids)}的规定，决定对你单位{date_zh(first)}至"
        f"{date_zh(last)}期间的租金予以减免：{phases_zh}；{extra_zh}逐月明细如下。"
    )
    body_en.append(
        f"Under {clauses_en(clause_ids)} of {cite_en(policy)}, we waive your company's rent from "
        f"{date_en(first)} to {date_en(last)}: {phases_en}.{extra_en} The waiver is set out month "
        "by month below."
    )
    closing_zh: list[str] = []
    closing_en: list[str] = []
    start = schedule.get("start")
    if start:
        months = policy.rent_waiver.repay_if_leaving_within_months
        repay_by = add_months(dt.date.fromisoformat(start), months) - dt.timedelta(days=1)
        closing_zh.append(
            f"你单位如在{date_zh(repay_by)}（含）前退出小镇（主动退出或被清退），应按第2.5条的规定"
            "退还已减免的租金。"
        )
        closing_en.append(
            f"Should your company leave the town (by withdrawal or expulsion) on or before "
            f"{date_en(repay_by)}, it shall repay the rent waived so far (clause 2.5)."
        )
    closing_zh.append("特此决定。")
    closing_en.append("This decision is hereby given.")
    return base_document(
        office,
        team,
        "rent_waiver",
        details,
        title_zh="租金减免决定书",
        title_en="Decision on Rent Waiver",
        body_zh=body_zh,
        body_en=body_en,
        closing_zh=closing_zh,
        closing_en=closing_en,
        amounts=[
            application_row(app),
            AmountRow("租赁单元", "Unit", room),
            AmountRow("计入减免面积", "Area waived", f"{area_text(min(area, cap))} m²"),
            AmountRow("减免期间", "Waiver period", f"{first.isoformat()} – {last.isoformat()}"),
            policy_row(policy),
        ],
        schedule=rows,
        main_amount_fen=total,
    )


def _phases(rows: list[dict[str, Any]]) -> tuple[str, str]:
    """``租期第1至12个月减免100%，第13至24个月减免50%`` from the schedule's rows."""
    groups: list[tuple[str, int, int]] = []
    for r in rows:
        ratio = percent(Decimal(r["ratio"]))
        month = int(r["month"])
        if groups and groups[-1][0] == ratio and groups[-1][2] == month - 1:
            groups[-1] = (ratio, groups[-1][1], month)
        else:
            groups.append((ratio, month, month))
    zh = "，".join(
        (f"第{a}个月" if a == b else f"第{a}至{b}个月") + f"减免{ratio}" for ratio, a, b in groups
    )
    en = "; ".join(
        f"{ratio} for " + (f"month {a}" if a == b else f"months {a} to {b}")
        for ratio, a, b in groups
    )
    return "租期" + zh, en + " of the lease"


def startup_grant_letter(
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
) -> NoticeDocument:
    amount = main_amount(app, record)
    ids = passed_clauses(record, "3")
    rules = policy.startup_grant
    tier_a = amount == rules.amount_with_tier_a_founder_fen != rules.amount_fen
    why_zh = "因你单位有全职创始人具有A类人才层级，" if tier_a else ""
    why_en = (
        "As a full-time founder of your company holds talent tier A, the grant is"
        if tier_a
        else "The grant is"
    )
    paid = app.status == ApplicationStatus.DISBURSED
    return base_document(
        office,
        team,
        "startup_grant",
        details,
        title_zh=f"关于给予{team.name_zh}一次性创业补贴的通知",
        title_en="Notice of a One-time Start-up Grant",
        body_zh=[
            f"你单位于{date_zh(app.applied_on)}提交的一次性创业补贴申请经审核，符合{cite_zh(policy)}"
            f"{clauses_zh(ids)}的规定。{why_zh}按第3.2条给予你单位一次性创业补贴{yuan_zh(amount)}。",
            "补贴资金已按规定拨付至你单位。" if paid else "补贴资金将按规定拨付至你单位基本账户。",
        ],
        body_en=[
            f"Your application of {date_en(app.applied_on)} for the one-time start-up grant has "
            f"been reviewed and meets {clauses_en(ids)} of {cite_en(policy)}. {why_en} "
            f"{yuan_en(amount)} under clause 3.2.",
            "The grant has been paid to your company as the rules provide."
            if paid
            else "The grant will be paid into your company's basic account as the rules provide.",
        ],
        closing_zh=[NOTICE_GIVEN[0]],
        closing_en=[NOTICE_GIVEN[1]],
        amounts=[
            application_row(app),
            AmountRow("申请日期", "Applied on", app.applied_on.isoformat()),
            AmountRow(
                "依据条款",
                "Clause",
                "第3.2条（A类全职创始人 / tier A founder）" if tier_a else "第3.2条 / clause 3.2",
            ),
            policy_row(policy),
        ],
        main_amount_fen=amount,
    )


def voucher_certificate(
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
) -> NoticeDocument:
    kind = app.benefit
    amount = main_amount(app, record)
    stored = record.get("amount") or {}
    label_en, label_zh = BENEFIT_LABELS[kind]
    contract_zh, contract_en = _VOUCHER_CONTRACT[kind]
    vendor = app.vendor_name or app.vendor_uscc or ""
    claimed = app.contract_amount or stored.get("contract_amount_fen") or 0
    # Issue 13.4: where the reviewer verified another amount, the voucher is computed on it and
    # the certificate shows both.
    verified = app.verified_contract_amount
    contract = verified if verified is not None else claimed
    ratio = Decimal(stored["ratio"]) if stored.get("ratio") else policy.voucher(kind).ratio
    cap = stored.get("cap_fen")
    used = stored.get("year_used_fen")
    ids = passed_clauses(record, _SECTION[kind])
    period_zh = period_en = ""
    if app.contract_start and app.contract_end:
        period_zh = f"合同期{date_zh(app.contract_start)}至{date_zh(app.contract_end)}，"
        period_en = f"{date_en(app.contract_start)} to {date_en(app.contract_end)}, "
    verified_zh = verified_en = ""
    if verified is not None:
        verified_zh = f"，核定合同额{yuan_zh(verified)}"
        verified_en = f", verified contract amount {yuan_en(verified)}"
    body_zh = [
        f"你单位与{vendor}签订的{contract_zh}（{period_zh}合同金额{yuan_zh(claimed)}{verified_zh}）"
        f"经核验，符合{cite_zh(policy)}{clauses_zh(ids)}的规定，现核发{label_zh}如下。"
    ]
    body_en = [
        f"Your {contract_en} with {vendor} ({period_en}contract amount {yuan_en(claimed)}"
        f"{verified_en}) has been verified and meets {clauses_en(ids)} of {cite_en(policy)}. "
        f"The {label_en} below is issued."
    ]
    # A plain contract × ratio needs no working; a §4.3 split or a yearly cap does.
    if apply_ratio(contract, ratio) != amount:
        lines_zh = list(stored.get("lines_zh") or [])
        lines_en = list(stored.get("lines_en") or [])
        if stored.get("pool_left_fen") is not None:  # the pool line is the last; not for paper
            lines_zh, lines_en = lines_zh[:-1], lines_en[:-1]
        if lines_zh and len(lines_zh) == len(lines_en):
            body_zh.append("核定金额：" + "；".join(lines_zh) + "。")
            body_en.append("How the amount was set: " + "; ".join(lines_en) + ".")
    ratio_text = percent(ratio)
    early = policy.compute_voucher.early_and_small
    if (
        kind == "compute_voucher"
        and early
        and any("4.3" in ln for ln in stored.get("lines_en", []))
    ):
        ratio_text += (
            f"（第4.3条期间内 {percent(early.ratio)} / {percent(early.ratio)} under clause 4.3）"
        )
    vendor_zh, vendor_en = _VENDOR_LABEL[kind]
    amounts = [
        application_row(app),
        AmountRow(vendor_zh, vendor_en, vendor),
    ]
    if app.vendor_uscc:
        amounts.append(AmountRow("供应方统一社会信用代码", "Vendor's credit code", app.vendor_uscc))
    if app.contract_start and app.contract_end:
        amounts.append(
            AmountRow(
                "合同期限",
                "Contract period",
                f"{app.contract_start.isoformat()} – {app.contract_end.isoformat()}",
            )
        )
    amounts.append(AmountRow("合同金额", "Contract amount", f"{yuan_zh(claimed)}"))
    if verified is not None:
        why = f"（{app.verified_reason}）" if app.verified_reason else ""
        amounts.append(
            AmountRow("核定合同额", "Verified contract amount", f"{yuan_zh(verified)}{why}")
        )
    amounts.append(AmountRow("支持比例", "Ratio", ratio_text))
    if cap is not None:
        amounts.append(
            AmountRow(
                "年度上限（此前已用）",
                "Yearly cap (used before)",
                f"{yuan_zh(cap)}（{yuan_zh(used or 0)}）",
            )
        )
    amounts.append(policy_row(policy))
    return base_document(
        office,
        team,
        kind,
        details,
        title_zh=f"{label_zh}凭证",
        title_en=f"{title_case(label_en)} Certificate",
        body_zh=body_zh,
        body_en=body_en,
        amounts=amounts,
        main_amount_fen=amount,
    )


def talent_award_letter(
    s: Session,
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
) -> NoticeDocument:
    amount = main_amount(app, record)
    member = s.get(Member, app.member_id) if app.member_id else None
    if member is None:
        raise ValidationError(
            f"Application {app.id} names no member, so its talent award letter cannot say for whom.",
            f"申请 {app.id} 未指明获奖成员，无法出具人才奖励通知。",
        )
    # The tier the award was decided on: the one whose amount it is (the member's tier may
    # have changed since the decision).
    tier = next(
        (t.tier for t in policy.talent_award.tiers if t.amount_fen == amount), member.talent_tier
    )
    year = app.applied_on.year
    ids = passed_clauses(record, "7")
    name = member.name
    amounts = [AmountRow("姓名", "Name", name)]
    if member.role:
        amounts.append(AmountRow("职务", "Role", member.role))
    amounts += [
        AmountRow("人才层级", "Talent tier", f"{tier}类 / tier {tier}"),
        AmountRow("奖励年度", "Award year", str(year)),
        application_row(app),
        policy_row(policy),
    ]
    paid = app.status == ApplicationStatus.DISBURSED
    return base_document(
        office,
        team,
        "talent_award",
        details,
        title_zh=f"关于给予{name}同志{year}年度人才奖励的通知",
        title_en=f"Notice of the {year} Talent Award to {name}",
        body_zh=[
            f"你单位全职成员{name}同志自{date_zh(member.joined_on)}加入你单位，具有{tier}类人才层级。"
            f"经审核，符合{cite_zh(policy)}{clauses_zh(ids)}的规定，决定给予其{year}年度人才奖励"
            f"{yuan_zh(amount)}。",
            ("奖励资金已按规定拨付。" if paid else "奖励资金将按规定拨付。")
            + "请你单位及时告知本人。",
        ],
        body_en=[
            f"{name}, a full-time member of your company since {date_en(member.joined_on)}, holds "
            f"talent tier {tier}. Having reviewed the application, we find that it meets "
            f"{clauses_en(ids)} of {cite_en(policy)}, and grant {name} the talent award for "
            f"{year}: {yuan_en(amount)}.",
            ("The award has been paid" if paid else "The award will be paid")
            + f" as the rules provide. Please let {name} know.",
        ],
        closing_zh=[NOTICE_GIVEN[0]],
        closing_en=[NOTICE_GIVEN[1]],
        amounts=amounts,
        main_amount_fen=amount,
    )
