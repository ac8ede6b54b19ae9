"""Members: checked identity numbers, masking, tiers."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from stdnum.cn import ric

from aitown.errors import ConflictError, ValidationError
from aitown.models import AuditEvent, Member
from aitown.services import members as svc
from aitown.services import teams
from tests.aitown.services.test_teams import team_values

ID = "31010419900307" + "123"
ID = ID + ric.calc_check_digit(ID + "0")


def test_add_member_masks_identity_in_audit(db, staff):
    team_id = teams.create_team(db, staff.desk, team_values())
    mid = svc.add_member(
        db,
        staff.desk,
        team_id,
        {
            "name": "王伟",
            "id_number": ID,
            "talent_tier": "a",
            "joined_on": "2023-04-01",
            "is_founder": True,
        },
    )
    with db.read() as s:
        m = s.get(Member, mid)
        assert (m.talent_tier, m.id_number, m.is_founder) == ("A", ID, True)
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "member.add")).one()
        assert ID not in ev.after_json and svc.mask_id_number(ID) in ev.after_json
    with pytest.raises(ConflictError):
        svc.add_member(
            db, staff.desk, team_id, {"name": "王伟", "id_number": ID, "joined_on": "2023-04-01"}
        )


BAD_ID = ID[:-1] + ("0" if ID[-1] != "0" else "1")


@pytest.mark.parametrize(
    ("field", "value"),
    [("id_number", BAD_ID), ("talent_tier", "S"), ("joined_on", "yesterday"), ("name", "")],
)
def test_bad_member_values(db, staff, field, value):
    team_id = teams.create_team(db, staff.desk, team_values())
    values = {"name": "李娜", "joined_on": "2023-04-01", field: value}
    with pytest.raises(ValidationError) as err:
        svc.add_member(db, staff.desk, team_id, values)
    assert err.value.field == field


def test_masks():
    assert svc.mask_id_number(ID) == ID[:4] + "*" * 10 + ID[-4:]
    assert svc.mask_phone("13912345678") == "139****5678"
    assert svc.mask_id_number(None) == ""


def test_team_members_are_masked_by_the_service_for_a_role_without_the_right(db, staff):
    team_id = teams.create_team(db, staff.desk, team_values())
    svc.add_member(
        db,
        staff.desk,
        team_id,
        {"name": "王伟", "id_number": ID, "phone": "13812345678", "joined_on": "2023-04-01"},
    )
    assert not staff.desk.can("personal_data.view") and staff.admin.can("personal_data.view")
    [seen_by_desk] = teams.team_members(db, team_id, viewer=staff.desk)
    assert (seen_by_desk.id_number, seen_by_desk.phone) == (svc.mask_id_number(ID), "138****5678")
    assert seen_by_desk.masked and ID not in repr(seen_by_desk)
    [seen_by_admin] = teams.team_members(db, team_id, viewer=staff.admin)
    assert (seen_by_admin.id_number, seen_by_admin.phone, seen_by_admin.masked) == (
        ID,
        "13812345678",
        False,
    )


# Another person born a week later whose number has the same first and last four characters.
OTHER_ID = "31010419900315" + "123"
OTHER_ID = OTHER_ID + ric.calc_check_digit(OTHER_ID + "0")


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        # Same first four and last four digits: the masks alone would read the same.
        ("id_number", ID, OTHER_ID),
        ("phone", "13812345678", "13899995678"),
    ],
)
def test_a_changed_identity_number_or_phone_leaves_a_trace(db, staff, field, old, new):
    team_id = teams.create_team(db, staff.desk, team_values())
    mid = svc.add_member(
        db, staff.desk, team_id, {"name": "王伟", "joined_on": "2023-04-01", field: old}
    )
    svc.update_member(db, staff.desk, mid, 1, {field: new})
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "member.update")).one()
    before, after = json.loads(ev.before_json), json.loads(ev.after_json)
    assert before != after
    assert svc.mask_id_number(ID) == svc.mask_id_number(OTHER_ID)  # why masks alone are not enough
    assert before[f"{field}_key"] != after[f"{field}_key"]
    assert old not in ev.before_json + ev.after_json and new not in ev.after_json
    # Saving again without a change of the number records nothing about it.
    svc.update_member(db, staff.desk, mid, 2, {"role": "CTO"})
    with db.read() as s:
        last = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "member.update")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert f"{field}_key" not in json.loads(last.after_json)
