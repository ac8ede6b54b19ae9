"""Audit events in plain words: one sentence per event, in English and Chinese.

The History tab, the Audit log screen and ``aitown-cli audit list`` all write an event with
:func:`describe`: the action's sentence from :data:`SENTENCES`, then what changed, with translated
field names, amounts in yuan, statuses and benefits by their labels and names instead of ids::

    登记算力券申请：合同金额 1,200,000.00 元
    Recorded a compute voucher application: contract amount 1,200,000.00 yuan

Adding a sentence for a new action is one line in :data:`SENTENCES`::

    "lease.renew": Sentence("Renewed the lease of {space}", "续签{space}的租约"),

``{name}`` in a sentence is the event's value of that field (the new one, else the old one),
written as the details would write it; ``{benefit}``/``{status}``/``{kind}`` come out as labels.
Fields a sentence names are not repeated in the details; ``skip`` leaves out others. An action
without a sentence still reads well: "<its words>: field → value" (the words from the action's
record kind and verb: "Lease renewed: monthly rent 14,400.00 yuan → 15,000.00 yuan"), and a new field gets its words with one line in :data:`FIELDS`.

``names`` maps ``(record kind, id)`` to the record's name (aitown.services.event_names makes it
from the database): ``("team", "60")`` → 上海星河机器人有限公司.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from aitown import labels
from aitown.errors import ValidationError
from aitown.money import format_yuan, parse_yuan
from aitown.text import Text, is_chinese

Names = Mapping[tuple[str, str], Text]
MAX_VALUE_CHARS = 60


class Sentence(NamedTuple):
    """An action's sentence in both languages; the details follow after a colon."""

    en: str
    zh: str
    skip: frozenset[str] = frozenset()
    details: bool = True
    # The action's words without values (the Audit log's Action column); by default the
    # sentence up to its first {value}.
    words: Text | None = None


def _skip(*names: str) -> frozenset[str]:
    return frozenset(names)


# Fields never worth a reader's time: fingerprints, keys, ids already said by the record.
HIDDEN = frozenset(
    {"sha256", "public_key", "id_number_key", "phone_key", "verification_code", "lang", "by"}
)

