"""Write the team lists the import tests read: ``python tests/data/import/make_fixtures.py``.

The files are committed; run this again only to change them. Each valid list holds the same
three teams, in a different encoding, header language or format, so the tests can assert that
every variant imports to the same teams.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from stdnum.cn import uscc

HERE = Path(__file__).parent

HEADERS_EN = [
    "name_zh",
    "name_en",
    "uscc",
    "legal_rep",
    "founded_on",
    "district",
    "headcount",
    "ai_focus",
    "phone",
    "email",
    "status",
]
HEADERS_ZH = [
    "中文名称",
    "英文名称",
    "统一社会信用代码",
    "法定代表人",
    "成立日期",
    "所在区",
    "人数",
    "人工智能方向",
    "电话",
    "邮箱",
    "状态",
]


def code(n: int) -> str:
    body = f"91310104MA1F{n:05d}"
    return body + uscc.calc_check_digit(body)


TEAMS = [
    [
        "上海星河智能科技有限公司",
        "Shanghai Galaxy AI Co., Ltd.",
        code(1),
        "王伟",
        "2023-03-02",
        "徐汇区",
        "12",
        "垂类大模型",
        "021-64000001",
        "hello@galaxy.cn",
        "applicant",
    ],
    [
        "上海镕铭数据服务有限公司",
        "Rongming Data",
        code(2),
        "李娜",
        "2022-11-15",
        "闵行区",
        "5",
        "数据服务",
        "13800138000",
        "",
        "admitted",
    ],
    [
        "上海喆启机器人有限公司",
        "",
        code(3),
        "张喆",
        "2024-01-08",
        "徐汇区",
        "",
        "具身智能",
        "",
        "contact@zheqi.cn",
        "applicant",
    ],
]
ZH_STATUS = {"applicant": "申请中", "admitted": "已入驻"}


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([headers, *rows])
    return buf.getvalue()


def zh_rows() -> list[list[str]]:
    return [[*r[:10], ZH_STATUS[r[10]]] for r in TEAMS]


def main() -> None:
    (HERE / "teams_en_utf8.csv").write_bytes(csv_text(HEADERS_EN, TEAMS).encode("utf-8"))
    # Excel's "CSV UTF-8 (Comma delimited)": a BOM, then UTF-8.
    (HERE / "teams_zh_bom.csv").write_bytes(csv_text(HEADERS_ZH, zh_rows()).encode("utf-8-sig"))
    # Excel's plain "CSV (Comma delimited)" on Chinese Windows: the ANSI code page, GBK.
    (HERE / "teams_zh_gbk.csv").write_bytes(csv_text(HEADERS_ZH, zh_rows()).encode("gbk"))
    # Headers as people type them: padded, mixed case; a blank row in the middle.
    padded = [f"  {h.upper()} " for h in HEADERS_EN]
    (HERE / "teams_en_messy.csv").write_bytes(
        csv_text(padded, [TEAMS[0], ["", "", ""], TEAMS[1], TEAMS[2]]).encode("utf-8")
    )
    write_xlsx()
    write_bad_rows()


def write_xlsx() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "团队"
    ws.append(HEADERS_ZH)
    for r in zh_rows():
        y, m, d = (int(p) for p in r[4].split("-"))
        row: list[object] = list(r)
        row[4] = dt.datetime(y, m, d)  # a date cell, as Excel stores a typed date
        row[6] = int(r[6]) if r[6] else None  # a number cell
        row[8] = int(r[8]) if r[8].isdigit() else r[8]  # a mobile typed as a number
        ws.append(row)
    ws.cell(row=2, column=5).number_format = "yyyy/m/d"
    wb.save(HERE / "teams_zh.xlsx")


# Line numbers as a spreadsheet shows them; the test asserts each one with its column.
BAD_ROWS = [
    # line 2: good
    TEAMS[0],
    # line 3: check digit wrong
    [
        "坏校验位公司",
        "",
        code(4)[:-1] + ("0" if code(4)[-1] != "0" else "1"),
        "",
        "2023-01-01",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    # line 4: founded in the future
    ["未来公司", "", code(5), "", "2999-01-01", "", "", "", "", "", ""],
    # line 5: same code as line 2
    ["重复公司", "", code(1), "", "2023-01-01", "", "", "", "", "", ""],
    # line 6: Chinese name missing
    ["", "No Chinese name", code(6), "", "2023-01-01", "", "", "", "", "", ""],
    # line 7: a formula
    ['=HYPERLINK("http://x","点我")', "", code(7), "", "2023-01-01", "", "", "", "", "", ""],
    # line 8: e-mail without a domain
    ["邮箱错误公司", "", code(8), "", "2023-01-01", "", "", "", "", "team@", ""],
    # line 9: headcount not a number
    ["人数错误公司", "", code(9), "", "2023-01-01", "", "十二", "", "", "", ""],
    # line 10: good
    TEAMS[1],
]


def write_bad_rows() -> None:
    (HERE / "teams_bad_rows.csv").write_bytes(csv_text(HEADERS_EN, BAD_ROWS).encode("utf-8"))


if __name__ == "__main__":
    main()
