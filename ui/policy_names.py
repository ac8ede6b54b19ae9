"""A policy as people know it: its name and version ("上海人工智能小镇2025 2025.1"), not the file's
id ("shanghai-ai-2025"). Decisions store the id; the name comes from the loaded policy with that
id, else the id is all there is to show."""

from __future__ import annotations

from aitown.errors import DeskError
from aitown.services.policies import current_policy
from ui.context import DeskContext


def policy_title(ctx: DeskContext, policy_id: str | None, version: str | None = None) -> str:
    """The policy's name in the screen's language and its version; "—" when there is none."""
    if not policy_id:
        return "—"
    name = policy_id
    try:
        policy = current_policy(ctx.db)
    except DeskError:
        policy = None
    if policy is not None and policy.id == policy_id:
        name = ctx.pick(policy.name_en, policy.name_zh) or policy_id
    return f"{name} {version}".strip() if version else name
