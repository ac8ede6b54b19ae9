"""Who is acting, and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass

from aitown import labels
from aitown.enums import Role
from aitown.errors import PermissionDenied
from aitown.text import Text

DESK, REVIEWER, ADMIN = Role.DESK, Role.REVIEWER, Role.ADMINISTRATOR

ROLE_LABELS = labels.ROLE_LABELS

# What each role may do. The GUI mirrors this table; the services enforce it.
RIGHTS: dict[str, frozenset[str]] = {
    "team.view": frozenset({DESK, REVIEWER, ADMIN}),
    "team.edit": frozenset({DESK, ADMIN}),
    "team.status": frozenset({DESK, ADMIN}),
    "team.import": frozenset({DESK, ADMIN}),
    "team.export": frozenset({DESK, REVIEWER, ADMIN}),
    "member.edit": frozenset({DESK, ADMIN}),
    "space.edit": frozenset({ADMIN}),
    "lease.edit": frozenset({DESK, ADMIN}),
    "application.record": frozenset({DESK, ADMIN}),
    "application.submit": frozenset({DESK, ADMIN}),
    "application.decide": frozenset({REVIEWER, ADMIN}),
    "application.disburse": frozenset({ADMIN}),
    "application.revoke": frozenset({ADMIN}),
    "notice.issue": frozenset({ADMIN}),
    "notice.view": frozenset({DESK, REVIEWER, ADMIN}),
    "policy.load": frozenset({ADMIN}),
    "pool.edit": frozenset({ADMIN}),
    "user.manage": frozenset({ADMIN}),
    "office.edit": frozenset({ADMIN}),
    "backup.run": frozenset({ADMIN}),
    "audit.view": frozenset({REVIEWER, ADMIN}),
    "personal_data.view": frozenset({ADMIN}),
    "demo.load": frozenset({ADMIN}),
    "sync.run": frozenset({ADMIN}),
    "publicity.manage": frozenset({ADMIN}),
    "payment.manage": frozenset({ADMIN}),
    "rent.record": frozenset({DESK, ADMIN}),
}

# What each right lets a user do, in the words of a refusal ("may not approve or reject …").
RIGHT_LABELS: dict[str, Text] = {
    "team.edit": Text("register or edit teams", "登记或修改团队"),
    "team.status": Text("change a team's status", "变更团队状态"),
    "team.import": Text("import teams", "导入团队"),
    "team.export": Text("export teams", "导出团队"),
    "member.edit": Text("edit team members", "修改团队成员"),
    "space.edit": Text("edit units of the town", "修改楼宇单元"),
    "lease.edit": Text("record leases", "登记租约"),
    "application.record": Text("record applications", "登记申请"),
    "application.submit": Text("submit applications", "提交申请"),
    "application.decide": Text("approve or reject applications", "批准或驳回申请"),
    "application.disburse": Text("record disbursements", "登记拨付"),
    "application.revoke": Text("revoke decisions", "撤销决定"),
    "notice.issue": Text("issue notices", "签发通知书"),
    "policy.load": Text("load a policy file", "加载政策文件"),
    "pool.edit": Text("change budget pools", "修改预算资金池"),
    "user.manage": Text("manage users", "管理用户"),
    "office.edit": Text("change the office settings", "修改办公室设置"),
    "backup.run": Text("make or restore backups", "备份或恢复"),
    "audit.view": Text("read the audit log", "查看审计日志"),
    "personal_data.view": Text("see personal data unmasked", "查看未脱敏的个人信息"),
    "demo.load": Text("load demo data", "加载演示数据"),
    "sync.run": Text("exchange bundles with other offices", "与其他办公室交换变更包"),
    "publicity.manage": Text(
        "open, close or object to publicity periods",
        "管理公示（开始、结束、登记异议）",
    ),
    "payment.manage": Text("build and pay payment lists", "编制和登记拨付清单"),
    "rent.record": Text("record rent payments and deposits", "登记租金收款和押金"),
}


@dataclass(frozen=True)
class Actor:
    """The authenticated user a service call acts for."""

    user_id: int | None
    name: str
    role: str
    office_id: int
    may_see_personal_data: bool = False

    def can(self, right: str) -> bool:
        if right == "personal_data.view" and self.may_see_personal_data:
            return True
        return self.role in RIGHTS.get(right, frozenset())

    def require(self, right: str) -> None:
        """Raise PermissionDenied unless this user's role carries ``right``."""
        if not self.can(right):
            en, zh = RIGHT_LABELS.get(right, Text.same(right))
            role_en, role_zh = labels.role_label(self.role), labels.role_label(self.role, "zh")
            raise PermissionDenied(
                f"As {role_en}, {self.name} may not {en}; ask a user whose role allows it.",
                f"{self.name}的角色为{role_zh}，无权{zh}，请由有权限的用户操作。",
            )
