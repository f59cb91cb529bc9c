"""``/talk``: the short form before a room opens, in the person's private chat.

What's going on (free text), what would help (listen / think it through / just company), then
who will be able to see the room and a confirmation. The safety screen reads what they wrote:
a crisis or abuse signal sends them down the private safety path first, and the room is still offered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.replies import Choice
from bot.rooms.model import (
    DRAFT_KEPT,
    HELP_CHOICES,
    MAX_RETENTION_DAYS,
    MAX_SUMMARY,
    UNCLAIMED_AFTER,
    Note,
    Outcome,
    RoomsBusy,
)
from bot.rooms.service import RoomService, new_code
from storage.rooms import HelpersRow, RoomRow, RoomTaken


class RoomAsking:
    """The form's steps; the draft is a room in state ``draft`` (so a restart keeps the person's place)."""

    def __init__(self, rooms: RoomService) -> None:
        self.rooms = rooms

    def _cancel(self, locale: str) -> Choice:
        return Choice("cancel", self.rooms.text(locale, "talk-cancel"))

    async def start(self, platform: str, user_key: str, chat_id: str, hint: str | None,
                    circles: list[HelpersRow], now: datetime) -> Outcome:
        """``start``: the form, for the first circle with helpers that the person belongs to."""
        rooms, store = self.rooms, self.rooms.store
        locale = await rooms.user_locale(user_key, hint)
        existing = await store.live_for(user_key)
        if existing is not None and existing.state != "draft":
            return Outcome((Note(rooms.text(locale, "talk-already-open", code=existing.code),
                                 rooms.owner_choices(locale)),))
        if existing is not None:
            await store.delete(existing.code)  # a new /talk starts the form again
        if not circles:
            return Outcome((Note(rooms.text(locale, "talk-no-circle")),))
        helpers = circles[0]
        if await store.count_open(helpers.circle_key) >= helpers.cap:
            return Outcome((Note(rooms.text(locale, "talk-full", line=await rooms.crisis_line(user_key, locale))),))
        room = RoomRow(new_code(), helpers.circle_key, platform, helpers.place, None, None, "draft", "what", "",
                       None, 0, 0, locale, min(helpers.retention_days, MAX_RETENTION_DAYS), now, now, None,
                       now + DRAFT_KEPT)
        try:
            await store.create(room, user_key, chat_id)
        except RoomTaken:  # a second /talk raced the first
            return Outcome((Note(rooms.text(locale, "talk-already-open", code=room.code)),))
        return Outcome((Note(rooms.text(locale, "talk-ask-what"), (self._cancel(locale),)),))

    def _help_question(self, locale: str) -> Note:
        choices = tuple(Choice(c, self.rooms.text(locale, f"talk-help-{c}")) for c in HELP_CHOICES)
        return Note(self.rooms.text(locale, "talk-ask-help"), (*choices, self._cancel(locale)))

    def _confirm(self, room: RoomRow) -> tuple[Note, Note]:
        """Who will see the room, then exactly what they will read, and the question."""
        locale, place = room.locale, self.rooms.places[room.platform]
        who = Note(self.rooms.text(locale, place.audience_key, code=room.code))
        text = self.rooms.text(locale, "talk-confirm", said=room.summary,
                               help=self.rooms.text(locale, f"talk-help-{room.help}"))
        return who, Note(text, (Choice("open", self.rooms.text(locale, "talk-open")), self._cancel(locale)))

    async def take_text(self, room: RoomRow, text: str, now: datetime) -> Outcome:
        """Typed words while the form is open: the answer to "what's going on", else the question again."""
        if room.step != "what":
            return Outcome((self._help_question(room.locale),) if room.step == "help" else self._confirm(room))
        signal = self.rooms.screen.screen(text, room.locale)
        flagged = int(signal is not None and signal.level == "open")
        await self.rooms.store.update(room.code, summary=text[:MAX_SUMMARY], step="help", flagged=flagged)
        notes: tuple[Note, ...] = (self._help_question(room.locale),)
        if signal is not None:
            notes = (Note(self.rooms.text(room.locale, "talk-still-here")), *notes)
        return Outcome(notes, safety_text=text if signal is not None else None)

    async def take_choice(self, room: RoomRow, choice: str, now: datetime) -> Outcome:
        """A button of the form: what would help, open, or cancel."""
        store, locale = self.rooms.store, room.locale
        if choice == "cancel":
            await store.delete(room.code)
            return Outcome((Note(self.rooms.text(locale, "talk-cancelled")),))
        if choice in HELP_CHOICES and room.step in ("help", "confirm"):
            await store.update(room.code, help=choice, step="confirm")
            return Outcome(self._confirm(replace(room, help=choice, step="confirm")))
        if choice == "open" and room.step == "confirm":
            return await self._open(room, now)
        return Outcome((Note(self.rooms.text(locale, "talk-button-passed")),))

    async def _open(self, room: RoomRow, now: datetime) -> Outcome:
        rooms, locale = self.rooms, room.locale
        helpers = await rooms.store.helpers(room.circle_key)
        if helpers is not None and await rooms.store.count_open(room.circle_key) >= helpers.cap:
            line = await rooms.crisis_line(room.user_key, locale)
            return Outcome((Note(rooms.text(locale, "talk-full", line=line)),))
        opening = replace(room, state="open", step=None)
        helpers_locale = await rooms.helpers_locale(room)  # the circle's language; the person keeps theirs
        intro = rooms.text(helpers_locale, "room-intro", code=room.code)
        try:
            thread, card = await rooms.places[room.platform].open(opening, rooms.card(opening, [], helpers_locale),
                                                                  intro)
        except RoomsBusy as busy:
            minutes = max(1, round((busy.retry_after or 60) / 60))
            return Outcome((Note(rooms.text(locale, "talk-busy", minutes=minutes),
                                 (Choice("open", rooms.text(locale, "talk-open")), self._cancel(locale))),))
        await rooms.store.update(room.code, state="open", step=None, thread=thread, card=card, last_message_at=now,
                                 due_at=now + UNCLAIMED_AFTER)
        opened_key = rooms.places[room.platform].opened_key
        return Outcome((Note(rooms.text(locale, opened_key, code=room.code), rooms.owner_choices(locale)),))
