"""Reading a policy file (TOML) into a checked, frozen :class:`Policy`.

The whole file is checked before anything is used: every problem found (syntax, unknown key,
missing amount, wrong type, impossible value) is collected and the file is refused as a whole with
:class:`PolicyError`, whose message names each key and its line. TOML floats are read as Decimal,
so no ratio or amount ever passes through a float.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Any

from aitown.errors import ValidationError
from aitown.paths import resource
from aitown.policy.facts import VOUCHER_KINDS
from aitown.policy.model import (
    BENEFIT_POOLS,
    DEFAULT_APPLICANTS_MAY_RECEIVE,
    MEASURES_MAX_VOUCHER_RATIO,
    MEASURES_MIN_VOUCHER_RATIO,
    AdmissionRules,
    AiFocus,
    Clause,
    EarlyAndSmallRules,
    GeneralRules,
    MaterialItem,
    Policy,
    PoolBudget,
    RentWaiverRules,
    Section,
    StartupGrantRules,
    TalentAwardRules,
    TalentTier,
    VoucherRules,
    WaiverPhase,
)
from aitown.policy.payout_rules import (
    DEFAULT_PAYMENTS,
    DEFAULT_PUBLICITY,
    PaymentsSpec,
    PublicitySpec,
)
from aitown.policy.schema import (
    BAD,
    Area,
    ArrayOfTables,
    Checker,
    Flag,
    MapOf,
    PolicyProblem,
    Ratio,
    Table,
    Text,
    Whole,
    Yuan,
)
from aitown.policy.toml_lines import KeyLines
from aitown.policy.wording import percent

DEFAULT_POLICY_FILE = "shanghai-ai-2025.toml"

SECTION_IDS = tuple(str(n) for n in range(1, 9))
CLAUSE_IDS = (
    *("1.1", "1.2", "1.3", "1.4", "1.5"),
    *("2.1", "2.2", "2.3", "2.4", "2.5"),
    *("3.1", "3.2", "3.3", "3.4"),
    *("4.1", "4.2", "4.3", "4.4"),
    *("5.1", "5.2", "5.3"),
    *("6.1", "6.2", "6.3"),
    *("7.1", "7.2", "7.3"),
    *("8.1", "8.2", "8.3"),
)
TALENT_TIER_KEYS = ("A", "B", "C")
MAX_MESSAGE_PROBLEMS = 8
# A policy is a few kilobytes of text; anything far larger is not one (and would only cost memory).
MAX_POLICY_BYTES = 1 << 20


class PolicyError(ValidationError):
    """A policy file that is refused as a whole. ``problems`` lists each key, line and reason."""

    def __init__(self, source: str, problems: list[PolicyProblem]):
        shown = problems[:MAX_MESSAGE_PROBLEMS]
        more = len(problems) - len(shown)
        en = "; ".join(p.en for p in shown) + (f"; and {more} more problems" if more else "")
        zh = "；".join(p.zh for p in shown) + (f"；另有{more}处问题" if more else "")
        super().__init__(
            f"The policy file {source} is refused: {en}. Correct the file and load it again.",
            f"政策文件{source}未被接受：{zh}。请修改文件后重新加载。",
            field=problems[0].key if problems else None,
        )
        self.source = source
        self.problems = tuple(problems)
        self.key = problems[0].key if problems else None
        self.line = problems[0].line if problems else None


def _voucher_spec(*, early: bool) -> Table:
    fields: dict[str, Any] = {
        "ratio": Ratio(MEASURES_MIN_VOUCHER_RATIO, MEASURES_MAX_VOUCHER_RATIO, clause="8.1"),
        "yearly_cap": Yuan(),
    }
    if early:
        fields["early_and_small"] = Table(
            {
                "ratio": Ratio(
                    MEASURES_MIN_VOUCHER_RATIO, MEASURES_MAX_VOUCHER_RATIO, clause="8.1"
                ),
                "max_years_since_founding": Whole(1, 100, " years", "年"),
                "max_headcount": Whole(1, 1_000_000),
                "window_months": Whole(1, 1200, " months", "个月"),
            }
        )
    return Table(fields)


_LABELS = Table({"en": Text(), "zh": Text()})

POLICY_SPEC = Table(
    {
        "id": Text(
            max_len=100,
            pattern=r"[A-Za-z0-9][A-Za-z0-9._-]*",
            hint_en="use letters, digits, '.', '_' and '-'",
            hint_zh="请使用字母、数字、“.”、“_”和“-”",
        ),
        "version": Text(
            max_len=40,
            pattern=r"[A-Za-z0-9][A-Za-z0-9._+-]*",
            hint_en="use letters, digits, '.', '_', '+' and '-'",
            hint_zh="请使用字母、数字、“.”、“_”、“+”和“-”",
        ),
        "name_en": Text(max_len=200),
        "name_zh": Text(max_len=200),
        "pools": MapOf(Table({"total": Yuan()}), required=BENEFIT_POOLS, allowed=BENEFIT_POOLS),
        "admission": Table(
            {
                "uscc_division_prefix": Text(
                    max_len=6,
                    pattern=r"[0-9]{2,6}",
                    hint_en='give 2 to 6 digits of the division code (Shanghai is "31")',
                    hint_zh="请填写2至6位行政区划代码数字（上海为“31”）",
                ),
                "max_years_since_founding": Whole(1, 100, " years", "年"),
                "min_headcount": Whole(0, 1_000_000),
                "max_headcount": Whole(1, 1_000_000),
                "ai_focus": MapOf(
                    _LABELS,
                    key_pattern=r"[a-z][a-z0-9_]{0,49}",
                    key_hint_en="use lower-case letters, digits and _ (at most 50 characters)",
                    key_hint_zh="请使用小写字母、数字和下划线（最多50个字符）",
                ),
            }
        ),
        "rent_waiver": Table(
            {
                "area_cap_m2": Area(),
                "repay_if_leaving_within_months": Whole(0, 1200, " months", "个月"),
                "phases": ArrayOfTables(
                    Table(
                        {
                            "months": Whole(1, 1200, " months", "个月"),
                            "ratio": Ratio(Decimal(0), Decimal(1), low_open=True),
                        }
                    )
                ),
            }
        ),
        "startup_grant": Table(
            {
                "min_tenancy_months": Whole(0, 1200, " months", "个月"),
                "amount": Yuan(),
                "amount_with_tier_a_founder": Yuan(),
            }
        ),
        "compute_voucher": _voucher_spec(early=True),
        "model_voucher": _voucher_spec(early=False),
        "corpus_voucher": _voucher_spec(early=False),
        "talent_award": Table(
            {
                "min_membership_months": Whole(0, 1200, " months", "个月"),
                "amounts": MapOf(Yuan(), required=TALENT_TIER_KEYS, allowed=TALENT_TIER_KEYS),
            }
        ),
        "general": Table(
            {
                "min_voucher_ratio": Ratio(
                    MEASURES_MIN_VOUCHER_RATIO, MEASURES_MAX_VOUCHER_RATIO, clause="8.1"
                ),
                "max_voucher_ratio": Ratio(
                    MEASURES_MIN_VOUCHER_RATIO, MEASURES_MAX_VOUCHER_RATIO, clause="8.1"
                ),
            }
        ),
        # Readings settled, "Status": may a team not yet admitted receive each voucher? The town's
        # own benefits (§2, §3, §7) need admission by their clauses. Optional: a file without it
        # takes DEFAULT_APPLICANTS_MAY_RECEIVE.
        "applicants_may_receive": MapOf(Flag(), required=(), allowed=VOUCHER_KINDS),
        # Issue 13.5/13.6 (aitown.policy.payout_rules): optional, with defaults.
        "publicity": PublicitySpec(),
        "payments": PaymentsSpec(),
        "sections": MapOf(_LABELS, required=SECTION_IDS, allowed=SECTION_IDS),
        "clauses": MapOf(_LABELS, required=CLAUSE_IDS, allowed=CLAUSE_IDS),
        # Issue 13.1: the papers each benefit needs. Optional: a file without it requires none.
        "materials": MapOf(
            MapOf(
                Table({"en": Text(max_len=200), "zh": Text(max_len=200), "required": Flag()}),
                key_pattern=r"[a-z][a-z0-9_]{0,49}",
                key_hint_en="use lower-case letters, digits and _ (at most 50 characters)",
                key_hint_zh="请使用小写字母、数字和下划线（最多50个字符）",
            ),
            required=(),
            allowed=BENEFIT_POOLS,
        ),
    },
    optional=frozenset({"applicants_may_receive", "materials", "publicity", "payments"}),
)


def parse_policy(text: str | bytes, *, source: str = "<policy>") -> Policy:
    """Check a policy file's text and return the Policy, or raise PolicyError naming key and line."""
    if isinstance(text, bytes):
        text = _decode(text, source)
    try:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        raise PolicyError(
            source, [_text_problem(text, line, "is not valid Unicode text")]
        ) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, [_syntax_problem(text, str(exc))]) from None
    except (RecursionError, ValueError, TypeError) as exc:
        # tomllib refuses some pathological texts (very deep nesting) with other errors.
        raise PolicyError(source, [_syntax_problem(text, str(exc) or type(exc).__name__)]) from None
    checker = Checker(KeyLines(text))
    checked = POLICY_SPEC.check(data, (), checker)
    if checked is not BAD:
        _cross_check(checked, checker)
    if checker.problems:
        raise PolicyError(source, checker.problems)
    return _build(checked, digest=digest, source=source, text=text)


