"""Issuing notices from real decisions: what each kind says on paper, gap-free numbers, refusals
that use no number, the audit event, reprints, verification, two processes issuing at once, and
batch printing."""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from aitown.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, DocumentSeries, Member, Notice, Team
from aitown.money import format_yuan
from aitown.notices.document import NoticeDocument
from aitown.notices.numerals import to_chinese_capital
from aitown.notices.render import render_notice
from aitown.notices.samples import sample_document
from aitown.schema import open_database
from aitown.services import applications as apps
from aitown.services import notice_printing as printing
from aitown.services import notices as svc
from aitown.services.audit import verify_chain
from aitown.services.users import authenticate
from tests.aitown.makers import pass_publicity
from tests.aitown.notices.notice_cases import (
    KINDS,
    PERSON_ID,
    TODAY,
    admitted_team,
    application_for,
    pdf_text,
    squash,
)
from tests.conftest import ADMIN_PASSWORD

YEAR = TODAY.year
EXT_B = "\U00020000"  # a CJK Extension B character the notice font does not have


def issue(db, staff, kind: str, n: int = 1, **kw) -> svc.NoticeRecord:
    """Issue a notice of ``kind`` for a fresh team / application."""
    if kind == "admission":
        team_id = admitted_team(db, staff, n)
        return svc.issue_admission_notice(db, staff.admin, team_id, **kw)
    app_id = application_for(db, staff, kind, n)
    assert app_id is not None
    return svc.issue_notice(db, staff.admin, app_id, **kw)


def serials(db) -> list[tuple[int, int]]:
    with db.read() as s:
        return [(y, n) for y, n in s.execute(select(Notice.doc_year, Notice.doc_serial))]


def last_serial(db, year: int = YEAR) -> int | None:
    with db.read() as s:
        return s.scalar(select(DocumentSeries.last_serial).where(DocumentSeries.year == year))


def notice_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Notice)) or 0


# ----- what each kind shows ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_shows_team_number_and_amount(db, staff, kind: str) -> None:
    record = issue(db, staff, kind)
    text = pdf_text(record.pdf)
    with db.read() as s:
        notice = s.get(Notice, record.id)
        team = s.get(Team, notice.team_id)
        content = json.loads(notice.content_json)
        app = s.get(Application, notice.application_id) if notice.application_id else None
    assert record.kind == kind and notice.kind == kind
    # Stored as issued, and the stored content renders to the very same bytes again.
    assert svc.reprint_notice(db, record.id) == record.pdf == notice.pdf
    rebuilt = NoticeDocument.from_canonical_json(notice.content_json, notice.verification_code)
    assert render_notice(rebuilt) == record.pdf
    assert svc.verify_pdf(db, record.pdf).status == "genuine"
    assert record.document_number == f"徐汇AI孵〔{YEAR}〕1号"
    for needle in (team.name_zh, team.name_en, record.document_number, record.verification_code):
        assert squash(needle) in text, needle
    if kind == "admission":
        assert content["main_amount_fen"] is None
        assert team.uscc in text and "第1.1条至第1.5条" in text
        return
    amount = app.repayment_amount if kind == "revocation" else app.amount
    if kind == "rejection":
        assert amount is None and content["main_amount_fen"] is None
    else:
        assert amount and content["main_amount_fen"] == amount
        assert squash(format_yuan(amount)) in text
        assert to_chinese_capital(amount) in text
    assert str(app.id) in text


def test_rejection_lists_every_failed_rule_with_its_clause_and_reason(db, staff) -> None:
    record = issue(db, staff, "rejection")
    with db.read() as s:
        app = s.get(Application, s.get(Notice, record.id).application_id)
        failed = [r for r in json.loads(app.eligibility_json)["rules"] if r["status"] != "pass"]
    assert [r["clause"] for r in failed] == ["1.2", "3.1"]
    text = pdf_text(record.pdf)
    for r in failed:
        assert f"第{r['clause']}条" in text and f"§{r['clause']}" in text
        assert squash(r["reason_zh"]) in text
        assert squash(r["reason_en"][1:]) in text  # the first letter is made a capital
    cure = next(r for r in failed if r["clause"] == "3.1")["cure_zh"]
    assert cure and squash(cure) in text  # what would change the outcome
    assert "不予支持" in text and "行政复议" in text


