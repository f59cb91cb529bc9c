"""Rows as read, and the unit of work that one inbound event commits in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class UserRow:
    """A user's stored settings."""

    user_key: str
    locale: str | None
    tz: str | None
    country: str | None
    settings: dict[str, Any]
    unreachable: bool = False


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """Where a user stands in a flow in one chat; ``flow`` is None once it finished."""

    flow: str | None
    step: str | None
    data: dict[str, Any]
    version: int
    expires_at: datetime | None
    updated_at: datetime | None = None


@dataclass(slots=True)
class PositionWrite:
    """The new conversation position, written only if the stored version still matches."""

    flow: str | None
    step: str | None
    data: dict[str, Any]
    expected_version: int | None
    expires_at: datetime | None


@dataclass(slots=True)
class JournalWrite:
    """Insert or update one trigger journal entry (fields left None are kept)."""

    entry_id: str
    topic: str | None = None
    text: str | None = None
    route: str | None = None
    intensity: int | None = None
    intensity_after: int | None = None


@dataclass(slots=True)
class ScheduleWrite:
    """One item to deliver later, with its due time in UTC."""

    kind: str
    due_at: datetime
    chat_id: str
    payload: dict[str, Any] = field(default_factory=dict)
    supersede: bool = True


@dataclass(slots=True)
class UnitOfWork:
    """Everything one event changes, applied atomically by ``Store.apply``."""

    user_key: str
    chat_id: str
    now: datetime
    user_fields: dict[str, Any] = field(default_factory=dict)
    settings_patch: dict[str, Any] = field(default_factory=dict)
    position: PositionWrite | None = None
    journal: list[JournalWrite] = field(default_factory=list)
    journal_deletes: list[str] = field(default_factory=list)  # entry ids ("delete this one" in /journal)
    schedule: list[ScheduleWrite] = field(default_factory=list)
    cancel_kinds: list[str] = field(default_factory=list)
    safety_plan: dict[str, Any] | None = None
    tips: list[str] = field(default_factory=list)
    forget: bool = False
    # The platform update this unit answers (``telegram:<update_id>``) and its replies, serialised:
    # recorded in the same transaction, so a worker that gets the update again does not apply it twice.
    delivery_key: str | None = None
    delivery_replies: str | None = None
