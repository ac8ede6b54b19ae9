"""The one table of words for the codes: statuses, benefits, roles, notice kinds, rule outcomes,
AI focus keys and policy clauses, in English and Chinese.

The desktop screens, the command line, the notices and the Chinese sentences of error messages all
take their words from here, so a Chinese message says 草稿 or 已提交, never ``draft``::

    application_status_label("draft", "zh")  # 草稿
    benefit_label(Benefit.STARTUP_GRANT)      # start-up grant

``lang`` is ``"en"`` or ``"zh"`` (anything starting with ``zh``, such as ``zh_CN``, is Chinese).
A code the table does not know is shown as it is; an empty one as "".
"""

from __future__ import annotations

from collections.abc import Mapping

from aitown.enums import (
    ApplicationStatus,
    Benefit,
    HandoverKind,
    NoticeKind,
    RentEntryKind,
    Role,
    RuleStatus,
    TeamStatus,
    UnitState,
)
from aitown.text import Text

# A code's words in both languages: the one bilingual text type (``en, zh = label`` works).
Label = Text


TEAM_STATUS_LABELS: Mapping[str, Label] = {
    TeamStatus.APPLICANT: Label("applicant", "申请中"),
    TeamStatus.ADMITTED: Label("admitted", "已入驻"),
    TeamStatus.GRADUATED: Label("graduated", "已毕业"),
    TeamStatus.WITHDRAWN: Label("withdrawn", "已退出"),
    TeamStatus.EXPELLED: Label("expelled", "已清退"),
}

BENEFIT_LABELS: Mapping[str, Label] = {
    Benefit.RENT_WAIVER: Label("rent waiver", "租金减免"),
    Benefit.STARTUP_GRANT: Label("start-up grant", "一次性创业补贴"),
    Benefit.COMPUTE_VOUCHER: Label("compute voucher", "算力券"),
    Benefit.MODEL_VOUCHER: Label("model voucher", "模型券"),
    Benefit.CORPUS_VOUCHER: Label("corpus voucher", "语料券"),
    Benefit.TALENT_AWARD: Label("talent award", "人才奖励"),
}

APPLICATION_STATUS_LABELS: Mapping[str, Label] = {
    ApplicationStatus.DRAFT: Label("draft", "草稿"),
    ApplicationStatus.SUBMITTED: Label("submitted", "已提交"),
    ApplicationStatus.APPROVED: Label("approved", "已批准"),
    ApplicationStatus.REJECTED: Label("rejected", "已驳回"),
    ApplicationStatus.DISBURSED: Label("disbursed", "已拨付"),
    ApplicationStatus.REVOKED: Label("revoked", "已撤销"),
    ApplicationStatus.RETURNED: Label("returned for correction", "退回补正"),
}

ROLE_LABELS: Mapping[str, Label] = {
    Role.DESK: Label("desk staff", "窗口人员"),
    Role.REVIEWER: Label("reviewer", "审核人"),
    Role.ADMINISTRATOR: Label("administrator", "管理员"),
}

NOTICE_KIND_LABELS: Mapping[str, Label] = {
    NoticeKind.ADMISSION: Label("admission notice", "入驻通知"),
    NoticeKind.RENT_WAIVER: Label("rent waiver decision", "租金减免决定书"),
    NoticeKind.STARTUP_GRANT: Label("start-up grant award letter", "一次性创业补贴通知"),
    NoticeKind.COMPUTE_VOUCHER: Label("compute voucher certificate", "算力券凭证"),
    NoticeKind.MODEL_VOUCHER: Label("model voucher certificate", "模型券凭证"),
    NoticeKind.CORPUS_VOUCHER: Label("corpus voucher certificate", "语料券凭证"),
    NoticeKind.TALENT_AWARD: Label("talent award letter", "人才奖励通知"),
    NoticeKind.REJECTION: Label("rejection notice", "不予支持通知"),
    NoticeKind.REVOCATION: Label("revocation notice", "撤销通知"),
}