def test_rent_waiver_decision_prints_the_stored_schedule(db, staff) -> None:
    record = issue(db, staff, "rent_waiver")
    with db.read() as s:
        app = s.get(Application, s.get(Notice, record.id).application_id)
        stored = json.loads(app.eligibility_json)["amount"]["schedule"]["rows"]
    content = json.loads(_content(db, record.id))
    assert [r["waived_fen"] for r in content["schedule"]] == [r["waived_fen"] for r in stored]
    assert len(stored) == 24
    text = pdf_text(record.pdf)
    assert "租金减免决定书" in text and "逐月" in text
    assert f"{stored[0]['period_start']}至{stored[0]['period_end']}" in text


def _content(db, notice_id: int) -> str:
    with db.read() as s:
        return s.get(Notice, notice_id).content_json


def test_talent_award_names_the_person_but_not_the_identity_number(db, staff) -> None:
    record = issue(db, staff, "talent_award")
    text = pdf_text(record.pdf)
    assert "张晓明" in text and "A类" in text
    assert PERSON_ID not in text and PERSON_ID[-4:] not in _content(db, record.id)


def test_revocation_points_at_the_notice_it_revokes(db, staff) -> None:
    earlier: list[svc.NoticeRecord] = []
    app_id = application_for(
        db,
        staff,
        "revocation",
        1,
        before_revoking=lambda a: earlier.append(svc.issue_notice(db, staff.admin, a)),
    )
    record = svc.issue_notice(db, staff.admin, app_id)
    assert record.kind == "revocation" and record.revokes_notice_id == earlier[0].id
    text = pdf_text(record.pdf)
    assert squash(earlier[0].document_number) in text and "现予撤销" in text
    assert f"Ournotice{squash(earlier[0].document_number)}" in text
    assert "第2.5条" in text
    with db.read() as s:
        assert s.get(Application, app_id).repayment_amount > 0
    # The award notice is still an authentic file, and verifying it says it was revoked.
    res = svc.verify_pdf(db, earlier[0].pdf)
    assert res.status == "revoked" and not res.genuine
    assert f"revoked later by {record.document_number}" in res.message_en
    assert res.revoked_by == record.document_number


# ----- numbering -----------------------------------------------------------------------------


def test_numbers_are_gap_free_per_year_and_restart_in_a_new_year(db, staff) -> None:
    ids = [application_for(db, staff, "startup_grant", n) for n in range(1, 5)]
    numbers = [svc.issue_notice(db, staff.admin, a).document_number for a in ids[:2]]
    assert numbers == [f"徐汇AI孵〔{YEAR}〕1号", f"徐汇AI孵〔{YEAR}〕2号"]
    last_year = svc.issue_notice(
        db,
        staff.admin,
        ids[2],
        issue_date=dt.date(YEAR - 1, 12, 30),
        backdate_reason="decided in December; the notice was left unissued",
    )
    assert last_year.document_number == f"徐汇AI孵〔{YEAR - 1}〕1号"
    again = svc.issue_notice(db, staff.admin, ids[3])
    assert again.document_number == f"徐汇AI孵〔{YEAR}〕3号"
    assert sorted(serials(db)) == [(YEAR - 1, 1), (YEAR, 1), (YEAR, 2), (YEAR, 3)]


def test_a_failed_render_uses_no_number(db, staff) -> None:
    first = issue(db, staff, "startup_grant", 1)
    app_id = application_for(db, staff, "startup_grant", 2)
    with db.write() as s:  # a name the font cannot print (set behind the form's back)
        team_id = s.get(Application, app_id).team_id
        s.execute(update(Team).where(Team.id == team_id).values(name_zh=f"上海{EXT_B}科技有限公司"))
    with pytest.raises(ValidationError, match="U\\+20000") as err:
        svc.issue_notice(db, staff.admin, app_id)
    assert "U+20000" in (err.value.message_zh or "")
    assert notice_count(db) == 1 and last_serial(db) == 1
    with db.write() as s:
        s.execute(update(Team).where(Team.id == team_id).values(name_zh="上海补正科技有限公司"))
    second = svc.issue_notice(db, staff.admin, app_id)
    assert (first.serial, second.serial) == (1, 2)


