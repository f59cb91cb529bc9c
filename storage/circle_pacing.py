"""Shared pacing for circle posts: the last edit of each post, and check-ins waiting for a retry.

Kept in the database so that several processes posting for the same circles keep one pace:
a post edited by one is not edited by another within the interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.circles import _CIRCLE_COLUMNS_C, CircleRow, CircleStore, _circle
from storage.sqlite.store import from_epoch, to_epoch

MARK_TTL_MS = 3_600_000  # a post not edited for an hour needs no mark


@dataclass(frozen=True, slots=True)
class RetryDue:
    """A check-in whose post failed, claimed for another try (``tries`` made so far)."""

    checkin_id: int
    circle: CircleRow
    tries: int


class EditMarks:
    """``circle_edit_marks``: when each post was last edited, by any process."""

    def __init__(self, circles: CircleStore) -> None:
        self.db = circles.db

    async def reserve(self, key: str, now_s: float, interval_s: float) -> float:
        """Take the edit slot of ``key`` at ``now_s``: 0 when taken, else seconds until it frees up."""
        now_ms, gap_ms = round(now_s * 1000), round(interval_s * 1000)
        async with self.db.transaction() as tx:
            taken = await tx.fetch(
                "INSERT INTO circle_edit_marks (edit_key, last_ms) VALUES (?, ?) ON CONFLICT (edit_key) "
                "DO UPDATE SET last_ms = excluded.last_ms WHERE circle_edit_marks.last_ms <= ? RETURNING edit_key",
                (key, now_ms, now_ms - gap_ms))
            if taken:
                await tx.fetch("DELETE FROM circle_edit_marks WHERE last_ms < ?", (now_ms - MARK_TTL_MS,))
                return 0.0
            rows = await tx.fetch("SELECT last_ms FROM circle_edit_marks WHERE edit_key = ?", (key,))
        return max(0.001, (int(rows[0][0]) + gap_ms - now_ms) / 1000) if rows else 0.001

    async def touch(self, key: str, now_s: float) -> None:
        """The edit is done: the interval counts from now, as the platform saw it."""
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_edit_marks SET last_ms = ? WHERE edit_key = ?", (round(now_s * 1000), key))


class CheckinRetries:
    """``circle_checkins.retry_at``: a check-in whose post failed waits here for its next try."""

    def __init__(self, circles: CircleStore) -> None:
        self.db = circles.db

    async def failed(self, checkin_id: int, retry_at: datetime | None) -> int:
        """Count a failed try and set the next (None: give up); returns the tries made so far."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                "UPDATE circle_checkins SET post_tries = post_tries + 1, retry_at = ? WHERE id = ? "
                "RETURNING post_tries",
                (None if retry_at is None else to_epoch(retry_at), checkin_id))
        return int(rows[0][0]) if rows else 0

    async def next_due_at(self, platforms: list[str]) -> datetime | None:
        names = sorted(platforms)
        if not names:
            return None
        marks = ",".join("?" for _ in names)
        rows = await self.db.read(
            "SELECT min(k.retry_at) FROM circle_checkins k JOIN circles c USING (circle_key) "
            f"WHERE k.retry_at IS NOT NULL AND k.closed = 0 AND c.platform IN ({marks})", names)
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def claim(self, now: datetime, platforms: list[str]) -> list[RetryDue]:
        """The check-ins due another try; each is claimed once (its ``retry_at`` cleared)."""
        names = sorted(platforms)
        if not names:
            return []
        marks = ",".join("?" for _ in names)
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                f"SELECT k.id, k.post_tries, k.retry_at, {_CIRCLE_COLUMNS_C} FROM circle_checkins k "
                "JOIN circles c USING (circle_key) WHERE k.retry_at IS NOT NULL AND k.retry_at <= ? "
                f"AND k.closed = 0 AND k.post_ref IS NULL AND c.platform IN ({marks}) ORDER BY k.retry_at LIMIT 100",
                (to_epoch(now), *names))
            claimed = []
            for row in rows:
                moved = await tx.fetch("UPDATE circle_checkins SET retry_at = NULL WHERE id = ? AND retry_at = ? "
                                       "RETURNING id", (row[0], row[2]))
                if moved:
                    claimed.append(RetryDue(int(row[0]), _circle(row[3:]), int(row[1])))
        return claimed
