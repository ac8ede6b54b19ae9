"""What a policy file may contain, key by key, and the checks that turn its values into ours.

Each spec checks one value and returns it normalised (yuan → fen, "30%" → Decimal("0.30"), m² →
hundredths of m²) or records a problem naming the key and its line and returns ``BAD``. Tables
check every key, report unknown ones with the closest known key, and report missing ones at the
line of their table, so one pass collects every problem of the file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from aitown.policy.toml_lines import KeyLines, Path
from aitown.policy.wording import percent

BAD: Any = object()  # marks a value that failed its check (a problem was recorded)

MAX_YUAN = Decimal(10) ** 15  # far above any pool; keeps Decimal arithmetic in range


@dataclass(frozen=True)
class PolicyProblem:
    """One thing wrong with a policy file: the dotted key, its line, and a sentence in both languages."""

    key: str
    line: int
    en: str
    zh: str


@dataclass
class Checker:
    """Collects the problems of one file while the specs walk it."""

    lines: KeyLines
    problems: list[PolicyProblem] = field(default_factory=list)

    def add(self, path: Path, en: str, zh: str, *, line: int | None = None) -> None:
        self.problems.append(
            PolicyProblem(
                dotted(path), line if line is not None else self.lines.line_of(path), en, zh
            )
        )

    def line(self, path: Path) -> int:
        return self.lines.line_of(path)


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def table_name(path: Path) -> tuple[str, str]:
    """How a table is named in a message: ``[pools.compute_voucher]`` / the top level."""
    if not path:
        return "the top level", "顶层"
    return f"[{dotted(path)}]", f"[{dotted(path)}]"


def type_name(value: object) -> tuple[str, str]:
    if isinstance(value, bool):
        return "true/false", "布尔值"
    if isinstance(value, int):
        return "a whole number", "整数"
    if isinstance(value, Decimal):
        return "a decimal number", "小数"
    if isinstance(value, str):
        return "text", "文本"
    if isinstance(value, dict):
        return "a table", "表"
    if isinstance(value, list):
        return "an array", "数组"
    if isinstance(value, date | datetime | time):
        return "a date or time", "日期或时间"
    return type(value).__name__, type(value).__name__


def _key(path: Path) -> str:
    return str(path[-1]) if path else ""


class Spec:
    """Checks one value. ``what`` names it in a "missing …" message (an amount, a value, a table)."""

    what_en = "value"
    what_zh = "值"
    expected_en = "a value"
    expected_zh = "值"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        raise NotImplementedError

    def wrong_type(self, value: Any, path: Path, ck: Checker) -> Any:
        got_en, got_zh = type_name(value)
        n = ck.line(path)
        ck.add(
            path,
            f"'{_key(path)}' at line {n} must be {self.expected_en}, not {got_en}",
            f"第{n}行的“{_key(path)}”应为{self.expected_zh}，而不是{got_zh}",
        )
        return BAD


@dataclass
class Text(Spec):
    """Non-empty text, optionally matching a pattern (ids, codes)."""

    max_len: int = 2000
    pattern: str | None = None
    hint_en: str = ""
    hint_zh: str = ""
    expected_en: str = "text in quotes"
    expected_zh: str = "带引号的文本"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        text = value.strip()
        n = ck.line(path)
        if not text:
            ck.add(path, f"'{_key(path)}' at line {n} is empty", f"第{n}行的“{_key(path)}”为空")
            return BAD
        if len(text) > self.max_len:
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is longer than {self.max_len} characters",
                f"第{n}行的“{_key(path)}”超过{self.max_len}个字符",
            )
            return BAD
        if self.pattern and not re.fullmatch(self.pattern, text):
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is “{text}”: {self.hint_en}",
                f"第{n}行的“{_key(path)}”为“{text}”：{self.hint_zh}",
            )
            return BAD
        return text


@dataclass
class Flag(Spec):
    """true or false."""

    expected_en: str = "true or false"
    expected_zh: str = "true或false"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, bool):
            return self.wrong_type(value, path, ck)
        return value


@dataclass
class Whole(Spec):
    """A whole number (months, years, people) within bounds."""

    minimum: int = 0
    maximum: int = 1_000_000
    unit_en: str = ""
    unit_zh: str = ""
    expected_en: str = "a whole number"
    expected_zh: str = "整数"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value, path, ck)
        if not self.minimum <= value <= self.maximum:
            n = ck.line(path)
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is {value}: it must be from {self.minimum} "
                f"to {self.maximum}{self.unit_en}",
                f"第{n}行的“{_key(path)}”为{value}：应在{self.minimum}至{self.maximum}{self.unit_zh}之间",
            )
            return BAD
        return value


def _to_decimal(value: Any) -> Decimal | None:
    """A finite Decimal from an int, a Decimal (TOML floats are parsed as Decimal) or text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str):
        raw = value.strip().replace(",", "").replace("_", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


@dataclass
class Yuan(Spec):
    """An amount in yuan (a whole number or a decimal with at most two places) → integer fen."""

    what_en: str = "amount"
    what_zh: str = "金额"
    expected_en: str = 'an amount in yuan (a whole number, or a quoted decimal such as "1234.56")'
    expected_zh: str = "以元为单位的金额（整数，或带引号的小数，如“1234.56”）"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, int | Decimal | str) or isinstance(value, bool):
            return self.wrong_type(value, path, ck)
        number = _to_decimal(value)
        n = ck.line(path)
        if number is None:
            return self.wrong_type(value, path, ck)
        if number < 0:
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is negative ({value}): amounts must be zero or more",
                f"第{n}行的“{_key(path)}”为负数（{value}）：金额必须为零或正数",
            )
            return BAD
        if number > MAX_YUAN:
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is implausibly large ({value} yuan)",
                f"第{n}行的“{_key(path)}”金额过大（{value}元）",
            )
            return BAD
        if number != number.quantize(Decimal("0.01")):
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is {value}: yuan have at most two decimals (fen)",
                f"第{n}行的“{_key(path)}”为{value}：金额最多两位小数（精确到分）",
            )
            return BAD
        return int(number * 100)