def test_only_administrators_issue(db, staff) -> None:
    app_id = application_for(db, staff, "startup_grant", 1)
    team_id = admitted_team(db, staff, 2)
    for actor in (staff.desk, staff.reviewer):
        with pytest.raises(PermissionDenied, match="may not issue notices"):
            svc.issue_notice(db, actor, app_id)
        with pytest.raises(PermissionDenied):
            svc.issue_admission_notice(db, actor, team_id)
    assert notice_count(db) == 0 and last_serial(db) is None
    assert svc.issue_notice(db, staff.admin, app_id).serial == 1


def test_issuing_is_audited_in_the_chain(db, staff) -> None:
    record = issue(db, staff, "compute_voucher")
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "notice.issue")).one()
        after = json.loads(ev.after_json)
    assert ev.user_name == "admin" and ev.entity == "notice" and ev.entity_id == str(record.id)
    assert after["document_number"] == record.document_number
    assert after["sha256"] == record.sha256 and after["kind"] == "compute_voucher"
    assert verify_chain(db)[1] == []


def test_undecided_and_second_notices_are_refused(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    with pytest.raises(ConflictError, match="draft, not decided yet"):
        svc.issue_notice(db, staff.admin, rec.application_id)
    apps.submit_application(db, staff.desk, rec.application_id)
    with pytest.raises(ConflictError, match="submitted, not decided yet"):
        svc.issue_notice(db, staff.admin, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pass_publicity(db, staff.admin)
    first = svc.issue_notice(db, staff.admin, rec.application_id)
    with pytest.raises(ConflictError, match="never issued twice: reprint") as err:
        svc.issue_notice(db, staff.admin, rec.application_id)
    assert first.document_number in err.value.message
    with pytest.raises(NotFound):
        svc.issue_notice(db, staff.admin, 9999)
    assert notice_count(db) == 1 and last_serial(db) == 1


def test_admission_notice_refusals(db, staff) -> None:
    team_id = admitted_team(db, staff, 1)
    svc.issue_admission_notice(db, staff.admin, team_id)
    with pytest.raises(ConflictError, match="already has its admission notice"):
        svc.issue_admission_notice(db, staff.admin, team_id)
    old = admitted_team(db, staff, 2, founded_days=6 * 365)
    with pytest.raises(ValidationError, match="§1.2"):
        svc.issue_admission_notice(db, staff.admin, old)
    from aitown.services import teams

    applicant = teams.create_team(db, staff.desk, {**_values(3)})
    with pytest.raises(ConflictError, match="applicant, not admitted"):
        svc.issue_admission_notice(db, staff.admin, applicant)
    assert notice_count(db) == 1 and last_serial(db) == 1


def _values(n: int) -> dict[str, object]:
    from tests.aitown.makers import team_values

    return team_values(n)


# ----- reprint and verify --------------------------------------------------------------------


def test_reprint_is_byte_for_byte_and_rerendering_gives_the_same_bytes(db, staff) -> None:
    record = issue(db, staff, "rent_waiver")
    assert svc.reprint_notice(db, record.id) == record.pdf
    assert svc.reprint_notice(db, record.document_number) == record.pdf
    with db.read() as s:
        n = s.get(Notice, record.id)
        doc = NoticeDocument.from_canonical_json(n.content_json, n.verification_code)
    assert render_notice(doc) == record.pdf  # rendering is deterministic: the same content
    with pytest.raises(NotFound, match="no notice"):
        svc.reprint_notice(db, "徐汇AI孵〔1999〕1号")


def test_verify_tells_genuine_altered_and_unknown_apart(db, staff) -> None:
    record = issue(db, staff, "startup_grant")
    ok = svc.verify_pdf(db, record.pdf)
    assert ok.status == "genuine" and ok.document_number == record.document_number
    assert (
        ok.notice_id == record.id and "unaltered" in ok.message_en and "真实有效" in ok.message_zh
    )

    # The same number and code over a different amount: content that was never issued.
    with db.read() as s:
        n = s.get(Notice, record.id)
        doc = NoticeDocument.from_canonical_json(n.content_json, n.verification_code)
    forged = render_notice(replace(doc, main_amount_fen=doc.main_amount_fen * 10))
    res = svc.verify_pdf(db, forged)
    assert res.status == "altered" and "content differs" in res.message_en

    # One byte of the page content changed: the content data still reads, the file does not match.
    data = bytearray(record.pdf)
    at = data.index(b"stream", len(data) // 3) + 40
    data[at] ^= 0x01
    res = svc.verify_pdf(db, bytes(data))
    assert res.status == "altered" and "file was modified" in res.message_en

    # Someone else's notice with a made-up code, and a file that is no PDF at all.
    res = svc.verify_pdf(db, render_notice(sample_document("startup_grant")))
    assert res.status == "unknown" and "not a notice of this office" in res.message_en
    assert svc.verify_pdf(db, b"not a pdf").status == "unknown"


def test_verify_a_signed_notice_this_database_does_not_hold(db, staff) -> None:
    record = issue(db, staff, "startup_grant")
    with db.write() as s:  # as if the database were an older copy without the notice
        s.execute(update(Notice).where(Notice.id == record.id).values(doc_number="x"))
    res = svc.verify_pdf(db, record.pdf)
    # The case of a notice forged with a stolen copy of the database: the code is "ours", and the
    # answer says plainly that this proves nothing (issue 23).
    assert res.status == "unknown" and res.message_en.startswith("NOT ISSUED HERE: ")
    assert "anyone holding a copy of the office's database" in res.message_en
    assert "the code alone proves nothing" in res.message_en
    assert "仅凭核验码不能证明任何事" in res.message_zh


# ----- two processes ---------------------------------------------------------------------------


def _issue_in_process(url: str, team_ids: list[int], barrier, results) -> None:
    db = open_database(url)
    actor = authenticate(db, "admin", ADMIN_PASSWORD)
    barrier.wait()
    try:
        for team_id in team_ids:
            results.put(svc.issue_admission_notice(db, actor, team_id).serial)
    finally:
        db.dispose()


def test_two_processes_issuing_at_once_never_share_a_number(any_db, any_staff) -> None:
    db, st = any_db, any_staff
    teams = [admitted_team(db, st, n) for n in range(1, 9)]
    url = db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_issue_in_process, args=(url, teams[i::2], barrier, results))
        for i in range(2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    got = sorted(results.get(timeout=5) for _ in teams)
    assert got == list(range(1, len(teams) + 1))
    assert sorted(n for _, n in serials(db)) == got and last_serial(db) == len(teams)


# ----- batch printing -----------------------------------------------------------------------


def test_batch_print_into_a_folder_issues_what_is_missing(db, staff, tmp_path: Path) -> None:
    ids = [application_for(db, staff, "startup_grant", n) for n in range(1, 4)]
    first = svc.issue_notice(db, staff.admin, ids[0])
    seen: list[tuple[int, int]] = []
    paths = printing.print_notices(
        db,
        staff.admin,
        kind="startup_grant",
        out=tmp_path / "out",
        combined=False,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [p.name for p in paths] == [
        f"徐汇AI孵-{YEAR}-0001.pdf",
        f"徐汇AI孵-{YEAR}-0002.pdf",
        f"徐汇AI孵-{YEAR}-0003.pdf",
    ]
    assert paths[0].read_bytes() == first.pdf  # the issued one is printed as it was
    assert notice_count(db) == 3
    for p in paths:
        assert svc.verify_pdf(db, p.read_bytes()).status == "genuine"
    again = printing.print_notices(
        db, staff.admin, kind="startup_grant", out=tmp_path / "b", combined=False
    )
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    assert notice_count(db) == 3


def test_batch_print_combined_and_by_status(db, staff, tmp_path: Path) -> None:
    for n, kind in enumerate(("startup_grant", "rejection", "compute_voucher"), start=1):
        application_for(db, staff, kind, n)
    out = tmp_path / "all.pdf"
    paths = printing.print_notices(db, staff.admin, out=out, combined=True)
    assert paths == [out]
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == sum(
        len(PdfReader(io.BytesIO(svc.reprint_notice(db, r.id))).pages) for r in svc.list_notices(db)
    )
    assert sorted(r.kind for r in svc.list_notices(db)) == [
        "compute_voucher",
        "rejection",
        "startup_grant",
    ]
    only = printing.print_notices(
        db, staff.admin, status="rejected", out=tmp_path / "rej.pdf", combined=True
    )
    assert "不予支持" in pdf_text(only[0].read_bytes())
    with pytest.raises(ValidationError, match=".pdf"):
        printing.print_notices(db, staff.admin, out=tmp_path / "x.txt", combined=True)


def test_cancel_mid_batch_leaves_whole_notices_and_no_gaps(db, staff, tmp_path: Path) -> None:
    for n in range(1, 5):
        application_for(db, staff, "startup_grant", n)
    answers = iter([False, False, True])
    paths = printing.print_notices(
        db,
        staff.admin,
        kind="startup_grant",
        out=tmp_path / "c.pdf",
        combined=True,
        cancel=lambda: next(answers),
    )
    assert paths == [] and not (tmp_path / "c.pdf").exists()
    assert sorted(serials(db)) == [(YEAR, 1), (YEAR, 2)] and last_serial(db) == 2
    rest = printing.print_notices(
        db, staff.admin, kind="startup_grant", out=tmp_path / "d", combined=False
    )
    assert len(rest) == 4 and last_serial(db) == 4


def test_batch_goes_on_past_a_notice_that_cannot_be_issued(db, staff, tmp_path: Path) -> None:
    ids = [application_for(db, staff, "startup_grant", n) for n in range(1, 4)]
    with db.write() as s:
        team_id = s.get(Application, ids[1]).team_id
        s.execute(update(Team).where(Team.id == team_id).values(name_zh=f"上海{EXT_B}有限公司"))
    with pytest.raises(printing.PrintBatchError) as err:
        printing.print_notices(
            db, staff.admin, kind="startup_grant", out=tmp_path / "f", combined=False
        )
    assert list(err.value.failures) == [f"application {ids[1]}"]
    assert len(err.value.paths) == 2 and "U+20000" in err.value.message
    assert sorted(serials(db)) == [(YEAR, 1), (YEAR, 2)]


def test_desk_may_print_issued_notices_but_not_issue_new_ones(db, staff, tmp_path: Path) -> None:
    app_id = application_for(db, staff, "model_voucher", 1)
    with pytest.raises(PermissionDenied):
        printing.print_notices(db, staff.desk, out=tmp_path / "a", combined=False)
    assert notice_count(db) == 0 and not (tmp_path / "a").exists()
    svc.issue_notice(db, staff.admin, app_id)
    assert len(printing.print_notices(db, staff.desk, out=tmp_path / "a", combined=False)) == 1


def test_batch_of_admission_notices(db, staff, tmp_path: Path) -> None:
    for n in range(1, 3):
        admitted_team(db, staff, n)
    paths = printing.print_notices(
        db, staff.admin, kind="admission", out=tmp_path / "a", combined=False
    )
    assert len(paths) == 2 and {r.kind for r in svc.list_notices(db)} == {"admission"}
    with pytest.raises(ValidationError, match="--status"):
        printing.print_notices(
            db, staff.admin, kind="admission", status="approved", out=tmp_path, combined=False
        )


def test_list_notices_for_a_team_and_kind(db, staff) -> None:
    a = issue(db, staff, "startup_grant", 1)
    issue(db, staff, "talent_award", 2)
    rows = svc.list_notices(db, team_id=a.team_id)
    assert [r.document_number for r in rows] == [a.document_number]
    row = rows[0]
    assert row.issued_by == "admin" and row.amount_fen == 100_000_00
    assert row.title_zh.startswith("关于给予") and row.issue_date == TODAY.isoformat()
    assert [r.kind for r in svc.list_notices(db, kind="talent_award")] == ["talent_award"]
    with pytest.raises(ValidationError):
        svc.list_notices(db, kind="nonsense")


def test_preview_is_unnumbered_and_stores_nothing(db, staff) -> None:
    app_id = application_for(db, staff, "corpus_voucher", 1)
    text = pdf_text(svc.preview_notice(db, app_id))
    assert "（预览）" in text and "语料券凭证" in text
    assert notice_count(db) == 0 and last_serial(db) is None


def test_en_page_mode_and_issue_date(db, staff) -> None:
    day = TODAY - dt.timedelta(days=3)
    record = issue(
        db, staff, "startup_grant", lang_mode="en-page", issue_date=day, backdate_reason="late"
    )
    text = pdf_text(record.pdf)
    assert f"{day.year}年{day.month}月{day.day}日" in text and "Englishversion" in text
    with pytest.raises(ValidationError, match="zh\\+en"):
        issue(db, staff, "startup_grant", 2, lang_mode="fr")


def test_member_with_a_missing_glyph_is_refused_before_any_number(db, staff) -> None:
    app_id = application_for(db, staff, "talent_award", 1)
    with db.write() as s:
        s.execute(update(Member).values(name=f"张{EXT_B}"))
    with pytest.raises(ValidationError, match="U\\+20000"):
        svc.issue_notice(db, staff.admin, app_id)
    assert last_serial(db) is None
