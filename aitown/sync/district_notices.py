"""On the city: verify a district's notice by its code (issue 17.3).

A district's notices reach the city in its change bundles as plain records (aitown.sync.records:
every column but the PDF, so with the document number, the verification code, the signed content
and the PDF's SHA-256). A code that no notice of the city's own holds may be one of those: the
city then answers for the district, naming it, as the district's own database would.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.labels import notice_kind_label
from aitown.money import format_yuan
from aitown.notices.verification import VerificationResult
from aitown.sync.tables import PeerOffice, SyncRecord


def _records(s: Session, entity: str, needle: str) -> list[tuple[SyncRecord, dict[str, Any]]]:
    """The district records of ``entity`` whose JSON holds ``needle``, parsed."""
    rows = s.scalars(
        select(SyncRecord).where(SyncRecord.entity == entity, SyncRecord.data_json.contains(needle))
    )
    out = []
    for row in rows:
        data = json.loads(row.data_json).get("data", {})
        out.append((row, data))
    return out


def verify_district_code(s: Session, code: str, number: str | None) -> VerificationResult | None:
    """The answer for a code that one of the city's districts issued, or None if none did."""
    found = [(r, d) for r, d in _records(s, "notice", code) if d.get("verification_code") == code]
    if not found:
        return None
    row, data = found[0]
    doc_number = str(data.get("doc_number") or "")
    office = s.scalar(select(PeerOffice).where(PeerOffice.code == row.office_code))
    office_zh = office.name_zh if office else row.office_code
    office_en = (office.name_en or office.name_zh) if office else row.office_code
    if number is not None and number != doc_number:
        return VerificationResult(
            "altered",
            number,
            f"ALTERED: the code {code} belongs to {doc_number} of the {office_en}, not to "
            f"{number} as the paper's QR code says. Do not accept it.",
            f"已被篡改：核验码 {code} 属于{office_zh}的 {doc_number}，而非二维码所称的 {number}。"
            "请勿采信。",
        )
    content = json.loads(data.get("content_json") or "{}")
    team_name = _team_name(s, data.get("team_uid"), content)
    amount = content.get("main_amount_fen")
    issued = content.get("issue_date")
    issue_date = dt.date.fromisoformat(issued) if issued else None
    kind = str(data.get("kind") or "")
    en = f"{notice_kind_label(kind, 'en')} {doc_number} to {team_name}"
    zh = f"出具给{team_name}的{notice_kind_label(kind, 'zh')}{doc_number}"
    if issue_date is not None:
        en += f", dated {issue_date.isoformat()}"
        zh = f"{issue_date.year}年{issue_date.month}月{issue_date.day}日" + zh
    if amount is not None:
        en += f", amount CNY {format_yuan(amount)}"
        zh += f"，金额 {format_yuan(amount)} 元"
    facts: dict[str, Any] = {
        "kind": kind,
        "team_name": team_name,
        "amount_fen": amount,
        "issue_date": issue_date,
    }
    uid = row.uid
    revoking = [d for _r, d in _records(s, "notice", uid) if d.get("revokes_notice_uid") == uid]
    if revoking:
        by = str(revoking[0].get("doc_number") or "")
        return VerificationResult(
            "revoked",
            doc_number,
            f"REVOKED: {en}, was issued by the {office_en}, but revoked later by {by}. It no "
            "longer stands (answered by the city from the district's bundles).",
            f"已撤销：{zh}，由{office_zh}出具，但已被 {by} 撤销，不再有效（市级根据区办公室上报的数据答复）。",
            revoked_by=by,
            **facts,
        )
    return VerificationResult(
        "genuine",
        doc_number,
        f"Genuine: {en}, was issued by the {office_en} (answered by the city from the district's "
        "bundles: it is in the register the district sent; the code alone would not prove that).",
        f"真实有效：{zh}，由{office_zh}出具（市级根据区办公室上报的登记簿答复；仅凭核验码不能证明这一点）。",
        **facts,
    )


def _team_name(s: Session, team_uid: str | None, content: dict[str, Any]) -> str:
    """The team's Chinese name as the district last sent it, else as the notice addresses it."""
    if team_uid:
        row = s.scalar(
            select(SyncRecord).where(SyncRecord.entity == "team", SyncRecord.uid == team_uid)
        )
        if row is not None:
            name = json.loads(row.data_json).get("data", {}).get("name_zh")
            if name:
                return str(name)
    return str(content.get("addressee_zh") or "")
