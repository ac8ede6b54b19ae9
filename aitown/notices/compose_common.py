"""Pieces every composed notice shares: the policy a decision was made under, how clauses and
reasons are written, the office and addressee, the rows most notices show, the stored decision.

See aitown.notices.compose for what a notice states and where it comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.errors import ValidationError
from aitown.models import Application, Office, PolicyVersion, Team
from aitown.notices.document import AmountRow, NoticeDocument
from aitown.policy.loader import parse_policy
from aitown.policy.model import Policy

#: The renderer's names of the kinds, where they differ (aitown.notices.document.KINDS).
DOCUMENT_KINDS: Final[dict[str, str]] = {
    "compute_voucher": "voucher_compute",
    "model_voucher": "voucher_model",
    "corpus_voucher": "voucher_corpus",
}


def document_kind(kind: str) -> str:
    """The renderer's name of a notice kind."""
    return DOCUMENT_KINDS.get(kind, kind)


#: Stand-ins until the issuing service fills in the real number and code.
PENDING_NUMBER: Final = "（待编号）"
PENDING_CODE: Final = "PENDING"

NOTICE_GIVEN: Final = ("特此通知。", "Notice is hereby given.")


@dataclass(frozen=True)
class IssueDetails:
    """What the issuing service decides for a notice: its date, language layout and 抄送."""

    issue_date: dt.date
    language_mode: str
    copied_to_zh: tuple[str, ...] = ()
    copied_to_en: tuple[str, ...] = ()
    backdate_reason: str | None = None


_policy_cache: dict[str, Policy] = {}


def policy_of(s: Session, policy_id: str | None, version: str | None) -> Policy:
    """The policy version a decision was made under (the active one if it is not recorded)."""
    row = None
    if policy_id and version:
        row = s.scalar(
            select(PolicyVersion).where(
                PolicyVersion.policy_id == policy_id, PolicyVersion.version == version
            )
        )
    if row is None:
        from aitown.services.policies import active_policy

        return active_policy(s)
    policy = _policy_cache.get(row.sha256)
    if policy is None:
        policy = parse_policy(row.text, source=f"{row.policy_id} {row.version}")
        _policy_cache[row.sha256] = policy
    return policy


def cite_zh(policy: Policy) -> str:
    return f"《{policy.name_zh}》"


def cite_en(policy: Policy) -> str:
    return f"the “{policy.name_en}” policy"


def clauses_zh(ids: list[str]) -> str:
    """``第3.1条至第3.4条``, ``第4.1条、第4.2条``, ``第2.5条``."""
    if not ids:
        return ""
    if len(ids) == 1:
        return f"第{ids[0]}条"
    if len(ids) == 2:
        return f"第{ids[0]}条、第{ids[1]}条"
    return f"第{ids[0]}条至第{ids[-1]}条"


def clauses_en(ids: list[str]) -> str:
    """``clauses 3.1 to 3.4``, ``clauses 4.1 and 4.2``, ``clause 2.5``."""
    if not ids:
        return ""
    if len(ids) == 1:
        return f"clause {ids[0]}"
    if len(ids) == 2:
        return f"clauses {ids[0]} and {ids[1]}"
    return f"clauses {ids[0]} to {ids[-1]}"


def sentence_en(text: str) -> str:
    """A reason fragment (“founded 2019-03-02, …”) as a sentence: capital first, full stop."""
    text = text.strip()
    if not text:
        return text
    if "\u4e00" <= text[-1] <= "\u9fff":
        # A reason the reviewer typed in Chinese keeps its Chinese full stop.
        return sentence_zh(text)
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "。")) else text + "."


def is_chinese(text: str) -> bool:
    """Whether a text someone typed is (mostly) Chinese: more Han characters than Latin letters."""
    han = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return han > 0 and han * 2 >= latin


def typed_note(label: tuple[str, str], text: str) -> tuple[str, str]:
    """A note a person typed in one language, for the Chinese and the English part.

    It is not translated: the part in the other language labels it as written in the note's
    language (审核意见（英文原文）/ “(in Chinese, as written)”), rather than pass it off as its own.
    """
    label_zh, label_en = label
    if not any(ch.isalpha() for ch in text):  # "—", a number: the same in both languages
        return f"{label_zh}：{text}", f"{label_en}: {text}"
    if is_chinese(text):
        return (
            sentence_zh(f"{label_zh}：{text}"),
            f"{label_en} (in Chinese, as written): {sentence_zh(text)}",
        )
    return (
        f"{label_zh}（英文原文）：{sentence_en(text)}",
        sentence_en(f"{label_en}: {text}"),
    )


def sentence_zh(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？")) else text + "。"


def title_case(label: str) -> str:
    """``start-up grant`` → ``Start-up Grant`` (str.title would write Start-Up)."""
    return " ".join(w[:1].upper() + w[1:] for w in label.split())


def area_text(centi_m2: int) -> str:
    whole, cents = divmod(centi_m2, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"


def room_zh(building: str, unit: str) -> str:
    return f"{building}{unit}" if unit.endswith("室") else f"{building}{unit}室"


def stored_decision(app: Application) -> dict[str, Any]:
    """The eligibility result stored with the application's decision (§8.3)."""
    try:
        record = json.loads(app.eligibility_json or "")
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise ValidationError(
            f"Application {app.id} has no stored eligibility result, so its notice cannot say why; "
            "record the decision again through the application screen.",
            f"申请 {app.id} 没有保存资格审查结果，通知书无法写明理由；请在申请页面重新作出决定。",
        )
    return record


def passed_clauses(record: dict[str, Any], section: str) -> list[str]:
    return [
        r["clause"]
        for r in record.get("rules", [])
        if r.get("status") == "pass" and str(r.get("clause", "")).split(".")[0] == section
    ]


def base_document(
    office: Office, team: Team, kind: str, details: IssueDetails, **fields: Any
) -> NoticeDocument:
    return NoticeDocument(
        kind=document_kind(kind),
        office_name_zh=office.name_zh,
        # The English name is optional in the office settings; the Chinese one stands in for it.
        office_name_en=office.name_en or office.name_zh,
        document_number=PENDING_NUMBER,
        addressee_zh=team.name_zh,
        addressee_en=team.name_en or team.name_zh,
        issue_date=details.issue_date,
        verification_code=PENDING_CODE,
        language_mode=details.language_mode,
        seal_sha256=hashlib.sha256(office.seal_image).hexdigest() if office.seal_image else None,
        seal_png=office.seal_image or None,
        seal_mark=bool(office.seal_mark),
        copied_to_zh=details.copied_to_zh,
        copied_to_en=details.copied_to_en,
        **fields,
    )


def application_row(app: Application) -> AmountRow:
    return AmountRow("申请编号", "Application no.", str(app.id))


def policy_row(policy: Policy) -> AmountRow:
    return AmountRow("政策版本", "Policy version", f"{policy.name_zh} {policy.version}")


def main_amount(app: Application, record: dict[str, Any]) -> int:
    amount = app.amount
    stored = (record.get("amount") or {}).get("amount_fen")
    if amount is None or (stored is not None and stored != amount):
        raise ValidationError(
            f"Application {app.id} has no approved amount that matches its stored decision; "
            "its notice cannot be issued. Ask the reviewer to check the application.",
            f"申请 {app.id} 没有与所保存决定一致的核定金额，无法出具通知书；请审核人核查该申请。",
        )
    return amount
