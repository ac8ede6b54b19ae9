"""Screening: the verdict and the amount of every benefit for a team, without the wording.

What :func:`aitown.policy.eligibility.check_all_benefits` decides — eligible or not, the amount,
and for a once-only benefit the application that holds it — for a check of every team of a city
(100,000 teams × 6 benefits). The engine builds every rule's two sentences and the amount's
arithmetic lines; a list of 600,000 answers shows none of them. Here only the decisions are made,
on plain tuples, with the numbers read from the same :class:`Policy` (the policy file stays the
one source of the numbers) and the same calendar conventions (aitown.policy.dates). The reasons
come from the engine for the teams a person opens.

It answers what ``check_all_benefits`` answers — a request of each kind dated ``today``, with no
contract and no person: a voucher (§4.1, §5.1, §6.1: the contract amount is not recorded) and a
talent award (§7.1: no person named) are then never eligible. The rent waiver (§1, §2.1–§2.4, the
schedule's total > 0) and the start-up grant (§1, §3.1–§3.4) are decided rule by rule as the
engine does. tests/aitown/policy/test_screening.py holds the two equal on generated teams
(hypothesis), tests/aitown/services/test_eligibility_screen.py on the demo office's teams.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

from aitown.errors import ValidationError
from aitown.policy.dates import add_months, add_years
from aitown.policy.facts import (
    BENEFIT_KINDS,
    COUNTING_STATUSES,
    HELD_STATUSES,
    LeaseFacts,
    MemberFacts,
    PriorApplication,
    RecordId,
    TeamFacts,
)
from aitown.policy.model import Policy
from aitown.policy.rent_waiver import rent_waiver_schedule
from aitown.policy.uscc import normalize_uscc, validate_uscc
from aitown.uscc_digits import plainly_valid

ONE_DAY = timedelta(days=1)


class Verdict(NamedTuple):
    """One team × benefit: what a list of every team shows (no reasons)."""

    benefit: str
    eligible: bool
    amount_fen: int | None  # only when eligible
    held_by: RecordId | None  # a once-only benefit not eligible: the application holding it


class TeamRow(NamedTuple):
    """The team's facts the screening reads (TeamFacts' fields of the same names). Of a team that
    is not admitted only the status and the codes are read (a reader may leave the rest out)."""

    team_id: RecordId | None
    uscc: str | None
    founded_on: date | None
    headcount: int | None
    ai_focus: str | None
    status: str
    admitted_on: date | None
    left_on: date | None
    dishonest: bool | None
    # TeamFacts.entity_usccs(): read only to match the priors (a reader may leave it empty for a
    # team without priors)
    entity_usccs: frozenset[str]


# (lease id, start, end, monthly rent fen, area centi-m² or None, ended early on or None,
# the lease it renews or None): LeaseFacts' fields in their order.
LeaseRow = tuple[RecordId | None, date, date, int, int | None, date | None, RecordId | None]
# A founder holding talent tier A: (full time, joined on, left on)
FounderRow = tuple[bool | None, date | None, date | None]
# An application of the entity: (id, benefit, status, team USCC); only the once-only benefits
# (rent waiver, start-up grant) in a held status matter here.
PriorRow = tuple[RecordId | None, str, str, str | None]

RENT_WAIVER, STARTUP_GRANT = "rent_waiver", "startup_grant"
ONCE_ONLY = (RENT_WAIVER, STARTUP_GRANT)
HELD = frozenset(str(s) for s in HELD_STATUSES)
COUNTING = frozenset(str(s) for s in COUNTING_STATUSES)


def uscc_in_division(uscc: str | None, prefix: str) -> bool:
    """Rule 1.1 passes: ``validate_uscc`` accepts the code and its division starts with
    ``prefix``. A plain ASCII code is checked without python-stdnum (``plainly_valid``)."""
    if uscc is not None and len(uscc) == 18 and uscc.isalnum() and uscc.isascii():
        code = uscc.upper()  # already plain: what normalize_uscc would give, cheaper
    else:
        code = normalize_uscc(uscc)
        if not code:
            return False
    if not plainly_valid(code):
        try:
            code = validate_uscc(uscc)
        except ValidationError:
            return False
    return code[2:8].startswith(prefix)


def _last_day(lease: LeaseRow) -> date:
    end, ended = lease[2], lease[5]
    return min(end, ended) if ended else end


class Screener:
    """The policy's numbers for one day of checking, and what repeats across teams (the admission
    limit of a founding date, the month boundaries of a lease start) worked out once."""

    def __init__(self, policy: Policy, today: date) -> None:
        self.policy = policy
        self.on = today
        adm = policy.admission
        self.prefix = adm.uscc_division_prefix
        self.years = adm.max_years_since_founding
        self.low, self.high = adm.min_headcount, adm.max_headcount
        rw = policy.rent_waiver
        self.cap = rw.area_cap_centi_m2
        self.phases: list[tuple[int, int, int]] = []
        for phase in rw.phases:
            ratio = Fraction(phase.ratio)
            self.phases.append((phase.months, ratio.numerator, ratio.denominator))
        self.waiver_months = sum(p[0] for p in self.phases)
        sg = policy.startup_grant
        self.tenancy_months = sg.min_tenancy_months
        self.grant_fen, self.grant_a_fen = sg.amount_fen, sg.amount_with_tier_a_founder_fen
        self._focus: dict[str, bool] = {}
        self._founded: dict[date, bool] = {}
        self._months: dict[date, tuple[list[date], list[date]]] = {}
        self._enough: dict[date, date] = {}
        self._refused: dict[str, Verdict] = {}
        self._nothing: dict[tuple[str, ...], list[Verdict]] = {}
        self._slots: dict[tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    # §1 -----------------------------------------------------------------------------------------

    def admitted_to_town(self, t: TeamRow) -> bool:
        """Every §1 rule passes (1.1 USCC, 1.2 founded, 1.3 AI focus, 1.4 headcount, 1.5 honesty)."""
        if t.dishonest is None or t.dishonest:
            return False
        count = t.headcount
        if count is None or count < self.low or count > self.high:
            return False
        founded = t.founded_on
        if founded is None or founded > self.on:
            return False
        ok = self._founded.get(founded)
        if ok is None:
            ok = self._founded[founded] = self.on <= add_years(founded, self.years)
        if not ok:
            return False
        value = (t.ai_focus or "").strip()
        if not value:
            return False
        focus = self._focus.get(value)
        if focus is None:
            focus = self._focus[value] = self.policy.ai_focus(value) is not None
        if not focus:
            return False
        return uscc_in_division(t.uscc, self.prefix)

    @cached_property
    def founded_from(self) -> date:
        """The earliest founding date rule 1.2 accepts on this day: every date from it to today
        passes (``add_years`` never decreases as its date grows), every earlier one fails."""
        day = self.on - timedelta(days=366 * self.years + 2)  # fails: a year is ≤ 366 days
        while add_years(day, self.years) < self.on:
            day += ONE_DAY
        return day

    # Leases ------------------------------------------------------------------------------------

    def _current_lease(self, leases: Sequence[LeaseRow]) -> LeaseRow | None:
        """rules_space.select_lease without a lease asked for: the earliest-starting current one."""
        on = self.on
        best: LeaseRow | None = None
        for le in leases:
            if le[1] <= on <= _last_day(le) and (best is None or le[1] < best[1]):
                best = le
        return best

    def _month_bounds(self, start: date) -> tuple[list[date], list[date]]:
        """The first and the last days of the waiver's months of a lease from ``start``."""
        bounds = self._months.get(start)
        if bounds is None:
            # period_month's boundaries: month n runs from add_months(start, n - 1) to the day
            # before add_months(start, n).
            edges = [add_months(start, n) for n in range(self.waiver_months + 1)]
            bounds = self._months[start] = (edges[:-1], [e - ONE_DAY for e in edges[1:]])
        return bounds

    def waiver_total(self, t: TeamRow, lease: LeaseRow) -> int | None:
        """rent_waiver.rent_waiver_schedule's total in integers (None: no row at all).

        Each month it waives: round half up (rent × ratio × area share × days / days in the
        month), the fraction kept exact as numerator / denominator. The months wholly inside the
        waiver's span all waive the same (days = days in the month): counted, not summed; only
        the first and the last month of the span can be partial."""
        start, rent, area = lease[1], lease[3], lease[4]
        area = area if area is not None else 0
        if area <= self.cap or area <= 0:
            share_num, share_den = 1, 1
        else:
            share_num, share_den = self.cap, area
        admitted, left = t.admitted_on, t.left_on
        first = start if admitted is None or admitted <= start else admitted
        last = _last_day(lease)
        if left is not None and left < last:
            last = left
        if first > last:  # admitted after the lease's end, or left before its start
            return None
        starts, ends = self._month_bounds(start)
        if ends and first == start and last >= ends[-1]:
            # The whole waiver (a team admitted by the lease's start that stays through it): every
            # month whole, one rounded amount per phase.
            total = 0
            for months, ratio_num, ratio_den in self.phases:
                num, den = rent * ratio_num * share_num, ratio_den * share_den
                total += months * ((2 * num + den) // (2 * den))
            return total
        # Months that share a day with first..last: [lo, hi); wholly inside it: [full_lo, full_hi).
        lo, hi = bisect_left(ends, first), bisect_right(starts, last)
        if lo >= hi:
            return None
        full_lo, full_hi = bisect_left(starts, first), bisect_right(ends, last)
        total = 0
        phase_lo = 0
        for months, ratio_num, ratio_den in self.phases:
            phase_hi = phase_lo + months
            whole = min(phase_hi, full_hi) - max(phase_lo, full_lo)
            if whole > 0:
                num, den = rent * ratio_num * share_num, ratio_den * share_den
                total += whole * ((2 * num + den) // (2 * den))
            for i in {lo, hi - 1}:
                if phase_lo <= i < phase_hi and not full_lo <= i < full_hi:
                    month_start, month_end = starts[i], ends[i]
                    days = (min(month_end, last) - max(month_start, first)).days + 1
                    in_month = (month_end - month_start).days + 1
                    num = rent * ratio_num * share_num * days
                    den = ratio_den * share_den * in_month
                    total += (2 * num + den) // (2 * den)
            phase_lo = phase_hi
        return total

    def _tenancy_start(self, leases: Sequence[LeaseRow], lease: LeaseRow) -> date:
        """rules_space.tenancy_start: leases that follow one another make one tenancy."""
        start = lease[1]
        changed = True
        while changed:
            changed = False
            for other in leases:
                if other[1] < start and _last_day(other) >= start - ONE_DAY:
                    start = other[1]
                    changed = True
        return start

    # The answers -------------------------------------------------------------------------------

    def screen(
        self,
        t: TeamRow,
        leases: Sequence[LeaseRow],
        founders_a: Sequence[FounderRow],
        priors: Sequence[PriorRow],
        kinds: Sequence[str] = BENEFIT_KINDS,
    ) -> list[Verdict]:
        """The verdict of each benefit in ``kinds`` (in that order) for one team."""
        if priors:
            held, counting = self._holds(t.entity_usccs, priors)
            if held:
                return self.holding(counting, kinds)
        if t.status != "admitted" or not self.admitted_to_town(t):
            return self.nothing(kinds)
        lease = self._current_lease(leases)
        if lease is None:
            return self.nothing(kinds)
        return self.granted(t, leases, lease, founders_a, kinds)

    @staticmethod
    def _holds(
        own: frozenset[str], priors: Sequence[PriorRow]
    ) -> tuple[bool, dict[str, RecordId | None]]:
        """Whether the entity holds a once-only benefit (§2.2/§2.4, §3.3/§3.4: then neither of
        the two is eligible), and the first application (in the priors' order) that counts for
        each benefit held."""
        held = False
        counting: dict[str, RecordId | None] = {}
        for app_id, benefit, status, team_uscc in priors:
            if status not in HELD or benefit not in ONCE_ONLY:
                continue
            if (
                team_uscc is not None
                and team_uscc not in own
                and normalize_uscc(team_uscc) not in own
            ):
                continue
            held = True
            if status in COUNTING and benefit not in counting:
                counting[benefit] = app_id
        return held, counting

    def holding(
        self, counting: dict[str, RecordId | None], kinds: Sequence[str] = BENEFIT_KINDS
    ) -> list[Verdict]:
        """The verdicts of a team whose entity holds a once-only benefit: eligible for none of
        ``kinds``; a benefit granted and counting is held by its first such application."""
        return self.held_by(counting.get(RENT_WAIVER), counting.get(STARTUP_GRANT), kinds)

    def held_by(
        self,
        waiver_app: RecordId | None,
        grant_app: RecordId | None,
        kinds: Sequence[str] = BENEFIT_KINDS,
    ) -> list[Verdict]:
        """:meth:`holding` from the first counting application of each of the two benefits (None:
        that benefit is not counting)."""
        key = kinds if type(kinds) is tuple else tuple(kinds)
        nothing = self.nothing(key)
        if waiver_app is None and grant_app is None:
            return nothing
        at_waiver, at_grant = self._slots.get(key) or self._slot(key)
        out = nothing.copy()
        if waiver_app is not None:
            for i in at_waiver:
                out[i] = Verdict(key[i], False, None, waiver_app)
        if grant_app is not None:
            for i in at_grant:
                out[i] = Verdict(key[i], False, None, grant_app)
        return out

    def granted(
        self,
        t: TeamRow,
        leases: Sequence[LeaseRow],
        lease: LeaseRow,
        founders_a: Sequence[FounderRow],
        kinds: Sequence[str] = BENEFIT_KINDS,
    ) -> list[Verdict]:
        """The verdicts of an admitted team that meets §1 (2.1, 3.1) with the current ``lease``
        and holds neither once-only benefit: the rent waiver and the start-up grant decided."""
        key = kinds if type(kinds) is tuple else tuple(kinds)
        at_waiver, at_grant = self._slots.get(key) or self._slot(key)
        waiver = grant = 0
        if at_waiver:
            waiver = self._rent_waiver(t, leases, lease) or 0
        if at_grant:
            grant = self._startup_grant(leases, lease, founders_a) or 0
        nothing = self.nothing(key)
        if waiver <= 0 and grant <= 0:
            return nothing
        out = nothing.copy()
        if waiver > 0:
            for i in at_waiver:
                out[i] = Verdict(key[i], True, waiver, None)
        if grant > 0:
            for i in at_grant:
                out[i] = Verdict(key[i], True, grant, None)
        return out

    def _slot(self, kinds: tuple[str, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Where in ``kinds`` the rent waiver and the start-up grant stand (none: not asked)."""
        at = [tuple(i for i, k in enumerate(kinds) if k == one) for one in ONCE_ONLY]
        slots = self._slots[kinds] = (at[0], at[1])
        return slots

    def nothing(self, kinds: Sequence[str] = BENEFIT_KINDS) -> list[Verdict]:
        """The verdicts of a team eligible for none of ``kinds`` and holding none: the same list
        for every such team (most of a city's), made once. Callers must not change it."""
        key = kinds if type(kinds) is tuple else tuple(kinds)
        found = self._nothing.get(key)
        if found is None:
            found = self._nothing[key] = [
                self._refused.get(kind) or self._refuse(kind) for kind in key
            ]
        return found

    def _refuse(self, kind: str) -> Verdict:
        """Not eligible, nothing held: the same answer for many teams, made once."""
        verdict = self._refused[kind] = Verdict(kind, False, None, None)
        return verdict

    def _rent_waiver(self, t: TeamRow, leases: Sequence[LeaseRow], lease: LeaseRow) -> int | None:
        """§2.2 something to waive, §2.3 the area known, for the current ``lease`` (§2.1; the
        holds of §2.2/§2.4 are checked by the caller): the schedule's total, or None."""
        if lease[4] is None:
            return None
        if len(leases) > 1:
            # Several leases: the months count from the first and the waiver runs on through the
            # renewals (rent_waiver.waiver_chain), which the integer path does not model. Rare
            # enough to ask the schedule itself.
            facts = [LeaseFacts(*row) for row in leases]
            schedule = rent_waiver_schedule(
                self.policy,
                facts[leases.index(lease)],
                waiver_from=t.admitted_on,
                team_left_on=t.left_on,
                leases=facts,
            )
            return schedule.total_fen if schedule.rows else None
        return self.waiver_total(t, lease)

    def _startup_grant(
        self, leases: Sequence[LeaseRow], lease: LeaseRow, founders_a: Sequence[FounderRow]
    ) -> int | None:
        """§3.1 enough months of tenancy up to the current ``lease`` (the holds of §3.3/§3.4 are
        checked by the caller): the amount of §3.2, or None."""
        start = lease[1] if len(leases) == 1 else self._tenancy_start(leases, lease)
        enough = self._enough.get(start)
        if enough is None:
            enough = self._enough[start] = add_months(start, self.tenancy_months)
        if enough > self.on:
            return None
        on = self.on
        for full_time, joined, left in founders_a:
            if full_time and joined is not None and joined <= on and (left is None or left >= on):
                return self.grant_a_fen
        return self.grant_fen


# From the engine's fact records (the property test, one team) -----------------------------------


def team_row(team: TeamFacts) -> TeamRow:
    return TeamRow(
        team.team_id,
        team.uscc,
        team.founded_on,
        team.headcount,
        team.ai_focus,
        team.status,
        team.admitted_on,
        team.left_on,
        team.dishonest,
        team.entity_usccs(),
    )


def lease_rows(leases: Iterable[LeaseFacts]) -> list[LeaseRow]:
    return [
        (
            le.lease_id,
            le.start_on,
            le.end_on,
            le.monthly_rent_fen,
            le.area_centi_m2,
            le.ended_on,
            le.renews,
        )
        for le in leases
    ]


def founder_rows(members: Iterable[MemberFacts]) -> list[FounderRow]:
    return [
        (m.full_time, m.joined_on, m.left_on)
        for m in members
        if m.is_founder and m.talent_tier == "A"
    ]


def prior_rows(priors: Iterable[PriorApplication]) -> list[PriorRow]:
    return [(p.application_id, p.benefit, p.status, p.team_uscc) for p in priors]


def screen_facts(
    policy: Policy,
    team: TeamFacts,
    members: Iterable[MemberFacts],
    leases: Iterable[LeaseFacts],
    prior_applications: Iterable[PriorApplication],
    today: date,
    *,
    benefits: Iterable[str] | None = None,
) -> list[Verdict]:
    """The verdicts ``check_all_benefits`` (same arguments, no pools) comes to, for one team."""
    return Screener(policy, today).screen(
        team_row(team),
        lease_rows(leases),
        founder_rows(members),
        prior_rows(prior_applications),
        BENEFIT_KINDS if benefits is None else tuple(benefits),
    )
