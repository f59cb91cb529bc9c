"""What the room service hands to the platforms, and what a platform must do for a room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.replies import Choice
from storage.rooms import Claim, RoomRow

UNCLAIMED_AFTER = timedelta(minutes=10)  # then a backup ping, and a kind word to the person waiting
HELPER_CHECK_EVERY = timedelta(minutes=5)  # a helper who lost the role leaves their rooms within this
ARCHIVE_AFTER = timedelta(hours=24)  # without a message in the room
DRAFT_KEPT = timedelta(hours=1)  # a form left half-way is dropped after this
MAX_RETENTION_DAYS = 7
MAX_SUMMARY = 200  # characters of "what's going on" kept for the card (and shown back before it opens)
HELP_CHOICES = ("listen", "think", "company")


@dataclass(frozen=True, slots=True)
class Note:
    """A private message to the person who asked: text and buttons (ids the adapter encodes)."""

    text: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True)
class Card:
    """The helpers' card of a room: ground rules, who has it, and Claim / I need backup / Close."""

    text: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """``Outcome``: what the service did with a message or a press from the person who asked.

    ``safety_text``: words the safety screen flagged; the adapter runs them through the engine
    first, so the private safety path (crisis or abuse resources) reaches the person before ``notes``.
    """

    notes: tuple[Note, ...] = ()
    safety_text: str | None = None


class RoomsBusy(Exception):
    """The platform would not open a room now (rate limit, too many threads); ``retry_after`` in seconds."""

    def __init__(self, retry_after: float | None = None) -> None:
        super().__init__("the platform refused to open a room now")
        self.retry_after = retry_after


class RoomPlace(Protocol):
    """A platform's rooms: where helpers talk with the person, and the private chat of that person."""

    audience_key: str  # the locale key saying who will be able to see a room on this platform
    opened_key: str  # the locale key telling the person their room is open, and where

    async def tell_user(self, room: RoomRow, note: Note) -> None:
        """Send a private message to the room's owner."""

    async def open(self, room: RoomRow, card: Card, intro: str) -> tuple[str, str]:
        """Create the room named by its code, post the card and the intro; (thread, card reference)."""
        ...

    async def post(self, room: RoomRow, text: str) -> None:
        """Post in the room, for the helpers in it."""

    async def edit_card(self, room: RoomRow, card: Card) -> None: ...

    async def add_helper(self, room: RoomRow, claim: Claim) -> None:
        """Let a helper into the room (Discord adds them to the private thread)."""

    async def remove_helper(self, room: RoomRow, claim: Claim) -> None: ...

    def followup_chat(self, room: RoomRow) -> str | None:
        """The person's private chat for a follow-up through the scheduler; None where there is none."""
        ...

    async def still_helper(self, room: RoomRow, claim: Claim) -> bool:
        """Whether the helper still may be in the room (Discord: still has the helper role)."""
        ...

    async def last_activity(self, room: RoomRow) -> datetime | None:
        """The room's last message when the platform knows it better than the relay (Discord)."""
        ...

    async def ping(self, room: RoomRow, text: str) -> None:
        """Ask for a helper in the helpers' place, outside the room; the text names only the code."""

    async def archive(self, room: RoomRow) -> None:
        """Close the room to new messages; what was said stays until ``delete``."""

    async def delete(self, room: RoomRow) -> None:
        """``delete``: the room and every message in it, gone."""
