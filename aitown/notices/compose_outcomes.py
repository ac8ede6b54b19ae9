"""The notices of refusals and reversals: rejection (every failed rule, with its clause and
reason) and revocation / repayment (pointing at the notice it revokes)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from aitown.models import Application, Notice, Office, Team
from aitown.notices.compose_common import (
    NOTICE_GIVEN,
    IssueDetails,
    application_row,
    base_document,
    cite_en,
    cite_zh,
    policy_row,
    sentence_en,
    sentence_zh,
    title_case,
    typed_note,
)
from aitown.notices.document import AmountRow, NoticeDocument, RejectionRule
from aitown.notices.formatting import date_en, date_zh, yuan_en, yuan_zh
from aitown.policy.facts import BENEFIT_LABELS
from aitown.policy.model import Policy


def reviewer_reason(app: Application) -> str:
    """What the reviewer wrote with the decision (without a later revocation's note)."""
    return (app.decision_reason or "").split("\nRevoked: ")[0].strip()


def rejection_notice(
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
) -> NoticeDocument:
    label_en, label_zh = BENEFIT_LABELS[app.benefit]
    rules = []
    # Only the rules that failed, as the founder reads them: the reason and what would change the
    # outcome. A fact the desk had not recorded ('unknown') is not a failure on paper, and the
    # desk's own notes (record this, correct that) are not reasons.
    for r in record.get("rules", []):
        if r.get("status") != "fail":
            continue
        zh = r.get("reason_zh") or ""
        en = r.get("reason_en") or ""
        if r.get("cure_zh") and r.get("cure_en"):
            zh = f"{zh}；{r['cure_zh']}"
            en = f"{en}; {r['cure_en']}"
        clause = str(r["clause"])
        rules.append(
            RejectionRule(clause if clause[:1].isdigit() else "", sentence_zh(zh), sentence_en(en))
        )
    reason = reviewer_reason(app)
    body_zh = [
        f"你单位于{date_zh(app.applied_on)}提交的{label_zh}申请（申请编号{app.id}）收悉。经审核，"
        + (
            f"该申请不符合{cite_zh(policy)}下列条款的规定，决定不予支持。"
            if rules
            else "决定不予支持，理由如下。"
        )
    ]
    body_en = [
        f"We have received your application of {date_en(app.applied_on)} for a {label_en} "
        f"(application no. {app.id}). Having reviewed it, "
        + (
            f"we find that it does not meet the clauses of {cite_en(policy)} listed below, and "
            "reject it."
            if rules
            else "we reject it for the reason below."
        )
    ]
    if not rules:
        # Every rule passed and the reviewer rejected it for a reason of their own (the service
        # requires one): that reason is what the notice lists.
        rules.append(RejectionRule("", *typed_note(("审核意见", "Reviewer's decision"), reason)))
    elif reason:
        note_zh, note_en = typed_note(("审核意见", "Reviewer's note"), reason)
        body_zh.append(note_zh)
        body_en.append(note_en)
    return base_document(
        office,
        team,
        "rejection",
        details,
        title_zh=f"关于不予支持{label_zh}申请的通知",
        title_en=f"Notice of Rejection of an Application for a {title_case(label_en)}",
        body_zh=body_zh,
        body_en=body_en,
        closing_zh=[
            "如对本决定有异议，可在收到本通知之日起60日内依法申请行政复议。",
            NOTICE_GIVEN[0],
        ],
        closing_en=[
            "If you disagree with this decision, you may apply for administrative reconsideration "
            "as the law provides within 60 days of receiving this notice.",
            NOTICE_GIVEN[1],
        ],
        amounts=[
            application_row(app),
            AmountRow("申请事项", "Benefit", f"{label_zh} / {label_en}"),
            AmountRow("申请日期", "Applied on", app.applied_on.isoformat()),
            policy_row(policy),
        ],
        rejection_rules=rules,
    )


def revocation_notice(
    office: Office,
    team: Team,
    app: Application,
    record: dict[str, Any],
    policy: Policy,
    details: IssueDetails,
    revokes: Notice | None,
) -> NoticeDocument:
    label_en, label_zh = BENEFIT_LABELS[app.benefit]
    repay = app.repayment_amount or 0
    reason = (app.decision_reason or "").rpartition("Revoked: ")[2].strip() or "—"
    reason_zh, reason_en = typed_note(("撤销理由", "Reason"), reason)
    earlier: dict[str, Any] | None = None
    if revokes is not None:
        earlier = json.loads(revokes.content_json)
    if earlier is not None and revokes is not None:
        e_date = dt.date.fromisoformat(earlier["issue_date"])
        p1_zh = (
            f"本办公室于{date_zh(e_date)}出具的《{earlier['title_zh']}》（{revokes.doc_number}）"
            f"现予撤销。{reason_zh}"
        )
        p1_en = (
            f"Our notice {revokes.doc_number} of {date_en(e_date)}, “{earlier['title_en']}”, "
            f"is revoked. {reason_en}"
        )
        revoked_value = revokes.doc_number
    else:
        p1_zh = (
            f"你单位于{date_zh(app.applied_on)}申请并获批准的{label_zh}（申请编号{app.id}）现予撤销。"
            f"{reason_zh}"
        )
        p1_en = (
            f"The {label_en} your company applied for on {date_en(app.applied_on)} and was "
            f"granted (application no. {app.id}) is revoked. {reason_en}"
        )
        revoked_value = f"{label_zh} / {label_en}"
    body_zh, body_en = [p1_zh], [p1_en]
    amounts = [AmountRow("被撤销的决定", "Decision revoked", revoked_value), application_row(app)]
    closing_zh: list[str] = []
    closing_en: list[str] = []
    schedule = (record.get("amount") or {}).get("schedule") or {}
    if repay and app.benefit == "rent_waiver" and team.left_on and schedule.get("start"):
        start = dt.date.fromisoformat(schedule["start"])
        months = policy.rent_waiver.repay_if_leaving_within_months
        body_zh.append(
            f"你单位于{date_zh(team.left_on)}退出小镇，距租金减免开始之日（{date_zh(start)}）不足"
            f"{months}个月。根据{cite_zh(policy)}第2.5条的规定，你单位应退还已减免的租金"
            f"{yuan_zh(repay)}。"
        )
        body_en.append(
            f"Your company left the town on {date_en(team.left_on)}, less than {months} months "
            f"after its rent waiver began on {date_en(start)}. Under clause 2.5 of "
            f"{cite_en(policy)}, your company shall repay the rent waived: {yuan_en(repay)}."
        )
        amounts.append(
            AmountRow(
                "已减免期间", "Period waived", f"{start.isoformat()} – {team.left_on.isoformat()}"
            )
        )
    elif repay:
        body_zh.append(f"你单位应退还已拨付的{label_zh}资金{yuan_zh(repay)}。")
        body_en.append(f"Your company shall repay the {label_en} money paid: {yuan_en(repay)}.")
    elif app.disbursed_at is None and app.benefit != "rent_waiver":
        body_zh.append("该项资金尚未拨付，今后不再拨付，你单位无需退还款项。")
        body_en.append(
            "The money had not been paid and will not be; your company has nothing to repay."
        )
    else:
        body_zh.append("你单位无需退还款项。")
        body_en.append("Your company has nothing to repay.")
    if repay:
        closing_zh.append("请你单位在收到本通知后，按本办公室告知的方式将上述款项退还至指定账户。")
        closing_en.append(
            "Please repay the amount above to the account the office names, in the way it tells you."
        )
    closing_zh.append(NOTICE_GIVEN[0])
    closing_en.append(NOTICE_GIVEN[1])
    if repay and app.benefit == "rent_waiver":
        title_zh = "关于撤销租金减免并退还已减免租金的通知"
    elif repay:
        title_zh = f"关于撤销{label_zh}并退还已拨付资金的通知"
    else:
        title_zh = f"关于撤销{label_zh}的通知"
    title_en = f"Notice of Revocation of a {title_case(label_en)}" + (
        " and Repayment" if repay else ""
    )
    return base_document(
        office,
        team,
        "revocation",
        details,
        title_zh=title_zh,
        title_en=title_en,
        body_zh=body_zh,
        body_en=body_en,
        closing_zh=closing_zh,
        closing_en=closing_en,
        amounts=amounts,
        main_amount_fen=repay,
    )