@dataclass
class Area(Spec):
    """An area in m² with at most two decimals → hundredths of m² (as the models keep areas)."""

    expected_en: str = "an area in m² (a number with at most two decimals)"
    expected_zh: str = "以平方米为单位的面积（最多两位小数）"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        number = _to_decimal(value) if isinstance(value, int | Decimal | str) else None
        if number is None:
            return self.wrong_type(value, path, ck)
        n = ck.line(path)
        if not Decimal(0) < number <= Decimal(1_000_000) or number != number.quantize(
            Decimal("0.01")
        ):
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is {value}: an area must be more than 0 and at most "
                "1,000,000 m², with at most two decimals",
                f"第{n}行的“{_key(path)}”为{value}：面积必须大于0、不超过1,000,000平方米，最多两位小数",
            )
            return BAD
        return int(number * 100)


def parse_ratio(value: Any) -> Decimal | None:
    """``"30%"`` / ``"0.30"`` / ``0.30`` / ``1`` → Decimal, or None when it is not a ratio."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number = _to_decimal(value.strip()[:-1])
        return None if number is None else number / 100
    if isinstance(value, int | Decimal | str) and not isinstance(value, bool):
        return _to_decimal(value)
    return None


@dataclass
class Ratio(Spec):
    """A ratio given as a percentage or a decimal, within ``[low, high]`` (``low`` may be open)."""

    low: Decimal = Decimal(0)
    high: Decimal = Decimal(1)
    low_open: bool = False
    clause: str = ""
    expected_en: str = 'a ratio such as "30%" or "0.30"'
    expected_zh: str = "比例，如“30%”或“0.30”"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        ratio = parse_ratio(value)
        if ratio is None:
            return self.wrong_type(value, path, ck)
        too_low = ratio <= self.low if self.low_open else ratio < self.low
        if too_low or ratio > self.high:
            n = ck.line(path)
            low = ("more than " if self.low_open else "") + percent(self.low)
            low_zh = ("大于" if self.low_open else "") + percent(self.low)
            cite = f" (§{self.clause})" if self.clause else ""
            cite_zh = f"（第{self.clause}条）" if self.clause else ""
            ck.add(
                path,
                f"'{_key(path)}' at line {n} is {percent(ratio)}, outside {low}–{percent(self.high)}{cite}",
                f"第{n}行的“{_key(path)}”为{percent(ratio)}，超出{low_zh}至{percent(self.high)}的范围{cite_zh}",
            )
            return BAD
        return ratio


@dataclass
class Table(Spec):
    """A table with a fixed set of keys, all required unless listed in ``optional``."""

    fields: dict[str, Spec] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()
    what_en: str = "table"
    what_zh: str = "表"
    expected_en: str = "a table"
    expected_zh: str = "表"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ck)
        out: dict[str, Any] = {}
        ok = True
        guessed: set[str] = set()
        for key in value:
            if key not in self.fields:
                guessed.add(report_unknown(key, path, list(self.fields), ck))
                ok = False
        for key, spec in self.fields.items():
            if key in value:
                checked = spec.check(value[key], (*path, key), ck)
                ok = ok and checked is not BAD
                out[key] = checked
            elif key not in self.optional and key not in guessed:
                # A misspelt key already says "did you mean …": no second problem for the same key.
                report_missing(key, spec, path, ck)
                ok = False
        return out if ok else BAD


@dataclass
class MapOf(Spec):
    """A table whose keys are names (pools, clauses, AI focus keys), each holding the same kind of value."""

    value: Spec = field(default_factory=Spec)
    required: tuple[str, ...] = ()
    allowed: tuple[str, ...] | None = None  # None: any key matching ``key_pattern``
    key_pattern: str = r"[a-z][a-z0-9_]*"
    key_hint_en: str = "use lower-case letters, digits and _"
    key_hint_zh: str = "请使用小写字母、数字和下划线"
    min_items: int = 1
    what_en: str = "table"
    what_zh: str = "表"
    expected_en: str = "a table"
    expected_zh: str = "表"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ck)
        out: dict[str, Any] = {}
        ok = True
        guessed: set[str] = set()
        for key, item in value.items():
            if self.allowed is not None and key not in self.allowed:
                guessed.add(report_unknown(key, path, list(self.allowed), ck))
                ok = False
                continue
            if self.allowed is None and not re.fullmatch(self.key_pattern, key):
                n = ck.line((*path, key))
                ck.add(
                    (*path, key),
                    f"key '{key}' at line {n} is not a valid name: {self.key_hint_en}",
                    f"第{n}行的键“{key}”不是有效名称：{self.key_hint_zh}",
                )
                ok = False
                continue
            checked = self.value.check(item, (*path, key), ck)
            ok = ok and checked is not BAD
            out[key] = checked
        for key in self.required:
            if key not in value and key not in guessed:
                report_missing(key, self.value, path, ck)
                ok = False
        if ok and len(out) < self.min_items:
            n = ck.line(path)
            name_en, name_zh = table_name(path)
            ck.add(path, f"{name_en} at line {n} is empty", f"第{n}行的{name_zh}为空")
            ok = False
        return out if ok else BAD


@dataclass
class ArrayOfTables(Spec):
    """``[[name]]`` entries, each checked by ``item``."""

    item: Spec = field(default_factory=Spec)
    min_items: int = 1
    what_en: str = "list of tables"
    what_zh: str = "表数组"
    expected_en: str = "one or more [[tables]]"
    expected_zh: str = "一个或多个[[表]]"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, list):
            return self.wrong_type(value, path, ck)
        if len(value) < self.min_items:
            n = ck.line(path)
            ck.add(
                path,
                f"'{_key(path)}' at line {n} needs at least {self.min_items} entries",
                f"第{n}行的“{_key(path)}”至少需要{self.min_items}项",
            )
            return BAD
        out = [self.item.check(entry, (*path, i), ck) for i, entry in enumerate(value)]
        return BAD if any(v is BAD for v in out) else out


def report_unknown(key: str, table: Path, known: list[str], ck: Checker) -> str:
    """Record an unknown key with the closest known one; return that guess ("" if none)."""
    path = (*table, key)
    n = ck.line(path)
    where_en, where_zh = table_name(table)
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if guess:
        tail_en, tail_zh = f" — did you mean '{guess[0]}'?", f"——是否应为“{guess[0]}”？"
    else:
        tail_en = f" — the keys allowed here are: {', '.join(known)}"
        tail_zh = f"——此处允许的键为：{'、'.join(known)}"
    ck.add(
        path,
        f"unknown key '{key}' at line {n} in {where_en}{tail_en}",
        f"第{n}行{where_zh}中的键“{key}”无法识别{tail_zh}",
    )
    return guess[0] if guess else ""


def report_missing(key: str, spec: Spec, table: Path, ck: Checker) -> None:
    n = ck.line(table)
    where_en, where_zh = table_name(table)
    ck.add(
        (*table, key),
        f"missing {spec.what_en} '{key}' in {where_en} at line {n}",
        f"第{n}行{where_zh}缺少{spec.what_zh}“{key}”",
        line=n,
    )
