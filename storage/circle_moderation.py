"""Circle moderation in storage: the moderators' place and reports.

``ModerationStore`` holds no user key. A report is de-duplicated by ``HMAC(the ask's secret, member)``;
those rows cascade with the ask, so once the post ends who reported cannot be recomputed. A
note keeps the post's author key (``circle_asks.author``), which names nobody; blocks by it
live in ``storage.circle_asks`` (DESIGN.md §9).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from storage.circles import CircleStore
from storage.sqlite.store import to_epoch

LINK_TTL_S = 15 * 60  # a moderators'-chat link code is good for this long


@dataclass(frozen=True, slots=True)
class ReportNote:
    """What the moderators' place holds about one reported post: its code, author hash and outcome."""

    post_key: str
    circle_key: str
    code: str
    author: bytes
    note_ref: str | None
    reports: int
    outcome: str | None


def reporter_key(secret: bytes, user_key: str) -> bytes:
    """A member's stand-in for one ask's reports: useless once the ask (and its ``secret``) is deleted.

    Prefixed, so it never equals the same member's answer key under that ask.
    """
    return hmac.new(secret, b"report:" + user_key.encode(), hashlib.sha256).digest()


_NOTE = "SELECT post_key, circle_key, code, author, note_ref, reports, outcome FROM circle_report_notes"


def _note(row: tuple[object, ...]) -> ReportNote:
    return ReportNote(str(row[0]), str(row[1]), str(row[2]), bytes(row[3]),  # type: ignore[arg-type]
                      None if row[4] is None else str(row[4]), int(row[5]), None if row[6] is None else str(row[6]))  # type: ignore[call-overload]


