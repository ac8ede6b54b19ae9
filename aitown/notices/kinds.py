"""One template per notice kind: what each adds to the common layout (NOTICES.md, "Kinds")."""

from __future__ import annotations

from reportlab.platypus import Flowable

from aitown.errors import ValidationError
from aitown.money import format_yuan
from aitown.notices.tables import Lang, rules_table, schedule_table
from aitown.notices.templates import NoticeTemplate, register


@register("admission")
class AdmissionNotice(NoticeTemplate):
    """入驻通知: the team is admitted to the AI town (POLICY.md §1); no amount."""


@register("rent_waiver")
class RentWaiverDecision(NoticeTemplate):
    """房租减免决定书, with the month-by-month schedule (§2.2–2.3) and the total waived."""

    amount_label = ("减免总额", "Total rent waived")
    requires_amount = True

    def validate(self) -> None:
        super().validate()
        if not self.doc.schedule:
            raise ValidationError(
                "A rent waiver decision must list its month-by-month schedule.",
                "房租减免决定书必须列明逐月减免明细。",
                field="schedule",
            )
        total = sum(row.waived_fen for row in self.doc.schedule)
        if total != self.doc.main_amount_fen:
            raise ValidationError(
                f"The schedule waives {format_yuan(total)} yuan in all but the notice states "
                f"{format_yuan(self.doc.main_amount_fen or 0)}: recompute the waiver.",
                f"减免明细合计 {format_yuan(total)} 元，与通知书所列金额 "
                f"{format_yuan(self.doc.main_amount_fen or 0)} 元不符：请重新计算减免。",
                field="main_amount_fen",
            )

    def kind_sections(self, lang: Lang) -> list[Flowable]:
        return [
            *self.section_heading("减免明细（逐月）", "Waiver schedule, month by month", lang),
            *schedule_table(self.doc.schedule, lang),
        ]


@register("startup_grant")
class StartupGrantLetter(NoticeTemplate):
    """一次性创业资助通知 (§3)."""

    amount_label = ("资助金额", "Grant amount")
    requires_amount = True


class VoucherCertificate(NoticeTemplate):
    """算力券 / 模型券 / 语料券: the amounts table carries contract, vendor, ratio and cap."""

    requires_amount = True

    def validate(self) -> None:
        super().validate()
        if not self.doc.amounts:
            raise ValidationError(
                "A voucher certificate must show its contract, vendor, ratio and cap.",
                "补贴券凭证必须列明合同、供应方、比例和上限。",
                field="amounts",
            )


@register("voucher_compute")
class ComputeVoucherCertificate(VoucherCertificate):
    """算力券 (§4)."""

    amount_label = ("算力券金额", "Compute voucher amount")


@register("voucher_model")
class ModelVoucherCertificate(VoucherCertificate):
    """模型券 (§5)."""

    amount_label = ("模型券金额", "Model voucher amount")


@register("voucher_corpus")
class CorpusVoucherCertificate(VoucherCertificate):
    """语料券 (§6)."""

    amount_label = ("语料券金额", "Corpus voucher amount")


@register("talent_award")
class TalentAwardLetter(NoticeTemplate):
    """人才奖励通知 (§7): the person and tier are rows of the amounts table."""

    amount_label = ("奖励金额", "Award amount")
    requires_amount = True


@register("rejection")
class RejectionNotice(NoticeTemplate):
    """不予支持通知: every failed rule with its clause and reason, in both languages."""

    def validate(self) -> None:
        super().validate()
        if not self.doc.rejection_rules:
            raise ValidationError(
                "A rejection notice must name every rule that was not met.",
                "不予支持通知书必须列明每一项未满足的条件。",
                field="rejection_rules",
            )

    def kind_sections(self, lang: Lang) -> list[Flowable]:
        return [
            *self.section_heading("未满足的条件", "Rules not met", lang),
            *rules_table(self.doc.rejection_rules, lang),
        ]


@register("revocation")
class RevocationNotice(NoticeTemplate):
    """撤销及退还通知 (§2.5 and revocations): the amount to repay."""

    amount_label = ("应退还金额", "Amount to repay")
    requires_amount = True
