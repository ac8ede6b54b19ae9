"""Issue 22: `aitown-cli --help` imports no command; a command imports what it needs when it
runs (alembic only to create or upgrade, ReportLab only for notices, never Qt); a missing
PostgreSQL driver is one sentence. (How fast: benchmarks/, row "aitown-cli --help".)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aitown import cli
from aitown.schema import _alembic_config, known_revisions, open_database
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("sqlalchemy", "alembic", "mako", "reportlab", "pypdf", "openpyxl", "PySide6", "psycopg")


def imported_by(code: str, *, env: dict[str, str] | None = None) -> tuple[list[str], str]:
    """Run ``code`` in a fresh interpreter; return the heavy packages it imported, and stderr."""
    probe = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def run_cli(argv: list[str]) -> str:
    return (
        "import contextlib, io\n"
        "from aitown.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r})\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "print('exit', code, file=sys.stderr)\n"
    )


def test_help_lists_every_command_without_importing_any() -> None:
    heavy, _ = imported_by(run_cli(["--help"]))
    assert heavy == []
    text = cli.build_parser("").format_help()
    for name, (_module, help_text) in cli.COMMANDS.items():
        assert name in text and help_text.split()[0] in text


def test_the_command_table_says_what_the_modules_register() -> None:
    full = cli.build_parser()
    [action] = [a for a in full._actions if a.dest == "command"]
    registered = {c.dest: c.help for c in action._choices_actions}
    assert registered == {name: text for name, (_m, text) in cli.COMMANDS.items()}
    for name, (module, _text) in cli.COMMANDS.items():
        lone = cli.build_parser(name)
        [sub] = [a for a in lone._actions if a.dest == "command"]
        assert sub.choices[name].get_default("handler") or sub.choices[name]._subparsers, (
            f"{name} is not registered by {module}"
        )


def test_a_command_on_a_current_database_needs_neither_alembic_nor_reportlab_nor_qt(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.sqlite"
    env = {"AITOWN_PASSWORD": ADMIN_PASSWORD, "AITOWN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin"}
    init = [
        "init",
        "--db",
        str(path),
        "--office",
        "XH01",
        "--office-name",
        "徐汇",
        "--admin",
        "admin",
    ]
    heavy, err = imported_by(run_cli(init), env=env)
    assert "exit 0" in err, err
    assert "alembic" in heavy and "reportlab" not in heavy and "PySide6" not in heavy
    heavy, err = imported_by(run_cli(["pools", "--db", str(path)]), env=env)
    assert "exit 0" in err, err
    assert "sqlalchemy" in heavy and not {"alembic", "reportlab", "PySide6"} & set(heavy)


def test_the_desktop_application_imports_no_alembic_for_a_current_database() -> None:
    heavy, _ = imported_by("import ui.app")
    assert "PySide6" in heavy and "alembic" not in heavy and "reportlab" not in heavy


def test_revisions_read_without_alembic_are_alembic_s() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    assert known_revisions() == (
        [r.revision for r in script.walk_revisions()],
        script.get_current_head(),
    )


def test_postgresql_without_its_driver_is_one_sentence_naming_the_extra(tmp_path: Path) -> None:
    """A wheel installed without psycopg (pip --no-deps, a distribution's own packages)."""
    code = "sys.modules['psycopg'] = None  # as if it were not installed\n" + run_cli(
        ["init", "--db", "postgresql://desk@127.0.0.1:1/aitown", "--office", "XH01",
         "--office-name", "徐汇", "--admin", "admin"]
    )  # fmt: skip
    _heavy, err = imported_by(code, env={"AITOWN_PASSWORD": ADMIN_PASSWORD, "PATH": "/usr/bin"})
    lines = err.strip().splitlines()
    assert lines == [
        "aitown-cli: The PostgreSQL driver psycopg is not installed with this copy of AI Town "
        "Desk: install the “postgresql” extra (pip install 'aitown-desk[postgresql]') into its "
        "Python environment, then try again.",
        "exit 1",
    ]


@pytest.mark.postgres
def test_postgresql_init_works_with_the_driver_installed(pg_url: str) -> None:
    """psycopg is an ordinary dependency, so a plain install can create a PostgreSQL database."""
    from importlib.metadata import requires

    assert any(
        r.startswith("psycopg[binary]") and "extra" not in r for r in requires("aitown-desk") or []
    )
    open_database(pg_url, create=True).dispose()
