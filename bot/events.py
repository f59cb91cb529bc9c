"""The platform-neutral inbound event every adapter produces (DESIGN.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ChatKind = Literal["private", "group"]


@dataclass(frozen=True, slots=True)
class UserKey:
    """A user on one platform, stored as one key such as ``telegram:123``."""

    platform: str
    user_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.user_id}"

    @classmethod
    def parse(cls, key: str) -> UserKey:
        platform, _, user_id = key.partition(":")
        return cls(platform, user_id)


@dataclass(frozen=True, slots=True)
class Chat:
    """Where the event happened.

    ``can_reply_privately`` is true where a group reply can still reach only this user
    (Discord ephemeral responses); Telegram groups cannot, so personal help moves to a DM.
    """

    chat_id: str
    kind: ChatKind = "private"
    can_reply_privately: bool = False

    @property
    def private(self) -> bool:
        return self.kind == "private"


@dataclass(frozen=True, slots=True)
class ChoiceRef:
    """A pressed button: the choice id and the conversation version it was offered at."""

    choice_id: str
    version: int | None = None


@dataclass(frozen=True, slots=True)
class Inbound:
    """Exactly one of ``text``, ``command`` or ``choice`` is set."""

    user: UserKey
    chat: Chat
    received_at: datetime
    text: str | None = None
    command: str | None = None
    args: str = ""
    choice: ChoiceRef | None = None
    locale_hint: str | None = None
    display_name: str | None = field(default=None, compare=False)
    # The platform update this event came in (``telegram:<update_id>``) when workers share a database:
    # the engine records it with the state change, so a redelivered update is not applied twice.
    delivery: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Added up directly: a generator here was a frame and an object per event.
        given = (self.text is not None) + (self.command is not None) + (self.choice is not None)
        if given != 1:
            raise ValueError("an inbound event carries exactly one of text, command or choice")
        if self.received_at.tzinfo is None:
            raise ValueError("received_at must be timezone-aware (UTC)")
