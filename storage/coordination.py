"""Workers sharing one database: leases (one holder at a time, taken over when it expires) and
platform updates handled once (``seen_updates``). SQL written once for both backends.

An update's life (its key is ``telegram:<update_id>``):

- **claimed** (webhook only): ``claim_update`` names the worker and the time; a repeated delivery
  while the claim is fresh is refused (the HTTP answer is 503, so Telegram tries again later);
  a claim not renewed for ``stale_s`` belonged to a dead worker and is taken over.
- **applied**: the engine's unit of work writes the row with the replies still to send, in the
  same transaction as the user's state change, so an update is applied at most once; a worker
  that finds it applied but not done sends the stored replies instead of handling it again.
- **done**: the replies went out (``finish_update``); a later delivery is acknowledged unhandled.

A backend provides ``write_returning(sql, params)``: one statement in its own write transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

from storage.sealing import CLEAR, Sealer

_ACQUIRE = """
INSERT INTO leases (name, holder, expires_at) VALUES (:name, :holder, :until)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leases.holder = excluded.holder OR leases.expires_at < :now
RETURNING holder
"""
_RELEASE = "DELETE FROM leases WHERE name = ? AND holder = ? RETURNING name"
_CLAIM = """
INSERT INTO seen_updates (key, seen_at, claimed_by, claimed_at, done) VALUES (:key, :now_s, :worker, :now, 0)
ON CONFLICT (key) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
WHERE seen_updates.done = 0 AND (seen_updates.claimed_at IS NULL OR seen_updates.claimed_at < :cutoff)
RETURNING key
"""
_RENEW = "UPDATE seen_updates SET claimed_at = ? WHERE key = ? AND claimed_by = ? AND done = 0 RETURNING key"
_FINISH = """
INSERT INTO seen_updates (key, seen_at, done) VALUES (?, ?, 1)
ON CONFLICT (key) DO UPDATE SET done = 1, replies = NULL, user_key = NULL
"""
# Written by a unit of work (storage/sqlite/store.py, storage/postgres/store.py) with the user's state change.
# No row back: another worker applied (or finished) this update already; the unit must not commit.
APPLIED = """
INSERT INTO seen_updates (key, seen_at, done, replies, user_key) VALUES (?, ?, 0, ?, ?)
ON CONFLICT (key) DO UPDATE SET replies = excluded.replies, user_key = excluded.user_key
WHERE seen_updates.done = 0 AND seen_updates.replies IS NULL
RETURNING key
"""
# A /forget unit, after its own APPLIED (written without a user key): replies the user's earlier
# updates still had to send (their worker died first) are dropped and those updates closed as done,
# so a re-delivery neither sends them nor applies the update again.
FORGET_REPLIES = "UPDATE seen_updates SET done = 1, replies = NULL, user_key = NULL WHERE user_key = ?"
_FORGET_SEEN = "DELETE FROM seen_updates WHERE seen_at < ?"

SEEN_KEEP_S = 2 * 24 * 3600  # Telegram keeps an undelivered update for 24 h
PRUNE_EVERY = 1000


Claim = Literal["ours", "busy", "done"]


@dataclass(frozen=True, slots=True)
class UpdateState:
    """Where one platform update stands: ``replies`` (serialised) are set once applied and not yet sent."""

    done: bool
    replies: str | None
    claimed_by: str | None


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

    async def claim_update(self, key: str, worker: str, stale_s: float) -> Claim:
        """``ours`` (new, or a dead worker's stale claim taken over), ``busy`` (a live claim) or ``done``."""
        now = int(time.time() * 1000)
        rows = await self.write_returning(_CLAIM, {"key": key, "worker": worker, "now": now, "now_s": now // 1000,
                                                   "cutoff": now - int(stale_s * 1000)})
        if rows:
            return "ours"
        # Only ``done`` is needed: the replies may be sealed with a key this worker lacks (a rolling key change).
        found = await self.write_returning("SELECT done FROM seen_updates WHERE key = ?", (key,))
        return "done" if not found or found[0][0] else "busy"

    async def renew_update(self, key: str, worker: str) -> bool:
        """Keep a claim fresh while a slow update is handled; False if it was taken over."""
        return bool(await self.write_returning(_RENEW, (int(time.time() * 1000), key, worker)))

    async def update_state(self, key: str) -> UpdateState | None:
        """The update's row, replies opened; None if no worker has seen it."""
        rows = await self.write_returning("SELECT done, replies, claimed_by FROM seen_updates WHERE key = ?", (key,))
        if not rows:
            return None
        done, replies, claimed_by = rows[0]
        return UpdateState(bool(done), None if replies is None else self.sealer.open(replies), claimed_by)

    async def finish_update(self, key: str) -> None:
        """The update was handled and its replies sent: a later delivery is acknowledged unhandled."""
        now = int(time.time())
        await self.write_returning(_FINISH, (key, now))
        self._sightings += 1
        if self._sightings % PRUNE_EVERY == 0:
            await self.write_returning(_FORGET_SEEN, (now - SEEN_KEEP_S,))
