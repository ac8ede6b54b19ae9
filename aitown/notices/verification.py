"""The verification code of a notice: an HMAC of its content with the office's secret key.

The code is HMAC-SHA256(key, canonical JSON as UTF-8), its first 80 bits written as 16 base32
characters in groups of four (``K7Q2-M9XD-4HTP-A3BC``): short enough to read out over the phone,
long enough that guessing one for forged content is hopeless. Only the office's database holds
the key, so only it can tell whether the content a PDF carries is content it signed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Final, Literal

CODE_CHARS: Final = 16
GROUP: Final = 4
BASE32: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Characters a person may type for the base32 letter they read: 0 for O, 1 for I, 8 for B.
_READ_ALIKE: Final = str.maketrans({"0": "O", "1": "I", "8": "B"})

Status = Literal["genuine", "revoked", "altered", "unknown"]


def office_key(secret_hex: str) -> bytes:
    """The office's HMAC key from its hex form as stored (``Office.secret_key``)."""
    return bytes.fromhex(secret_hex)


def verification_code(secret_hex: str, canonical_json: str) -> str:
    """``XXXX-XXXX-XXXX-XXXX`` for this content under this office's key."""
    digest = hmac.new(
        office_key(secret_hex), canonical_json.encode("utf-8"), hashlib.sha256
    ).digest()
    text = base64.b32encode(digest).decode("ascii")[:CODE_CHARS]
    return "-".join(text[i : i + GROUP] for i in range(0, CODE_CHARS, GROUP))


def normalize_code(code: str) -> str:
    """A code as typed: upper case, without spaces or dashes (for comparing)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def parse_code(text: str) -> str | None:
    """``XXXX-XXXX-XXXX-XXXX`` from a code as typed (any case, spaces, 0/1/8 for O/I/B);
    None if it cannot be a verification code (wrong length or characters)."""
    plain = normalize_code(text).translate(_READ_ALIKE)
    if len(plain) != CODE_CHARS or any(ch not in BASE32 for ch in plain):
        return None
    return "-".join(plain[i : i + GROUP] for i in range(0, CODE_CHARS, GROUP))


_QR = re.compile(r"^AITOWN-NOTICE\|(?P<number>[^|]*)\|(?P<code>[^|]*)$")


def parse_scanned(text: str) -> tuple[str | None, str]:
    """``(document number or None, code text)`` from what a person typed or a scanner read:
    a bare code, or the QR code's ``AITOWN-NOTICE|number|code``."""
    text = text.strip()
    m = _QR.match(text)
    if m:
        return m.group("number").strip() or None, m.group("code")
    return None, text


def code_matches(secret_hex: str, canonical_json: str, code: str) -> bool:
    """Whether ``code`` is this office's code for this content (constant-time comparison)."""
    expected = normalize_code(verification_code(secret_hex, canonical_json))
    return hmac.compare_digest(expected, normalize_code(code))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class VerificationResult:
    """What ``verify_pdf`` found: genuine (issued and unaltered), altered, or unknown (not ours).

    ``document_number`` is the number the file claims (None when it carries no notice data);
    ``notice_id`` the issued notice of that number, when there is one.
    """

    status: Status
    document_number: str | None
    message_en: str
    message_zh: str
    notice_id: int | None = None
    kind: str | None = None
    team_name: str | None = None
    amount_fen: int | None = None
    issue_date: dt.date | None = None
    revoked_by: str | None = None

    @property
    def genuine(self) -> bool:
        """Issued by this office, unaltered and not revoked: the notice stands."""
        return self.status == "genuine"

    def message_for(self, lang: str) -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en