# The sentence of each action the services record. New actions: one line here.
SENTENCES: dict[str, Sentence] = {
    "application.record": Sentence(
        "Recorded a {benefit} application",
        "登记{benefit}申请",
        _skip("amount", "team_id"),
        words=Text("Recorded an application", "登记申请"),
    ),
    "application.submit": Sentence(
        "Submitted the {benefit} application", "提交{benefit}申请", _skip("status")
    ),
    "application.approve": Sentence(
        "Approved the {benefit} application: {amount}",
        "批准{benefit}申请：{amount}",
        _skip("status", "policy"),
    ),
    "application.reject": Sentence(
        "Rejected the {benefit} application", "驳回{benefit}申请", _skip("status")
    ),
    "application.disburse": Sentence(
        "Recorded the {benefit} disbursement of {amount}",
        "登记{benefit}拨付 {amount}",
        _skip("status"),
        words=Text("Recorded a disbursement", "登记拨付"),
    ),
    "application.revoke": Sentence(
        "Revoked the {benefit} decision", "撤销{benefit}决定", _skip("status")
    ),
    "team.create": Sentence(
        "Registered the team {name_zh}", "登记团队{name_zh}", _skip("status", "dishonest"), False
    ),
    "team.update": Sentence("Edited the team", "修改团队信息"),
    "team.status": Sentence(
        "Changed the team's status to {status}",
        "将团队状态改为{status}",
        words=Text("Changed the team's status", "变更团队状态"),
    ),
    "team.related_party": Sentence("Added the related party {name}", "添加关联方{name}"),
    "team.related_party.remove": Sentence(
        "Removed the related party {name}", "删除关联方{name}", details=False
    ),
    "team.dishonest": Sentence("Changed the dishonesty-list mark", "修改失信名单标记"),
    "team.import": Sentence(
        "Imported {count} teams from {file}",
        "从{file}导入{count}个团队",
        words=Text("Imported teams", "导入团队"),
    ),
    "team.export": Sentence(
        "Exported teams to {file}", "将团队导出到{file}", words=Text("Exported teams", "导出团队")
    ),
    "member.add": Sentence("Added the member {name}", "添加成员{name}", _skip("team_id")),
    "member.update": Sentence("Edited the member {name}", "修改成员{name}"),
    "space.create": Sentence("Added the unit {building} {unit}", "新增单元{building} {unit}"),
    "lease.create": Sentence(
        "Leased {space}", "租用{space}", _skip("team_id"), words=Text("Leased a unit", "租用单元")
    ),
    "lease.end": Sentence("Ended the lease early", "提前结束租约"),
    "notice.issue": Sentence(
        "Issued the {kind} {document_number}",
        "签发{kind}{document_number}",
        _skip("team_id", "application_id", "copied_to", "amount", "backdate_reason"),
        words=Text("Issued a notice", "签发通知书"),
    ),
    "pool.total": Sentence("Set the pool's total", "设定资金池总额"),
    "pool.share": Sentence("Set a district's share of the pool", "设定区级分配额度"),
    "user.create": Sentence("Added the user {name} ({role})", "新增用户{name}（{role}）"),
    "user.password": Sentence(
        "Changed the password of {name}",
        "修改{name}的密码",
        details=False,
        words=Text("Changed a password", "修改密码"),
    ),
    "user.role": Sentence("Changed the user's role or access", "修改用户角色或启用状态"),
    "login": Sentence("Logged in", "登录"),
    "login.failed": Sentence("A log-in failed", "登录失败"),
    "login.locked": Sentence(
        "A log-in failed; the account is locked for a while", "登录失败，账户暂被锁定"
    ),
    "login.while_locked": Sentence(
        "Someone tried to log in while the account was locked", "账户锁定期间有人尝试登录"
    ),
    "office.init": Sentence("Set up the office {name_zh}", "设立办公室{name_zh}"),
    "office.update": Sentence("Changed the office's settings", "修改办公室设置"),
    "office.seal": Sentence("Replaced the seal image", "更换印章图像", details=False),
    "office.notice_settings": Sentence("Changed the notice settings", "修改通知书设置"),
    "office.city": Sentence("Set up this office as the city", "将本办公室设为市级"),
    "office.enrol": Sentence("Enrolled the district {name_zh}", "登记区级办公室{name_zh}"),
    "office.enrolled": Sentence(
        "Joined the city {city} as district {code}",
        "以区级办公室 {code} 加入市级 {city}",
        words=Text("Joined the city", "加入市级"),
    ),
    "policy.load": Sentence("Loaded the policy file {source}", "加载政策文件{source}"),
    "backup.create": Sentence(
        "Made a backup at {file}", "备份到{file}", words=Text("Made a backup", "备份")
    ),
    "backup.auto": Sentence("Made the automatic backup {file}", "自动备份{file}"),
    "backup.settings": Sentence("Changed the backup settings", "修改备份设置"),
    "backup.restore": Sentence(
        "Restored the database from {from}",
        "从{from}恢复数据库",
        words=Text("Restored the database", "恢复数据库"),
    ),
    "sync.export": Sentence("Wrote a change bundle", "导出变更包"),
    "sync.import": Sentence("Read a change bundle", "导入变更包"),
    "list.export": Sentence(
        "Exported a list to {file}", "将列表导出到{file}", words=Text("Exported a list", "导出列表")
    ),
    "list.print": Sentence("Printed a list", "打印列表", _skip("tables")),
    "report.export": Sentence(
        "Wrote a report to {file}", "将报表写入{file}", words=Text("Wrote a report", "导出报表")
    ),
    # Issue 13: materials, return for correction, verified amount, publicity, payment lists.
    # The items are the policy file's keys (contract, invoice…), not words: left out here.
    "application.material_seen": Sentence(
        "Ticked an original of the {benefit} application as seen",
        "登记{benefit}申请已查验原件",
        _skip("items", "item"),
    ),
    "application.attach": Sentence(
        "Attached a scan to the {benefit} application",
        "为{benefit}申请附上扫描件",
        _skip("items", "item"),
    ),
    "application.return": Sentence(
        "Returned the {benefit} application for correction",
        "退回{benefit}申请补正",
        _skip("items", "item"),
    ),
    "application.resubmit": Sentence(
        "Resubmitted the {benefit} application after correction", "补正后重新提交{benefit}申请"
    ),
    "application.verify_amount": Sentence(
        "Recorded the verified contract amount of the {benefit} application",
        "登记{benefit}申请核定合同额",
    ),
    "application.pay": Sentence("Recorded a payment of the {benefit}", "登记{benefit}拨付款项"),
    # "publicity" holds the period's own state (open → passed): the sentence says it.
    "publicity.open": Sentence(
        "Opened the publicity of the {benefit} application",
        "{benefit}申请开始公示",
        _skip("publicity"),
    ),
    "publicity.pass": Sentence(
        "The publicity of the {benefit} application ended without objection",
        "{benefit}申请公示期满无异议",
        _skip("publicity"),
    ),
    "publicity.object": Sentence(
        "Recorded an objection to the {benefit} application during its publicity",
        "登记{benefit}申请公示期异议",
        _skip("publicity"),
    ),
    "payment_list.build": Sentence("Built a payment list", "编制拨付清单"),
    "payment_list.cancel": Sentence("Cancelled a payment list", "作废拨付清单"),
    "payment_list.pay": Sentence("Recorded the payment of a list", "登记拨付清单付款"),
    # Issue 14: units, leases, rent, leaving the town.
    "unit.reserved": Sentence("Reserved the unit", "预留单元", _skip("kind", "space_id")),
    "unit.repair": Sentence(
        "Marked the unit under repair", "将单元标为维修中", _skip("kind", "space_id")
    ),
    "unit.lift": Sentence("Lifted the reservation or repair", "解除预留或维修"),
    "lease.renew": Sentence("Renewed the lease", "续签租约"),
    "lease.move_in": Sentence("Recorded the move-in hand-over", "登记入驻交接"),
    "lease.move_out": Sentence("Recorded the move-out hand-over", "登记退租交接"),
    "lease.handover_sheet": Sentence("Printed a hand-over sheet", "打印交接单"),
    "application.waiver_continued": Sentence(
        "Continued the {benefit} over the renewal", "{benefit}随续租延续"
    ),
    "application.resize": Sentence("Recomputed the {benefit}", "重新核算{benefit}"),
    "rent.record": Sentence("Recorded a rent account entry", "登记租金账目"),
    "team.leave": Sentence("The team left the town", "团队离开小镇"),
}

