"""``aitown-cli applications materials|attach|return|verify-amount|receipt|correction-notice``
as the desk and a reviewer run them (issue 13's command-line contract)."""

from __future__ import annotations

import json

import pytest

from aitown.cli import main
from aitown.services import applications as apps
from aitown.services import materials as mat
from tests.aitown.notices.notice_cases import admitted_team, pdf_text, voucher_terms
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.materials

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def cli(monkeypatch, db, staff, db_path):
    def run(capsys, *args: str, user: str | None = "desk1") -> tuple[int, str, str]:
        monkeypatch.delenv("AITOWN_USER", raising=False)
        monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD if user == "admin" else STAFF_PASSWORD)
        extra = ["--user", user] if user else []
        code = main([*args, "--db", str(db_path), *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def app_id(db, staff) -> int:
    team = admitted_team(db, staff, 1)
    return apps.record_application(
        db, staff.desk, team, "compute_voucher", **voucher_terms("1250000")
    ).application_id


def test_materials_lists_required_items_and_what_was_handed_in(capsys, cli, app_id, tmp_path):
    scan = tmp_path / "invoice.pdf"
    scan.write_bytes(PDF)
    code, out, err = cli(
        capsys, "applications", "attach", str(app_id), "--item", "invoice", str(scan)
    )
    assert code == 0 and err == "" and "invoice.pdf attached to invoice" in out
    code, out, _ = cli(capsys, "applications", "attach", str(app_id), "--seen", "contract")
    assert code == 0 and "original of contract seen" in out
    code, out, _ = cli(capsys, "applications", "materials", str(app_id), "--json", user=None)
    data = json.loads(out)
    items = {i["item"]: i for i in data["items"]}
    assert items["contract"]["seen"] and not items["contract"]["attached"]
    assert (
        items["invoice"]["attached"] and items["invoice"]["attachments"][0]["file"] == "invoice.pdf"
    )
    assert data["missing_required"] == ["payment_proof", "commitment_letter"]
    code, out, _ = cli(capsys, "applications", "materials", str(app_id), user=None)
    assert "Missing (required): payment_proof, commitment_letter" in out
    # Submitting is refused in one line naming the missing items.
    code, out, err = cli(capsys, "applications", "submit", str(app_id))
    assert code == 1 and "Proof of payment; Commitment letter" in err and err.count("\n") == 1


def test_attach_refuses_what_is_not_a_scan(capsys, cli, app_id, tmp_path):
    bad = tmp_path / "invoice.pdf"
    bad.write_text("not really a pdf")
    code, out, err = cli(
        capsys, "applications", "attach", str(app_id), "--item", "invoice", str(bad)
    )
    assert code == 1 and out == "" and "not a PDF, JPEG or PNG" in err
    code, _, err = cli(capsys, "applications", "attach", str(app_id), "--item", "invoice")
    assert code == 1 and "--seen ITEM" in err


def test_return_then_resubmit_and_print_the_notice(capsys, db, staff, cli, app_id, tmp_path):
    mat.mark_all_seen(db, staff.desk, app_id)
    assert cli(capsys, "applications", "submit", str(app_id))[0] == 0
    code, _, err = cli(
        capsys, "applications", "return", str(app_id), "--item", "invoice", "--reason", "x"
    )
    assert code == 1 and "desk1 may not approve or reject" in err
    code, out, err = cli(
        capsys,
        "applications",
        "return",
        str(app_id),
        "--item",
        "invoice",
        "--item",
        "payment_proof",
        "--reason",
        "发票印章不清晰",
        user="reviewer1",
    )
    assert code == 0 and err == ""
    assert (
        out == f"Application {app_id} returned for correction (round 1): invoice, payment_proof.\n"
    )
    notice = tmp_path / "notice.pdf"
    code, out, _ = cli(
        capsys, "applications", "correction-notice", str(app_id), "--out", str(notice),
        "--lang", "zh", user=None,
    )  # fmt: skip
    assert code == 0
    text = pdf_text(notice.read_bytes())
    assert (
        "补正通知书" in text and "发票" in text and "付款凭证" in text and "发票印章不清晰" in text
    )
    code, _, err = cli(capsys, "applications", "submit", str(app_id))
    assert code == 1 and "Invoice; Proof of payment" in err
    cli(capsys, "applications", "attach", str(app_id), "--seen", "invoice")
    cli(capsys, "applications", "attach", str(app_id), "--seen", "payment_proof")
    code, out, _ = cli(capsys, "applications", "submit", str(app_id))
    assert code == 0 and out == f"Application {app_id} submitted.\n"


def test_verify_amount_sets_the_benefit(capsys, db, staff, cli, app_id, tmp_path):
    mat.mark_all_seen(db, staff.desk, app_id)
    cli(capsys, "applications", "submit", str(app_id))
    code, out, err = cli(
        capsys,
        "applications",
        "verify-amount",
        str(app_id),
        "--amount",
        "100000",
        "--reason",
        "Invoiced 100,000 yuan only",
        user="reviewer1",
    )
    assert code == 0 and err == "" and "verified contract amount recorded" in out
    code, out, _ = cli(capsys, "applications", "approve", str(app_id), user="reviewer1")
    assert code == 0
    with db.read() as s:
        from aitown.models import Application

        app = s.get(Application, app_id)
        assert app.verified_contract_amount == 10_000_000 and app.amount <= 10_000_000


def test_receipt_in_both_languages(capsys, db, staff, cli, app_id, tmp_path):
    mat.mark_seen(db, staff.desk, app_id, "contract")
    for lang, words in (
        ("zh", ("受理回执", "尚缺必交材料", "desk1")),
        ("en", ("Receipt", "Still missing", "desk1")),
    ):
        out_file = tmp_path / f"receipt-{lang}.pdf"
        code, out, err = cli(
            capsys, "applications", "receipt", str(app_id), "--out", str(out_file), "--lang", lang,
            user=None,
        )  # fmt: skip
        assert code == 0 and err == ""
        text = pdf_text(out_file.read_bytes())
        assert all(w.replace(" ", "") in text for w in words), text
    code, _, err = cli(
        capsys, "applications", "receipt", str(app_id), "--out", str(out_file), user=None
    )
    assert code == 1 and "--force" in err


@pytest.mark.parametrize(
    ("env", "title", "other"),
    [("zh_CN.UTF-8", "受理回执", "Receipt"), ("en_GB.UTF-8", "Receipt", "受理回执")],
)
def test_receipt_without_lang_speaks_the_users_language(
    capsys, db, staff, cli, app_id, tmp_path, monkeypatch, env, title, other
):
    """Without --lang the receipt is in the user's language, like the GUI and rent statements."""
    monkeypatch.delenv("AITOWN_LANG", raising=False)
    monkeypatch.setenv("LANG", env)
    out_file = tmp_path / "receipt.pdf"
    code, _, err = cli(
        capsys, "applications", "receipt", str(app_id), "--out", str(out_file), user=None
    )
    assert code == 0 and err == ""
    text = pdf_text(out_file.read_bytes())
    assert title in text and other not in text
