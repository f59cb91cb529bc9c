"""What the circle service hands to the platforms: a post to send or edit, and private answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.replies import Choice

# The alarm scale runs the same way as every rating in the product: 1 is quiet, 5 is very loud.
SCALE: tuple[int, ...] = (1, 2, 3, 4, 5)
# Totals stay hidden until this many people answered, so no single answer can be read off them.
MIN_SHOWN = 3


@dataclass(frozen=True, slots=True)
class CirclePost:
    """The check-in as it should look now: text, answer buttons, and a link to a private chat."""

    checkin_id: int
    text: str
    choices: tuple[Choice, ...]
    link_label: str
    closed: bool = False
    join_label: str = ""  # a "join" button under the post records membership (asking needs it)


@dataclass(frozen=True, slots=True)
class PressReply:
    """The private answer to one press, in the presser's language; ``offer`` names what it suggests."""

    text: str
    offer: str | None = None  # "ground", "talk" or None


@dataclass(frozen=True, slots=True)
class SetupReply:
    """The answer to a setup or off command; ``ok`` when the circle now exists (or just ended)."""

    text: str
    ok: bool


class CirclePoster(Protocol):
    """A platform's way to post in a circle's group or channel, and to edit that post."""

    async def post(self, chat_id: str, post: CirclePost) -> str:
        """Send the post; returns the platform's message reference."""
        ...

    async def edit(self, chat_id: str, post_ref: str, post: CirclePost) -> None: ...


# The three answers under an ask, in the order they are shown.
ASK_ANSWERS: tuple[str, ...] = ("worried", "not", "unsure")


@dataclass(frozen=True, slots=True)
class AskPost:
    """An ask as posted: only the words the asker confirmed, its neutral code, answers and Report."""

    ask_id: int
    code: str
    text: str
    choices: tuple[Choice, ...]
    report_label: str
    join_label: str


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Someone pressed Report under an ask; moderation (``bot.circles.moderation``) decides what follows."""

    ask_id: int
    reporter_key: str
    locale_hint: str | None


class AskPoster(Protocol):
    """A platform's way to post an ask in a circle and to delete it when it ends."""

    async def post_ask(self, chat_id: str, post: AskPost) -> str: ...

    async def delete(self, chat_id: str, post_ref: str) -> None: ...