# How a field's value is written: as it is, or through one of these.
KIND_MONEY = "money"
KIND_BOOL = "bool"
KIND_STATUS = "status"
KIND_BENEFIT = "benefit"
KIND_ROLE = "role"
KIND_NOTICE_KIND = "notice_kind"
KIND_FOCUS = "focus"
KIND_TEAM = "team"
KIND_APPLICATION = "application"
KIND_NOTICE = "notice"
KIND_AREA = "area"
KIND_CLAUSES = "clauses"
KIND_CODE = "code"  # a record's own kind (rent entry, unit hold, hand-over): see KIND_TABLES
KIND_BYTES = "bytes"


@dataclass(frozen=True)
class Field:
    """A field's words, and how its values are written (``kind``: one of the KIND_* above)."""

    words: Text
    kind: str = ""
    # A yes/no field's new value as a phrase (False, then True): "not eligible" / "eligible".
    phrases: tuple[Text, Text] | None = None


def _f(en: str, zh: str, kind: str = "") -> Field:
    return Field(Text(en, zh), kind)


def _yes_no(en: str, zh: str, no: Text, yes: Text) -> Field:
    return Field(Text(en, zh), KIND_BOOL, (no, yes))


# The fields the services write into events. A new field: one line here.
FIELDS: dict[str, Field] = {
    "amount": _f("amount", "金额", KIND_MONEY),
    "contract_amount": _f("contract amount", "合同金额", KIND_MONEY),
    "repayment": _f("to be repaid", "应退回金额", KIND_MONEY),
    "total": _f("total", "总额", KIND_MONEY),
    "share": _f("share", "分配额度", KIND_MONEY),
    "monthly_rent": _f("monthly rent", "月租金", KIND_MONEY),
    "benefit": _f("benefit", "扶持类型", KIND_BENEFIT),
    "status": _f("status", "状态", KIND_STATUS),
    "eligible": _yes_no(
        "eligible", "符合条件", Text("not eligible", "不符合条件"), Text("eligible", "符合条件")
    ),
    "failed": _f("rules not met", "未满足的条款", KIND_CLAUSES),
    "reason": _f("reason", "理由"),
    "policy": _f("policy", "政策"),
    "vendor_uscc": _f("vendor's credit code", "服务商信用代码"),
    "team_id": _f("team", "团队", KIND_TEAM),
    "application_id": _f("application", "申请", KIND_APPLICATION),
    "revokes_notice_id": _f("revokes", "撤销的通知书", KIND_NOTICE),
    "name": _f("name", "姓名"),
    "name_zh": _f("Chinese name", "中文名称"),
    "name_en": _f("English name", "英文名称"),
    "uscc": _f("credit code", "统一社会信用代码"),
    "legal_rep": _f("legal representative", "法定代表人"),
    "district": _f("district", "所在区"),
    "email": _f("e-mail", "电子邮箱"),
    "phone": _f("phone", "电话"),
    "founded_on": _f("founded on", "成立日期"),
    "admitted_on": _f("admitted on", "入驻日期"),
    "left_on": _f("left on", "离开日期"),
    "headcount": _f("headcount", "人数"),
    "ai_focus": _f("AI focus", "人工智能方向", KIND_FOCUS),
    "dishonest": _f("on the dishonesty list", "列入失信名单", KIND_BOOL),
    "kind": _f("kind", "类型"),
    "role": _f("role", "岗位"),
    "is_founder": _f("founder", "创始人", KIND_BOOL),
    "full_time": _f("full time", "全职", KIND_BOOL),
    "talent_tier": _f("talent tier", "人才层级"),
    "joined_on": _f("joined on", "加入日期"),
    "id_number": _f("identity number", "身份证号"),
    "space": _f("unit", "单元"),
    "building": _f("building", "楼宇"),
    "unit": _f("unit", "单元"),
    "area_hundredths": _f("area", "面积", KIND_AREA),
    "start_on": _f("from", "起始日期"),
    "end_on": _f("to", "结束日期"),
    "ended_on": _f("ended on", "结束日期"),
    "document_number": _f("document number", "文号"),
    "issue_date": _f("date of issue", "落款日期"),
    "backdate_reason": _f("reason for the earlier date", "倒签理由"),
    "copied_to": _f("copied to", "抄送"),
    "active": _f("active", "启用", KIND_BOOL),
    "file": _f("file", "文件"),
    "source": _f("source", "来源"),
    "from": _f("from", "来源"),
    "kept": _f("previous file kept as", "原文件保留为"),
    "bytes": _f("size", "大小", KIND_BYTES),
    "count": _f("count", "数量"),
    "records": _f("records", "记录数"),
    "related_parties": _f("related parties", "关联方"),
    "skipped": _f("rows skipped", "跳过的行"),
    "first_team_id": _f("first team", "第一个团队", KIND_TEAM),
    "last_team_id": _f("last team", "最后一个团队", KIND_TEAM),
    "new_conflicts": _f("new conflicts", "新冲突"),
    "warnings": _f("warnings", "警告"),
    "code": _f("code", "代码"),
    "city": _f("city", "市级"),
    "admin": _f("administrator", "管理员"),
    "doc_prefix": _f("document-number prefix", "文号前缀"),
    "seal_sha256": _f("seal image", "印章图像"),
    "pool_totals": _f("pool totals", "资金池总额"),
    "masked": _f("personal data masked", "个人信息已脱敏", KIND_BOOL),
    "notes": _f("selection", "筛选条件"),
    "tables": _f("lists", "列表"),
    "keep": _f("copies kept", "保留份数"),
    "folder": _f("folder", "文件夹"),
    "opened_on": _f("opened on", "开始日期"),
    "ends_on": _f("ends on", "截止日期"),
    "closed_on": _f("closed on", "结束日期"),
    "working_days": _f("working days", "工作日数"),
    "period": _f("period", "期间"),
    "publicity": _f("publicity", "公示"),
    "items": _f("items", "材料项"),
    "seen": _f("original seen", "已查验原件", KIND_BOOL),
    # Rent, unit holds, returns for correction and verified amounts (issues 13 and 14).
    "on": _f("date", "日期"),
    "reference": _f("reference", "凭证号"),
    "note": _f("note", "备注"),
    "space_id": _f("unit no.", "单元编号"),
    "starts_on": _f("from", "起始日期"),
    "round": _f("round", "补正轮次"),
    "verified_contract_amount": _f("verified contract amount", "核定合同金额", KIND_MONEY),
    "list": _f("payment list", "拨付清单"),
    "paid": _f("paid", "拨付金额", KIND_MONEY),
    "paid_on": _f("paid on", "付款日期"),
    "tranche": _f("tranche", "期次"),
    "applications": _f("applications", "申请"),
    "lines": _f("lines", "笔数"),
    "approved_to": _f("approved up to", "批准日期截至"),
    "renews_lease_id": _f("renews lease no.", "续签的原租约编号"),
}

