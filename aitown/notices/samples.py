"""Realistic sample notices of every kind, for previews, the docs' PNGs, tests and benchmarks.

The facts are invented but follow POLICY.md (the "Shanghai AI town 2025" model policy).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from aitown.notices.document import (
    AmountRow,
    NoticeDocument,
    RejectionRule,
    ScheduleRow,
)

OFFICE_ZH = "徐汇区人工智能小镇孵化服务办公室"
OFFICE_EN = "Xuhui District AI Town Incubation Office"
TEAM_ZH = "上海智算未来科技有限公司"
TEAM_EN = "Shanghai Zhisuan Future Technology Co., Ltd."
TEAM_USCC = "91310104MA1FL8XQ3K"
ISSUE_DATE = date(2026, 11, 23)
COPIED_TO_ZH = ("徐汇区财政局", "徐汇区科学技术委员会")
COPIED_TO_EN = ("Xuhui District Finance Bureau", "Xuhui District Science and Technology Commission")


def _base(kind: str, serial: int, **kw: Any) -> NoticeDocument:
    defaults: dict[str, Any] = {
        "kind": kind,
        "office_name_zh": OFFICE_ZH,
        "office_name_en": OFFICE_EN,
        "document_number": f"徐汇AI孵〔2026〕{serial}号",
        "addressee_zh": TEAM_ZH,
        "addressee_en": TEAM_EN,
        "issue_date": ISSUE_DATE,
        "verification_code": "K7Q2-M9XD-4HTP",
        "copied_to_zh": COPIED_TO_ZH,
        "copied_to_en": COPIED_TO_EN,
    }
    defaults.update(kw)
    return NoticeDocument(**defaults)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def rent_schedule(first: date, months: int, rent_fen: int) -> tuple[ScheduleRow, ...]:
    """POLICY.md §2.2: 100% for months 1–12, 50% for months 13–24 (calendar-month lease)."""
    rows = []
    for i in range(months):
        y, m = first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1
        full = i < 12
        rows.append(
            ScheduleRow(
                month=i + 1,
                period_start=date(y, m, 1),
                period_end=_month_end(y, m),
                rent_fen=rent_fen,
                waived_percent="100%" if full else "50%",
                waived_fen=rent_fen if full else rent_fen // 2,
            )
        )
    return tuple(rows)


def _samples() -> dict[str, NoticeDocument]:
    schedule = rent_schedule(date(2026, 1, 1), 24, 4_200_000)
    return {
        "admission": _base(
            "admission",
            11,
            title_zh=f"关于同意{TEAM_ZH}入驻徐汇人工智能小镇的通知",
            title_en="Notice of Admission to the Xuhui AI Town",
            body_zh=(
                "你单位于2026年10月9日提交的入驻申请收悉。经审核，你单位符合《上海人工智能小镇扶持办法（2025）》第1.1条至第1.5条规定的入驻条件，现同意你单位自2026年11月23日起入驻徐汇人工智能小镇。",
                "请你单位在收到本通知之日起30日内与小镇运营方签订房屋租赁合同，并按规定申报各项扶持政策。",
            ),
            body_en=(
                "We have received your application for admission of 9 October 2026. Having reviewed it, we find that your company meets the admission conditions of clauses 1.1 to 1.5 of the Shanghai AI Town Support Measures (2025), and admit it to the Xuhui AI Town from 23 November 2026.",
                "Please sign a lease with the town's operator within 30 days of receiving this notice; you may then apply for the town's support measures.",
            ),
            amounts=(
                AmountRow("统一社会信用代码", "Unified social credit code", TEAM_USCC),
                AmountRow("人工智能方向", "AI focus", "垂直领域大模型 Vertical models"),
                AmountRow("入驻日期", "Admitted on", "2026-11-23"),
            ),
        ),
        "rent_waiver": _base(
            "rent_waiver",
            12,
            title_zh="房租减免决定书",
            title_en="Decision on Rent Waiver",
            body_zh=(
                "你单位承租徐汇人工智能小镇A座1203室（建筑面积280平方米，月租金42,000.00元），租期自2026年1月1日至2027年12月31日。",
                "根据《上海人工智能小镇扶持办法（2025）》第2.2条、第2.3条，决定对你单位租期前12个月的房租减免100%，第13至24个月减免50%，逐月明细如下。",
                "如你单位在减免开始后12个月内退出小镇，应按第2.5条退还已减免的房租。",
            ),
            body_en=(
                "Your company leases unit A-1203 of the Xuhui AI Town (280 m², monthly rent CNY 42,000.00) from 1 January 2026 to 31 December 2027.",
                "Under clauses 2.2 and 2.3 of the Shanghai AI Town Support Measures (2025), we waive 100% of the rent for the first 12 months of the lease and 50% for months 13 to 24, as set out month by month below.",
                "Should your company leave the town within 12 months of the waiver's start, it shall repay the rent waived so far (clause 2.5).",
            ),
            schedule=schedule,
            main_amount_fen=sum(r.waived_fen for r in schedule),
            amounts=(
                AmountRow("租赁单元", "Unit", "A座1203室 / A-1203"),
                AmountRow("计入减免面积", "Area waived", "280 m²"),
            ),
        ),
        "startup_grant": _base(
            "startup_grant",
            13,
            title_zh=f"关于给予{TEAM_ZH}一次性创业资助的通知",
            title_en="Notice of a One-time Start-up Grant",
            body_zh=(
                "你单位申请的一次性创业资助经审核符合《上海人工智能小镇扶持办法（2025）》第3.1条至第3.4条的规定。因你单位有全职创始人具有A类人才认定，按第3.2条给予资助200,000.00元。",
                "资助资金将在本通知出具之日起15个工作日内拨付至你单位基本账户。",
            ),
            body_en=(
                "Your application for the one-time start-up grant meets clauses 3.1 to 3.4 of the Shanghai AI Town Support Measures (2025). As a full-time founder of your company holds talent tier A, the grant is CNY 200,000.00 under clause 3.2.",
                "The grant will be paid into your company's basic account within 15 working days of this notice.",
            ),
            main_amount_fen=20_000_000,
            amounts=(
                AmountRow("申请编号", "Application", "GR-2026-0042"),
                AmountRow("依据条款", "Clause", "3.2（A类创始人 / tier A founder）"),
            ),
        ),
        "voucher_compute": _base(
            "voucher_compute",
            14,
            title_zh="算力券凭证",
            title_en="Compute Voucher Certificate",
            body_zh=(
                "你单位与上海云擎算力科技有限公司签订的智能算力租赁合同经核验，符合《上海人工智能小镇扶持办法（2025）》第4.1条、第4.2条的规定，现核发算力券如下。",
            ),
            body_en=(
                "Your contract for rented intelligent computing power with Shanghai Yunqing Computing Technology Co., Ltd. has been verified and meets clauses 4.1 and 4.2 of the Shanghai AI Town Support Measures (2025). The compute voucher below is issued.",
            ),
            main_amount_fen=37_500_000,
            amounts=(
                AmountRow("合同编号", "Contract", "YQ-HT-2026-0815"),
                AmountRow("算力供应方", "Vendor", "上海云擎算力科技有限公司"),
                AmountRow("合同金额", "Contract amount", "1,250,000.00 元"),
                AmountRow("支持比例", "Ratio", "30%"),
                AmountRow("年度上限（已用）", "Annual cap (used)", "10,000,000.00 元（0.00 元）"),
            ),
        ),
        "voucher_model": _base(
            "voucher_model",
            15,
            title_zh="模型券凭证",
            title_en="Model Voucher Certificate",
            body_zh=(
                "你单位为开发垂直领域应用调用第三方大模型服务的合同经核验，符合《上海人工智能小镇扶持办法（2025）》第5.1条、第5.2条的规定，现核发模型券如下。",
            ),
            body_en=(
                "Your contract for the use of a third-party large model in a vertical application has been verified and meets clauses 5.1 and 5.2 of the Shanghai AI Town Support Measures (2025). The model voucher below is issued.",
            ),
            main_amount_fen=40_000_000,
            amounts=(
                AmountRow("合同编号", "Contract", "MX-2026-117"),
                AmountRow("模型服务方", "Vendor", "上海深度智言科技有限公司"),
                AmountRow("合同金额", "Contract amount", "800,000.00 元"),
                AmountRow("支持比例", "Ratio", "50%"),
                AmountRow(
                    "年度上限（已用）", "Annual cap (used)", "5,000,000.00 元（600,000.00 元）"
                ),
            ),
        ),
        "voucher_corpus": _base(
            "voucher_corpus",
            16,
            title_zh="语料券凭证",
            title_en="Corpus Voucher Certificate",
            body_zh=(
                "你单位向非关联方购买训练语料的合同经核验，供应方与你单位无关联关系，符合《上海人工智能小镇扶持办法（2025）》第6.1条、第6.2条的规定，现核发语料券如下。",
            ),
            body_en=(
                "Your contract for the purchase of training corpora from a non-affiliated vendor has been verified and meets clauses 6.1 and 6.2 of the Shanghai AI Town Support Measures (2025). The corpus voucher below is issued.",
            ),
            main_amount_fen=18_012_345,
            amounts=(
                AmountRow("合同编号", "Contract", "YL-2026-0303"),
                AmountRow("语料供应方", "Vendor", "上海书海数据服务有限公司"),
                AmountRow("合同金额", "Contract amount", "600,411.50 元"),
                AmountRow("支持比例", "Ratio", "30%"),
                AmountRow("年度上限（已用）", "Annual cap (used)", "5,000,000.00 元（0.00 元）"),
            ),
        ),
        "talent_award": _base(
            "talent_award",
            17,
            title_zh="关于给予张晓明同志人才奖励的通知",
            title_en="Notice of a Talent Award",
            body_zh=(
                "你单位全职员工张晓明同志于2025年3月1日加入你单位，经认定为A类人才。根据《上海人工智能小镇扶持办法（2025）》第7.1条至第7.3条，给予其2026年度人才奖励。",
            ),
            body_en=(
                "Mr Zhang Xiaoming, a full-time member of your company since 1 March 2025, is recognised as talent tier A. Under clauses 7.1 to 7.3 of the Shanghai AI Town Support Measures (2025), he is granted the talent award for 2026.",
            ),
            main_amount_fen=30_000_000,
            amounts=(
                AmountRow("姓名", "Name", "张晓明 Zhang Xiaoming"),
                AmountRow("身份证号", "Identity card", "310104********2318"),
                AmountRow("人才等级", "Talent tier", "A"),
                AmountRow("年度", "Year", "2026"),
            ),
        ),
        "rejection": _base(
            "rejection",
            18,
            title_zh="关于不予支持一次性创业资助申请的通知",
            title_en="Notice of Rejection of an Application for the Start-up Grant",
            body_zh=(
                "你单位于2026年11月2日提交的一次性创业资助申请（编号GR-2026-0057）收悉。经审核，该申请不符合《上海人工智能小镇扶持办法（2025）》下列条款的规定，决定不予支持。",
            ),
            body_en=(
                "We have received your application for the one-time start-up grant of 2 November 2026 (GR-2026-0057). Having reviewed it, we find that it does not meet the clauses of the Shanghai AI Town Support Measures (2025) listed below, and reject it.",
            ),
            closing_zh=(
                "如对本决定有异议，可自收到本通知之日起60日内向徐汇区人民政府申请行政复议。",
                "特此通知。",
            ),
            closing_en=(
                "If you disagree with this decision, you may apply to the Xuhui District People's Government for administrative reconsideration within 60 days of receiving this notice.",
                "Notice is hereby given.",
            ),
            rejection_rules=(
                RejectionRule(
                    "1.2",
                    "成立于2019年3月2日，距申请日2026年11月2日已超过5年。",
                    "Founded on 2019-03-02, more than 5 years before the application date 2026-11-02.",
                ),
                RejectionRule(
                    "3.1",
                    "自2026年9月1日起承租，截至申请日不足3个月；2026年12月1日后方满3个月。",
                    "A tenant since 2026-09-01, less than 3 months at the application date; eligible from 2026-12-01.",
                ),
                RejectionRule(
                    "3.4",
                    "你单位已享受房租减免（徐汇AI孵〔2026〕12号），不能同时享受一次性创业资助。",
                    "Your company holds a rent waiver (徐汇AI孵〔2026〕12号) and cannot also receive the start-up grant.",
                ),
            ),
        ),
        "revocation": _base(
            "revocation",
            19,
            title_zh="关于撤销房租减免并退还已减免房租的通知",
            title_en="Notice of Revocation of a Rent Waiver and Repayment",
            body_zh=(
                "你单位于2026年7月31日退出徐汇人工智能小镇，距房租减免开始之日（2026年1月1日）不足12个月。根据《上海人工智能小镇扶持办法（2025）》第2.5条，撤销徐汇AI孵〔2026〕12号房租减免决定，你单位应退还已减免的房租。",
            ),
            body_en=(
                "Your company left the Xuhui AI Town on 31 July 2026, less than 12 months after its rent waiver began on 1 January 2026. Under clause 2.5 of the Shanghai AI Town Support Measures (2025), the rent waiver decision 徐汇AI孵〔2026〕12号 is revoked and your company shall repay the rent waived.",
            ),
            closing_zh=("请你单位自收到本通知之日起30日内，将上述款项退还至小镇运营方指定账户。",),
            closing_en=(
                "Please repay the amount above to the account named by the town's operator within 30 days of receiving this notice.",
            ),
            main_amount_fen=29_400_000,
            amounts=(
                AmountRow("被撤销的决定", "Decision revoked", "徐汇AI孵〔2026〕12号"),
                AmountRow(
                    "已减免月份",
                    "Months waived",
                    "2026年1月至7月（7个月） / January–July 2026 (7 months)",
                ),
            ),
        ),
    }


SAMPLE_KINDS: tuple[str, ...] = tuple(_samples())


def sample_document(kind: str, *, language_mode: str = "zh+en") -> NoticeDocument:
    """A realistic sample notice of ``kind`` (one of the nine kinds)."""
    return replace(_samples()[kind], language_mode=language_mode)
