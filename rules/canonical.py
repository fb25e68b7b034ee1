"""Canonical JSON (sorted keys, no spaces, UTF-8, NFC, ISO dates) and SHA-256 over it (SPEC sections 2 and 5)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        # Float text depends on the platform's repr in edge cases; hashed content carries none.
        raise TypeError(f"floats are not allowed in canonical JSON: {value!r}")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, dict):
        return {_plain(str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} as canonical JSON")


def canonical_json(value: Any) -> bytes:
    """The one byte form of a value that hashes and fingerprints are computed over."""
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint_of(value: Any) -> str:
    return "sha256:" + sha256_hex(canonical_json(value))