RULE_STATUS_LABELS: Mapping[str, Label] = {
    RuleStatus.PASS: Label("pass", "通过"),
    RuleStatus.FAIL: Label("fail", "不通过"),
    RuleStatus.UNKNOWN: Label("unknown", "待定"),
}

# The keys of the policy's AI focus list (POLICY §1.3); the policy file says they never change.
AI_FOCUS_LABELS: Mapping[str, Label] = {
    "foundation_models": Label("foundation models", "基础大模型"),
    "vertical_models": Label("vertical models", "垂类大模型"),
    "ai_applications": Label("AI applications", "人工智能应用"),
    "ai_infrastructure": Label("AI infrastructure", "人工智能基础设施"),
    "data_services": Label("data services", "数据服务"),
    "embodied_intelligence": Label("embodied intelligence", "具身智能"),
}

UNIT_STATE_LABELS: Mapping[str, Label] = {
    UnitState.VACANT: Label("vacant", "空置"),
    UnitState.RESERVED: Label("reserved", "已预留"),
    UnitState.LEASED: Label("leased", "已出租"),
    UnitState.REPAIR: Label("under repair", "维修中"),
}

HANDOVER_KIND_LABELS: Mapping[str, Label] = {
    HandoverKind.MOVE_IN: Label("move-in", "入驻交接"),
    HandoverKind.MOVE_OUT: Label("move-out", "退租交接"),
}


RENT_ENTRY_LABELS: Mapping[str, Label] = {
    RentEntryKind.PAYMENT: Label("rent payment", "租金收款"),
    RentEntryKind.REPAYMENT: Label("waiver repayment due (§2.5)", "应退还减免租金（第2.5条）"),
    RentEntryKind.DEPOSIT_RECEIVED: Label("deposit received", "收取押金"),
    RentEntryKind.DEPOSIT_RETURNED: Label("deposit returned", "退还押金"),
}


def label_text(table: Mapping[str, Label], value: str | None, lang: str = "en") -> str:
    """``value``'s words from ``table`` in ``lang``; an unknown code as it is, None as ""."""
    if not value:
        return ""
    found = table.get(value)
    return found.text(lang) if found is not None else str(value)


def team_status_label(value: str | None, lang: str = "en") -> str:
    return label_text(TEAM_STATUS_LABELS, value, lang)


def benefit_label(value: str | None, lang: str = "en") -> str:
    return label_text(BENEFIT_LABELS, value, lang)


def application_status_label(value: str | None, lang: str = "en") -> str:
    return label_text(APPLICATION_STATUS_LABELS, value, lang)


def role_label(value: str | None, lang: str = "en") -> str:
    return label_text(ROLE_LABELS, value, lang)


def notice_kind_label(value: str | None, lang: str = "en") -> str:
    return label_text(NOTICE_KIND_LABELS, value, lang)


def rule_status_label(value: str | None, lang: str = "en") -> str:
    return label_text(RULE_STATUS_LABELS, value, lang)


def focus_label(value: str | None, lang: str = "en") -> str:
    return label_text(AI_FOCUS_LABELS, value, lang)


def clause_label(clause: str | None, lang: str = "en") -> str:
    """A policy clause as a reader cites it: §4.3 / 第4.3条; a dash when there is none."""
    if not clause:
        return "—"
    return f"第{clause}条" if lang.startswith("zh") else f"§{clause}"


def unit_state_label(value: str | None, lang: str = "en") -> str:
    return label_text(UNIT_STATE_LABELS, value, lang)


def handover_kind_label(value: str | None, lang: str = "en") -> str:
    return label_text(HANDOVER_KIND_LABELS, value, lang)


def rent_entry_label(value: str | None, lang: str = "en") -> str:
    return label_text(RENT_ENTRY_LABELS, value, lang)


# The values of aitown.payout_tables.PaymentListStatus (kept by value: that module holds tables,
# which this one must not import).
PAYMENT_LIST_STATUS_LABELS: Mapping[str, Label] = {
    "open": Label("waiting for payment", "待付款"),
    "paid": Label("paid", "已付款"),
    "cancelled": Label("cancelled", "已作废"),
}
