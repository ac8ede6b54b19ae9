"""The policy as the program holds it once a policy file is loaded: frozen, checked, money in fen.

The loader (aitown.policy.loader) builds these from a TOML file; the rules and the entitlement
arithmetic read every number from here, never from constants of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from aitown.errors import NotFound
from aitown.policy.facts import BENEFIT_KINDS, VOUCHER_KINDS
from aitown.policy.payout_rules import (
    DEFAULT_PAYMENTS,
    DEFAULT_PUBLICITY,
    PaymentRules,
    PublicityRules,
)

BENEFIT_POOLS = BENEFIT_KINDS  # one budget pool per benefit kind

# §8.1 [measures]: no voucher below 10 % or above 100 % of its contract amount. A policy file may
# narrow this range in [general] but never widen it.
MEASURES_MIN_VOUCHER_RATIO = Decimal("0.10")
MEASURES_MAX_VOUCHER_RATIO = Decimal("1.00")

# Readings settled, "Status": the vouchers a team not yet admitted (an applicant) may receive when
# the policy file says nothing ([applicants_may_receive]). The vouchers are the city's published
# measures, open to any enterprise registered in Shanghai that meets §1 (which still applies): the
# desk takes a founder's voucher while the team's admission is under way. The town's own benefits
# (§2, §3, §7) always need admission (their clauses 2.1, 3.1 and 7.1).
DEFAULT_APPLICANTS_MAY_RECEIVE = frozenset(VOUCHER_KINDS)


@dataclass(frozen=True)
class Section:
    """A section of the policy (§1 … §8) with its title."""

    id: str
    en: str
    zh: str


@dataclass(frozen=True)
class Clause:
    """One numbered clause (``"2.3"``) and its text in English and Chinese."""

    id: str
    en: str
    zh: str

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]

    def text(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True)
class AiFocus:
    """One AI focus of §1.3: a stable key (stored on the team) and its labels."""

    key: str
    en: str
    zh: str


@dataclass(frozen=True)
class PoolBudget:
    """A budget pool's total as the policy sets it (the database tracks what is used)."""

    kind: str
    total_fen: int


@dataclass(frozen=True)
class AdmissionRules:
    """§1: admission to the AI town."""

    uscc_division_prefix: str
    max_years_since_founding: int
    min_headcount: int
    max_headcount: int
    ai_focus: tuple[AiFocus, ...]


@dataclass(frozen=True)
class WaiverPhase:
    """A run of lease months waived at one ratio (§2.2: 12 months at 100 %, then 12 at 50 %)."""

    months: int
    ratio: Decimal


@dataclass(frozen=True)
class RentWaiverRules:
    """§2: rent waiver."""

    phases: tuple[WaiverPhase, ...]
    area_cap_centi_m2: int  # hundredths of a square metre, like the models' areas
    repay_if_leaving_within_months: int

    @property
    def total_months(self) -> int:
        return sum(p.months for p in self.phases)


@dataclass(frozen=True)
class StartupGrantRules:
    """§3: the one-time start-up grant."""

    min_tenancy_months: int
    amount_fen: int
    amount_with_tier_a_founder_fen: int


@dataclass(frozen=True)
class EarlyAndSmallRules:
    """§4.3: the higher ratio for teams founded recently and still small."""

    ratio: Decimal
    max_years_since_founding: int
    max_headcount: int
    window_months: int


@dataclass(frozen=True)
class VoucherRules:
    """§4–§6: one kind of voucher: its ratio, its yearly cap, and (compute only) §4.3."""

    kind: str
    ratio: Decimal
    yearly_cap_fen: int
    early_and_small: EarlyAndSmallRules | None = None


@dataclass(frozen=True)
class TalentTier:
    """§7.2: the award for one talent tier."""

    tier: str
    amount_fen: int


@dataclass(frozen=True)
class TalentAwardRules:
    """§7: talent award."""

    min_membership_months: int
    tiers: tuple[TalentTier, ...]

    def amount_for(self, tier: str | None) -> int | None:
        for t in self.tiers:
            if t.tier == tier:
                return t.amount_fen
        return None


@dataclass(frozen=True)
class GeneralRules:
    """§8: the ratio range every voucher ratio of this file lies in (within 10 %–100 %)."""

    min_voucher_ratio: Decimal
    max_voucher_ratio: Decimal


@dataclass(frozen=True)
class MaterialItem:
    """One paper a benefit's application needs ([materials.<benefit>.<key>], issue 13.1)."""

    benefit: str
    key: str
    en: str
    zh: str
    required: bool

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Policy:
    """A loaded, checked policy. ``sha256`` is the hash of the file's UTF-8 text."""

    id: str
    version: str
    name_en: str
    name_zh: str
    pools: tuple[PoolBudget, ...]
    admission: AdmissionRules
    rent_waiver: RentWaiverRules
    startup_grant: StartupGrantRules
    compute_voucher: VoucherRules
    model_voucher: VoucherRules
    corpus_voucher: VoucherRules
    talent_award: TalentAwardRules
    general: GeneralRules
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    sha256: str
    applicants_may_receive: frozenset[str] = DEFAULT_APPLICANTS_MAY_RECEIVE
    # The checklist of each benefit, in the file's order; empty when the file has no [materials].
    materials: tuple[MaterialItem, ...] = ()
    publicity: PublicityRules = DEFAULT_PUBLICITY
    payments: PaymentRules = DEFAULT_PAYMENTS
    source: str = field(default="", compare=False)
    text: str = field(default="", repr=False, compare=False)

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise NotFound(
            f"The policy {self.id} {self.version} has no clause {clause_id}.",
            f"政策 {self.id} {self.version} 中没有第{clause_id}条。",
        )

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise NotFound(
            f"The policy {self.id} {self.version} has no section §{section_id}.",
            f"政策 {self.id} {self.version} 中没有第{section_id}部分。",
        )

    def pool_total_fen(self, kind: str) -> int:
        for p in self.pools:
            if p.kind == kind:
                return p.total_fen
        raise NotFound(f"The policy has no budget pool “{kind}”.", f"政策中没有预算池“{kind}”。")

    def materials_for(self, benefit: str) -> tuple[MaterialItem, ...]:
        """The papers an application for ``benefit`` needs, in the policy file's order."""
        return tuple(m for m in self.materials if m.benefit == benefit)

    def voucher(self, kind: str) -> VoucherRules:
        if kind not in VOUCHER_KINDS:
            raise NotFound(f"“{kind}” is not a kind of voucher.", f"“{kind}”不是一种券。")
        rules: VoucherRules = getattr(self, kind)
        return rules

    def ai_focus(self, text: str | None) -> AiFocus | None:
        """The AI focus whose key, English or Chinese label is ``text`` (case and spaces ignored)."""
        if text is None:
            return None
        wanted = " ".join(text.split()).casefold()
        for focus in self.admission.ai_focus:
            if wanted in (focus.key.casefold(), focus.en.casefold(), focus.zh.casefold()):
                return focus
        return None
