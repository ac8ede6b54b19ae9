"""``aitown-cli users role`` and ``users deactivate`` / ``activate`` (issue 16.10)."""

from __future__ import annotations

import pytest

from aitown.cli import main
from aitown.errors import DeskError
from aitown.services.users import authenticate
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD


@pytest.fixture
def as_admin(monkeypatch, db, staff, db_path):
    monkeypatch.delenv("AITOWN_USER", raising=False)
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    return ["--db", str(db_path), "--user", "admin"]


def test_deactivate_role_and_activate_a_user(capsys, db, as_admin):
    assert main(["users", "deactivate", "desk1", *as_admin]) == 0
    assert "deactivated" in capsys.readouterr().out
    with pytest.raises(DeskError):
        authenticate(db, "desk1", STAFF_PASSWORD)
    assert main(["users", "role", "desk1", "--role", "reviewer", *as_admin]) == 0
    with pytest.raises(DeskError):  # a role change does not reactivate the account
        authenticate(db, "desk1", STAFF_PASSWORD)
    assert main(["users", "activate", "desk1", *as_admin]) == 0
    assert authenticate(db, "desk1", STAFF_PASSWORD).role == "reviewer"


def test_users_commands_refuse_with_one_line(capsys, db, as_admin, monkeypatch):
    assert main(["users", "deactivate", "nobody", *as_admin]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no user named “nobody”" in err
    assert main(["users", "deactivate", "admin", *as_admin]) == 1  # not one's own account
    assert "own administrator role" in capsys.readouterr().err
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    desk = ["--db", as_admin[1], "--user", "desk1"]
    assert main(["users", "role", "desk2", "--role", "administrator", *desk]) == 1
    assert "may not" in capsys.readouterr().err
