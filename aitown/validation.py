"""Checking what a person typed: USCC codes, dates, names, headcounts, identity-card numbers.

The same checks serve the forms, the import and the services, so a value refused in one place is
refused with the same sentence everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric, uscc

from aitown.errors import ValidationError
from aitown.labels import TEAM_STATUS_LABELS
from aitown.models import TALENT_TIERS, TEAM_STATUSES
from aitown.uscc_digits import plainly_valid

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CONTROL_OR_SURROGATE = re.compile("[\x00-\x1f\ud800-\udfff]")
# Characters that change how text is shown without being seen: right-to-left and other direction
# overrides, embeddings and isolates, and zero-width characters. A name holding one reads
# differently on screen and on paper than what is stored (and is found by no search).
INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def check_visible(text: str, *, what: str, what_zh: str, field_name: str) -> str:
    """Refuse text with a direction override or a zero-width character, naming it."""
    found = INVISIBLE.search(text)
    if found:
        char = found.group()
        name = unicodedata.name(char, "FORMAT CHARACTER")
        raise ValidationError(
            f"The {what} contains an invisible character (U+{ord(char):04X} {name}) at position "
            f"{found.start() + 1}; it would show the text differently from what is stored. Type "
            "it again without it.",
            f"{what_zh}第 {found.start() + 1} 个字符处含有不可见字符（U+{ord(char):04X}），"
            "会使显示的内容与保存的不同，请删除后重新输入。",
            field=field_name,
        )
    return text


PHONE_RE = re.compile(r"^[0-9+\-() ]{5,20}$")

# A team status may be written in Chinese in an import file: the label table's words.
STATUS_ALIASES = {words.zh: code for code, words in TEAM_STATUS_LABELS.items()}


# Chinese names of the fields whose English name parse_date / parse_count receive, so that the
# Chinese sentence does not carry an English word ("成立日期为空", not "founding date为空").
WHAT_ZH = {
    "founding date": "成立日期",
    "joining date": "加入日期",
    "leaving date": "离开日期",
    "lease start": "租约开始日期",
    "lease end": "租约结束日期",
    "end date": "结束日期",
    "date": "日期",
    "application date": "申请日期",
    "contract start": "合同开始日期",
    "contract end": "合同结束日期",
    "headcount": "人数",
    # Leases: renewals, unit holds and hand-overs (issue 14).
    "renewal end": "续租截止日期",
    "first day": "开始日期",
    "last day": "截止日期",
    "hand-over date": "交接日期",
    "number of keys": "钥匙数量",
    "number of access cards": "门禁卡数量",
}


def _zh(what: str) -> str:
    return WHAT_ZH.get(what, what)


def normalize_uscc(text: str, *, field_name: str = "uscc") -> str:
    """A valid 18-character unified social credit code, upper-case, or a ValidationError."""
    raw = (text or "").strip().upper().replace(" ", "").replace("-", "")
    if not raw:
        raise ValidationError(
            "The unified social credit code is empty: enter the 18 characters from the business licence.",
            "统一社会信用代码为空：请填写营业执照上的18位代码。",
            field=field_name,
        )
    if len(raw) != 18:
        raise ValidationError(
            f"The unified social credit code “{raw}” has {len(raw)} characters; it must have 18.",
            f"统一社会信用代码“{raw}”有{len(raw)}位，应为18位。",
            field=field_name,
        )
    try:
        if not plainly_valid(raw):  # the common case without python-stdnum (same answer)
            uscc.validate(raw)
    except stdnum_exc.InvalidChecksum:
        raise ValidationError(
            f"The unified social credit code “{raw}” has a wrong check digit (the last character): "
            "check it against the business licence.",
            f"统一社会信用代码“{raw}”校验位（最后一位）错误：请对照营业执照核对。",
            field=field_name,
        ) from None
    except stdnum_exc.ValidationError:
        raise ValidationError(
            f"“{raw}” is not a unified social credit code: it uses characters such codes never contain "
            "(I, O, Z, S, V are not used).",
            f"“{raw}”不是有效的统一社会信用代码：含有代码中不会出现的字符（不使用 I、O、Z、S、V）。",
            field=field_name,
        ) from None
    return raw


def uscc_division(code: str) -> str:
    """Characters 3–8: the administrative-division code (31xxxx is Shanghai)."""
    return code[2:8]


def parse_date(value: str | dt.date | None, *, what: str, field_name: str) -> dt.date:
    """A date given as YYYY-MM-DD (or a date object)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = (value or "").strip()
    if not text:
        raise ValidationError(
            f"The {what} is empty: enter a date as YYYY-MM-DD.",
            f"{_zh(what)}为空：请按 YYYY-MM-DD 格式填写日期。",
            field=field_name,
        )
    text = text.replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text) or re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})", text
        )
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        raise ValidationError(
            f"The {what} “{text}” is not a date: enter it as YYYY-MM-DD, e.g. 2024-03-01.",
            f"{_zh(what)}“{text}”不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2024-03-01。",
            field=field_name,
        ) from None


def parse_optional_date(
    value: str | dt.date | None, *, what: str, field_name: str
) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what=what, field_name=field_name)