# A record kind's words ("application 117" / "申请 117"), also for actions without a sentence.
ENTITIES: dict[str, Text] = {
    "application": Text("application", "申请"),
    "backup": Text("backup", "备份"),
    "bundle": Text("bundle", "变更包"),
    "database": Text("database", "数据库"),
    "lease": Text("lease", "租约"),
    "member": Text("member", "成员"),
    "notice": Text("notice", "通知书"),
    "office": Text("office", "办公室"),
    "policy": Text("policy", "政策"),
    "pool": Text("pool", "资金池"),
    "setting": Text("setting", "设置"),
    "space": Text("unit", "单元"),
    "team": Text("team", "团队"),
    "user": Text("user", "用户"),
    "payment_list": Text("payment list", "拨付清单"),
    "unit_hold": Text("reservation or repair", "预留或维修"),
    "rent_entry": Text("rent account entry", "租金账目"),
    "lease_handover": Text("hand-over", "交接记录"),
}

# The verb of an action without a sentence (``lease.renew`` → "Lease renewed").
VERBS: dict[str, Text] = {
    "add": Text("added", "添加"),
    "create": Text("created", "新建"),
    "record": Text("recorded", "登记"),
    "update": Text("edited", "修改"),
    "edit": Text("edited", "修改"),
    "remove": Text("removed", "删除"),
    "delete": Text("removed", "删除"),
    "end": Text("ended", "结束"),
    "issue": Text("issued", "签发"),
    "open": Text("opened", "开始"),
    "close": Text("closed", "结束"),
    "pay": Text("paid", "支付"),
    "receive": Text("received", "接收"),
    "return": Text("returned", "退回"),
    "renew": Text("renewed", "续签"),
    "export": Text("exported", "导出"),
    "import": Text("imported", "导入"),
    "print": Text("printed", "打印"),
    "verify": Text("verified", "核验"),
}

