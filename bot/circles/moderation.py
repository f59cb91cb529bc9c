"""``ModerationService``: reports reach the moderators' place; moderators remove posts and block codes.

Moderators see a post's words (which its author confirmed for the circle) and its neutral code,
never who wrote or reported it. Blocking acts on the ask's author key (a per-circle keyed hash);
the bot alone opens the sealed asker of a live ask, to tell them privately what happened.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.circles.asking import AskService
from bot.circles.model import PressReply, ReportRequest
from bot.i18n import I18n
from bot.logsafe import describe_failure
from bot.replies import Choice, Reply
from storage.circle_asks import Asker, CircleAskStore
from storage.circle_moderation import ModerationStore, ReportNote

log = logging.getLogger(__name__)

ACTIONS = ("remove", "block")


def post_key(ask_id: int) -> str:
    """How a report names an ask: ``ask:<id>`` (other kinds of post may follow)."""
    return f"ask:{ask_id}"


@dataclass(frozen=True, slots=True)
class ModNote:
    """What the moderators' place shows about one reported post, and the actions still open."""

    ask_id: int
    text: str
    actions: tuple[Choice, ...]


class ModPoster(Protocol):
    """A platform's way to post a report in the moderators' place and to update it."""

    async def post_note(self, chat_id: str, note: ModNote) -> str: ...

    async def edit_note(self, chat_id: str, note_ref: str, note: ModNote) -> None: ...