def parse_count(value: str | int | None, *, what: str, field_name: str, minimum: int = 0) -> int:
    if isinstance(value, bool):
        raise ValidationError(
            f"The {what} must be a whole number.", f"{_zh(what)}必须是整数。", field=field_name
        )
    if isinstance(value, int):
        number = value
    else:
        text = (value or "").strip()
        if re.fullmatch(r"[-−]\s*\d+", text):
            raise ValidationError(
                f"The {what} “{text}” is negative: enter a whole number of {minimum} or more, e.g. 12.",
                f"{_zh(what)}“{text}”为负数：请填写不小于 {minimum} 的整数，例如 12。",
                field=field_name,
            )
        if not re.fullmatch(r"\d{1,7}", text):
            raise ValidationError(
                f"The {what} “{text}” is not a whole number: enter digits only, e.g. 12.",
                f"{_zh(what)}“{text}”不是整数：请只填数字，例如 12。",
                field=field_name,
            )
        number = int(text)
    if number < minimum:
        raise ValidationError(
            f"The {what} must be at least {minimum}.",
            f"{_zh(what)}不能小于{minimum}。",
            field=field_name,
        )
    return number


def require_text(
    value: str | None, *, what: str, what_zh: str, field_name: str, max_len: int = 200
) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(
            f"The {what} is empty: please fill it in.", f"{what_zh}为空：请填写。", field=field_name
        )
    if len(text) > max_len:
        raise ValidationError(
            f"The {what} is {len(text)} characters long; at most {max_len} are allowed.",
            f"{what_zh}长度为{len(text)}个字符，最多允许{max_len}个。",
            field=field_name,
        )
    # Lone surrogates (broken text from a bad decoder) cannot be stored as UTF-8 at all.
    if _CONTROL_OR_SURROGATE.search(text):
        raise ValidationError(
            f"The {what} contains control characters; type it again without them.",
            f"{what_zh}含有控制字符，请重新输入。",
            field=field_name,
        )
    return check_visible(text, what=what, what_zh=what_zh, field_name=field_name)


def optional_text(
    value: str | None, *, what: str, what_zh: str, field_name: str, max_len: int = 200
) -> str:
    if value is None or not str(value).strip():
        return ""
    return require_text(
        str(value), what=what, what_zh=what_zh, field_name=field_name, max_len=max_len
    )


def normalize_id_number(text: str | None, *, field_name: str = "id_number") -> str | None:
    """A PRC resident identity-card number (18 characters, check digit), or None when empty."""
    raw = (text or "").strip().upper()
    if not raw:
        return None
    try:
        return ric.validate(raw)
    except stdnum_exc.ValidationError:
        raise ValidationError(
            "The identity-card number is not valid (18 characters with a correct check digit); "
            "check it against the card.",
            "身份证号码无效（应为18位且校验位正确），请对照身份证核对。",
            field=field_name,
        ) from None


def normalize_status(text: str | None) -> str:
    raw = (text or "").strip()
    if not raw:
        return "applicant"
    value = STATUS_ALIASES.get(raw, raw.lower())
    if value not in TEAM_STATUSES:
        raise ValidationError(
            f"The status “{raw}” is unknown: use one of {', '.join(TEAM_STATUSES)}.",
            f"状态“{raw}”无效：请使用 {'、'.join(STATUS_ALIASES)} 之一。",
            field="status",
        )
    return value


def normalize_tier(text: str | None) -> str | None:
    raw = (text or "").strip().upper()
    if not raw or raw in {"-", "NONE", "无"}:
        return None
    if raw not in TALENT_TIERS:
        raise ValidationError(
            f"The talent tier “{raw}” is unknown: use A, B, C or leave it empty.",
            f"人才层级“{raw}”无效：请填 A、B、C 或留空。",
            field="talent_tier",
        )
    return raw


@dataclass
class TeamInput:
    """The fields of a team as a person enters them, checked."""

    name_zh: str
    uscc: str
    founded_on: dt.date
    name_en: str = ""
    legal_rep: str = ""
    district: str = ""
    headcount: int = 0
    ai_focus: str = ""
    phone: str = ""
    email: str = ""
    status: str = "applicant"
    related_parties: list[dict[str, str]] = field(default_factory=list)
    dishonest: bool | None = False  # §1.5; None: nobody has checked the list yet


