"""The log file: in the user log folder, rotating, set up once, and never in the way."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from aitown import logs


@pytest.fixture
def clean_root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def test_logs_go_to_the_user_log_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_root_logger: logging.Logger
) -> None:
    monkeypatch.setenv("AITOWN_LOG_DIR", str(tmp_path / "log"))
    path = logs.setup_logging()
    assert path == logs.log_file() == tmp_path / "log" / "aitown.log"
    logging.getLogger("aitown.test").warning("备份已完成 backup done")
    for handler in clean_root_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING" in text and "aitown.test: 备份已完成 backup done" in text


def test_setting_up_twice_adds_one_handler(
    tmp_path: Path, clean_root_logger: logging.Logger
) -> None:
    before = len(clean_root_logger.handlers)
    assert logs.setup_logging(folder=tmp_path) == logs.setup_logging(folder=tmp_path)
    added = clean_root_logger.handlers[before:]
    assert len(added) == 1 and isinstance(added[0], logging.handlers.RotatingFileHandler)
    assert added[0].maxBytes == logs.MAX_BYTES and added[0].backupCount == logs.BACKUP_COUNT


def test_an_unwritable_log_folder_is_not_an_error(
    tmp_path: Path, clean_root_logger: logging.Logger
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    before = list(clean_root_logger.handlers)
    assert logs.setup_logging(folder=blocker / "log") is None
    assert clean_root_logger.handlers == before


def test_the_log_rotates(tmp_path: Path, clean_root_logger: logging.Logger) -> None:
    path = logs.setup_logging(folder=tmp_path)
    assert path is not None
    chatty = logging.getLogger("aitown.chatty")
    line = "x" * 1000
    for _ in range(int(logs.MAX_BYTES / 1000) + 50):
        chatty.warning(line)
    assert (tmp_path / "aitown.log.1").exists()
    assert path.stat().st_size <= logs.MAX_BYTES
