"""NoticeDocument: validation of its plain values and the canonical JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from aitown.errors import ValidationError
from aitown.notices.document import (
    KINDS,
    AmountRow,
    NoticeDocument,
    RejectionRule,
)
from aitown.notices.samples import SAMPLE_KINDS, sample_document


def test_samples_cover_every_kind() -> None:
    assert set(SAMPLE_KINDS) == set(KINDS)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "grant"}, "kind"),
        ({"language_mode": "en"}, "language_mode"),
        ({"document_number": "  "}, "document_number"),
        ({"verification_code": ""}, "verification_code"),
        ({"body_en": ()}, "body_en"),
        ({"body_zh": ("一", "二"), "body_en": ("one",)}, "body_en"),
        ({"closing_zh": ("特此通知。",)}, "closing_en"),
        ({"copied_to_en": ()}, "copied_to_en"),
        ({"main_amount_fen": -1}, "main_amount_fen"),
        ({"main_amount_fen": 100.0}, "main_amount_fen"),
        ({"main_amount_fen": True}, "main_amount_fen"),
        ({"issue_date": datetime(2026, 11, 23, 9, 0)}, "issue_date"),
        ({"amounts": ("合同",)}, "amounts"),
        ({"body_zh": "一段"}, "body_zh"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(change: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        replace(sample_document("startup_grant"), **change)
    assert err.value.field == field
    assert field in err.value.message and err.value.message_zh


def test_lists_become_tuples() -> None:
    doc = replace(
        sample_document("admission"),
        body_zh=["一"],
        body_en=["one"],
        amounts=[AmountRow("甲", "A", "1")],
    )
    assert doc.body_zh == ("一",) and isinstance(doc.amounts, tuple)
    hash(doc)  # frozen and hashable


def test_canonical_json_is_stable_and_leaves_out_the_code() -> None:
    a = sample_document("rent_waiver")
    b = replace(sample_document("rent_waiver"), verification_code="OTHER-CODE")
    assert a.canonical_json() == b.canonical_json()
    text = a.canonical_json()
    assert "K7Q2" not in text and "verification_code" not in text
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["format"] == 2
    assert data["seal_sha256"] is None and data["seal_mark"] is False
    assert data["issue_date"] == "2026-11-23"
    assert data["schedule"][0]["period_start"] == "2026-01-01"
    assert data["main_amount_fen"] == 75_600_000
    assert " " not in text.split('"addressee_en"')[0]  # compact separators
    assert "徐汇" in text  # UTF-8 text, not \\u escapes


def test_canonical_json_changes_with_any_content() -> None:
    base = sample_document("voucher_compute")
    changed = [
        replace(base, main_amount_fen=base.main_amount_fen + 1),
        replace(base, addressee_zh="上海另一家科技有限公司"),
        replace(base, issue_date=date(2026, 11, 24)),
        replace(base, language_mode="en-page"),
    ]
    texts = {base.canonical_json(), *(d.canonical_json() for d in changed)}
    assert len(texts) == 1 + len(changed)


@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_canonical_json_round_trips(kind: str) -> None:
    doc = sample_document(kind)
    again = NoticeDocument.from_canonical_json(doc.canonical_json(), doc.verification_code)
    assert again == doc


def test_damaged_canonical_json_is_refused() -> None:
    with pytest.raises(ValidationError):
        NoticeDocument.from_canonical_json("{not json", "X")
    with pytest.raises(ValidationError):
        NoticeDocument.from_canonical_json('{"format": 99}', "X")
    data = json.loads(sample_document("admission").canonical_json())
    del data["title_zh"]
    with pytest.raises(ValidationError):
        NoticeDocument.from_canonical_json(json.dumps(data), "X")


def test_texts_name_every_printed_field() -> None:
    doc = replace(
        sample_document("rejection"),
        rejection_rules=(RejectionRule("1.2", "理由", "reason"),),
    )
    names = dict(doc.texts())
    assert names["addressee_zh"] == doc.addressee_zh
    assert names["rejection_rules[0].reason_en"] == "reason"
    assert names["rejection_rules[0].clause"] == "1.2"
    assert "kind" not in names and "language_mode" not in names
