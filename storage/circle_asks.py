"""Asking a circle (issue 13, parts 3-4): membership, live asks and their answers, quotas, blocked authors.

Who asked is needed only while a post lives (to deliver the result, to withdraw, for ``/forget``):
the ask row holds it sealed (``asker``, through the store's ``Sealer``) and the whole row, with its
answers, is deleted when the post ends. Answers are keyed by ``HMAC(post secret, user)``; the day's
quota and blocked authors by ``author_key`` (``HMAC(circle's author secret, user)``), which nobody
can recompute without the circle's secret, and which names nobody to moderators.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.circles import _Db, _Tx
from storage.sealing import CLEAR, Sealer
from storage.sqlite.store import from_epoch, to_epoch

ANSWERS: tuple[str, ...] = ("worried", "not", "unsure")
DEFAULT_ASK_CAP = 10
# Short, unambiguous, and meaningless: a post's code says nothing about who wrote it.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 5


def _keyed(secret: bytes, user_key: str) -> bytes:
    return hmac.new(secret, user_key.encode(), hashlib.sha256).digest()


def new_code() -> str:
    """A neutral per-post code (``K7Q2M``), drawn at random."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


@dataclass(frozen=True, slots=True)
class Membership:
    """A circle the user joined: its key, the title it had when they joined, its language."""

    circle_key: str
    title: str
    locale: str


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asked and where to answer them privately; exists only opened from a live ask's sealed column."""

    user_key: str
    chat_id: str
    locale: str


@dataclass(frozen=True, slots=True)
class AskRow:
    """A live ask: where it is posted, what it says, and when it closes."""

    ask_id: int
    circle_key: str
    platform: str
    chat_id: str
    circle_locale: str
    code: str
    text: str
    post_ref: str | None
    posted_at: datetime
    closes_at: datetime


@dataclass(frozen=True, slots=True)
class AskCreated:
    """What ``create`` did: ``posted`` (with ``ask``), or ``member``, ``blocked``, ``user_cap``, ``circle_cap``."""

    status: str
    ask: AskRow | None = None


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """What one answer did: ``counted``, ``changed``, ``same`` or ``unknown``; how many members answered."""

    status: str
    answered: int
    locale: str | None = None


@dataclass(frozen=True, slots=True)
class FinishedAsk:
    """An ask taken out of storage: its row, the opened asker and the answer totals."""

    ask: AskRow
    asker: Asker | None
    totals: dict[str, int]


_ASK_COLUMNS = ("a.id, a.circle_key, c.platform, c.chat_id, c.locale, a.code, a.text, a.post_ref, "
                "a.posted_at, a.closes_at")


