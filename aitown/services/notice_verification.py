"""Verifying notices: a PDF file someone hands in, or the code printed on paper (typed or scanned).

The answers: genuine (issued by this office and it stands), revoked (issued, then revoked by a
later notice), altered (claims one of this office's numbers but is not what was issued), unknown
(not this office's notice, or no notice has that code). A genuine answer says what was issued
(kind, number, team, amount, date) so the person can compare it with the paper in front of them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.models import Notice, Office, Team
from aitown.money import format_yuan
from aitown.notices.verification import (
    VerificationResult,
    code_matches,
    parse_code,
    parse_scanned,
    sha256_hex,
)
from aitown.services.rent_accounts import Receipt, receipt_for_code
from aitown.sync.district_notices import verify_district_code

__all__ = ["VerificationResult", "verify_code", "verify_pdf"]


def _kind_label(kind: str, lang: str) -> str:
    from aitown.notices.compose import kind_label

    return kind_label(kind, lang)


def _facts(s: Session, notice: Notice) -> dict[str, Any]:
    """What a notice states, for the answer: kind, number, team, amount, date as printed."""
    content = json.loads(notice.content_json)
    team = s.get(Team, notice.team_id)
    issue_date = dt.date.fromisoformat(content["issue_date"])
    return {
        "notice_id": notice.id,
        "kind": notice.kind,
        "team_name": team.name_zh if team else content.get("addressee_zh"),
        "amount_fen": content.get("main_amount_fen"),
        "issue_date": issue_date,
    }


def _describe(facts: dict[str, Any], number: str) -> tuple[str, str]:
    """``admission notice 徐汇AI孵〔2026〕17号 to 上海… of 23 November 2026, CNY 200,000.00``."""
    amount = facts["amount_fen"]
    d: dt.date = facts["issue_date"]
    en = (
        f"{_kind_label(facts['kind'], 'en')} {number} to {facts['team_name']}, "
        f"dated {d.isoformat()}"
    )
    zh = f"{d.year}年{d.month}月{d.day}日出具给{facts['team_name']}的{_kind_label(facts['kind'], 'zh')}{number}"
    if amount is not None:
        en += f", amount CNY {format_yuan(amount)}"
        zh += f"，金额 {format_yuan(amount)} 元"
    return en, zh


def _revoked_by(s: Session, notice: Notice) -> str | None:
    return s.scalar(select(Notice.doc_number).where(Notice.revokes_notice_id == notice.id))


def _standing(s: Session, notice: Notice, how_en: str, how_zh: str) -> VerificationResult:
    """genuine or revoked, with what the notice states."""
    facts = _facts(s, notice)
    number = notice.doc_number
    en, zh = _describe(facts, number)
    revoked_by = _revoked_by(s, notice)
    if revoked_by:
        return VerificationResult(
            "revoked",
            number,
            f"REVOKED: {en}, was issued by this office{how_en}, but revoked later by "
            f"{revoked_by}. It no longer stands.",
            f"已撤销：{zh}，由本办公室出具{how_zh}，但已被 {revoked_by} 撤销，不再有效。",
            revoked_by=revoked_by,
            **facts,
        )
    return VerificationResult(
        "genuine",
        number,
        f"Genuine: {en}, was issued by this office{how_en} (it is in this database's register; "
        "a code alone, without the register, would not prove that).",
        f"真实有效：{zh}，由本办公室出具{how_zh}（本数据库登记簿中有此通知书；没有登记簿，仅凭核验码不能证明这一点）。",
        **facts,
    )


# ----- by code ---------------------------------------------------------------------------------


def verify_code(db: Database, text: str) -> VerificationResult:
    """Whether a verification code (as typed, or the QR code's text) is one this office issued.

    The QR code holds the document number too; then the number must be that notice's. A code
    of another office, or a mistyped one, is unknown here: the sentence says to check the typing
    and that another office's notice is checked at that office.
    """
    number, code_text = parse_scanned(text)
    code = parse_code(code_text)
    if code is None:
        raise ValidationError(
            f"“{code_text.strip()[:40]}” is not a verification code: it has 16 letters and "
            "digits in four groups, like K7Q2-M9XD-4HTP-A3BC, printed beside the QR code.",
            f"“{code_text.strip()[:40]}”不是核验码：核验码为四组共16位字母和数字，"
            "如 K7Q2-M9XD-4HTP-A3BC，印在二维码旁。",
            field="code",
        )
    with db.read() as s:
        notice = s.scalar(select(Notice).where(Notice.verification_code == code))
        if notice is None:
            # On the city, a district's notice: its bundles brought the record (issue 17.3).
            district = verify_district_code(s, code, number)
            if district is not None:
                return district
            receipt = receipt_for_code(s, code)  # a rent receipt carries a code too (issue 14.3)
            if receipt is not None:
                return _receipt_standing(receipt)
            return VerificationResult(
                "unknown",
                number,
                f"No notice of this office has the code {code}. Check it as printed (the code "
                "uses the letters A–Z and the digits 2–7); a notice of another office is "
                "verified at that office.",
                f"本办公室没有核验码为 {code} 的通知书。请对照纸面核对（核验码由字母 A–Z 和数字 "
                "2–7 组成）；其他办公室的通知书请向该办公室核验。",
            )
        if number is not None and number != notice.doc_number:
            return VerificationResult(
                "altered",
                number,
                f"ALTERED: the code {code} belongs to {notice.doc_number}, not to {number} as the "
                "paper's QR code says. Do not accept it.",
                f"已被篡改：核验码 {code} 属于 {notice.doc_number}，而非二维码所称的 {number}。请勿采信。",
                notice_id=notice.id,
            )
        return _standing(s, notice, "", "")


def _receipt_standing(r: Receipt) -> VerificationResult:
    yuan = format_yuan(r.amount_fen)
    return VerificationResult(
        "genuine",
        r.number,
        f"GENUINE rent receipt {r.number}: {r.team_name_en or r.team_name} ({r.uscc}) paid "
        f"{yuan} yuan on {r.on.isoformat()}, received by {r.recorded_by}. Compare it with the "
        "paper.",
        f"真实的租金收据 {r.number}：{r.team_name}（{r.uscc}）于 {r.on.isoformat()} 缴纳 "
        f"{yuan} 元，经办人 {r.recorded_by}。请与纸面核对。",
        team_name=r.team_name,
        amount_fen=r.amount_fen,
        issue_date=r.on,
    )


# ----- a PDF file ------------------------------------------------------------------------------


def verify_pdf(db: Database, data: bytes) -> VerificationResult:
    """Whether ``data`` is a notice this office issued, unaltered — offline, from the file alone.

    genuine / revoked: the embedded content carries this office's code and the file is byte for
    byte the one issued under its number. altered: the file claims this office's number (in
    this office's name) but its content or bytes differ from what was issued. unknown: no notice
    data, another office's notice (even one whose number looks like ours), or a number this
    database never issued. A combined batch file is for printing: the answer names its notices
    and how each one stands by its code.
    """
    # pypdf (a tenth of the application's start) is imported when a file is checked.
    from aitown.notices.batch import read_batch
    from aitown.notices.verify_read import read_embedded

    try:
        embedded = read_embedded(data)
    except ValidationError as exc:
        return VerificationResult("unknown", None, exc.message, exc.message_zh or exc.message)
    if embedded is None:
        batch = read_batch(data)
        if batch:
            return _verify_batch(db, batch)
        return VerificationResult(
            "unknown",
            None,
            "The file carries no AI Town Desk notice data: it is not a notice of this office.",
            "该文件不含 AI Town Desk 通知书数据：不是本办公室出具的通知书。",
        )
    canonical = embedded["canonical_json"]
    code = embedded["verification_code"]
    content = embedded["content"]
    number = str(content.get("document_number") or "")
    claimed_office = str(content.get("office_name_zh") or "")
    with db.read() as s:
        notice = s.scalar(select(Notice).where(Notice.doc_number == number)) if number else None
        offices = [s.get(Office, notice.office_id)] if notice else list(s.scalars(select(Office)))
        signed = any(o is not None and code_matches(o.secret_key, canonical, code) for o in offices)
        if notice is None:
            if signed:
                return VerificationResult(
                    "unknown",
                    number,
                    f"NOT ISSUED HERE: {number} is not in this database's register. Its code was "
                    "made with this office's key, which anyone holding a copy of the office's "
                    "database or of a backup also has, so the code alone proves nothing. Do not "
                    "accept it unless the office confirms it from its current database.",
                    f"本数据库未出具：登记簿中没有 {number}。其核验码由本办公室的密钥生成，而持有本办公室"
                    "数据库或备份副本的任何人都能生成，因此仅凭核验码不能证明任何事。"
                    "除非本办公室用当前数据库确认，请勿采信。",
                )
            return VerificationResult(
                "unknown",
                number or None,
                f"The file is not a notice of this office: its number {number or '(none)'} and "
                "its verification code are not ours.",
                f"该文件不是本办公室出具的通知书：其文号 {number or '（无）'} 和核验码均不属于本办公室。",
            )
        office = offices[0]
        ours = office is not None and claimed_office == office.name_zh
        if not signed and not ours and code != notice.verification_code:
            # Same prefix and serial, another office's name and code: not ours, not forged.
            return VerificationResult(
                "unknown",
                number,
                f"The file is a notice in the name of {claimed_office or 'another office'}, not "
                f"of this office, though its number {number} is also one of ours (offices may "
                "share a prefix). Verify it with the office that issued it.",
                f"该文件是以“{claimed_office or '其他办公室'}”名义出具的通知书，不是本办公室的；"
                f"其文号 {number} 与本办公室的文号相同（前缀可能重复）。请向出具该文件的办公室核验。",
            )
        if not signed or canonical != notice.content_json:
            return VerificationResult(
                "altered",
                number,
                f"ALTERED: the file claims to be {number}, but its content differs from the "
                "notice issued under that number. Do not accept it; reprint the notice to compare.",
                f"已被篡改：该文件自称 {number}，但其内容与以该文号出具的通知书不同。"
                "请勿采信，可重印原件比对。",
                notice.id,
            )
        if sha256_hex(data) != notice.sha256:
            return VerificationResult(
                "altered",
                number,
                f"ALTERED: the content of {number} is as issued, but the file was modified after "
                "it was issued (its bytes differ). Ask for the original file or reprint it.",
                f"已被篡改：{number} 的内容与出具时一致，但文件在出具后被修改（字节不同）。"
                "请索取原件或重印。",
                notice.id,
            )
        return _standing(s, notice, " and the file is unaltered", "，文件未被修改")


def _verify_batch(db: Database, batch: list[dict[str, str]]) -> VerificationResult:
    """A combined print file: each of its notices checked by its code."""
    lines_en: list[str] = []
    lines_zh: list[str] = []
    for item in batch:
        try:
            result = verify_code(db, f"AITOWN-NOTICE|{item['number']}|{item['code']}")
        except ValidationError as exc:
            lines_en.append(f"{item['number']}: {exc.message}")
            lines_zh.append(f"{item['number']}：{exc.message_zh or exc.message}")
            continue
        lines_en.append(f"{item['number']}: {result.status}")
        lines_zh.append(f"{item['number']}：{_STATUS_ZH[result.status]}")
    return VerificationResult(
        "unknown",
        None,
        f"This is a combined print file of {len(batch)} notices, not a notice: it cannot be "
        "verified as a file. By their codes: " + "; ".join(lines_en) + ". Verify each notice's "
        "own PDF, or its code.",
        f"这是 {len(batch)} 份通知书合并的打印文件，不是单份通知书，不能作为文件核验。按核验码："
        + "；".join(lines_zh)
        + "。请核验每份通知书本身的 PDF 或其核验码。",
    )


_STATUS_ZH = {"genuine": "真实有效", "revoked": "已撤销", "altered": "已被篡改", "unknown": "未知"}
