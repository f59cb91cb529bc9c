"""What users wrote, sealed at rest: journal text, safety plans, conversation data.

With ``GROUNDWORK_SECRET_KEY`` set (one or more Fernet keys, comma-separated, newest first) the
stores seal those columns with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) before
writing and open them after reading, on both backends. Rotation: put a new key in front and keep
the old ones after it; everything written from then on uses the new key, and rows written with an
old key are still read. Values written before a key was set stay readable (they carry no prefix).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from storage import jsoncodec

log = logging.getLogger(__name__)

PREFIX = "gw1:"


class SealedTextUnreadable(RuntimeError):
    """A sealed value and no key (or not the right one) to open it."""


class Sealer:
    """Seals and opens text columns; without keys it leaves text as it is."""

    def __init__(self, keys: list[str] | None = None) -> None:
        self._fernet = MultiFernet([Fernet(k.encode()) for k in keys]) if keys else None

    @property
    def enabled(self) -> bool:
        return self._fernet is not None

    def seal(self, text: str) -> str:
        if self._fernet is None or not text:
            return text
        return PREFIX + self._fernet.encrypt(text.encode()).decode()

    def open(self, value: str) -> str:
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        if self._fernet is None:
            raise SealedTextUnreadable("stored text is sealed: set GROUNDWORK_SECRET_KEY to read it")
        try:
            return self._fernet.decrypt(value[len(PREFIX):].encode()).decode()
        except InvalidToken:
            raise SealedTextUnreadable("stored text was sealed with a key not in GROUNDWORK_SECRET_KEY") from None

    def open_json(self, value: str) -> Any:
        return jsoncodec.loads(self.open(value))

    def open_json_or_none(self, value: str) -> Any | None:
        """Like ``open_json``, but a value no key here opens is logged and read as absent.

        Used where a missing key must not stop a message reaching the safety screen (the
        conversation position, the safety plan shown on the crisis path).
        """
        try:
            return self.open_json(value)
        except SealedTextUnreadable as exc:
            log.error("storage: %s; read as absent", exc)
            return None


CLEAR = Sealer()

# The columns that hold what a user wrote, by table.
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "journal": ("text",),
    "safety_plans": ("data",),
    "conversations": ("data",),
    "rooms": ("summary",),
}


def open_row(sealer: Sealer, table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row as read, with its sealed columns opened (before JSON columns are decoded)."""
    for column in SEALED_COLUMNS.get(table, ()):
        if isinstance(row.get(column), str):
            row[column] = sealer.open(row[column])
    return row


def sealer_from_env(env: Mapping[str, str]) -> Sealer:
    """``GROUNDWORK_SECRET_KEY``: comma-separated Fernet keys (``python -m bot new-key`` makes one)."""
    keys = [k.strip() for k in env.get("GROUNDWORK_SECRET_KEY", "").split(",") if k.strip()]
    try:
        return Sealer(keys) if keys else CLEAR
    except ValueError:
        raise ValueError("GROUNDWORK_SECRET_KEY must be Fernet keys (32 url-safe base64 bytes), comma-separated") \
            from None


def new_key() -> str:
    return Fernet.generate_key().decode()