def check_team_fields(values: dict[str, object], *, today: dt.date | None = None) -> TeamInput:
    """Check raw team fields (strings from a form or an import row) and return a TeamInput.

    Raises the first problem as a ValidationError whose ``field`` names the column.
    """
    today = today or dt.date.today()
    name_zh = require_text(
        _s(values.get("name_zh")), what="Chinese name", what_zh="中文名称", field_name="name_zh"
    )
    name_en = optional_text(
        _s(values.get("name_en")), what="English name", what_zh="英文名称", field_name="name_en"
    )
    code = normalize_uscc(_s(values.get("uscc")))
    founded_on = parse_date(
        _date_or_text(values.get("founded_on")), what="founding date", field_name="founded_on"
    )
    if founded_on > today:
        raise ValidationError(
            f"The founding date {founded_on} is in the future; enter the date on the business licence.",
            f"成立日期 {founded_on} 晚于今天，请填写营业执照上的日期。",
            field="founded_on",
        )
    if founded_on.year < 1949:
        raise ValidationError(
            f"The founding date {founded_on} is implausibly early; check the year.",
            f"成立日期 {founded_on} 过早，请检查年份。",
            field="founded_on",
        )
    legal_rep = optional_text(
        _s(values.get("legal_rep")),
        what="legal representative",
        what_zh="法定代表人",
        field_name="legal_rep",
        max_len=100,
    )
    district = optional_text(
        _s(values.get("district")),
        what="district",
        what_zh="所在区",
        field_name="district",
        max_len=50,
    )
    hc_raw = values.get("headcount")
    headcount = (
        0
        if hc_raw in (None, "")
        else parse_count(_int_or_text(hc_raw), what="headcount", field_name="headcount")
    )
    ai_focus = optional_text(
        _s(values.get("ai_focus")),
        what="AI focus",
        what_zh="人工智能方向",
        field_name="ai_focus",
        max_len=50,
    )
    phone = _s(values.get("phone")).strip()
    if phone and not PHONE_RE.fullmatch(phone):
        raise ValidationError(
            f"The phone number “{phone}” is not valid: use digits, spaces, + and - only.",
            f"电话“{phone}”无效：只能包含数字、空格、+ 和 -。",
            field="phone",
        )
    email = _s(values.get("email")).strip()
    if len(email) > 120:
        raise ValidationError(
            f"The e-mail address is {len(email)} characters long; at most 120 are allowed.",
            f"邮箱长度为{len(email)}个字符，最多允许120个。",
            field="email",
        )
    if email and not EMAIL_RE.fullmatch(email):
        raise ValidationError(
            f"The e-mail address “{email}” is not valid: it should look like name@example.com.",
            f"邮箱“{email}”无效：格式应如 name@example.com。",
            field="email",
        )
    status = normalize_status(_s(values.get("status")))
    raw_parties = values.get("related_parties")
    parties = (
        list(raw_parties)
        if isinstance(raw_parties, list)
        else parse_related_parties(_s(raw_parties))
    )
    return TeamInput(
        name_zh=name_zh,
        name_en=name_en,
        uscc=code,
        founded_on=founded_on,
        legal_rep=legal_rep,
        district=district,
        headcount=headcount,
        ai_focus=ai_focus,
        phone=phone,
        email=email,
        status=status,
        related_parties=parties,
        dishonest=parse_dishonest(values.get("dishonest", False)),
    )


def _date_or_text(value: object) -> str | dt.date | None:
    return value if value is None or isinstance(value, dt.date) else _s(value)


def _int_or_text(value: object) -> str | int:
    return value if isinstance(value, int) else _s(value)


DISHONEST_WORDS: dict[str, bool | None] = {
    "": False,
    "no": False,
    "false": False,
    "0": False,
    "否": False,
    "未列入": False,
    "yes": True,
    "true": True,
    "1": True,
    "是": True,
    "列入": True,
    "unchecked": None,
    "not checked": None,
    "未核查": None,
}


def parse_dishonest(value: object) -> bool | None:
    """§1.5 as a list or a form gives it: yes / no / not checked (是 / 否 / 未核查)."""
    if value is None or isinstance(value, bool):
        return value
    text = " ".join(_s(value).split()).casefold()
    if text in DISHONEST_WORDS:
        return DISHONEST_WORDS[text]
    raise ValidationError(
        f"“{_s(value)}” does not say whether the team is on the list of seriously dishonest "
        "entities: write yes, no or not checked.",
        f"“{_s(value)}”未说明团队是否列入严重失信主体名单：请填写是、否或未核查。",
        field="dishonest",
    )


def parse_related_parties(text: str) -> list[dict[str, str]]:
    """``name|USCC|legal rep; name2|USCC2`` → the related parties (§6.1); USCC and legal
    representative may be left out (``name`` or ``name||legal rep``)."""
    parties: list[dict[str, str]] = []
    for item in text.replace("；", ";").split(";"):
        if not item.strip():
            continue
        parts = [p.strip() for p in item.replace("｜", "|").split("|")]
        if len(parts) > 3 or not parts[0]:
            raise ValidationError(
                f"The related party “{item.strip()}” is not “name|USCC|legal representative”; "
                "separate parties with “;”.",
                f"关联方“{item.strip()}”格式应为“名称|统一社会信用代码|法定代表人”，多个关联方以“;”分隔。",
                field="related_parties",
            )
        name, code, rep = (parts + ["", ""])[:3]
        if len(name) > 200 or len(rep) > 100:
            raise ValidationError(
                f"The related party “{name[:40]}…” is too long (name at most 200 characters, "
                "legal representative at most 100).",
                f"关联方“{name[:40]}…”过长（名称最多200个字符，法定代表人最多100个字符）。",
                field="related_parties",
            )
        party = {"name": name}
        if code:
            party["uscc"] = normalize_uscc(code, field_name="related_parties")
        if rep:
            party["legal_rep"] = rep
        parties.append(party)
    return parties


def _s(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
