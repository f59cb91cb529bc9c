"""What this process last read or committed of recently active conversations, so a step need not read it again.

A Discord command or a button comes alone, after a pause in which other processes run; the load's
SELECT was then the costliest statement of the step (~80–130 µs of CPU against ~10 µs in a loop:
SQLite's code and pages read back cold, bench/README, discord). ``Store.load_for_step`` serves the
step from here instead, and nothing here is trusted: the unit of work built from it carries the rows
as they were read (``Seen``), and its own write transaction checks them (``write_unit``). A row some
other connection or process changed since, or erased, makes the unit write nothing and fail with
``VersionConflict``; the entry is dropped, and the engine reads the database and runs the step again,
as for any conflict. So the cache can only cost a retry, never write over what it did not see.

Per user (their row is shared by all their chats), then per chat. Bounded: ``MAX_USERS`` users, the
least recently used dropped first, ``MAX_CHATS`` chats each, no conversation or settings longer than
``MAX_TEXT`` characters (a step that carries a long typed text reads it from the database), so at most
~``MAX_USERS`` × ``MAX_CHATS`` × 2 × ``MAX_TEXT`` characters (~70 MB; a few MB in practice); and no entry
older than ``MAX_AGE_S`` is served (what a user erased through another process leaves this one's memory).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from storage import jsoncodec
from storage.unit_of_work import ConversationRow, Seen, UserRow

MAX_USERS = 2048
MAX_CHATS = 4
MAX_TEXT = 4096
MAX_AGE_S = 600.0


@dataclass(slots=True)
class _Conversation:
    flow: str | None
    step: str | None
    data: str  # JSON text, opened (never sealed here); read into fresh objects for every step
    version: int
    expires_at: int | None
    updated_at: int | None


@dataclass(slots=True)
class _User:
    locale: str | None
    tz: str | None
    country: str | None
    settings: str  # the column's text as stored
    unreachable: int
    chats: dict[str, tuple[float, _Conversation]] = field(default_factory=dict)  # chat id -> (stored at, row)


def _when(epoch: int | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


class Snapshots:
    """A bounded map of (user, chat) to the user's row and the conversation, as last read or committed here."""

    def __init__(self, max_users: int = MAX_USERS, max_chats: int = MAX_CHATS, max_age_s: float = MAX_AGE_S) -> None:
        self._users: OrderedDict[str, _User] = OrderedDict()
        self.max_users = max_users
        self.max_chats = max_chats
        self.max_age_s = max_age_s
        self.hits = 0  # served from here (for the benches and tests)

    def __len__(self) -> int:
        """How many conversations are held."""
        return sum(len(u.chats) for u in self._users.values())

    def get(self, user_key: str, chat_id: str) -> tuple[UserRow, ConversationRow, Seen] | None:
        """The user's row and the conversation as fresh objects, with what a unit must find still stored; or None."""
        user = self._users.get(user_key)
        if user is None:
            return None
        held = user.chats.get(chat_id)
        if held is None:
            return None
        stored_at, conv = held
        if time.monotonic() - stored_at > self.max_age_s:
            self.drop(user_key, chat_id)
            return None
        self._users.move_to_end(user_key)
        self.hits += 1
        return (
            UserRow(user_key=user_key, locale=user.locale, tz=user.tz, country=user.country,
                    settings=jsoncodec.loads(user.settings), unreachable=bool(user.unreachable)),
            ConversationRow(flow=conv.flow, step=conv.step, data=jsoncodec.loads(conv.data), version=conv.version,
                            expires_at=_when(conv.expires_at), updated_at=_when(conv.updated_at)),
            Seen(user.locale, user.tz, user.country, user.settings, user.unreachable, conv.version),
        )

    def put(self, user_key: str, chat_id: str, seen: Seen, flow: str | None, step: str | None, data: str,
            expires_at: int | None, updated_at: int | None) -> None:
        """Hold the user's row as ``seen`` says and the conversation at ``seen.version``, as stored."""
        if len(seen.settings) > MAX_TEXT:
            self.drop_user(user_key)
            return
        if len(data) > MAX_TEXT:
            self.drop(user_key, chat_id)
            return
        user = self._users.get(user_key)
        if user is None:
            user = self._users[user_key] = _User(seen.locale, seen.tz, seen.country, seen.settings, seen.unreachable)
        else:
            # The newest row known; the other chats' conversations are rows of their own, checked at their commits.
            user.locale, user.tz, user.country, user.settings, user.unreachable = (
                seen.locale, seen.tz, seen.country, seen.settings, seen.unreachable)
            self._users.move_to_end(user_key)
        chats = user.chats
        chats.pop(chat_id, None)
        chats[chat_id] = (time.monotonic(), _Conversation(flow, step, data, seen.version, expires_at, updated_at))
        if len(chats) > self.max_chats:
            del chats[next(iter(chats))]
        if len(self._users) > self.max_users:
            self._users.popitem(last=False)

    def drop(self, user_key: str, chat_id: str) -> None:
        """The conversation was written some other way (or may have been): read it from the database next time."""
        user = self._users.get(user_key)
        if user is not None:
            user.chats.pop(chat_id, None)
            if not user.chats:
                del self._users[user_key]

    def drop_user(self, user_key: str) -> None:
        """The user's row changed or was erased: nothing of theirs is held any more."""
        self._users.pop(user_key, None)

    def clear(self) -> None:
        self._users.clear()