def load_policy(path: str | FsPath) -> Policy:
    """Read and check the policy file at ``path`` (see :func:`parse_policy`)."""
    file = FsPath(path)
    try:
        if file.is_file() and file.stat().st_size > MAX_POLICY_BYTES:
            raise ValidationError(
                f"The policy file {file.name} is refused: it is {file.stat().st_size:,} bytes, and "
                f"a policy file is text of at most {MAX_POLICY_BYTES // 1024:,} KB. Choose the "
                "right file.",
                f"政策文件{file.name}未被接受：文件大小为 {file.stat().st_size:,} 字节，政策文件是不超过 "
                f"{MAX_POLICY_BYTES // 1024:,} KB 的文本。请选择正确的文件。",
                field="policy_file",
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"The policy file {file} cannot be read ({exc.strerror or exc}): check the path.",
            f"无法读取政策文件{file}（{exc.strerror or exc}）：请检查路径。",
            field="policy_file",
        ) from None
    return parse_policy(raw, source=file.name)


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The policy shipped with the application (resources/policies/shanghai-ai-2025.toml)."""
    return load_policy(resource("policies", DEFAULT_POLICY_FILE))


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        text = raw.decode("utf-8-sig", errors="replace")
        problem = _text_problem(text, line, "is not UTF-8 text (save the file as UTF-8)")
        raise PolicyError(source, [problem]) from None


_KEY_ON_LINE = re.compile(r"""^\s*\[*\s*([A-Za-z0-9_."'-]+?)\s*(?:\]|=)""")


def _key_on(text: str, line: int) -> str | None:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        m = _KEY_ON_LINE.match(lines[line - 1])
        if m:
            return m.group(1).strip("\"'")
    return None


def _text_problem(text: str, line: int, what_en: str) -> PolicyProblem:
    key = _key_on(text, line)
    key_en = f" (key '{key}')" if key else ""
    key_zh = f"（键“{key}”）" if key else ""
    zh = "不是有效的UTF-8文本（请以UTF-8保存文件）" if "UTF-8" in what_en else "不是有效的文本"
    return PolicyProblem(
        key or "", line, f"line {line}{key_en} {what_en}", f"第{line}行{key_zh}{zh}"
    )


def _syntax_problem(text: str, message: str) -> PolicyProblem:
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if m:
        line = int(m.group(1))
        where_en = f"line {line}, column {m.group(2)}"
    else:
        line = max(1, len(text.splitlines()))  # "(at end of document)": the last line
        where_en = f"line {line} (end of the file)"
    reason = re.sub(r"\s*\(at [^)]*\)\s*$", "", message)
    key = _key_on(text, line)
    key_en = f" (key '{key}')" if key else ""
    key_zh = f"（键“{key}”）" if key else ""
    return PolicyProblem(
        key or "",
        line,
        f"syntax error at {where_en}{key_en}: {reason}",
        f"第{line}行{key_zh}语法错误：{reason}",
    )


def _cross_check(d: dict[str, Any], ck: Checker) -> None:
    """Rules that involve more than one key."""
    adm = d["admission"]
    if adm["min_headcount"] > adm["max_headcount"]:
        n = ck.line(("admission", "min_headcount"))
        ck.add(
            ("admission", "min_headcount"),
            f"'min_headcount' at line {n} ({adm['min_headcount']}) is above 'max_headcount' "
            f"({adm['max_headcount']})",
            f"第{n}行的“min_headcount”（{adm['min_headcount']}）大于“max_headcount”（{adm['max_headcount']}）",
        )
    gen = d["general"]
    low, high = gen["min_voucher_ratio"], gen["max_voucher_ratio"]
    if low > high:
        n = ck.line(("general", "min_voucher_ratio"))
        ck.add(
            ("general", "min_voucher_ratio"),
            f"'min_voucher_ratio' at line {n} ({percent(low)}) is above 'max_voucher_ratio' "
            f"({percent(high)})",
            f"第{n}行的“min_voucher_ratio”（{percent(low)}）大于“max_voucher_ratio”（{percent(high)}）",
        )
        return
    ratios: list[tuple[str, ...]] = [
        (kind, "ratio") for kind in ("compute_voucher", "model_voucher", "corpus_voucher")
    ]
    ratios.append(("compute_voucher", "early_and_small", "ratio"))
    for path in ratios:
        node: Any = d
        for part in path:
            node = node[part]
        if not low <= node <= high:
            n = ck.line(path)
            ck.add(
                path,
                f"'ratio' at line {n} is {percent(node)}, outside {percent(low)}–{percent(high)} "
                "set in [general] (§8.1)",
                f"第{n}行的“ratio”为{percent(node)}，超出[general]规定的{percent(low)}至{percent(high)}（第8.1条）",
            )


def _build(d: dict[str, Any], *, digest: str, source: str, text: str) -> Policy:
    adm, rw, sg, ta, gen = (
        d["admission"],
        d["rent_waiver"],
        d["startup_grant"],
        d["talent_award"],
        d["general"],
    )

    def voucher(kind: str) -> VoucherRules:
        v = d[kind]
        early = v.get("early_and_small")
        return VoucherRules(
            kind=kind,
            ratio=v["ratio"],
            yearly_cap_fen=v["yearly_cap"],
            early_and_small=EarlyAndSmallRules(**early) if early else None,
        )

    return Policy(
        id=d["id"],
        version=d["version"],
        name_en=d["name_en"],
        name_zh=d["name_zh"],
        pools=tuple(PoolBudget(kind, d["pools"][kind]["total"]) for kind in BENEFIT_POOLS),
        admission=AdmissionRules(
            uscc_division_prefix=adm["uscc_division_prefix"],
            max_years_since_founding=adm["max_years_since_founding"],
            min_headcount=adm["min_headcount"],
            max_headcount=adm["max_headcount"],
            ai_focus=tuple(AiFocus(k, v["en"], v["zh"]) for k, v in adm["ai_focus"].items()),
        ),
        rent_waiver=RentWaiverRules(
            phases=tuple(WaiverPhase(p["months"], p["ratio"]) for p in rw["phases"]),
            area_cap_centi_m2=rw["area_cap_m2"],
            repay_if_leaving_within_months=rw["repay_if_leaving_within_months"],
        ),
        startup_grant=StartupGrantRules(
            min_tenancy_months=sg["min_tenancy_months"],
            amount_fen=sg["amount"],
            amount_with_tier_a_founder_fen=sg["amount_with_tier_a_founder"],
        ),
        compute_voucher=voucher("compute_voucher"),
        model_voucher=voucher("model_voucher"),
        corpus_voucher=voucher("corpus_voucher"),
        talent_award=TalentAwardRules(
            min_membership_months=ta["min_membership_months"],
            tiers=tuple(TalentTier(t, ta["amounts"][t]) for t in TALENT_TIER_KEYS),
        ),
        general=GeneralRules(gen["min_voucher_ratio"], gen["max_voucher_ratio"]),
        sections=tuple(
            Section(s, d["sections"][s]["en"], d["sections"][s]["zh"]) for s in SECTION_IDS
        ),
        clauses=tuple(Clause(c, d["clauses"][c]["en"], d["clauses"][c]["zh"]) for c in CLAUSE_IDS),
        applicants_may_receive=frozenset(
            kind
            for kind in VOUCHER_KINDS
            if d.get("applicants_may_receive", {}).get(kind, kind in DEFAULT_APPLICANTS_MAY_RECEIVE)
        ),
        materials=tuple(
            MaterialItem(benefit, key, item["en"], item["zh"], item["required"])
            for benefit, items in d.get("materials", {}).items()
            for key, item in items.items()
        ),
        publicity=d.get("publicity", DEFAULT_PUBLICITY),
        payments=d.get("payments", DEFAULT_PAYMENTS),
        sha256=digest,
        source=source,
        text=text,
    )
