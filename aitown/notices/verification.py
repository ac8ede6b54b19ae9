"""The verification code of a notice: an HMAC of its content with the office's secret key.

The code is HMAC-SHA256(key, canonical JSON as UTF-8), its first 80 bits written as 16 base32
characters in groups of four (``K7Q2-M9XD-4HTP-A3BC``): short enough to read out over the phone,
long enough that guessing one for forged content is hopeless. Only the office's database holds
the key, so only it can tell whether the content a PDF carries is content it signed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Final, Literal

CODE_CHARS: Final = 16
GROUP: Final = 4

Status = Literal["genuine", "altered", "unknown"]


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

    @property
    def genuine(self) -> bool:
        return self.status == "genuine"

    def message_for(self, lang: str) -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en
