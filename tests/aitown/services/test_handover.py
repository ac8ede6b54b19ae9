"""Move-in and move-out records and the hand-over sheet (交接单) in Chinese and English."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from aitown.errors import PermissionDenied, ValidationError
from aitown.models import AuditEvent
from aitown.services import leases, teams
from aitown.services.handover import HandoverInput, handover_sheet, record_handover
from aitown.services.handover_pdf import handover_pdf
from tests.aitown.services.test_teams import team_values

D = dt.date


@pytest.fixture
def lease_id(db, staff):
    team_id = teams.create_team(db, staff.desk, team_values())
    space = leases.create_space(db, staff.admin, "1号楼", "101", "80", "8000")
    return leases.create_lease(db, staff.desk, team_id, space, "2026-01-01", "2026-12-31")


def move_in(**over):
    values = dict(
        handed_on="2026-01-01",
        keys="3",
        cards="4",
        electricity="1234.5",
        water="56.78",
        condition="墙面完好，空调2台",
        deposit="16000",
        tenant_signatory="张三",
    )
    values.update(over)
    return HandoverInput(**values)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_move_in_and_out_are_recorded_checked_and_audited(any_db, any_staff):
    db, st = any_db, any_staff
    team_id = teams.create_team(db, st.desk, team_values())
    space = leases.create_space(db, st.admin, "1号楼", "101", "80", "8000")
    lease = leases.create_lease(db, st.desk, team_id, space, "2026-01-01", "2026-12-31")
    with pytest.raises(PermissionDenied):
        record_handover(db, st.reviewer, lease, "move_in", move_in())
    first = record_handover(db, st.desk, lease, "move_in", move_in())
    # Recording again corrects the same record.
    assert record_handover(db, st.desk, lease, "move_in", move_in(keys="2")) == first
    with pytest.raises(ValidationError, match="less than at move-in"):
        record_handover(
            db, st.desk, lease, "move_out", move_in(handed_on="2026-12-31", electricity="1000")
        )
    with pytest.raises(ValidationError, match="more than the deposit received"):
        record_handover(
            db,
            st.desk,
            lease,
            "move_out",
            move_in(handed_on="2026-12-31", electricity="2000", deposit="15000", deducted="1500"),
        )
    record_handover(
        db,
        st.desk,
        lease,
        "move_out",
        move_in(
            handed_on="2026-12-31",
            electricity="2000",
            water="60",
            deposit="15000",
            deducted="1000",
            condition="地毯污损一处",
        ),
    )
    sheet = handover_sheet(db, lease)
    assert sheet.move_in.keys == 2 and sheet.move_in.electricity_hundredths == 123450
    assert sheet.move_in.deposit == 16000_00 and sheet.move_out.deducted == 1000_00
    with db.read() as s:
        events = [
            (e.action, json.loads(e.before_json)["keys"] if e.before_json else None)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == "lease_handover")
                .order_by(AuditEvent.id)
            )
        ]
    assert events == [("lease.move_in", None), ("lease.move_in", 3), ("lease.move_out", None)]


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"electricity": "-1"}, "not a meter reading"),
        ({"water": "1.234"}, "not a meter reading"),
        ({"keys": "two"}, "not a whole number"),
        ({"deposit": "-5"}, "negative"),
        ({"handed_on": "2025-06-01"}, "far from the lease"),
        ({"deducted": "10"}, "Nothing is kept back"),
    ],
)
def test_bad_hand_over_input_gets_its_sentence(db, staff, lease_id, over, words):
    with pytest.raises(ValidationError, match=words):
        record_handover(db, staff.desk, lease_id, "move_in", move_in(**over))
    assert handover_sheet(db, lease_id).move_in is None


def test_hand_over_sheet_pdf_in_chinese_and_english(db, staff, lease_id):
    record_handover(db, staff.desk, lease_id, "move_in", move_in())
    both = handover_pdf(db, staff.desk, lease_id, lang="zh+en", today=D(2026, 1, 2))
    reader = PdfReader(io.BytesIO(both))
    assert len(reader.pages) == 2
    zh, en = (page.extract_text() for page in reader.pages)
    assert "房屋交接单" in zh and "1,234.50" in zh and "壹万陆仟元整" in zh and "尚未登记" in zh
    assert "Hand-over sheet" in en and "Deposit received" in en and "not yet recorded" in en
    # The same sheet prints the same bytes (no time stamp inside).
    assert handover_pdf(db, staff.desk, lease_id, lang="zh+en", today=D(2026, 1, 2)) == both
    with db.read() as s:
        assert (
            len(
                s.scalars(
                    select(AuditEvent).where(AuditEvent.action == "lease.handover_sheet")
                ).all()
            )
            == 2
        )
    with pytest.raises(ValidationError, match="not a language"):
        handover_pdf(db, staff.desk, lease_id, lang="fr")