YES_NO = (Text("no", "否"), Text("yes", "是"))
EMPTY = "—"


class _Event:
    """One event's values, written in one language."""

    def __init__(self, ev: Any, names: Names, lang: str):
        self.ev = ev
        self.names = names
        self.zh = is_chinese(lang)
        self.lang = "zh" if self.zh else "en"
        self.before = load_values(ev.before_json)
        self.after = load_values(ev.after_json)

    def words(self, text: Text) -> str:
        return text.get(self.lang)

    def value(self, key: str, value: Any) -> str:
        """One value as a reader reads it."""
        kind = FIELDS[key].kind if key in FIELDS else ""
        if not kind and is_money_key(key):
            kind = KIND_MONEY
        if value is None or value == "" or value == []:
            return EMPTY
        writer = WRITERS.get(kind)
        text = writer(self, key, value) if writer is not None else None
        if text is None:
            text = value if isinstance(value, str) else _plain(value)
        return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"

    def field_words(self, key: str) -> str:
        found = FIELDS.get(key)
        return self.words(found.words) if found is not None else key.replace("_", " ")

    def named(self, entity: str, value: Any) -> str:
        """A record's name, or its kind and number when the name is not known."""
        found = self.names.get((entity, str(value)))
        if found is not None:
            return self.words(found)
        kind = ENTITIES.get(entity)
        return f"{self.words(kind) if kind else entity} {value}"

    def details(self, leave_out: frozenset[str]) -> str:
        """``field old → new`` for each changed field, ``field value`` for a new one, in the
        order of :data:`FIELDS` (the JSON keeps them alphabetical)."""
        sep = "；" if self.zh else "; "
        parts = []
        keys = list(self.after) + [k for k in self.before if k not in self.after]
        keys.sort(key=lambda k: ORDER.get(k, len(ORDER)))
        for key in keys:
            if key in leave_out or key in HIDDEN or key == "":
                continue
            old, new = self.before.get(key), self.after.get(key)
            label = self.field_words(key)
            if key in self.before and self.before[key] in (None, "", [], {}):
                # Nothing before (a first admission date): the new value alone.
                if new not in (None, "", [], {}):
                    parts.append(f"{label} {self.value(key, new)}")
                continue
            if key in self.before and key in self.after:
                if old == new:
                    continue  # e.g. the amount an approval confirmed: nothing changed
                parts.append(f"{label} {self.value(key, old)} → {self.value(key, new)}")
            elif key in self.after:
                if new in (None, "", [], {}):
                    continue
                phrases = FIELDS[key].phrases if key in FIELDS else None
                if phrases is not None and isinstance(new, bool):
                    parts.append(self.words(phrases[new]))
                    continue
                parts.append(f"{label} {self.value(key, new)}")
            else:
                parts.append(f"{label} {self.value(key, old)} → {EMPTY}")
        return sep.join(parts)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_plain(v) if not isinstance(v, str) else v for v in value)
    return json.dumps(value, ensure_ascii=False)


