"""``office``: the office's settings that have a command (its seal image)."""

from __future__ import annotations

import argparse
from pathlib import Path

from aitown.cli import CliError, login, open_db
from aitown.notices.seal import MAX_SEAL_BYTES


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    o = sub.add_parser("office", help="the office's settings (seal image)")
    os_ = o.add_subparsers(dest="office_command", metavar="ACTION")
    os_.required = True
    seal = os_.add_parser(
        "seal",
        parents=[common],
        help="set the office's seal image, printed over the signature of notices (administrators)",
    )
    seal.add_argument("file", type=Path, metavar="FILE", help="a PNG with a transparent background")
    seal.set_defaults(handler=cmd_seal)


def cmd_seal(args: argparse.Namespace) -> int:
    from aitown.services.office_notices import set_seal_image

    path: Path = args.file
    if not path.is_file():
        raise CliError(
            f"There is no file {path}: name the PNG file of the office's seal.",
            f"没有文件 {path}：请写明办公室印章的 PNG 文件。",
        )
    if path.stat().st_size > MAX_SEAL_BYTES:
        raise CliError(
            f"{path.name} is larger than {MAX_SEAL_BYTES // 1048576} MB: a seal image is a small "
            "PNG (a scan at 600 dpi is enough).",
            f"{path.name} 超过 {MAX_SEAL_BYTES // 1048576} MB：印章图片应为较小的 PNG（600 dpi 扫描即可）。",
        )
    db = open_db(args)
    actor = login(db, args)
    digest = set_seal_image(db, actor, path.read_bytes())
    print(
        f"The office's seal image is now {path.name} (SHA-256 {digest}); notices issued from now "
        "on carry it."
    )
    return 0
