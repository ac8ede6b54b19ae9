"""``aitown-cli eligibility | applications | pools | policy`` as an administrator's script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aitown.cli import main
from aitown.demo import load_demo
from aitown.policy.loader import default_policy
from aitown.services import policies
from aitown.services.teams import find_team
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD


@pytest.fixture
def demo_db(db, staff, db_path, monkeypatch) -> Path:
    load_demo(db, staff.admin, teams=60, seed=11)
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    return db_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_eligibility_json_has_the_documented_shape(demo_db, capsys):
    code, out, err = run(capsys, "eligibility", "1", "--benefit", "startup_grant", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert set(answer) == {"team", "benefit", "eligible", "rules", "amount"}
    assert answer["benefit"] == "startup_grant" and len(answer["team"]) == 18
    assert [r["clause"] for r in answer["rules"]][:5] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert all(r["status"] in {"pass", "fail", "unknown"} and r["reason"] for r in answer["rules"])
    assert answer["amount"] is None or answer["amount"].replace(".", "").isdigit()


def test_demo_shows_every_admission_rule_failing_somewhere_in_both_languages(db, demo_db, capsys):
    """Issue 3: on the demo data, teams pass and fail each rule of §1, with readable reasons."""
    from sqlalchemy import select

    from aitown.models import Team

    with db.read() as s:
        codes = list(s.scalars(select(Team.uscc)))
    failing: dict[str, dict[str, str]] = {}
    for code_ in codes:
        for lang in ("en", "zh"):
            rc, out, _ = run(
                capsys, "eligibility", code_, "--benefit", "startup_grant", "--json", "--lang", lang
            )
            assert rc == 0
            for rule in json.loads(out)["rules"]:
                if rule["clause"].startswith("1.") and rule["status"] == "fail":
                    failing.setdefault(rule["clause"], {})[lang] = rule["reason"]
    assert sorted(failing) == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    for clause, reasons in failing.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in reasons["zh"]), clause
        assert reasons["en"].isascii() or "“" in reasons["en"], clause
    assert "31" in failing["1.1"]["en"] and "5 years" in failing["1.2"]["en"]


def test_record_decide_and_pools_through_the_command_line(db, demo_db, capsys, monkeypatch):
    team = find_team(db, "1")
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    code, out, err = run(
        capsys,
        "applications",
        "record",
        team.uscc,
        "--benefit",
        "model_voucher",
        "--contract-amount",
        "100000",
        "--vendor-uscc",
        "91310115MA1K4HXX0F",
        "--user",
        "desk1",
    )
    assert code == 0, err
    app_id = int(out.split()[1])
    assert "50,000.00" in out  # 50 % of 100,000
    assert run(capsys, "applications", "submit", str(app_id), "--user", "desk1")[0] == 0
    code, _, err = run(capsys, "applications", "approve", str(app_id), "--user", "desk1")
    assert (
        code == 1 and err.startswith("aitown-cli: ") and err.count("\n") == 1 and "may not" in err
    )
    code, out, err = run(capsys, "applications", "approve", str(app_id), "--user", "reviewer1")
    assert code == 0, err
    code, out, _ = run(capsys, "pools", "--json")
    model = next(p for p in json.loads(out) if p["kind"] == "model_voucher")
    assert float(model["committed"]) >= 50_000
    code, out, _ = run(capsys, "applications", "list", "--status", "approved", "--json")
    assert any(a["id"] == app_id and a["amount"] == "50000.00" for a in json.loads(out))


def test_bad_amount_is_one_line_and_nothing_recorded(db, demo_db, capsys, monkeypatch):
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    before = run(capsys, "applications", "list", "--json")[1]
    code, out, err = run(
        capsys,
        "applications",
        "record",
        "1",
        "--benefit",
        "compute_voucher",
        "--contract-amount",
        "12.345",
        "--vendor-uscc",
        "91310115MA1K4HXX0F",
        "--contract-start",
        "2026-01-01",
        "--contract-end",
        "2026-06-30",
        "--user",
        "desk1",
    )
    assert code == 1 and "more than two decimals" in err and err.count("\n") == 1
    assert run(capsys, "applications", "list", "--json")[1] == before


def test_policy_load_makes_a_new_version_active(db, staff, db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    text = default_policy().text.replace('version = "2025.1"', 'version = "2025.2"', 1)
    assert 'version = "2025.2"' in text
    new = tmp_path / "policy-2025.2.toml"
    new.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "policy", "load", str(new), "--user", "admin")
    assert code == 0, err
    assert policies.current_policy(db).version == "2025.2"
    code, out, _ = run(capsys, "policy", "show")
    assert "2025.2" in out and "* shanghai-ai-2025 2025.2" in out
    # The same version number with other content is refused, and the active one stays.
    new.write_text(text.replace("total = 50_000_000", "total = 50_000_001", 1), encoding="utf-8")
    code, _, err = run(capsys, "policy", "load", str(new), "--user", "admin")
    assert code == 1 and "new version number" in err


def test_policy_with_a_typo_is_refused_naming_key_and_line(
    db, staff, db_path, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    text = default_policy().text.replace('version = "2025.1"', 'version = "2025.3"', 1)
    lines = text.splitlines()
    idx = next(i for i, ln in enumerate(lines) if ln.strip().startswith("total ="))
    lines[idx] = lines[idx].replace("total", "totl", 1)
    bad = tmp_path / "typo.toml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "policy", "load", str(bad), "--user", "admin")
    assert code == 1 and "totl" in err and f"line {idx + 1}" in err
    assert policies.current_policy(db).version == "2025.1"
    code, _, err = run(capsys, "policy", "check", str(bad))
    assert code == 1 and "totl" in err
