"""Workers sharing one database: leases (one holder at a time, taken over when it expires) and
first sightings (an update delivered twice is handled once). SQL written once for both backends.

A backend provides ``write_returning(sql, params)``: one statement in its own write transaction.
"""

from __future__ import annotations

import time
from typing import Any

from storage.sealing import CLEAR, Sealer

_ACQUIRE = """
INSERT INTO leases (name, holder, expires_at) VALUES (:name, :holder, :until)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leases.holder = excluded.holder OR leases.expires_at < :now
RETURNING holder
"""
_RELEASE = "DELETE FROM leases WHERE name = ? AND holder = ? RETURNING name"
_SIGHT = "INSERT INTO seen_updates (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING RETURNING key"
_FORGET_SEEN = "DELETE FROM seen_updates WHERE seen_at < ?"

SEEN_KEEP_S = 2 * 24 * 3600  # Telegram keeps an undelivered update for 24 h
PRUNE_EVERY = 1000


class Coordination:
    """Mixed into both stores; times are wall-clock epoch milliseconds (workers on several machines)."""

    _sightings = 0
    sealer: Sealer = CLEAR  # set from GROUNDWORK_SECRET_KEY by the app (storage/sealing.py)

    async def write_returning(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    async def acquire_lease(self, name: str, holder: str, ttl_s: float) -> bool:
        """Take or renew ``name`` for ``ttl_s`` seconds; False while another live holder has it."""
        now = int(time.time() * 1000)
        rows = await self.write_returning(_ACQUIRE, {"name": name, "holder": holder, "now": now,
                                                     "until": now + int(ttl_s * 1000)})
        return bool(rows)

    async def release_lease(self, name: str, holder: str) -> bool:
        """Give ``name`` up at once (a clean stop), so the next worker need not wait for it to expire."""
        return bool(await self.write_returning(_RELEASE, (name, holder)))

    async def lease_holder(self, name: str) -> str | None:
        rows = await self.write_returning(
            "SELECT holder FROM leases WHERE name = ? AND expires_at >= ?", (name, int(time.time() * 1000)))
        return rows[0][0] if rows else None

    async def seen(self, key: str) -> bool:
        """Whether ``key`` was already recorded by ``first_sighting``."""
        return bool(await self.write_returning("SELECT 1 FROM seen_updates WHERE key = ?", (key,)))

    async def first_sighting(self, key: str) -> bool:
        """True the first time ``key`` (such as ``telegram:<update_id>``) is seen by any worker."""
        now = int(time.time())
        fresh = bool(await self.write_returning(_SIGHT, (key, now)))
        self._sightings += 1
        if self._sightings % PRUNE_EVERY == 0:
            await self.write_returning(_FORGET_SEEN, (now - SEEN_KEEP_S,))
        return fresh
