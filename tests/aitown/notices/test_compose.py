"""Composing notices from the database: what each kind states, taken from the stored decision."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, update

from aitown.errors import ConflictError, ValidationError
from aitown.models import Application, Office, Team
from aitown.notices.compose import (
    IssueDetails,
    check_kind,
    compose_admission_notice,
    compose_application_notice,
    kind_for_application,
)
from aitown.notices.compose_common import clauses_en, clauses_zh
from aitown.notices.render import render_notice
from aitown.services import applications as apps
from aitown.services import leases
from aitown.services.office import update_office
from aitown.services.office_notices import set_seal_image
from aitown.services.policies import current_policy
from tests.aitown.notices.notice_cases import (
    PERSON_ID,
    TODAY,
    admitted_team,
    application_for,
    decided,
    pdf_text,
    tier_a_member,
    voucher_terms,
)

DETAILS = IssueDetails(dt.date(2026, 11, 23), "zh+en")


def compose(db, app_id: int, **kw):
    with db.read() as s:
        return compose_application_notice(s, s.get(Application, app_id), DETAILS, **kw)


def everything(doc) -> str:
    return "\n".join(text for _, text in doc.texts())


def test_clause_ranges_read_naturally() -> None:
    assert clauses_zh(["2.5"]) == "第2.5条" and clauses_en(["2.5"]) == "clause 2.5"
    assert clauses_zh(["4.1", "4.2"]) == "第4.1条、第4.2条"
    assert clauses_en(["4.1", "4.2"]) == "clauses 4.1 and 4.2"
    assert clauses_zh(["3.1", "3.2", "3.3", "3.4"]) == "第3.1条至第3.4条"
    assert clauses_en(["7.1", "7.2", "7.3"]) == "clauses 7.1 to 7.3"


def test_kinds_by_name_and_the_renderers_alias() -> None:
    assert check_kind("compute_voucher") == "compute_voucher"
    assert check_kind("voucher_corpus") == "corpus_voucher"
    with pytest.raises(ValidationError, match="not a kind of notice"):
        check_kind("voucher")


def test_an_undecided_application_gets_no_notice(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    with db.read() as s:
        app = s.get(Application, rec.application_id)
        with pytest.raises(ConflictError) as err:
            kind_for_application(app)
    assert "approved, rejected or revoked" in err.value.message
    assert "请先作出决定" in (err.value.message_zh or "")


def test_startup_grant_with_a_tier_a_founder(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    from aitown.services import members

    members.add_member(
        db,
        staff.desk,
        team_id,
        {
            "name": "李创",
            "is_founder": True,
            "full_time": True,
            "talent_tier": "A",
            "joined_on": "2023-03-02",
        },
    )
    doc = compose(db, decided(db, staff, team_id, "startup_grant"))
    assert doc.kind == "startup_grant" and doc.main_amount_fen == 200_000_00
    assert "A类人才" in doc.body_zh[0] and "第3.1条至第3.4条" in doc.body_zh[0]
    assert "talent tier A" in doc.body_en[0] and "clauses 3.1 to 3.4" in doc.body_en[0]
    assert "《上海人工智能小镇2025》" in doc.body_zh[0]


def test_rejection_lists_only_failed_rules_for_the_founder(db, staff) -> None:
    team_id = admitted_team(db, staff, 1, founded_days=6 * 365)
    with db.write() as s:  # nobody checked the list (§1.5 unknown); an AI focus not on the list
        s.execute(update(Team).where(Team.id == team_id).values(dishonest=None, ai_focus="web3"))
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.reject_application(db, staff.reviewer, rec.application_id, "成立时间过长")
    doc = compose(db, rec.application_id)
    assert doc.kind == "rejection" and doc.main_amount_fen is None
    # 1.5 was unknown (a fact the desk had not recorded): not a failure on paper.
    assert [r.clause for r in doc.rejection_rules] == ["1.2", "1.3"]
    words = " ".join(r.reason_en + r.reason_zh for r in doc.rejection_rules)
    for note in (
        "record it and check again",
        "请登记后重新核查",
        "record one of the listed",
        "请登记相应方向",
    ):
        assert note not in words
    assert all(
        r.reason_zh.endswith("。") and r.reason_en.endswith(".") for r in doc.rejection_rules
    )
    assert doc.body_zh[1] == "审核意见：成立时间过长。"
    # The English part says the note is in Chinese instead of passing it off as English.
    assert doc.body_en[1] == "Reviewer's note (in Chinese, as written): 成立时间过长。"


def test_rejecting_for_missing_facts_only_needs_a_reason(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    with db.write() as s:
        s.execute(update(Team).where(Team.id == team_id).values(dishonest=None))
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    with pytest.raises(ValidationError, match="only facts are missing"):
        apps.reject_application(db, staff.reviewer, rec.application_id)
    apps.reject_application(db, staff.reviewer, rec.application_id, "未提交信用核查材料")
    doc = compose(db, rec.application_id)
    assert [r.clause for r in doc.rejection_rules] == [""]
    assert "未提交信用核查材料" in doc.rejection_rules[0].reason_zh


def test_rejecting_an_eligible_application_lists_the_reviewers_reason(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.reject_application(db, staff.reviewer, rec.application_id, "申报材料与实际不符")
    doc = compose(db, rec.application_id)
    assert len(doc.rejection_rules) == 1
    rule = doc.rejection_rules[0]
    assert rule.clause == "" and "申报材料与实际不符" in rule.reason_zh
    text = pdf_text(render_notice(doc))
    assert "申报材料与实际不符" in text and "第条" not in text and "—" in text


def test_rent_waiver_of_a_large_unit_shows_the_pro_rated_share(db, staff) -> None:
    team_id = admitted_team(db, staff, 1, area="350", rent="35000")
    doc = compose(db, decided(db, staff, team_id, "rent_waiver"))
    assert doc.schedule[0].waived_percent == "85.71%"
    assert doc.schedule[0].waived_fen == 30_000_00  # 35,000 × 300/350
    assert doc.main_amount_fen == sum(r.waived_fen for r in doc.schedule)
    assert "第2.2条、第2.3条" in doc.body_zh[1] and "300/350" in doc.body_zh[1]
    assert "租期第1至12个月减免100%，第13至24个月减免50%" in doc.body_zh[1]
    assert "第2.5条" in doc.closing_zh[0]


def test_rent_waiver_months_waived_in_part_say_so(db, staff) -> None:
    team_id = admitted_team(db, staff, 1, lease=False)
    with db.read() as s:
        admitted = s.get(Team, team_id).admitted_on
    space = leases.create_space(db, staff.admin, "1号楼", "808", "100", "10000")
    # The lease began ten days before the team was admitted: no waiver for those days.
    leases.create_lease(
        db,
        staff.desk,
        team_id,
        space,
        admitted - dt.timedelta(days=10),
        admitted + dt.timedelta(days=3 * 365),
    )
    doc = compose(db, decided(db, staff, team_id, "rent_waiver"))
    first = doc.schedule[0]
    assert "×" in first.waived_percent and first.waived_fen < first.rent_fen
    assert first.period_start == admitted
    assert "按实际减免天数折算" in doc.body_zh[1] and "pro-rated by day" in doc.body_en[1]


def test_voucher_certificate_states_contract_vendor_ratio_and_cap(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    doc = compose(db, decided(db, staff, team_id, "model_voucher", **voucher_terms("800000")))
    rows = {r.label_en: r.value for r in doc.amounts}
    assert doc.kind == "voucher_model" and doc.main_amount_fen == 400_000_00
    assert rows["Model provider"] == "上海云擎算力科技有限公司"
    assert rows["Contract amount"] == "800,000.00 元" and rows["Ratio"] == "50%"
    assert rows["Yearly cap (used before)"] == "5,000,000.00 元（0.00 元）"
    assert rows["Contract period"] == f"{TODAY.year}-01-01 – {TODAY.year}-12-31"
    assert len(doc.body_zh) == 1  # contract × ratio needs no working


def test_a_capped_voucher_shows_how_its_amount_was_set(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    app_id = decided(db, staff, team_id, "compute_voucher", **voucher_terms("40000000"))
    doc = compose(db, app_id)
    assert doc.main_amount_fen == 10_000_000_00
    assert doc.body_zh[1].startswith("核定金额：") and "受年度上限限制" in doc.body_zh[1]
    assert "limited by the yearly cap" in doc.body_en[1] and "pool" not in doc.body_en[1]


def test_talent_award_never_carries_the_identity_number(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    member_id = tier_a_member(db, staff, team_id, name="王芳")
    doc = compose(db, decided(db, staff, team_id, "talent_award", member_id=member_id))
    assert doc.title_zh == f"关于给予王芳同志{TODAY.year}年度人才奖励的通知"
    assert doc.main_amount_fen == 300_000_00
    rows = {r.label_en: r.value for r in doc.amounts}
    assert rows["Name"] == "王芳" and rows["Talent tier"] == "A类 / tier A"
    assert PERSON_ID not in everything(doc) and PERSON_ID[-4:] not in everything(doc)


def test_revocation_before_payment_asks_nothing_back(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    app_id = decided(db, staff, team_id, "startup_grant")
    apps.revoke_application(db, staff.admin, app_id, "虚报人数")
    doc = compose(db, app_id)
    assert doc.kind == "revocation" and doc.main_amount_fen == 0
    assert doc.title_zh == "关于撤销一次性创业补贴的通知"
    assert "虚报人数" in doc.body_zh[0] and f"申请编号{app_id}" in doc.body_zh[0]
    assert "无需退还" in doc.body_zh[1]
    assert "人民币零元整" in pdf_text(render_notice(doc))


def test_revocation_of_a_paid_waiver_states_the_repayment(db, staff) -> None:
    app_id = application_for(db, staff, "revocation", 1)
    doc = compose(db, app_id)
    with db.read() as s:
        repay = s.get(Application, app_id).repayment_amount
    assert repay and doc.main_amount_fen == repay
    assert doc.title_zh == "关于撤销租金减免并退还已减免租金的通知"
    assert "第2.5条" in doc.body_zh[1] and "Repayment" in doc.title_en
    assert {r.label_en for r in doc.amounts} >= {"Decision revoked", "Period waived"}


def test_admission_notice(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    policy = current_policy(db)
    with db.read() as s:
        team = s.get(Team, team_id)
        _ = team.leases
        doc = compose_admission_notice(s, team, policy, DETAILS)
        uscc = team.uscc
    rows = {r.label_en: r.value for r in doc.amounts}
    assert rows["Unified social credit code"] == uscc
    assert rows["AI focus"] == "垂类大模型 / vertical models"
    assert "第1.1条至第1.5条" in doc.body_zh[0]
    assert "申请租金减免" in doc.body_zh[1]  # it already leases a unit


def test_missing_english_names_fall_back_to_the_chinese(db, staff) -> None:
    team_id = admitted_team(db, staff, 1, name_en="")
    update_office(db, staff.admin, name_en="")
    doc = compose(db, decided(db, staff, team_id, "startup_grant"))
    assert doc.office_name_en == doc.office_name_zh
    assert doc.addressee_en == doc.addressee_zh


def test_a_decision_without_its_stored_result_is_refused(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    app_id = decided(db, staff, team_id, "startup_grant")
    with db.write() as s:
        s.execute(update(Application).where(Application.id == app_id).values(eligibility_json=None))
    with pytest.raises(ValidationError, match="no stored eligibility result"):
        compose(db, app_id)


def test_the_offices_seal_image_is_used_from_the_database_named_by_its_hash(
    db, staff, tmp_path: Path
) -> None:
    old_folder = Path(tempfile.gettempdir()) / "aitown-seals"  # where it used to be written
    shutil.rmtree(old_folder, ignore_errors=True)
    buf = io.BytesIO()
    Image.new("RGBA", (64, 64), (200, 0, 0, 128)).save(buf, "PNG")
    set_seal_image(db, staff.admin, buf.getvalue())
    team_id = admitted_team(db, staff, 1)
    app_id = decided(db, staff, team_id, "startup_grant")
    doc = compose(db, app_id)
    assert doc.seal_png == buf.getvalue()
    assert doc.seal_sha256 == hashlib.sha256(buf.getvalue()).hexdigest()
    # The signed content names the image by its hash, never by a file path.
    content = doc.canonical_content()
    assert content["seal_sha256"] == doc.seal_sha256 and "seal_png" not in content
    assert "seal_image" not in content and tempfile.gettempdir() not in doc.canonical_json()
    assert not old_folder.exists()
    # Composing again gives the same document and bytes.
    assert compose(db, app_id) == doc
    assert render_notice(doc) == render_notice(compose(db, app_id))


def test_a_seal_image_without_transparency_or_not_a_png_is_refused(db, staff) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 0, 0)).save(buf, "PNG")
    with pytest.raises(ValidationError, match="no transparency"):
        set_seal_image(db, staff.admin, buf.getvalue())
    buf = io.BytesIO()
    Image.new("RGBA", (64, 64), (200, 0, 0, 0)).save(buf, "GIF")
    with pytest.raises(ValidationError, match="not a PNG"):
        set_seal_image(db, staff.admin, buf.getvalue())
    with db.read() as s:
        assert s.scalar(select(Office.seal_image)) is None


def test_the_office_name_in_the_database_is_used(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    with db.write() as s:
        s.execute(update(Office).values(name_zh="浦东新区人工智能孵化中心"))
    doc = compose(db, decided(db, staff, team_id, "startup_grant"))
    assert doc.office_name_zh == "浦东新区人工智能孵化中心"


def test_a_typed_note_is_labelled_with_its_language_in_the_other_part() -> None:
    from aitown.notices.compose_common import typed_note

    zh, en = typed_note(("审核意见", "Reviewer's note"), "材料不全")
    assert zh == "审核意见：材料不全。"
    assert en == "Reviewer's note (in Chinese, as written): 材料不全。"
    zh, en = typed_note(("审核意见", "Reviewer's note"), "documents incomplete")
    assert zh == "审核意见（英文原文）：Documents incomplete."
    assert en == "Reviewer's note: documents incomplete."
    assert typed_note(("撤销理由", "Reason"), "—") == ("撤销理由：—", "Reason: —")
