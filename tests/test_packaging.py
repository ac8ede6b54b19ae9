"""The desktop packages' own files (packaging/): how the frozen bundle finds its resources, and
that the .deb's metadata agrees with itself. Building and installing the packages is tested by
`./dev package-test` (a fresh Debian 12 root), which is far too slow for the unit tests."""

from __future__ import annotations

import configparser
import json
import re
import sys
from pathlib import Path

import pytest

from aitown import paths

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "packaging" / "linux"
APP_ID = "cn.aitown.desk"


def test_the_frozen_bundle_finds_resources_in_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "_internal" / "aitown" / "resources"
    (bundled / "policies").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.resources_dir() == bundled
    assert paths.resource("policies") == bundled / "policies"


def test_outside_a_bundle_the_checkout_resources_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert (paths.resources_dir() / "fonts" / "wqy-microhei.ttc").is_file()


class _CaseSensitiveParser(configparser.ConfigParser):
    """A .desktop file's keys are case-sensitive (Name, GenericName ...)."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def test_the_menu_entry_starts_the_installed_program_with_its_icon() -> None:
    entry = _CaseSensitiveParser(interpolation=None)
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == f"/opt/apps/{APP_ID}/files/aitown"
    assert desktop["Icon"] == APP_ID
    assert desktop["Type"] == "Application"
    assert desktop["Name[zh_CN]"] == "AI 小镇服务台"


def test_the_uos_info_file_names_the_app_and_takes_a_four_part_version() -> None:
    info = json.loads((LINUX / "info.json").read_text(encoding="utf-8"))
    assert info["appid"] == APP_ID
    assert info["arch"] == ["amd64"]
    # build.sh puts MAJOR.MINOR.PATCH.0 there: the UOS store wants four numbers.
    assert info["version"] == "@VERSION@"
    assert not info["permissions"]["autostart"]


def test_the_control_file_is_the_app_id_and_has_no_python_dependency() -> None:
    control = (LINUX / "control").read_text(encoding="utf-8")
    assert re.search(rf"^Package: {re.escape(APP_ID)}$", control, re.MULTILINE)
    assert "Architecture: amd64" in control
    depends = re.search(r"^Depends:(.*?)^\S", control, re.MULTILINE | re.DOTALL)
    assert depends is not None
    assert "python" not in depends.group(1)
    assert "libc6 (>= 2.35)" in depends.group(1)
    # No maintainer scripts: the package changes nothing on the system beyond its own files.
    assert not any((LINUX / name).exists() for name in ("postinst", "preinst", "prerm", "postrm"))
