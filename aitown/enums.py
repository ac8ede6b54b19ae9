"""The codes the database, the policy file and the command line use, as string enums.

Each member *is* its string (``ApplicationStatus.DRAFT == "draft"``), so stored data, JSON,
command-line arguments and code that still spells the string keep working; new code names the
member. Their words in English and Chinese are in ``aitown.labels``.
"""

from __future__ import annotations

from enum import StrEnum


class TeamStatus(StrEnum):
    """Where a team stands with the AI town (POLICY §1)."""

    APPLICANT = "applicant"
    ADMITTED = "admitted"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"
    EXPELLED = "expelled"


class Benefit(StrEnum):
    """The six benefits of the policy, in the policy's order (§2–§7)."""

    RENT_WAIVER = "rent_waiver"
    STARTUP_GRANT = "startup_grant"
    COMPUTE_VOUCHER = "compute_voucher"
    MODEL_VOUCHER = "model_voucher"
    CORPUS_VOUCHER = "corpus_voucher"
    TALENT_AWARD = "talent_award"


class ApplicationStatus(StrEnum):
    """An application's way: draft → submitted → approved/rejected → disbursed or revoked; a
    submitted one may be returned for correction and submitted again."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    DISBURSED = "disbursed"
    REVOKED = "revoked"
    RETURNED = "returned"  # returned for correction (issue 13.3); resubmitting makes it submitted


class Role(StrEnum):
    """What a user of the desk is (the rights of each are in ``aitown.services.actor``)."""

    DESK = "desk"
    REVIEWER = "reviewer"
    ADMINISTRATOR = "administrator"


class NoticeKind(StrEnum):
    """The kinds of official notice: admission, one per benefit, rejection and revocation."""

    ADMISSION = "admission"
    RENT_WAIVER = "rent_waiver"
    STARTUP_GRANT = "startup_grant"
    COMPUTE_VOUCHER = "compute_voucher"
    MODEL_VOUCHER = "model_voucher"
    CORPUS_VOUCHER = "corpus_voucher"
    TALENT_AWARD = "talent_award"
    REJECTION = "rejection"
    REVOCATION = "revocation"


class RuleStatus(StrEnum):
    """The outcome of one eligibility rule."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class UnitState(StrEnum):
    """What a unit of the town is on a day: leased and vacant follow from the leases; reserved
    and under repair are set by the desk (aitown.services.unit_states)."""

    VACANT = "vacant"
    RESERVED = "reserved"
    LEASED = "leased"
    REPAIR = "repair"


class HandoverKind(StrEnum):
    """The two hand-over records of a lease: moving in and moving out (交接单)."""

    MOVE_IN = "move_in"
    MOVE_OUT = "move_out"


class RentEntryKind(StrEnum):
    """What one line of a tenant's rent account records (money in fen, always positive)."""

    PAYMENT = "payment"  # rent received from the tenant
    REPAYMENT = "repayment"  # a §2.5 repayment asked of a leaving team: a receivable
    DEPOSIT_RECEIVED = "deposit_received"
    DEPOSIT_RETURNED = "deposit_returned"


VOUCHERS: tuple[Benefit, ...] = (
    Benefit.COMPUTE_VOUCHER,
    Benefit.MODEL_VOUCHER,
    Benefit.CORPUS_VOUCHER,
)