class ModerationStore:
    """All SQL about circle moderation, on SQLite or PostgreSQL (through ``CircleStore``'s bridge)."""

    def __init__(self, circles: CircleStore) -> None:
        self.db = circles.db

    # ---- the moderators' place ---------------------------------------------------------------

    async def set_place(self, circle_key: str, mod_chat_id: str | None) -> None:
        """Where this circle's reports go; None stops sending them anywhere."""
        async with self.db.transaction() as tx:
            if mod_chat_id is None:
                await tx.fetch("DELETE FROM circle_mod_places WHERE circle_key = ?", (circle_key,))
                return
            await tx.fetch(
                "INSERT INTO circle_mod_places (circle_key, mod_chat_id) VALUES (?, ?) "
                "ON CONFLICT (circle_key) DO UPDATE SET mod_chat_id = excluded.mod_chat_id", (circle_key, mod_chat_id))

    async def place(self, circle_key: str) -> str | None:
        rows = await self.db.read("SELECT mod_chat_id FROM circle_mod_places WHERE circle_key = ?", (circle_key,))
        return str(rows[0][0]) if rows else None

    async def new_link(self, circle_key: str, now: datetime) -> str:
        """A short one-time code that names this circle from the moderators' chat (Telegram)."""
        code = secrets.token_hex(4)
        async with self.db.transaction() as tx:
            await tx.fetch("DELETE FROM circle_mod_links WHERE expires_at < ?", (to_epoch(now),))
            await tx.fetch("INSERT INTO circle_mod_links (code, circle_key, expires_at) VALUES (?, ?, ?)",
                           (code, circle_key, to_epoch(now) + LINK_TTL_S))
        return code

    async def use_link(self, code: str, now: datetime) -> str | None:
        """The circle a valid code names; the code is spent either way."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch("DELETE FROM circle_mod_links WHERE code = ? RETURNING circle_key, expires_at",
                                  (code.lower(),))
        if not rows or int(rows[0][1]) < to_epoch(now):
            return None
        return str(rows[0][0])

    # ---- reports -----------------------------------------------------------------------------

    async def report(self, post_key: str, circle_key: str, code: str, author: bytes,
                     member: str) -> tuple[bool, ReportNote]:
        """Count one member's report of a live ask once; (whether it counted, the post's note after it).

        Who reported is ``HMAC(the ask's secret, member)`` and is deleted with the ask (cascade),
        however the ask ends: removed, blocked, withdrawn, forgotten or simply over.
        """
        ask_id = int(post_key.partition(":")[2])
        async with self.db.transaction() as tx:
            await tx.fetch(
                "INSERT INTO circle_report_notes (post_key, circle_key, code, author) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (post_key) DO NOTHING", (post_key, circle_key, code, author))
            live = await tx.fetch("SELECT secret FROM circle_asks WHERE id = ?", (ask_id,))
            counted = False
            if live:  # a post that ended takes no more reports
                inserted = await tx.fetch(
                    "INSERT INTO circle_reports (ask_id, reporter) VALUES (?, ?) "
                    "ON CONFLICT (ask_id, reporter) DO NOTHING RETURNING ask_id",
                    (ask_id, reporter_key(bytes(live[0][0]), member)))
                counted = bool(inserted)
                if counted:
                    await tx.fetch("UPDATE circle_report_notes SET reports = reports + 1 WHERE post_key = ?",
                                   (post_key,))
            (note,) = await tx.fetch(f"{_NOTE} WHERE post_key = ?", (post_key,))
        return counted, _note(note)

    async def set_note_ref(self, post_key: str, note_ref: str) -> None:
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_report_notes SET note_ref = ? WHERE post_key = ?", (note_ref, post_key))

    async def note(self, post_key: str) -> ReportNote | None:
        rows = await self.db.read(f"{_NOTE} WHERE post_key = ?", (post_key,))
        return _note(rows[0]) if rows else None

    async def set_outcome(self, post_key: str, outcome: str) -> ReportNote | None:
        """Record what moderators did (``removed``, ``blocked``); None for an unknown ``post_key``."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch("UPDATE circle_report_notes SET outcome = ? WHERE post_key = ? RETURNING post_key",
                                  (outcome, post_key))
        return await self.note(post_key) if rows else None

    # ---- blocks (``circle_blocked`` belongs to storage.circle_asks) ------------------------------

    async def mark_told(self, circle_key: str, author: bytes) -> None:
        """The blocked author was told privately: they are not told again."""
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_blocked SET told = 1 WHERE circle_key = ? AND author = ?",
                           (circle_key, author))

    # ---- a group that moved ------------------------------------------------------------------

    async def move_circle(self, old_key: str, new_key: str, new_chat_id: str, old_chat_id: str) -> bool:
        """Re-key a circle and everything that hangs off it, in one transaction; False if there was none.

        Also re-points any circle whose moderators' place was the old chat. A circle already at the
        new key (the two service messages of a migration both arrive) is left as it is.
        """
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_mod_places SET mod_chat_id = ? WHERE mod_chat_id = ?",
                           (new_chat_id, old_chat_id))
            if not await tx.fetch("SELECT 1 FROM circles WHERE circle_key = ?", (old_key,)) or \
                    await tx.fetch("SELECT 1 FROM circles WHERE circle_key = ?", (new_key,)):
                return False
            await tx.fetch(f"INSERT INTO circles ({MOVED_COLUMNS}) SELECT ?, ?, {MOVED_COLUMNS.split(', ', 2)[2]} "
                           "FROM circles WHERE circle_key = ?", (new_key, new_chat_id, old_key))
            for table in CIRCLE_TABLES:
                await tx.fetch(f"UPDATE {table} SET circle_key = ? WHERE circle_key = ?", (new_key, old_key))
            await tx.fetch("DELETE FROM circles WHERE circle_key = ?", (old_key,))
        return True


# Every column of ``circles`` (the key and chat first), and every table keyed by a circle: a move
# carries them all. A branch adding either must add it here (tests/test_circles_moderation.py checks).
MOVED_COLUMNS = ("circle_key, chat_id, platform, locale, tz, checkin_time, next_checkin_at, created_at, "
                 "title, ask_cap, author_secret")
CIRCLE_TABLES = ("circle_checkins", "circle_members", "circle_asks", "circle_ask_quota", "circle_blocked",
                 "circle_mod_places", "circle_mod_links", "circle_report_notes", "room_helpers", "rooms")
