"""The policy file: the shipped default holds POLICY.md exactly; a bad file is refused naming key and line."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from aitown.errors import ValidationError
from aitown.paths import resource
from aitown.policy import PolicyError, default_policy, load_policy, parse_policy
from aitown.policy.loader import CLAUSE_IDS
from tests.aitown.policy.policy_builders import line_of

DEFAULT_TEXT = resource("policies", "shanghai-ai-2025.toml").read_text(encoding="utf-8")


def refuse(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        parse_policy(text, source="bad.toml")
    return info.value


def edit(old: str, new: str, occurrence: int = 1) -> str:
    """The default text with the ``occurrence``-th ``old`` replaced by ``new``."""
    at = -1
    for _ in range(occurrence):
        at = DEFAULT_TEXT.index(old, at + 1)
    return DEFAULT_TEXT[:at] + new + DEFAULT_TEXT[at + len(old) :]


# The default policy ----------------------------------------------------------------------------


def test_default_policy_has_its_id_version_and_the_hash_of_its_text() -> None:
    policy = default_policy()
    assert policy.id == "shanghai-ai-2025"
    assert policy.version == "2025.1"
    assert policy.sha256 == hashlib.sha256(DEFAULT_TEXT.encode("utf-8")).hexdigest()
    assert policy.text == DEFAULT_TEXT


def test_default_policy_pools_are_the_totals_of_policy_md_in_fen() -> None:
    policy = default_policy()
    assert {p.kind: p.total_fen for p in policy.pools} == {
        "compute_voucher": 600_000_000_00,
        "model_voucher": 300_000_000_00,
        "corpus_voucher": 100_000_000_00,
        "talent_award": 50_000_000_00,
        "startup_grant": 30_000_000_00,
        "rent_waiver": 40_000_000_00,
    }


def test_default_policy_numbers_are_those_of_policy_md() -> None:
    p = default_policy()
    assert p.admission.uscc_division_prefix == "31"
    assert p.admission.max_years_since_founding == 5
    assert (p.admission.min_headcount, p.admission.max_headcount) == (3, 200)
    assert [f.key for f in p.admission.ai_focus] == [
        "foundation_models",
        "vertical_models",
        "ai_applications",
        "ai_infrastructure",
        "data_services",
        "embodied_intelligence",
    ]
    assert p.ai_focus("具身智能").key == "embodied_intelligence"
    assert p.ai_focus("AI Applications").key == "ai_applications"
    assert [(ph.months, ph.ratio) for ph in p.rent_waiver.phases] == [
        (12, Decimal("1")),
        (12, Decimal("0.5")),
    ]
    assert p.rent_waiver.area_cap_centi_m2 == 300_00
    assert p.rent_waiver.repay_if_leaving_within_months == 12
    assert p.startup_grant.min_tenancy_months == 3
    assert p.startup_grant.amount_fen == 100_000_00
    assert p.startup_grant.amount_with_tier_a_founder_fen == 200_000_00
    assert (p.compute_voucher.ratio, p.compute_voucher.yearly_cap_fen) == (
        Decimal("0.3"),
        10_000_000_00,
    )
    early = p.compute_voucher.early_and_small
    assert early is not None
    assert (
        early.ratio,
        early.max_years_since_founding,
        early.max_headcount,
        early.window_months,
    ) == (
        Decimal("1"),
        2,
        50,
        12,
    )
    assert (p.model_voucher.ratio, p.model_voucher.yearly_cap_fen) == (Decimal("0.5"), 5_000_000_00)
    assert (p.corpus_voucher.ratio, p.corpus_voucher.yearly_cap_fen) == (
        Decimal("0.3"),
        5_000_000_00,
    )
    assert p.talent_award.min_membership_months == 6
    assert [(t.tier, t.amount_fen) for t in p.talent_award.tiers] == [
        ("A", 300_000_00),
        ("B", 150_000_00),
        ("C", 50_000_00),
    ]
    assert (p.general.min_voucher_ratio, p.general.max_voucher_ratio) == (
        Decimal("0.1"),
        Decimal("1"),
    )


def test_default_policy_has_every_clause_in_both_languages() -> None:
    p = default_policy()
    assert [c.id for c in p.clauses] == list(CLAUSE_IDS)
    assert len(CLAUSE_IDS) == 30  # §1 5, §2 5, §3 4, §4 4, §5–§8 3 each
    for clause in p.clauses:
        assert clause.en and clause.zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in clause.zh), clause.id
    assert "300 m²" in p.clause("2.3").en
    assert p.section("4").zh == "算力券"


def test_policy_ratios_are_decimals_never_floats() -> None:
    p = default_policy()
    for ratio in (
        p.compute_voucher.ratio,
        p.model_voucher.ratio,
        *(ph.ratio for ph in p.rent_waiver.phases),
    ):
        assert isinstance(ratio, Decimal)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"30%"', Decimal("0.3")),
        ('"0.30"', Decimal("0.3")),
        ("0.3", Decimal("0.3")),
        ('"12.5%"', Decimal("0.125")),
    ],
)
def test_a_ratio_may_be_a_percentage_or_a_decimal(written: str, expected: Decimal) -> None:
    policy = parse_policy(edit('ratio = "50%"  # 5.2', f"ratio = {written}"))
    assert policy.model_voucher.ratio == expected


@pytest.mark.parametrize(
    ("written", "fen"),
    [("5_000_000", 5_000_000_00), ('"4999999.99"', 4_999_999_99), ("4999999.5", 4_999_999_50)],
)
def test_an_amount_may_be_whole_yuan_or_a_decimal_of_at_most_two_places(
    written: str, fen: int
) -> None:
    policy = parse_policy(edit("yearly_cap = 5_000_000  # 5.3", f"yearly_cap = {written}"))
    assert policy.model_voucher.yearly_cap_fen == fen


def test_the_same_text_as_bytes_with_a_bom_gives_the_same_policy() -> None:
    policy = parse_policy(b"\xef\xbb\xbf" + DEFAULT_TEXT.encode("utf-8"))
    assert policy == default_policy()


# Refusals: each names the key and the line --------------------------------------------------


def test_unknown_key_is_refused_with_its_line_and_the_closest_known_key() -> None:
    text = edit("total = 30_000_000", "totl = 30_000_000")
    error = refuse(text)
    n = line_of(text, "totl = 30_000_000")
    assert f"unknown key 'totl' at line {n}" in error.message
    assert "did you mean 'total'?" in error.message
    assert f"第{n}行" in error.message_zh and "totl" in error.message_zh
    assert (error.key, error.line) == ("pools.startup_grant.totl", n)
    assert len(error.problems) == 1  # no second "missing 'total'" for the same typo


def test_unknown_table_is_refused_with_a_suggestion() -> None:
    text = edit("[talent_award]\n", "[talent_awards]\n")
    error = refuse(text)
    assert (
        f"unknown key 'talent_awards' at line {line_of(text, '[talent_awards]')}" in error.message
    )
    assert "did you mean 'talent_award'?" in error.message


def test_unknown_clause_number_is_refused() -> None:
    text = edit('[clauses."8.3"]', '[clauses."8.4"]')
    error = refuse(text)
    assert f"unknown key '8.4' at line {line_of(text, '8.4')}" in error.message


def test_missing_amount_is_refused_naming_the_key_and_its_table_line() -> None:
    text = edit("amount_with_tier_a_founder = 200_000  # 3.2\n", "")
    error = refuse(text)
    n = line_of(text, "[startup_grant]")
    assert (
        f"missing amount 'amount_with_tier_a_founder' in [startup_grant] at line {n}"
        in error.message
    )
    assert error.line == n
    assert error.key == "startup_grant.amount_with_tier_a_founder"


def test_missing_pool_is_refused() -> None:
    text = edit("[pools.rent_waiver]\ntotal = 40_000_000  # rent forgone by the town\n", "")
    error = refuse(text)
    assert "missing table 'rent_waiver' in [pools] at line" in error.message
    assert error.line == line_of(text, "[pools.compute_voucher]")


@pytest.mark.parametrize(
    ("ratio", "shown"), [('"0.05"', "5%"), ("1.5", "150%"), ('"9.99%"', "9.99%")]
)
def test_voucher_ratio_outside_10_to_100_percent_is_refused_citing_8_1(
    ratio: str, shown: str
) -> None:
    text = edit('ratio = "30%"  # 4.2', f"ratio = {ratio}")
    error = refuse(text)
    n = line_of(text, f"ratio = {ratio}")
    assert f"'ratio' at line {n} is {shown}, outside 10%–100% (§8.1)" in error.message
    assert error.key == "compute_voucher.ratio"


@pytest.mark.parametrize("ratio", ['"10%"', '"100%"', "0.1", "1"])
def test_voucher_ratio_of_exactly_10_or_100_percent_is_accepted(ratio: str) -> None:
    policy = parse_policy(edit('ratio = "30%"  # 6.2', f"ratio = {ratio}"))
    assert policy.corpus_voucher.ratio in (Decimal("0.1"), Decimal("1"))


def test_voucher_ratio_outside_the_narrower_general_range_is_refused() -> None:
    text = edit('min_voucher_ratio = "10%"', 'min_voucher_ratio = "35%"')
    error = refuse(text)
    assert "outside 35%–100% set in [general] (§8.1)" in error.message
    assert error.line == line_of(text, 'ratio = "30%"  # 4.2')


def test_general_range_cannot_be_wider_than_the_measures() -> None:
    error = refuse(edit('min_voucher_ratio = "10%"', 'min_voucher_ratio = "5%"'))
    assert "'min_voucher_ratio' at line" in error.message and "outside 10%–100%" in error.message


def test_negative_cap_is_refused() -> None:
    text = edit("yearly_cap = 10_000_000  # 4.4", "yearly_cap = -10_000_000")
    error = refuse(text)
    n = line_of(text, "yearly_cap = -10_000_000")
    assert f"'yearly_cap' at line {n} is negative (-10000000)" in error.message
    assert "第" in error.message_zh and "负数" in error.message_zh


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        (
            "min_headcount = 3  # 1.4",
            'min_headcount = "three"',
            "'min_headcount' at line {n} must be a whole number, not text",
        ),
        (
            "max_headcount = 200  # 1.4",
            "max_headcount = 200.5",
            "'max_headcount' at line {n} must be a whole number, not a decimal number",
        ),
        ("total = 50_000_000", "total = true", "'total' at line {n} must be an amount in yuan"),
        ("A = 300_000", 'A = "lots"', "'A' at line {n} must be an amount in yuan"),
        ('ratio = "50%"  # 5.2', "ratio = [0.5]", "'ratio' at line {n} must be a ratio"),
        ('id = "shanghai-ai-2025"', "id = 2025", "'id' at line {n} must be text in quotes"),
        (
            "amount = 100_000  # 3.2",
            'amount = "100000.001"',
            "'amount' at line {n} is 100000.001: yuan have at most two decimals",
        ),
        ("area_cap_m2 = 300  # 2.3", "area_cap_m2 = 0", "'area_cap_m2' at line {n} is 0"),
        ("months = 12\n", "months = 0\n", "'months' at line {n} is 0: it must be from 1 to 1200"),
    ],
)
def test_wrong_types_and_impossible_values_are_refused(old: str, new: str, needle: str) -> None:
    text = edit(old, new)
    error = refuse(text)
    n = line_of(text, new.strip())
    assert needle.format(n=n) in error.message


def test_min_headcount_above_max_is_refused() -> None:
    error = refuse(edit("min_headcount = 3  # 1.4", "min_headcount = 300"))
    assert (
        "'min_headcount' at line" in error.message
        and "is above 'max_headcount' (200)" in error.message
    )


def test_syntax_error_names_its_line_and_the_key_on_it() -> None:
    text = edit("max_headcount = 50", "max_headcount = = 50")
    error = refuse(text)
    n = line_of(text, "max_headcount = = 50")
    assert f"syntax error at line {n}" in error.message
    assert "(key 'max_headcount')" in error.message
    assert error.line == n


def test_duplicate_key_is_a_syntax_error_with_its_line() -> None:
    text = edit(
        "min_tenancy_months = 3  # 3.1\n", "min_tenancy_months = 3\nmin_tenancy_months = 4\n"
    )
    error = refuse(text)
    assert f"syntax error at line {line_of(text, 'min_tenancy_months = 4')}" in error.message


def test_unterminated_string_at_end_of_file_names_the_last_line() -> None:
    error = refuse('id = "x"\nversion = """never closed\n')
    assert "syntax error at line 2" in error.message


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    raw = DEFAULT_TEXT.encode("utf-8").replace(
        "上海人工智能小镇2025".encode(), "上海".encode("gbk")
    )
    with pytest.raises(PolicyError) as info:
        parse_policy(raw, source="gbk.toml")
    assert (
        f"line {line_of(DEFAULT_TEXT, 'name_zh')} (key 'name_zh') is not UTF-8 text"
        in info.value.message
    )


