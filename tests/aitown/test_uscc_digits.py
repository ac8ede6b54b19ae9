"""plainly_valid says True exactly when python-stdnum accepts a plain ASCII code."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc

from aitown.uscc_digits import plainly_valid
from tests.aitown.makers import uscc_for

VALID = [uscc_for(i) for i in range(1, 40)]


def mutate(code: str, at: int, char: str) -> str:
    return code[:at] + char + code[at + 1 :]


codes = st.one_of(
    st.sampled_from(VALID),
    st.builds(
        mutate,
        st.sampled_from(VALID),
        st.integers(0, 17),
        st.sampled_from(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'`１Ａ")),
    ),
    st.text("0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ", min_size=16, max_size=19),
)


@settings(max_examples=2000, deadline=None)
@given(code=codes)
def test_plainly_valid_is_stdnums_answer_for_ascii_codes(code: str) -> None:
    if plainly_valid(code):
        assert uscc.is_valid(code)
    elif code.isascii() and code == uscc.compact(code):
        assert not uscc.is_valid(code)


def test_the_valid_codes_are_plainly_valid_and_others_go_to_stdnum() -> None:
    assert all(plainly_valid(c) for c in VALID)
    assert not plainly_valid("９" + VALID[0][1:])  # full-width: stdnum's to judge
    assert not plainly_valid(VALID[0][:-1])
