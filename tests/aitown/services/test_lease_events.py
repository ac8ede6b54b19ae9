"""The rent in a lease's audit events: integer fen like every other event (``lease.create`` and
``lease.renew`` stored it as yuan text before), and the history reads the old form and the new
one alike, in both languages."""

from __future__ import annotations

import datetime as dt
import json

from aitown.event_text import describe_both
from aitown.services.audit_log import AuditRow, list_events
from aitown.services.event_lines import event_lines
from aitown.services.lease_lifecycle import renew_lease
from tests.aitown.services.test_lease_lifecycle import JUN_30, tenant


def lease_events(db, staff) -> list[AuditRow]:
    rows = list_events(db, staff.admin, entity="lease", limit=100)
    return sorted(rows, key=lambda r: r.id)


def test_lease_and_renewal_events_store_the_rent_in_fen(db, staff):
    _, _, lease = tenant(db, staff, rent="10000.50")
    renew_lease(db, staff.desk, lease, "2027-06-30", monthly_rent="10,500")
    created, renewed = lease_events(db, staff)
    assert (created.action, renewed.action) == ("lease.create", "lease.renew")
    assert json.loads(created.after_json or "")["monthly_rent"] == 10000_50
    assert json.loads(renewed.after_json or "")["monthly_rent"] == 10500_00
    first, second = event_lines(db, [created, renewed])
    assert "monthly rent 10,000.50 yuan" in first.what.en
    assert "月租金 10,000.50 元" in first.what.zh
    assert "monthly rent 10,500.00 yuan" in second.what.en
    assert "月租金 10,500.00 元" in second.what.zh
    # The renewal names the lease it follows in words, in Chinese too.
    assert f"renews lease no. {lease}" in second.what.en
    assert f"续签的原租约编号 {lease}" in second.what.zh
    assert "renews" not in second.what.zh and JUN_30.isoformat() not in second.what.en


def old_event(action: str, rent: object) -> AuditRow:
    """An event as databases written before the change hold it (the rent as yuan text)."""
    after = {"team_id": 3, "space": "1号楼 101", "start_on": "2026-01-01", "end_on": "2026-12-31"}
    return AuditRow(
        1,
        dt.datetime(2026, 1, 1, 9, 0),
        "desk1",
        action,
        "lease",
        "9",
        None,
        json.dumps({**after, "monthly_rent": rent}, ensure_ascii=False),
    )


def test_old_yuan_text_and_new_fen_read_the_same():
    for action in ("lease.create", "lease.renew"):
        new = describe_both(old_event(action, 8000_50))
        assert "monthly rent 8,000.50 yuan" in new.en and "月租金 8,000.50 元" in new.zh
        for text in ("8,000.50", "8000.50"):  # as format_yuan wrote it; as a person might
            assert describe_both(old_event(action, text)) == new, text