class ModerationService:
    """Reports, removals and blocks by code; registers itself as the asks' report hook."""

    def __init__(self, asks: AskService, store: ModerationStore) -> None:
        self.asks = asks
        self.store = store
        self.posters: dict[str, ModPoster] = {}
        asks.report_hook = self.report
        asks.circles.moderation = self  # the console's moderators' place finds it here

    @property
    def i18n(self) -> I18n:
        return self.asks.circles.i18n

    @property
    def ask_store(self) -> CircleAskStore:
        return self.asks.store

    def text(self, locale: str, key: str, **args: Any) -> str:
        return self.i18n.text(locale, key, **args)

    # ---- the moderators' place -------------------------------------------------------------

    async def set_place(self, circle_key: str, chat_id: str) -> None:
        await self.store.set_place(circle_key, chat_id)

    async def place(self, circle_key: str) -> str | None:
        return await self.store.place(circle_key)

    async def circle_of_place(self, platform: str, chat_id: str, circle_key: str | None) -> bool:
        """Whether ``chat_id`` is the moderators' place of ``circle_key`` (actions are taken only there)."""
        return circle_key is not None and await self.store.place(circle_key) == chat_id

    # ---- reports ---------------------------------------------------------------------------

    async def report(self, request: ReportRequest) -> PressReply:
        """A member pressed Report: count them once, and the first report reaches the moderators."""
        locale = await self.asks.locale_for(request.reporter_key, request.locale_hint)
        ask = await self.ask_store.get(request.ask_id)
        if ask is None:
            return PressReply(self.text(locale, "circle-report-gone"))
        place = await self.store.place(ask.circle_key)
        poster = self.posters.get(ask.platform)
        if place is None or poster is None:
            return PressReply(self.text(locale, "circle-report-unavailable"))
        found = await self.ask_store.author_of(ask.ask_id)
        if found is None:
            return PressReply(self.text(locale, "circle-report-gone"))
        key = post_key(ask.ask_id)
        counted, note = await self.store.report(key, ask.circle_key, ask.code, found[1], request.reporter_key)
        if not counted:
            return PressReply(self.text(locale, "circle-report-already"))
        shown = self.render(ask.ask_id, note, ask.text, ask.circle_locale)
        try:
            if note.note_ref is None:
                await self.store.set_note_ref(key, await poster.post_note(place, shown))
            else:
                await poster.edit_note(place, note.note_ref, shown)
        except Exception as exc:  # the report is counted; the moderators' place could not be reached
            log.warning("circle report not delivered to moderators: %s", describe_failure(exc))
        return PressReply(self.text(locale, "circle-report-thanks"))

    def render(self, ask_id: int, note: ReportNote, words: str | None, locale: str) -> ModNote:
        """The report as moderators see it: code, count, the post's words while it lives, what was done."""
        parts = [self.text(locale, "circle-mod-report", code=note.code, reports=note.reports)]
        if words is not None:
            parts.append(self.text(locale, "circle-mod-words", words=words))
        if note.outcome is not None:
            parts.append(self.text(locale, f"circle-mod-done-{note.outcome}", code=note.code))
        open_actions = [] if note.outcome == "blocked" else ["block"] if note.outcome == "removed" else list(ACTIONS)
        actions = tuple(Choice(a, self.text(locale, f"circle-mod-{a}")) for a in open_actions)
        return ModNote(ask_id, "\n\n".join(parts), actions)

    # ---- moderators' actions ---------------------------------------------------------------

    async def act(self, ask_id: int, action: str, platform: str, place: str, locale_hint: str | None,
                  now: datetime) -> str:
        """``remove`` or ``block`` a reported ask; the caller checked the moderator's rights in ``place``.

        Returns: the moderator's private answer. ``place`` must be the report's own moderators' place.
        """
        key = post_key(ask_id)
        note = await self.store.note(key)
        locale = self.i18n.resolve(locale_hint)  # the moderator's answer is theirs alone: their language
        if note is None or action not in ACTIONS or await self.store.place(note.circle_key) != place:
            return self.text(locale, "circle-mod-unknown")
        circle = await self.asks.circles.store.get(note.circle_key)
        if action == "remove":
            done = await self._remove(ask_id, "circle-removed-note")
            if note.outcome is None:
                await self.store.set_outcome(key, "removed")
            answer = "circle-mod-removed" if done else "circle-mod-already-gone"
        else:
            fresh = await self.ask_store.block_author(note.circle_key, note.author, now)
            told = await self._remove(ask_id, "circle-blocked-note")
            if told:
                await self.store.mark_told(note.circle_key, note.author)
            await self.store.set_outcome(key, "blocked")
            answer = "circle-mod-blocked" if fresh else "circle-mod-already-blocked"
        await self._refresh(key, platform, place, circle.locale if circle else locale)  # the note: the circle's
        return self.text(locale, answer, code=note.code)

    async def _remove(self, ask_id: int, note_key: str) -> bool:
        """End a live ask: post deleted, reports forgotten, the asker told once; False if it had ended."""
        finished = await self.ask_store.finish(ask_id)  # who reported goes with it (cascade)
        if finished is None:
            return False
        await self.asks._delete_post(finished.ask)
        if finished.asker is not None:
            await self._tell(finished.asker, note_key)
        return True

    async def _tell(self, asker: Asker, key: str) -> None:
        """A kind private note, in the asker's language, through the platform's sender."""
        locale = self.i18n.resolve(asker.locale)
        reply = Reply(kind="info", flow="circle_ask", step="moderated", text=self.text(locale, key),
                      private=True, locale=locale)
        await self.asks.tell_asker(asker, reply, "circle moderation note")

    async def _refresh(self, key: str, platform: str, place: str, locale: str) -> None:
        note = await self.store.note(key)
        poster = self.posters.get(platform)
        if note is None or note.note_ref is None or poster is None:
            return
        try:
            await poster.edit_note(place, note.note_ref, self.render(int(key.partition(":")[2]), note, None, locale))
        except Exception as exc:
            log.warning("circle report note not updated: %s", describe_failure(exc))

    # ---- a group that moved ----------------------------------------------------------------

    async def move(self, old_key: str, new_key: str, new_chat_id: str, old_chat_id: str) -> bool:
        """A Telegram group became a supergroup: its circle, asks and reports follow it."""
        return await self.store.move_circle(old_key, new_key, new_chat_id, old_chat_id)
