"""Whatever text or bytes a policy file holds, loading it gives a Policy or a PolicyError, never
anything else, and every refusal names a line inside the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aitown.paths import resource
from aitown.policy import Policy, PolicyError, parse_policy

DEFAULT_TEXT = resource("policies", "shanghai-ai-2025.toml").read_text(encoding="utf-8")
DEFAULT_LINES = DEFAULT_TEXT.splitlines()

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_refuse(data: str | bytes) -> Policy | PolicyError:
    try:
        return parse_policy(data, source="fuzz.toml")
    except PolicyError as error:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        last = max(1, len(text.splitlines()), text.count("\n") + 1)
        assert error.problems
        for problem in error.problems:
            assert 1 <= problem.line <= last, (problem, last)
        assert error.message and error.message_zh
        return error


@FUZZ
@given(st.text())
def test_random_text_gives_a_policy_error(text: str) -> None:
    load_or_refuse(text)


@FUZZ
@given(st.binary())
def test_random_bytes_give_a_policy_error(data: bytes) -> None:
    load_or_refuse(data)


TOML_BITS = st.sampled_from(
    [
        "=",
        "[",
        "]",
        "[[",
        "]]",
        '"',
        "'",
        '"""',
        "#",
        "\n",
        "{",
        "}",
        ",",
        ".",
        "-1",
        "1e999999",
        "nan",
        "inf",
        "0.05",
        '"150%"',
        "true",
        "2026-01-01",
        "total",
        "ratio",
        "pools",
        "clauses",
        '"1.1"',
        "\\",
        "\x00",
        "\ud800",
    ]
)


@FUZZ
@given(st.data())
def test_mutated_default_file_gives_a_policy_or_a_policy_error(data: st.DataObject) -> None:
    lines = list(DEFAULT_LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "splice"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "replace":
            key = lines[i].split("=", 1)[0]
            lines[i] = key + "= " + data.draw(st.text(max_size=12) | TOML_BITS)
        elif action == "insert":
            lines.insert(i, data.draw(st.lists(TOML_BITS, max_size=6).map("".join)))
        else:
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + data.draw(TOML_BITS) + lines[i][at:]
    text = "\n".join(lines) + "\n"
    load_or_refuse(text)
    load_or_refuse(text.encode("utf-8", "surrogatepass"))
