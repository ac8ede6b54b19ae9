"""What a notice says, in plain values: the renderer's only input.

A :class:`NoticeDocument` is built by the issuing service (phase 2) from the database and the
decision; the renderer turns it into PDF bytes and nothing else. The same document always gives
the same bytes, and :meth:`NoticeDocument.canonical_json` is the stable text the verification code
(an HMAC) is computed over and that the PDF carries for the verifier.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Final, Literal, NoReturn

from aitown.errors import ValidationError

NoticeKind = Literal[
    "admission",
    "rent_waiver",
    "startup_grant",
    "voucher_compute",
    "voucher_model",
    "voucher_corpus",
    "talent_award",
    "rejection",
    "revocation",
]
KINDS: Final[tuple[str, ...]] = (
    "admission",
    "rent_waiver",
    "startup_grant",
    "voucher_compute",
    "voucher_model",
    "voucher_corpus",
    "talent_award",
    "rejection",
    "revocation",
)

LanguageMode = Literal["zh+en", "en-page"]
#: English paragraph by paragraph under the Chinese, on the same pages.
ZH_WITH_EN: Final = "zh+en"
#: The whole notice in Chinese, then the English version starting on a page of its own.
EN_PAGE: Final = "en-page"
LANGUAGE_MODES: Final[tuple[str, ...]] = (ZH_WITH_EN, EN_PAGE)

#: Version of the canonical JSON layout; bump it when a field changes meaning.
#: 2: the seal is named by its image's SHA-256 (``seal_sha256``), no longer by a file path;
#: ``seal_mark`` says whether the seal's position is marked.
CANONICAL_FORMAT: Final = 2
#: Formats :meth:`NoticeDocument.from_canonical_json` still reads (notices issued before).
READABLE_FORMATS: Final = (1, 2)
#: Fields that are not part of the signed content.
UNSIGNED_FIELDS: Final = ("verification_code", "seal_png")


@dataclass(frozen=True)
class AmountRow:
    """One line of the amounts table: a label in both languages and its value as shown."""

    label_zh: str
    label_en: str
    value: str


@dataclass(frozen=True)
class ScheduleRow:
    """One month of a rent waiver schedule (POLICY.md §2.2–2.3)."""

    month: int  # 1 for the lease's first month
    period_start: date
    period_end: date
    rent_fen: int
    waived_percent: str  # as shown, e.g. "100%", "50%", "42.86%" (area pro-rated)
    waived_fen: int


@dataclass(frozen=True)
class RejectionRule:
    """A rule the application failed: its clause in the policy and the reason with its facts."""

    clause: str  # e.g. "1.2"
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class NoticeDocument:
    """Everything one notice shows. Build it, then ``render_notice(doc)``.

    ``body_zh`` and ``body_en`` are paragraphs, one English paragraph per Chinese one, printed
    before the tables; ``closing_zh`` / ``closing_en`` (optional) are printed after them, just
    above the signature (what to do next, how to appeal, 特此通知。).
    ``main_amount_fen`` is the notice's amount (grant, voucher, award, total waived, amount to
    repay), shown in digits and in Chinese capitals. ``verification_code`` is printed and put in
    the QR code; it is not part of :meth:`canonical_json` because it is computed from it.
    ``seal_png`` is the office's seal image (PNG bytes) printed over the signature; the signed
    content names it by ``seal_sha256``, and the renderer refuses an image that does not match.
    ``seal_mark`` (an office setting) prints a faint mark where the seal goes; by default
    nothing is printed there, since the office stamps its real seal by hand.
    """

    kind: str
    office_name_zh: str
    office_name_en: str
    document_number: str
    title_zh: str
    title_en: str
    addressee_zh: str
    addressee_en: str
    body_zh: tuple[str, ...]
    body_en: tuple[str, ...]
    issue_date: date
    verification_code: str
    closing_zh: tuple[str, ...] = ()
    closing_en: tuple[str, ...] = ()
    amounts: tuple[AmountRow, ...] = ()
    main_amount_fen: int | None = None
    schedule: tuple[ScheduleRow, ...] = ()
    rejection_rules: tuple[RejectionRule, ...] = ()
    copied_to_zh: tuple[str, ...] = ()
    copied_to_en: tuple[str, ...] = ()
    language_mode: str = ZH_WITH_EN
    seal_sha256: str | None = None
    seal_mark: bool = False
    seal_png: bytes | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept lists from callers but keep tuples, so the document stays hashable and immutable.
        for name in (
            "body_zh",
            "body_en",
            "closing_zh",
            "closing_en",
            "amounts",
            "schedule",
            "rejection_rules",
            "copied_to_zh",
            "copied_to_en",
        ):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                _invalid(name, "a list", "一个列表")
            object.__setattr__(self, name, tuple(value))
        self._validate()

    def _validate(self) -> None:
        if self.kind not in KINDS:
            _invalid("kind", "one of " + ", ".join(KINDS), "下列之一：" + "、".join(KINDS))
        if self.language_mode not in LANGUAGE_MODES:
            _invalid("language_mode", "“zh+en” or “en-page”", "“zh+en”或“en-page”")
        for name in (
            "office_name_zh",
            "office_name_en",
            "document_number",
            "title_zh",
            "title_en",
            "addressee_zh",
            "addressee_en",
            "verification_code",
        ):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                _invalid(name, "a non-empty text", "非空文字")
        if not self.body_zh or len(self.body_zh) != len(self.body_en):
            _invalid(
                "body_en",
                "one English paragraph for each Chinese paragraph (at least one)",
                "与中文段落一一对应的英文段落（至少一段）",
            )
        if len(self.closing_zh) != len(self.closing_en):
            _invalid(
                "closing_en",
                "one English paragraph for each Chinese one",
                "与中文段落一一对应的英文段落",
            )
        for name in (
            "body_zh",
            "body_en",
            "closing_zh",
            "closing_en",
            "copied_to_zh",
            "copied_to_en",
        ):
            if not all(isinstance(p, str) and p.strip() for p in getattr(self, name)):
                _invalid(name, "non-empty texts", "非空文字")
        if len(self.copied_to_zh) != len(self.copied_to_en):
            _invalid(
                "copied_to_en", "one English name for each Chinese one", "与中文一一对应的英文名称"
            )
        if type(self.issue_date) is not date:
            _invalid("issue_date", "a date", "日期")
        if self.main_amount_fen is not None and (
            type(self.main_amount_fen) is not int or self.main_amount_fen < 0
        ):
            _invalid(
                "main_amount_fen", "a whole number of fen, zero or more", "以分为单位的非负整数"
            )
        if not all(isinstance(r, AmountRow) for r in self.amounts):
            _invalid("amounts", "AmountRow rows", "AmountRow 行")
        if not all(isinstance(r, RejectionRule) for r in self.rejection_rules):
            _invalid("rejection_rules", "RejectionRule rows", "RejectionRule 行")
        for row in self.schedule:
            if not isinstance(row, ScheduleRow):
                _invalid("schedule", "ScheduleRow rows", "ScheduleRow 行")
            if any(type(v) is not int or v < 0 for v in (row.rent_fen, row.waived_fen)):
                _invalid(
                    "schedule", "amounts in whole fen, zero or more", "以分为单位的非负整数金额"
                )
        if self.seal_sha256 is not None and not (
            isinstance(self.seal_sha256, str) and len(self.seal_sha256) == 64
        ):
            _invalid("seal_sha256", "a SHA-256 in hex", "十六进制的 SHA-256")
        if type(self.seal_mark) is not bool:
            _invalid("seal_mark", "true or false", "true 或 false")
        if self.seal_png is not None and not isinstance(self.seal_png, bytes):
            _invalid("seal_png", "PNG bytes", "PNG 数据")

    def texts(self) -> list[tuple[str, str]]:
        """Every text the notice prints, as ``(field name, text)`` pairs (for the glyph check)."""
        out: list[tuple[str, str]] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str) and f.name not in ("kind", "language_mode", "seal_sha256"):
                out.append((f.name, value))
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        out.append((f"{f.name}[{i}]", item))
                    else:
                        out.extend(
                            (f"{f.name}[{i}].{k}", v)
                            for k, v in vars(item).items()
                            if isinstance(v, str)
                        )
        return out

    def canonical_content(self) -> dict[str, Any]:
        """The document as JSON-ready values, without the verification code and seal image."""
        content: dict[str, Any] = {"format": CANONICAL_FORMAT}
        for f in fields(self):
            if f.name in UNSIGNED_FIELDS:
                continue
            content[f.name] = _plain(getattr(self, f.name))
        return content

    def canonical_json(self) -> str:
        """A stable serialization: sorted keys, no spaces, UTF-8 text, dates in ISO form.

        Two equal documents give the same string on every machine and Python version; the
        issuing service computes the verification code (HMAC) over its UTF-8 bytes.
        """
        return json.dumps(
            self.canonical_content(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )

    @classmethod
    def from_canonical_json(
        cls, text: str, verification_code: str, seal_png: bytes | None = None
    ) -> NoticeDocument:
        """Rebuild the document from :meth:`canonical_json` (e.g. to re-render and compare)."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            raise ValidationError(
                "The notice data is not valid JSON.", "通知书数据不是有效的 JSON。"
            ) from None
        version = data.pop("format", None) if isinstance(data, dict) else None
        if version == 1:
            # Format 1 named the seal by a temporary file's path; the image is not kept there.
            data.pop("seal_image", None)
        if not isinstance(data, dict) or version not in READABLE_FORMATS:
            raise ValidationError(
                "The notice data has an unknown format; update AI Town Desk.",
                "通知书数据格式未知，请更新 AI Town Desk。",
            )
        try:
            data["issue_date"] = date.fromisoformat(data["issue_date"])
            data["amounts"] = [AmountRow(**r) for r in data.get("amounts", [])]
            data["rejection_rules"] = [RejectionRule(**r) for r in data.get("rejection_rules", [])]
            data["schedule"] = [
                ScheduleRow(
                    **{
                        **r,
                        "period_start": date.fromisoformat(r["period_start"]),
                        "period_end": date.fromisoformat(r["period_end"]),
                    }
                )
                for r in data.get("schedule", [])
            ]
            return cls(**data, verification_code=verification_code, seal_png=seal_png)
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                "The notice data is incomplete or damaged.", "通知书数据不完整或已损坏。"
            ) from None


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (AmountRow, ScheduleRow, RejectionRule)):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _invalid(name: str, expected_en: str, expected_zh: str) -> NoReturn:
    raise ValidationError(
        f"The notice's {name} must be {expected_en}; correct the notice data and try again.",
        f"通知书的 {name} 必须是{expected_zh}；请更正通知书数据后重试。",
        field=name,
    )
