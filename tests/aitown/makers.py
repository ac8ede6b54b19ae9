"""Valid records for tests that need many of them (teams with distinct credit codes)."""

from __future__ import annotations

from stdnum.cn import uscc


def uscc_for(n: int) -> str:
    """A valid, distinct unified social credit code for each n < 1,000,000 (Shanghai, Xuhui)."""
    body = f"91310104MA1F{n:05d}" if n < 100_000 else f"9131010{n:06d}MA1F"[:17]
    return body + uscc.calc_check_digit(body)


def team_values(n: int = 0, **over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name_zh": f"上海测试智能科技有限公司{n}",
        "name_en": f"Shanghai Test Intelligence {n}",
        "uscc": uscc_for(n),
        "legal_rep": "王伟",
        "founded_on": "2023-03-02",
        "district": "徐汇区",
        "headcount": "12",
        "ai_focus": "vertical_models",
        "phone": "021-64000000",
        "email": "hello@example.cn",
    }
    values.update(over)
    return values


def pass_publicity(db: object, admin: object, *, days_ago: int = 30) -> list[int]:
    """Put every approved application that needs publicity (issue 13.5) through a period that
    opened ``days_ago`` days ago and passed without objection; the ids that passed."""
    import datetime as dt

    from aitown.services.publicity import close_publicity, open_publicity

    open_publicity(db, admin, on=dt.date.today() - dt.timedelta(days=days_ago))  # type: ignore[arg-type]
    return close_publicity(db, admin)  # type: ignore[arg-type]
