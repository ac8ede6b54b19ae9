"""The command-line contract of issue 10 run as a script would, and an import killed halfway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from aitown.cli import main
from aitown.services import sync
from tests.aitown.sync.cities import city_state, grant
from tests.conftest import ADMIN_PASSWORD


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_city_and_two_districts_through_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    city, pd, xh = (str(tmp_path / f"{n}.sqlite") for n in ("city", "pd", "xh"))
    ok = [
        ("init", "--city", "--office", "SH", "--office-name", "上海市人工智能孵化管理中心",
         "--office-name-en", "Shanghai", "--admin", "admin", "--db", city),
        ("offices", "add", "PD", "--office-name", "浦东新区人工智能孵化中心",
         "--office-name-en", "Pudong office", "--out", str(tmp_path / "pd.enrol"),
         "--user", "admin", "--db", city),
        ("offices", "add", "XH", "--office-name", "徐汇区人工智能孵化中心",
         "--out", str(tmp_path / "xh.enrol"), "--user", "admin", "--db", city),
        ("init", "--enrol", str(tmp_path / "pd.enrol"), "--admin", "admin", "--db", pd),
        ("init", "--enrol", str(tmp_path / "xh.enrol"), "--admin", "admin", "--db", xh),
        ("pools", "share", "PD", "--benefit", "startup_grant", "--amount", "500000",
         "--user", "admin", "--db", city),
        ("sync", "export", "--out", str(tmp_path / "sh-pd-1.zip"), "--for", "PD",
         "--user", "admin", "--db", city),
        ("sync", "import", str(tmp_path / "sh-pd-1.zip"), "--user", "admin", "--db", pd),
        ("sync", "export", "--out", str(tmp_path / "pd-1.zip"), "--user", "admin", "--db", pd),
        ("sync", "import", str(tmp_path / "pd-1.zip"), "--user", "admin", "--db", city),
    ]  # fmt: skip
    for argv in ok:
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
    assert (tmp_path / "pd.enrol").stat().st_mode & 0o077 == 0  # a secret: owner only
    code, out, _ = run(capsys, "pools", "--db", pd)
    assert code == 0 and "500,000.00" in out
    code, out, _ = run(capsys, "sync", "import", str(tmp_path / "pd-1.zip"), "--user", "admin",
                       "--db", city)  # fmt: skip
    assert code == 0 and "already imported; nothing changed" in out
    code, out, _ = run(capsys, "offices", "list", "--json", "--db", city)
    assert '"code": "PD"' in out and '"share": "500000.00"' in out
    code, out, _ = run(capsys, "sync", "conflicts", "--user", "admin", "--db", city)
    assert code == 0 and "No open conflicts." in out
    # Refusals: one line on stderr, exit 1.
    refusals = [
        (("sync", "import", str(tmp_path / "sh-pd-1.zip"), "--user", "admin", "--db", xh),
         "is for office PD"),
        (("pools", "share", "XH", "--benefit", "startup_grant", "--amount", "99999999",
          "--user", "admin", "--db", city), "at most"),
        (("sync", "export", "--out", str(tmp_path / "x.zip"), "--user", "admin", "--db", city),
         "--for CODE"),
        (("offices", "add", "PD", "--office-name", "浦东新区人工智能孵化中心",
          "--out", str(tmp_path / "again.enrol"), "--user", "admin", "--db", city),
         "already enrolled"),
        (("sync", "conflicts", "--user", "admin", "--db", pd), "Only a city installation"),
        (("init", "--enrol", str(tmp_path / "nope.enrol"), "--admin", "a", "--db",
          str(tmp_path / "n.sqlite")), "There is no enrolment file"),
    ]  # fmt: skip
    for argv, message in refusals:
        code, out, err = run(capsys, *argv)
        assert code == 1, argv
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert not (tmp_path / "again.enrol").exists()


KILLER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from aitown.schema import open_database
    from aitown.services import sync
    from aitown.services.users import authenticate

    db = open_database(sys.argv[1])
    actor = authenticate(db, "admin", sys.argv[3])
    marker = Path(sys.argv[4])

    def progress(done, total):
        if done and done < total:
            marker.write_text(str(done))
            time.sleep(600)  # killed here, halfway through the transaction

    sync.BATCH = 50
    sync.import_bundle(db, actor, sys.argv[2], progress=progress)
    """
)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_an_import_leaves_the_city_as_before(city, pd, tmp_path):
    from aitown.services import offices, teams
    from tests.aitown.makers import team_values, uscc_for

    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "1000000")
    sync.export_bundle(city.db, city.admin, tmp_path / "c1.zip", for_code="PD")
    sync.import_bundle(pd.db, pd.admin, tmp_path / "c1.zip")
    grant(pd, "91310104MA1FL2001")
    for n in range(300):
        teams.create_team(pd.db, pd.admin, team_values(n, uscc=uscc_for(50_000 + n)))
    bundle = tmp_path / "pd1.zip"
    result = sync.export_bundle(pd.db, pd.admin, bundle)
    assert result.records > 300
    before = city_state(city.db)
    marker = tmp_path / "halfway"
    url = city.db.url.render_as_string(hide_password=False)
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    proc = subprocess.Popen(
        [sys.executable, str(script), url, str(bundle), ADMIN_PASSWORD, str(marker)], env=env
    )
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the import never got halfway"
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    city.db.dispose()
    assert city_state(city.db) == before
    assert sync.import_bundle(city.db, city.admin, bundle).records == result.records
    assert city_state(city.db) != before