def test_every_problem_of_the_file_is_reported_at_once() -> None:
    text = edit("yearly_cap = 10_000_000  # 4.4", "yearly_cap = -1")
    text = text.replace("window_months = 12", "window_month = 12")
    error = refuse(text)
    keys = {p.key for p in error.problems}
    assert keys == {"compute_voucher.yearly_cap", "compute_voucher.early_and_small.window_month"}
    assert all(p.line > 1 for p in error.problems)


def test_policy_error_is_a_validation_error_a_person_can_read() -> None:
    error = refuse("id = ")
    assert isinstance(error, ValidationError)
    assert error.message.startswith("The policy file bad.toml is refused: ")
    assert error.message.endswith("Correct the file and load it again.")
    assert error.message_zh.startswith("政策文件bad.toml未被接受：")


def test_load_policy_reads_a_file_and_names_it_in_refusals(tmp_path) -> None:
    good = tmp_path / "mine.toml"
    good.write_text(
        DEFAULT_TEXT.replace('version = "2025.1"', 'version = "2026.2"'), encoding="utf-8"
    )
    assert load_policy(good).version == "2026.2"
    bad = tmp_path / "typo.toml"
    bad.write_text(
        DEFAULT_TEXT.replace("yearly_cap = 5_000_000  # 5.3", "yearly_cp = 5_000_000"),
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as info:
        load_policy(bad)
    assert "typo.toml" in info.value.message and "did you mean 'yearly_cap'?" in info.value.message


def test_load_policy_of_a_missing_file_says_so(tmp_path) -> None:
    with pytest.raises(ValidationError) as info:
        load_policy(tmp_path / "nowhere.toml")
    assert "cannot be read" in info.value.message
