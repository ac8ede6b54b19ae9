"""Real applications of every kind, decided through the services, for the notice tests.

Each builder makes a fresh admitted team (distinct credit code per ``n``) and returns the id of
an application whose decision calls for the notice kind named.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

from pypdf import PdfReader
from stdnum.cn import ric, uscc

from aitown.db import Database
from aitown.services import applications as apps
from aitown.services import leases, members, teams
from tests.aitown.makers import pass_publicity, team_values
from tests.conftest import Staff

TODAY = dt.date.today()
VENDOR = "91310115MA1K4HXX0" + uscc.calc_check_digit("91310115MA1K4HXX0")
VENDOR_NAME = "上海云擎算力科技有限公司"
ID_BODY = "31010419850615123"
PERSON_ID = ID_BODY + ric.calc_check_digit(ID_BODY + "0")

KINDS = (
    "admission",
    "rent_waiver",
    "startup_grant",
    "compute_voucher",
    "model_voucher",
    "corpus_voucher",
    "talent_award",
    "rejection",
    "revocation",
)


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF with whitespace removed (Chinese lines break anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def admitted_team(
    db: Database,
    staff: Staff,
    n: int,
    *,
    founded_days: int = 3 * 365,
    admitted_days: int = 200,
    area: str = "150",
    rent: str = "20000",
    lease: bool = True,
    **values: object,
) -> int:
    """An admitted team with a lease of a unit of its own (unit ``U{n}``)."""
    founded = TODAY - dt.timedelta(days=founded_days)
    team_id = teams.create_team(
        db,
        staff.desk,
        team_values(n, founded_on=founded.isoformat(), **values),
    )
    admitted = TODAY - dt.timedelta(days=admitted_days)
    teams.set_team_status(db, staff.desk, team_id, "admitted", admitted)
    if lease:
        space = leases.create_space(db, staff.admin, "漕河泾AI小镇2号楼", f"U{n}", area, rent)
        leases.create_lease(
            db, staff.desk, team_id, space, admitted, admitted + dt.timedelta(days=3 * 365)
        )
    return team_id


def decided(db: Database, staff: Staff, team_id: int, benefit: str, **kw: object) -> int:
    """Record (desk), submit and approve (reviewer) an application; its id."""
    rec = apps.record_application(db, staff.desk, team_id, benefit, **kw)  # type: ignore[arg-type]
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pass_publicity(db, staff.admin)  # the award notice waits for it (issue 13.5)
    return rec.application_id


def voucher_terms(contract: str = "1250000") -> dict[str, object]:
    return {
        "contract_amount": contract,
        "vendor_uscc": VENDOR,
        "vendor_name": VENDOR_NAME,
        "vendor_legal_rep": "赵云",
        "contract_start": dt.date(TODAY.year, 1, 1).isoformat(),
        "contract_end": dt.date(TODAY.year, 12, 31).isoformat(),
    }


def tier_a_member(db: Database, staff: Staff, team_id: int, name: str = "张晓明") -> int:
    return members.add_member(
        db,
        staff.desk,
        team_id,
        {
            "name": name,
            "role": "首席科学家",
            "full_time": True,
            "talent_tier": "A",
            "id_number": PERSON_ID,
            "joined_on": (TODAY - dt.timedelta(days=400)).isoformat(),
        },
    )


def application_for(
    db: Database,
    staff: Staff,
    kind: str,
    n: int,
    *,
    before_revoking: Callable[[int], object] | None = None,
) -> int | None:
    """An application decided so that it calls for a notice of ``kind`` (None for admission,
    a notice of the team). A rejection fails §1.2 (founded six years ago) and §3.1 (a tenant for
    40 days, with the day it would pass); a revocation is of a paid rent waiver of a team that
    left within 12 months, ``before_revoking(app_id)`` being called while it still stands (to
    issue its award notice)."""
    if kind == "admission":
        return None
    if kind == "rejection":
        team_id = admitted_team(db, staff, n, founded_days=6 * 365, admitted_days=40)
        rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
        apps.submit_application(db, staff.desk, rec.application_id)
        apps.reject_application(db, staff.reviewer, rec.application_id)
        return rec.application_id
    if kind == "revocation":
        team_id = admitted_team(db, staff, n, rent="10000")
        app_id = decided(db, staff, team_id, "rent_waiver")
        apps.disburse_application(db, staff.admin, app_id)
        if before_revoking is not None:
            before_revoking(app_id)
        teams.set_team_status(db, staff.desk, team_id, "withdrawn", TODAY)
        apps.revoke_application(db, staff.admin, app_id, "退出小镇不满12个月")
        return app_id
    team_id = admitted_team(db, staff, n)
    if kind in ("compute_voucher", "model_voucher", "corpus_voucher"):
        return decided(db, staff, team_id, kind, **voucher_terms())
    if kind == "talent_award":
        return decided(db, staff, team_id, kind, member_id=tier_a_member(db, staff, team_id))
    return decided(db, staff, team_id, kind)