def is_money_key(key: str) -> bool:
    """Fields holding fen: those in FIELDS marked money, and any ``*_amount`` or ``*_fen``."""
    found = FIELDS.get(key)
    if found is not None:
        return found.kind == KIND_MONEY
    return key.endswith(("_amount", "_fen"))


def money_text(fen: int, lang: str) -> str:
    """1,200,000.00 yuan / 1,200,000.00 元."""
    return f"{format_yuan(fen)} 元" if is_chinese(lang) else f"{format_yuan(fen)} yuan"


def _money(ev: _Event, _key: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return money_text(value, ev.lang)
    if isinstance(value, str) and value.replace(",", "").replace(".", "").isdigit():
        # Written in yuan already: lease.create and lease.renew events stored the rent as text
        # ("14,400.00") until they stored fen like every other event; read both the same way.
        try:
            return money_text(parse_yuan(value), ev.lang)
        except ValidationError:
            return money_text(0, ev.lang).replace(format_yuan(0), value)
    return None


def _bool(ev: _Event, _key: str, value: Any) -> str | None:
    return ev.words(YES_NO[bool(value)]) if isinstance(value, bool) else None


def _status(ev: _Event, _key: str, value: Any) -> str:
    table = {
        "team": labels.TEAM_STATUS_LABELS,
        "payment_list": labels.PAYMENT_LIST_STATUS_LABELS,
    }.get(ev.ev.entity, labels.APPLICATION_STATUS_LABELS)
    return labels.label_text(table, str(value), ev.lang)


# What "kind" means depends on the record: a rent account line, a unit's hold, a hand-over.
KIND_TABLES: dict[str, Mapping[str, labels.Label]] = {
    "rent_entry": labels.RENT_ENTRY_LABELS,
    "unit_hold": labels.UNIT_STATE_LABELS,
    "lease_handover": labels.HANDOVER_KIND_LABELS,
}


def _kind(ev: _Event, _key: str, value: Any) -> str:
    table = KIND_TABLES.get(ev.ev.entity)
    return labels.label_text(table, str(value), ev.lang) if table else str(value)


def _role(ev: _Event, _key: str, value: Any) -> str:
    # A user's role is a code (desk staff); a member's role is the team's own word (运营).
    if ev.ev.entity == "user":
        return labels.role_label(str(value), ev.lang)
    return str(value)


def _clauses(ev: _Event, _key: str, value: Any) -> str | None:
    if not isinstance(value, list):
        return None
    sep = "、" if ev.zh else ", "
    return sep.join(labels.clause_label(str(c), ev.lang) for c in value)


def _area(ev: _Event, _key: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value / 100:,.2f} m²"
    return None


def _bytes(ev: _Event, _key: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        mb = value / 1_000_000
        return f"{mb:,.1f} MB" if mb >= 0.1 else f"{value:,} B"
    return None


WRITERS: dict[str, Callable[[_Event, str, Any], str | None]] = {
    KIND_MONEY: _money,
    KIND_BOOL: _bool,
    KIND_STATUS: _status,
    KIND_BENEFIT: lambda ev, _k, v: labels.benefit_label(str(v), ev.lang),
    KIND_ROLE: _role,
    KIND_NOTICE_KIND: lambda ev, _k, v: labels.notice_kind_label(str(v), ev.lang),
    KIND_FOCUS: lambda ev, _k, v: labels.focus_label(str(v), ev.lang),
    KIND_TEAM: lambda ev, _k, v: ev.named("team", v),
    KIND_APPLICATION: lambda ev, _k, v: ev.named("application", v),
    KIND_NOTICE: lambda ev, _k, v: ev.named("notice", v),
    KIND_CLAUSES: _clauses,
    KIND_AREA: _area,
    KIND_BYTES: _bytes,
    KIND_CODE: _kind,
}
FIELDS["role"] = Field(FIELDS["role"].words, KIND_ROLE)
FIELDS["kind"] = Field(FIELDS["kind"].words, KIND_CODE)
ORDER = {key: at for at, key in enumerate(FIELDS)}


def load_values(raw: str | None) -> dict[str, Any]:
    """An event's before/after JSON as a dict (anything else under the key "")."""
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {"": raw}
    return value if isinstance(value, dict) else {"": value}


class _Slots(dict[str, str]):
    """The ``{name}`` values of a sentence: looked up as they are asked for."""

    def __init__(self, ev: _Event):
        super().__init__()
        self.ev = ev
        self.used: set[str] = set()

    def __missing__(self, key: str) -> str:
        self.used.add(key)
        ev = self.ev
        if key == "kind" and ev.ev.entity == "notice":
            return labels.notice_kind_label(str(ev.after.get("kind", "")), ev.lang)
        if key in ev.after or key in ev.before:
            raw = ev.after[key] if key in ev.after else ev.before[key]
            return ev.value(key, raw)
        if key == "name":  # a member or user named by the record itself
            return ev.named(ev.ev.entity, ev.ev.entity_id)
        if key == "benefit":  # an application's events name its benefit
            found = ev.names.get(("application.benefit", ev.ev.entity_id))
            if found is not None:
                return ev.words(found)
        return ""  # unknown: left out (the spaces around it close up)


def action_words(action: str, lang: str = "en") -> str:
    """An action's words: its sentence without values, or its record kind and verb."""
    zh = is_chinese(lang)
    sentence = SENTENCES.get(action)
    if sentence is not None and sentence.words is not None:
        return sentence.words.get(lang)
    if sentence is not None:
        # The sentence without its values: "Approved the {benefit} application: {amount}" →
        # "Approved the application".
        template = sentence.zh if zh else sentence.en
        words = re.sub(r"\{[^}]*\}", "", template)
        words = re.sub(r"\(\s*\)|（\s*）", "", words)
        words = " ".join(words.split()).rstrip(" ：:，,")
        if not zh:
            words = re.sub(r"\s+(?:the|a|an|of|to|from|at|as)$", "", words)
        return words or template
    subject, _, verb = action.rpartition(".")
    kind = ENTITIES.get(subject.split(".")[0]) if subject else None
    found = VERBS.get(verb)
    if kind is None and found is None:
        return action.replace(".", " · ").replace("_", " ")
    subject_words = kind.get(lang) if kind else subject.replace("_", " ")
    verb_words = found.get(lang) if found else verb.replace("_", " ")
    if zh:
        return f"{verb_words}{subject_words}"
    return f"{subject_words[:1].upper()}{subject_words[1:]} {verb_words}"


def describe(ev: Any, names: Names | None = None, lang: str = "en") -> str:
    """The event (anything with ``action``, ``entity``, ``entity_id``, ``before_json``,
    ``after_json``) as one sentence in ``lang``."""
    view = _Event(ev, names or {}, lang)
    sentence = SENTENCES.get(ev.action)
    colon = "：" if view.zh else ": "
    if sentence is None:
        head, leave_out, with_details = action_words(ev.action, lang), frozenset[str](), True
    else:
        slots = _Slots(view)
        head = " ".join((sentence.zh if view.zh else sentence.en).format_map(slots).split())
        leave_out = sentence.skip | slots.used
        with_details = sentence.details
    if not with_details:
        return head
    details = view.details(leave_out)
    if not details:
        return head
    if colon in head or head.endswith(")"):
        return f"{head}{'；' if view.zh else '; '}{details}"
    return f"{head}{colon}{details}"


def describe_both(ev: Any, names: Names | None = None) -> Text:
    """The event's sentence in both languages."""
    return Text(describe(ev, names, "en"), describe(ev, names, "zh"))


def record_words(ev: Any, names: Names | None = None, lang: str = "en") -> str:
    """What the event is about: "application 117 · 上海星河机器人有限公司" (kind, number, name)."""
    kind = ENTITIES.get(ev.entity)
    what = f"{kind.get(lang) if kind else ev.entity} {ev.entity_id}".strip()
    name = (names or {}).get((ev.entity, str(ev.entity_id)))
    return f"{what} · {name.get(lang)}" if name is not None and ev.entity_id else what
