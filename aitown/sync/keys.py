"""Ed25519 key pairs of offices, signatures, and the keyed hash of identity-card numbers.

Keys are kept as hex of the raw 32-byte keys (``cryptography``'s Raw encoding): short enough
to read in an enrolment file and to compare by eye.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

KEY_HEX_LEN = 64


@dataclass(frozen=True)
class KeyPair:
    private_hex: str
    public_hex: str


def new_key_pair() -> KeyPair:
    """A fresh Ed25519 key pair."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return KeyPair(private.hex(), public.hex())


def public_of(private_hex: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def is_key_hex(text: object) -> bool:
    if not isinstance(text, str) or len(text) != KEY_HEX_LEN:
        return False
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True


def sign(private_hex: str, data: bytes) -> str:
    """The Ed25519 signature of ``data``, hex."""
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(data).hex()


def verify(public_hex: str, data: bytes, signature_hex: str) -> bool:
    """Whether ``signature_hex`` is the signature of ``data`` by the key ``public_hex``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def new_person_key() -> str:
    return secrets.token_hex(32)


def person_hash(person_key_hex: str, id_number: str | None) -> str | None:
    """The keyed hash (HMAC-SHA-256) of an identity-card number, the same in every office of the
    city: offices compare people without the number leaving the office."""
    if not id_number or not person_key_hex:
        return None
    normal = id_number.strip().upper()
    return hmac.new(bytes.fromhex(person_key_hex), normal.encode(), hashlib.sha256).hexdigest()
