"""The state of one turn: what an action or router sees and may change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.events import Inbound
from bot.replies import FileAttachment, Reply
from storage import JournalWrite, UnitOfWork, UserRow

if TYPE_CHECKING:
    from bot.engine import Engine


@dataclass(slots=True)
class Turn:
    """One inbound event (or scheduled delivery) being handled for one user in one chat."""

    engine: Engine
    user_key: str
    chat_id: str
    now: datetime
    locale: str
    user: UserRow | None
    uow: UnitOfWork
    event: Inbound | None = None
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    stored_version: int | None = None
    private: bool = True
    replies: list[Reply] = field(default_factory=list)
    pending_file: FileAttachment | None = None
    pending_image: bytes | None = None
    text_args: dict[str, Any] = field(default_factory=dict)

    @property
    def settings(self) -> dict[str, Any]:
        """The user's settings as stored, with this turn's changes applied."""
        base = dict(self.user.settings) if self.user else {}
        base.update(self.uow.settings_patch)
        return base

    @property
    def tz(self) -> str:
        return self.uow.user_fields.get("tz") or (self.user.tz if self.user and self.user.tz else None) \
            or self.engine.default_tz

    @property
    def country(self) -> str | None:
        return self.uow.user_fields.get("country") or (self.user.country if self.user else None)

    def chosen_rating(self) -> int | None:
        """The 1–5 rating the user just chose, when the last choice was one."""
        value = str(self.data.get("last_choice", ""))
        return int(value) if value.isdigit() and 1 <= int(value) <= 5 else None

    def keep_rating(self, data_key: str, *, after: bool = False, entry_key: str = "journal_id") -> int | None:
        """Store the rating just chosen under ``data_key`` and in the journal entry it belongs to.

        ``after`` records it as the later re-rating (``intensity_after``) rather than the first.
        """
        value = self.chosen_rating()
        if value is None:
            return None
        self.data[data_key] = value
        if entry_id := self.data.get(entry_key):
            field = "intensity_after" if after else "intensity"
            self.uow.journal.append(JournalWrite(entry_id, **{field: value}))
        return value

    def say(self, key: str, kind: str = "info", **args: Any) -> None:
        """Add a one-off reply outside the flow's own steps (e.g. a confirmation)."""
        self.replies.append(Reply(
            kind=kind,  # type: ignore[arg-type]
            flow=self.flow or "none", step=self.step or "none",
            text=self.engine.i18n.text(self.locale, key, **args), private=self.private,
        ))


# An action may return a target ("step", "flow:step", "flow:" or "end") to jump to.
Action = Callable[[Turn], Awaitable[str | None]]
# A router picks one of its step's declared targets.
Router = Callable[[Turn], Awaitable[str]]
# A text interceptor may claim free text before the flow sees it, returning a target.
TextInterceptor = Callable[[Turn, str], Awaitable[str | None]]
