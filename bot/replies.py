"""The platform-neutral reply the engine returns (DESIGN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

ReplyKind = Literal[
    "greeting", "help", "grounding", "diagnostic", "internal_path", "relationship_path",
    "card", "communicate", "reflection", "followup_offer", "followup", "nudge", "checkin",
    "journal", "chart", "settings", "safety_plan", "privacy", "crisis", "abuse", "info", "error",
]
REPLY_KINDS: frozenset[str] = frozenset(get_args(ReplyKind))

Topic = Literal["texting", "comparison", "jealousy", "monitoring", "reassurance", "partner", "other"]
TOPICS: tuple[str, ...] = get_args(Topic)


@dataclass(frozen=True, slots=True)
class Choice:
    """One button: a stable id and its rendered label."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class FileAttachment:
    """A file reply such as the ``/mydata`` export."""

    name: str
    data: bytes
    mime: str = "application/json"


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the user, already rendered in their language.

    ``version`` is the conversation version the choices were offered at; adapters put it
    in the button payload so a stale press can be told apart from a current one.
    ``private_start`` asks the adapter to move the user to a private chat, opening that
    command there (a Telegram deep link; on Discord, an ephemeral reply or DM).
    """

    kind: ReplyKind
    flow: str
    step: str
    text: str
    choices: tuple[Choice, ...] = ()
    topic: Topic | None = None
    image: bytes | None = None
    file: FileAttachment | None = None
    private: bool = True
    version: int | None = None
    urgent: bool = False
    private_start: str | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    # The language the text is in (set by the engine), for adapters that keep no locale themselves.
    locale: str | None = None