class CircleAskStore:
    """All SQL about asks and membership, on SQLite or PostgreSQL."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.db = _Db(store)

    @property
    def sealer(self) -> Sealer:
        return getattr(self.store, "sealer", CLEAR) or CLEAR

    def _ask(self, row: tuple[Any, ...]) -> AskRow:
        return AskRow(int(row[0]), row[1], row[2], row[3], row[4], row[5], self.sealer.open(row[6]), row[7],
                      from_epoch(row[8]), from_epoch(row[9]))  # type: ignore[arg-type]

    # ---- membership --------------------------------------------------------------------------

    async def join(self, circle_key: str, user_key: str, title: str | None, locale: str | None,
                   now: datetime) -> str:
        """Record that the user joined (``joined``, ``already`` or ``unknown`` for no such circle)."""
        async with self.db.transaction() as tx:
            found = await tx.fetch("SELECT 1 FROM circles WHERE circle_key = ?", (circle_key,))
            if not found:
                return "unknown"
            if title:
                await tx.fetch("UPDATE circles SET title = ? WHERE circle_key = ?", (title[:100], circle_key))
            # Joining is an explicit act, so it may start a user row (it holds nothing but the language).
            await tx.fetch("INSERT INTO users (user_key, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (user_key) DO NOTHING", (user_key, locale, to_epoch(now), to_epoch(now)))
            inserted = await tx.fetch(
                "INSERT INTO circle_members (user_key, circle_key, joined_at) VALUES (?, ?, ?) "
                "ON CONFLICT (user_key, circle_key) DO NOTHING RETURNING circle_key",
                (user_key, circle_key, to_epoch(now)))
        return "joined" if inserted else "already"

    async def memberships(self, user_key: str) -> list[Membership]:
        """The circles the user joined that still exist, oldest join first."""
        rows = await self.db.read(
            "SELECT c.circle_key, coalesce(c.title, ''), c.locale FROM circle_members m "
            "JOIN circles c ON c.circle_key = m.circle_key WHERE m.user_key = ? ORDER BY m.joined_at, c.circle_key",
            (user_key,))
        return [Membership(r[0], r[1], r[2]) for r in rows]

    async def is_member(self, circle_key: str, user_key: str) -> bool:
        rows = await self.db.read("SELECT 1 FROM circle_members WHERE circle_key = ? AND user_key = ?",
                                  (circle_key, user_key))
        return bool(rows)

    async def set_cap(self, circle_key: str, cap: int) -> None:
        """The circle-wide number of asks a day (``ask_cap``)."""
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circles SET ask_cap = ? WHERE circle_key = ?", (max(0, cap), circle_key))

    # ---- authors: the stand-in moderation acts on ------------------------------------------

    async def author_key(self, circle_key: str, user_key: str) -> bytes | None:
        """``HMAC(circle's author secret, user)``; the secret is made on first use. None: no such circle."""
        async with self.db.transaction() as tx:
            return await _author_key(tx, circle_key, user_key)

    async def is_blocked(self, circle_key: str, user_key: str) -> bool:
        """Whether moderators blocked this user's author key in this circle."""
        author = await self.author_key(circle_key, user_key)
        if author is None:
            return False
        rows = await self.db.read("SELECT 1 FROM circle_blocked WHERE circle_key = ? AND author = ?",
                                  (circle_key, author))
        return bool(rows)

    async def author_of(self, ask_id: int) -> tuple[str, bytes] | None:
        """The circle and author key behind a live ask (for blocking by code; it names no one)."""
        rows = await self.db.read("SELECT circle_key, author FROM circle_asks WHERE id = ?", (ask_id,))
        return (rows[0][0], bytes(rows[0][1])) if rows else None

    async def block_author(self, circle_key: str, author: bytes, now: datetime) -> bool:
        """Block an author key from asking in a circle; False when it was blocked already."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                "INSERT INTO circle_blocked (circle_key, author, blocked_at) VALUES (?, ?, ?) "
                "ON CONFLICT (circle_key, author) DO NOTHING RETURNING circle_key", (circle_key, author, to_epoch(now)))
        return bool(rows)

    async def release_mark(self, circle_key: str, user_key: str, day: str) -> None:
        """Give back the day's quota mark of an ask that never reached the circle (the platform refused it)."""
        async with self.db.transaction() as tx:
            author = await _author_key(tx, circle_key, user_key)
            await tx.fetch("DELETE FROM circle_ask_quota WHERE circle_key = ? AND day = ? AND author = ?",
                           (circle_key, day, author))

    async def forget_marks(self, user_key: str) -> None:
        """Delete the user's quota marks in their circles (``/forget``); a block stays with the circle."""
        async with self.db.transaction() as tx:
            circles = await tx.fetch("SELECT circle_key FROM circle_members WHERE user_key = ?", (user_key,))
            for (circle_key,) in circles:
                author = await _author_key(tx, circle_key, user_key)
                await tx.fetch("DELETE FROM circle_ask_quota WHERE circle_key = ? AND author = ?", (circle_key, author))

    # ---- asks ------------------------------------------------------------------------------

    async def create(self, circle_key: str, asker: Asker, text: str, day: str, now: datetime,
                     closes_at: datetime) -> AskCreated:
        """Check membership, blocks and the day's quotas, and store the ask, all in one transaction.

        A withdrawn ask still counts for the day: posting and withdrawing cannot get round the caps.
        """
        async with self.db.transaction() as tx:
            member = await tx.fetch(
                "SELECT c.ask_cap FROM circle_members m JOIN circles c ON c.circle_key = m.circle_key "
                "WHERE m.circle_key = ? AND m.user_key = ?", (circle_key, asker.user_key))
            if not member:
                return AskCreated("member")
            cap = int(member[0][0])
            author = await _author_key(tx, circle_key, asker.user_key)
            assert author is not None
            if await tx.fetch("SELECT 1 FROM circle_blocked WHERE circle_key = ? AND author = ?", (circle_key, author)):
                return AskCreated("blocked")
            # Earlier days' marks are no longer needed: they would only show on which days someone asked.
            await tx.fetch("DELETE FROM circle_ask_quota WHERE circle_key = ? AND day <> ?", (circle_key, day))
            if await tx.fetch("SELECT 1 FROM circle_ask_quota WHERE circle_key = ? AND day = ? AND author = ?",
                              (circle_key, day, author)):
                return AskCreated("user_cap")
            (used,) = (await tx.fetch("SELECT count(*) FROM circle_ask_quota WHERE circle_key = ? AND day = ?",
                                      (circle_key, day)))[0]
            if int(used) >= cap:
                return AskCreated("circle_cap")
            await tx.fetch("INSERT INTO circle_ask_quota (circle_key, day, author) VALUES (?, ?, ?)",
                           (circle_key, day, author))
            sealed_text = self.sealer.seal(text)
            sealed_asker = self.sealer.seal(json.dumps(
                {"user": asker.user_key, "chat": asker.chat_id, "locale": asker.locale}))
            for _attempt in range(8):
                code = new_code()
                if await tx.fetch("SELECT 1 FROM circle_asks WHERE code = ?", (code,)):
                    continue
                rows = await tx.fetch(
                    "INSERT INTO circle_asks (circle_key, code, text, asker, author, secret, posted_at, closes_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (circle_key, code, sealed_text, sealed_asker, author, secrets.token_bytes(32), to_epoch(now),
                     to_epoch(closes_at)))
                break
            else:  # pragma: no cover - 32^5 codes and a handful live at once
                raise RuntimeError("no free ask code")
        ask = await self.get(int(rows[0][0]))
        assert ask is not None
        return AskCreated("posted", ask)

    async def set_post_ref(self, ask_id: int, post_ref: str) -> None:
        async with self.db.transaction() as tx:
            await tx.fetch("UPDATE circle_asks SET post_ref = ? WHERE id = ?", (post_ref, ask_id))

    async def get(self, ask_id: int) -> AskRow | None:
        rows = await self.db.read(
            f"SELECT {_ASK_COLUMNS} FROM circle_asks a JOIN circles c ON c.circle_key = a.circle_key WHERE a.id = ?",
            (ask_id,))
        return self._ask(rows[0]) if rows else None

    async def by_code(self, circle_key: str, code: str) -> AskRow | None:
        """A live ask by the code shown under it (moderators act on codes)."""
        rows = await self.db.read(
            f"SELECT {_ASK_COLUMNS} FROM circle_asks a JOIN circles c ON c.circle_key = a.circle_key "
            "WHERE a.circle_key = ? AND a.code = ?", (circle_key, code.strip().lstrip("#").upper()))
        return self._ask(rows[0]) if rows else None

    async def asks_of(self, user_key: str) -> list[AskRow]:
        """The user's live asks: the asks in their circles whose sealed asker opens to them."""
        rows = await self.db.read(
            f"SELECT {_ASK_COLUMNS}, a.asker FROM circle_asks a JOIN circles c ON c.circle_key = a.circle_key "
            "JOIN circle_members m ON m.circle_key = a.circle_key AND m.user_key = ? ORDER BY a.id", (user_key,))
        return [self._ask(r) for r in rows if (opened := self._asker(r[10])) and opened.user_key == user_key]

    def _asker(self, value: str) -> Asker | None:
        data = self.sealer.open_json_or_none(value)
        if not isinstance(data, dict):
            return None
        return Asker(str(data.get("user", "")), str(data.get("chat", "")), str(data.get("locale", "")))

    async def answer(self, ask_id: int, user_key: str, answer: str) -> AnswerResult:
        """Count a member once per ask; a later press changes their answer."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                "SELECT a.secret, (SELECT locale FROM users WHERE user_key = ?) FROM (SELECT 1 AS one) AS here "
                "LEFT JOIN circle_asks a ON a.id = ?", (user_key, ask_id))
            secret, locale = rows[0]
            if secret is None:
                return AnswerResult("unknown", 0, locale)
            voter = _keyed(bytes(secret), user_key)
            before = await tx.fetch("SELECT answer FROM circle_ask_answers WHERE ask_id = ? AND voter = ?",
                                    (ask_id, voter))
            await tx.fetch("INSERT INTO circle_ask_answers (ask_id, voter, answer) VALUES (?, ?, ?) "
                           "ON CONFLICT (ask_id, voter) DO UPDATE SET answer = excluded.answer",
                           (ask_id, voter, answer))
            (count,) = (await tx.fetch("SELECT count(*) FROM circle_ask_answers WHERE ask_id = ?", (ask_id,)))[0]
        status = "counted" if not before else "same" if before[0][0] == answer else "changed"
        return AnswerResult(status, int(count), locale)

    async def live_ids(self, circle_key: str) -> list[int]:
        """A circle's live asks (to end them with the circle)."""
        rows = await self.db.read("SELECT id FROM circle_asks WHERE circle_key = ? ORDER BY id", (circle_key,))
        return [int(r[0]) for r in rows]

    async def due(self, now: datetime) -> list[int]:
        """``due``: ids of live asks whose 24 hours are over."""
        rows = await self.db.read("SELECT id FROM circle_asks WHERE closes_at <= ? ORDER BY closes_at, id",
                                  (to_epoch(now),))
        return [int(r[0]) for r in rows]

    async def next_due_at(self, platforms: list[str]) -> datetime | None:
        if not platforms:
            return None
        marks = ",".join("?" for _ in platforms)
        rows = await self.db.read(
            f"SELECT min(a.closes_at) FROM circle_asks a JOIN circles c ON c.circle_key = a.circle_key "
            f"WHERE c.platform IN ({marks})", tuple(sorted(platforms)))
        return from_epoch(rows[0][0]) if rows and rows[0][0] is not None else None

    async def finish(self, ask_id: int) -> FinishedAsk | None:
        """Take an ask out: its row and answers are deleted here; None if another caller got it first."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch(
                f"SELECT {_ASK_COLUMNS}, a.asker FROM circle_asks a JOIN circles c ON c.circle_key = a.circle_key "
                "WHERE a.id = ?", (ask_id,))
            if not rows:
                return None
            totals = {str(r[0]): int(r[1]) for r in await tx.fetch(
                "SELECT answer, count(*) FROM circle_ask_answers WHERE ask_id = ? GROUP BY answer", (ask_id,))}
            deleted = await tx.fetch("DELETE FROM circle_asks WHERE id = ? RETURNING id", (ask_id,))
            if not deleted:
                return None
        return FinishedAsk(self._ask(rows[0]), self._asker(rows[0][10]), totals)

    async def ask_rows(self) -> list[dict[str, Any]]:
        """Every stored ask as plain data (tests and operators)."""
        names = ("id", "circle_key", "code", "text", "asker", "author", "post_ref")
        rows = await self.db.read(f"SELECT {', '.join(names)} FROM circle_asks ORDER BY id")
        return [dict(zip(names, r, strict=True)) for r in rows]


async def _author_key(tx: _Tx, circle_key: str, user_key: str) -> bytes | None:
    await tx.fetch("UPDATE circles SET author_secret = ? WHERE circle_key = ? AND author_secret IS NULL",
                   (secrets.token_bytes(32), circle_key))
    rows = await tx.fetch("SELECT author_secret FROM circles WHERE circle_key = ?", (circle_key,))
    if not rows:
        return None
    return _keyed(bytes(rows[0][0]), user_key)
