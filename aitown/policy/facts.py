"""The facts eligibility is decided on: plain frozen records the services fill from the database.

Nothing here touches the database; a ``None`` means "not recorded", and a rule that needs a fact
that is ``None`` answers 'unknown' and names the fact. Money is integer fen; areas are hundredths of
a square metre; end dates are inclusive (see aitown.policy.dates).

What the services pass as ``prior_applications`` to :func:`aitown.policy.check_eligibility`:
every application of the entity, that is of every team record linked to the team by a USCC one of
them has or had (``TeamFacts.usccs``: §3.3 follows a team through re-registration under a new name
and through a corrected code), and, for a talent award, every talent award of the same
identity-card number whatever the team (§7.3). The application being checked may be among them;
it is recognised by ``application_id`` and left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aitown import labels
from aitown.enums import VOUCHERS, ApplicationStatus, Benefit, TeamStatus

BENEFIT_KINDS: tuple[Benefit, ...] = tuple(Benefit)
VOUCHER_KINDS: tuple[Benefit, ...] = VOUCHERS
TEAM_STATUSES: tuple[TeamStatus, ...] = tuple(TeamStatus)
# §2.5: leaving on these terms repays the waiver
LEAVING_STATUSES = (TeamStatus.WITHDRAWN, TeamStatus.EXPELLED)
APPLICATION_STATUSES: tuple[ApplicationStatus, ...] = tuple(ApplicationStatus)
TALENT_TIERS = ("A", "B", "C")

# An application whose money is granted and still stands: it counts toward yearly caps (§4.4,
# §5.3, §6.3) and the once-a-year talent award (§7.3). A revoked one released its money.
COUNTING_STATUSES = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED})
# A benefit the team "holds or held" (§2.4, §3.3, §3.4): granted, even if revoked since.
HELD_STATUSES = frozenset(
    {ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED, ApplicationStatus.REVOKED}
)

# (English, Chinese) of each benefit: the one label table's (aitown.labels).
BENEFIT_LABELS = labels.BENEFIT_LABELS

RecordId = int | str


@dataclass(frozen=True)
class RelatedParty:
    """A shareholder or affiliate of a team (§6.1), known by USCC, name and legal representative."""

    name: str | None = None
    uscc: str | None = None
    legal_rep: str | None = None


@dataclass(frozen=True)
class TeamFacts:
    """A team as the rules see it. ``dishonest`` is None when nobody checked the list (§1.5)."""

    team_id: RecordId | None
    uscc: str | None
    name_zh: str | None = None
    name_en: str | None = None
    legal_rep: str | None = None
    founded_on: date | None = None
    headcount: int | None = None
    ai_focus: str | None = None  # a key of the policy's AI focus list
    status: str = "applicant"
    admitted_on: date | None = None
    left_on: date | None = None  # the last day the team was in the town (inclusive)
    dishonest: bool | None = None
    related_parties: tuple[RelatedParty, ...] = ()
    # Every USCC the entity has had (its current one, the codes it held before, and those of the
    # team records that share one of them): §3.3 and §2.4 find earlier grants by all of them.
    usccs: tuple[str, ...] = ()

    def entity_usccs(self) -> frozenset[str]:
        """The codes that identify this entity (at least its current one, normalised)."""
        codes = {
            "".join((c or "").split()).replace("-", "").upper() for c in (self.uscc, *self.usccs)
        }
        return frozenset(c for c in codes if c)


@dataclass(frozen=True)
class MemberFacts:
    """A person in a team. ``left_on`` is the last day as a member (inclusive)."""

    member_id: RecordId | None
    name: str | None = None
    id_number: str | None = None
    full_time: bool | None = None
    talent_tier: str | None = None  # 'A', 'B', 'C' or None (no tier)
    is_founder: bool = False
    joined_on: date | None = None
    left_on: date | None = None

    def is_member_on(self, day: date) -> bool:
        return (
            self.joined_on is not None
            and self.joined_on <= day
            and (self.left_on is None or self.left_on >= day)
        )


@dataclass(frozen=True)
class LeaseFacts:
    """A lease of one unit. ``end_on`` and ``ended_on`` (an early end) are the last days, inclusive."""

    lease_id: RecordId | None
    start_on: date
    end_on: date
    monthly_rent_fen: int
    area_centi_m2: int | None  # hundredths of a square metre; None when the unit's area is unknown
    ended_on: date | None = None
    renews: RecordId | None = (
        None  # the lease this one renews (follows on from), if it is a renewal
    )

    @property
    def last_day(self) -> date:
        """The lease's real last day: its early end if it ended early, else its end."""
        return min(self.end_on, self.ended_on) if self.ended_on else self.end_on

    def is_current_on(self, day: date) -> bool:
        return self.start_on <= day <= self.last_day


@dataclass(frozen=True)
class PriorApplication:
    """An application already recorded (of this USCC, or a talent award of this person).

    ``year`` is the calendar year the application counts in: the year of its application date.
    """

    application_id: RecordId | None
    benefit: str
    status: str
    amount_fen: int | None
    year: int | None
    team_uscc: str | None = None
    decided_on: date | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    member_id_number: str | None = None
    lease_id: RecordId | None = None
    # Granted by another office of the city (aitown.sync.external_facts): its name and notice.
    office_en: str | None = None
    office_zh: str | None = None
    notice_number: str | None = None


@dataclass(frozen=True)
class BenefitRequest:
    """What is asked for. ``application_date`` None means today (a check while the founder waits)."""

    benefit: str
    application_date: date | None = None
    application_id: RecordId | None = None
    contract_amount_fen: int | None = None
    vendor_uscc: str | None = None
    vendor_name: str | None = None
    vendor_legal_rep: str | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    member_id: RecordId | None = None
    lease_id: RecordId | None = None  # rent waiver: which lease; None picks the current one


@dataclass(frozen=True)
class PoolState:
    """A budget pool's money: committed (approved, not yet paid) and disbursed (paid)."""

    kind: str
    total_fen: int
    committed_fen: int = 0
    disbursed_fen: int = 0

    @property
    def left_fen(self) -> int:
        return self.total_fen - self.committed_fen - self.disbursed_fen
