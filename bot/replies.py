"""The platform-neutral reply the engine returns (DESIGN.md §3)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, fields
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


def dump_replies(replies: list[Reply]) -> str:
    """``replies`` as JSON (bytes in base64): what an update still has to send, kept with its state change."""
    out = []
    for reply in replies:
        item = {f.name: getattr(reply, f.name) for f in fields(Reply)}
        item["choices"] = [[c.id, c.label] for c in reply.choices]
        item["image"] = None if reply.image is None else base64.b64encode(reply.image).decode()
        if reply.file is not None:
            item["file"] = {"name": reply.file.name, "mime": reply.file.mime,
                            "data": base64.b64encode(reply.file.data).decode()}
        out.append(item)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def load_replies(text: str) -> list[Reply]:
    """The replies ``dump_replies`` kept, as they were."""
    out = []
    for item in json.loads(text):
        item["choices"] = tuple(Choice(i, label) for i, label in item["choices"])
        if item["image"] is not None:
            item["image"] = base64.b64decode(item["image"])
        if item["file"] is not None:
            f = item["file"]
            item["file"] = FileAttachment(f["name"], base64.b64decode(f["data"]), f["mime"])
        out.append(Reply(**item))
    return out
