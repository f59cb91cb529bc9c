"""The room service: one room's life between the person who asked and the helpers (issue 14).

Platform-neutral: each platform registers a ``RoomPlace`` and calls in here with keys and texts.
The person is only ever shown to helpers as the room's code, helpers to the person as
"Helper 1", "Helper 2"; nothing of a room is posted anywhere but in the room, and the helpers'
place gets only the code (DESIGN.md §9). Room texts are never logged.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from bot.actions.trigger import followup_due
from bot.i18n import I18n
from bot.logsafe import describe_failure
from bot.replies import Choice
from bot.rooms.model import ARCHIVE_AFTER, Card, Note, Outcome, RoomPlace
from bot.safety.resources import resource_args
from bot.safety.screen import SafetyScreen
from bot.scheduling.localtime import defer_past_quiet, quiet_from_settings
from storage.rooms import Claim, RoomRow, RoomStore
from storage.unit_of_work import ScheduleWrite, UnitOfWork

log = logging.getLogger(__name__)

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied by hand stays the same code.
_CODE_LETTERS = "ACDEFGHJKMNPQRTUVWXY34679"


def new_code() -> str:
    return "R-" + "".join(secrets.choice(_CODE_LETTERS) for _ in range(5))


class RoomService:
    """Rooms once opened: relaying both ways, claims, backup, closing; places registered by adapters."""

    def __init__(self, store: RoomStore, i18n: I18n, screen: SafetyScreen) -> None:
        self.store = store
        self.i18n = i18n
        self.screen = screen
        self.places: dict[str, RoomPlace] = {}

    def text(self, locale: str, key: str, **args: Any) -> str:
        return self.i18n.text(locale, key, **args)

    def place(self, room: RoomRow) -> RoomPlace:
        return self.places[room.platform]

    async def user_locale(self, user_key: str, hint: str | None) -> str:
        """The person's chosen language if they have one, else their client's; creates no row."""
        snap = await self.store.store.load(user_key, "")
        return self.i18n.resolve(snap.user.locale if snap.user else None, hint)

    async def in_room(self, user_key: str) -> bool:
        """Whether the user has a live room (its form included): bot-initiated messages wait."""
        return await self.store.live_for(user_key) is not None

    async def crisis_line(self, user_key: str | None, locale: str, kind: str = "crisis") -> str:
        """The person's own crisis (or ``kind="abuse"``: abuse) line, or the directory when unknown."""
        country = None
        if user_key is not None:
            snap = await self.store.store.load(user_key, "")
            country = snap.user.country if snap.user else None
        args = resource_args(self.i18n, locale, country, kind)
        return self.text(locale, "room-your-line", line=args[f"{kind}_line"], emergency=args["emergency_line"],
                         known=args["known"], directory=args["directory_line"])

    async def helpers_locale(self, room: RoomRow) -> str:
        """The circle's language, for what the helpers read; ``room.locale`` is the person's own."""
        return self.i18n.resolve(await self.store.circle_locale(room.circle_key) or room.locale)

    # ---- the card and the words around a room --------------------------------------------------

    def card(self, room: RoomRow, claims: list[Claim], locale: str) -> Card:
        """The helpers' card in the circle's language (``locale``): the two rules, what would help, who has it."""
        parts = [self.text(locale, "room-card", code=room.code, help=self.text(locale, f"talk-help-{room.help}"))]
        if room.summary:
            parts.append(self.text(locale, "room-card-said", said=room.summary))
        if room.flagged:
            parts.append(self.text(locale, "room-card-resources"))
        parts.append(self.text(locale, "room-card-rules"))
        if room.state in ("archived", "closed"):
            parts.append(self.text(locale, "room-card-closed"))
            return Card("\n\n".join(parts))
        if claims:
            names = ", ".join(self.text(locale, "room-card-helper", number=c.number, name=c.name) for c in claims)
            parts.append(self.text(locale, "room-card-claimed", helpers=names))
        else:
            parts.append(self.text(locale, "room-card-waiting"))
        choices = (Choice("claim", self.text(locale, "room-claim")), Choice("backup", self.text(locale, "room-backup")),
                   Choice("close", self.text(locale, "room-close")))
        return Card("\n\n".join(parts), choices)

    def owner_choices(self, locale: str) -> tuple[Choice, ...]:
        return (Choice("okay", self.text(locale, "room-okay")), Choice("line", self.text(locale, "room-line")))

    async def _refresh_card(self, room: RoomRow) -> None:
        fresh = await self.store.get(room.code) or room
        try:
            card = self.card(fresh, await self.store.claims(fresh.code), await self.helpers_locale(fresh))
            await self.place(fresh).edit_card(fresh, card)
        except Exception as exc:  # the card is a convenience; the room goes on without the edit
            log.warning("room card not edited: %s", describe_failure(exc))

    async def _tell(self, room: RoomRow, note: Note) -> None:
        if room.user_key is None:
            return
        try:
            await self.place(room).tell_user(room, note)
        except Exception as exc:
            log.warning("room owner not told: %s", describe_failure(exc))

    # ---- the person who asked ----------------------------------------------------------------

    async def from_owner(self, room: RoomRow, text: str, now: datetime) -> Outcome:
        """Relay the person's words into the room, screened first: a crisis reaches them privately."""
        signal = self.screen.screen(text, room.locale)
        helpers = await self.helpers_locale(room)
        # The room's row is written before the post: with several workers, that write records the
        # platform update as applied (storage/once.py), so a re-delivery does not relay it again.
        if signal is not None and signal.level == "open":
            # The resources go to the person; the room hears that they were shown, never the words.
            await self._touch(room, now, flagged=1)
            await self.place(room).post(room, self.text(helpers, f"room-resources-shown-{signal.kind}",
                                                        code=room.code))
            return Outcome(safety_text=text)
        await self._touch(room, now)
        await self.place(room).post(room, self.text(helpers, "room-from-owner", code=room.code, text=text))
        if signal is not None:
            # A weaker signal: the words go through (a person is right there to ask), the helpers are
            # told to ask directly, and the person gets their line privately without being questioned.
            await self.place(room).post(room, self.text(helpers, f"room-risk-noticed-{signal.kind}", code=room.code))
            line = await self.crisis_line(room.user_key, room.locale, signal.kind)
            return Outcome((Note(self.text(room.locale, f"room-owner-line-{signal.kind}", line=line)),))
        return Outcome()

    async def _touch(self, room: RoomRow, now: datetime, **more: Any) -> None:
        """A message in the room: the quiet timer starts again (the unclaimed one keeps its time)."""
        waiting = room.state == "open" and not room.pinged
        due = room.due_at if waiting else now + ARCHIVE_AFTER
        await self.store.update(room.code, last_message_at=now, due_at=due, **more)

    async def owner_choice(self, room: RoomRow, choice: str, now: datetime) -> Outcome:
        """"I'm okay now" closes the room; the line button shows their own crisis line."""
        if choice == "okay":
            if room.state not in ("open", "claimed"):  # an older "I'm okay now" pressed again
                return Outcome((Note(self.text(room.locale, "room-press-closed")),))
            await self.close(room, now, by="owner")
            return Outcome()
        if choice == "line":
            return Outcome((Note(await self.crisis_line(room.user_key, room.locale)),))
        if choice in ("later", "nolater"):
            # The offer is answered once: a second press (or the other button) repeats the first answer.
            held, now_set = await self.store.answer_offer(room.code, choice)
            if held is None:
                return Outcome((Note(self.text(room.locale, "room-press-closed")),))
            if held == "later" and now_set:
                return Outcome((Note(await self._follow_up(room, now)),))
            return Outcome((Note(self.text(room.locale, "room-followup-yes" if held == "later"
                                           else "room-followup-no")),))
        return Outcome()

    async def _follow_up(self, room: RoomRow, now: datetime) -> str:
        """The check-in the person asked for after their room: tomorrow 09:00 their time, past quiet hours."""
        chat = self.place(room).followup_chat(room)
        if room.user_key is None or chat is None:
            return self.text(room.locale, "room-followup-no")
        snap = await self.store.store.load(room.user_key, chat)
        tz = (snap.user.tz if snap.user and snap.user.tz else None) or "UTC"
        settings = snap.user.settings if snap.user else {}
        due = followup_due("tomorrow", now, tz) or now + timedelta(days=1)
        due = defer_past_quiet(due, tz, quiet_from_settings(settings))
        await self.store.store.apply(UnitOfWork(user_key=room.user_key, chat_id=chat, now=now, schedule=[
            ScheduleWrite(kind="followup", due_at=due, chat_id=chat,
                          payload={"topic": "other", "option": "tomorrow", "group": False})]))
        return self.text(room.locale, "room-followup-yes")

    # ---- helpers ---------------------------------------------------------------------------

    async def from_helper(self, room: RoomRow, helper: str, name: str, text: str, now: datetime) -> bool:
        """Relay a helper's words to the person as "Helper N"; writing in a room joins it."""
        if room.state not in ("open", "claimed"):
            return False
        claim = await self.join(room, helper, name, now)
        await self._tell(room, Note(self.text(room.locale, "room-from-helper", number=claim.number, text=text),
                                    self.owner_choices(room.locale)))
        await self.store.update(room.code, last_message_at=now, due_at=now + ARCHIVE_AFTER)
        return True

    async def join(self, room: RoomRow, helper: str, name: str, now: datetime) -> Claim:
        claim, added = await self.store.claim(room.code, helper, name)
        if not added:
            return claim
        await self.place(room).add_helper(room, claim)
        if room.state == "open":
            await self.store.update(room.code, state="claimed", due_at=now + ARCHIVE_AFTER)
        await self._tell(room, Note(self.text(room.locale, "room-helper-joined", number=claim.number)))
        await self._refresh_card(room)
        return claim

    async def helper_press(self, room: RoomRow, helper: str, name: str, choice: str, now: datetime) -> str:
        """Claim / I need backup / Close from the card; the short answer shown to the helper who pressed."""
        locale = await self.helpers_locale(room)
        if room.state not in ("open", "claimed"):
            return self.text(locale, "room-press-closed")
        if choice == "claim":
            claim = await self.join(room, helper, name, now)
            return self.text(locale, "room-press-claimed", number=claim.number)
        if choice == "backup":
            await self.store.touch(room.code)  # records the press before the ping (storage/once.py)
            await self.place(room).ping(room, self.text(locale, "room-ping-backup", code=room.code))
            await self.place(room).post(room, self.text(locale, "room-backup-asked"))
            return self.text(locale, "room-press-backup")
        if choice == "close":
            await self.close(room, now, by="helper")
            return self.text(locale, "room-press-done")
        return self.text(locale, "room-press-closed")

    async def recheck_helpers(self, platform: str) -> int:
        """Ask the platform whether each helper in a live room still is one; those who are not leave."""
        gone = 0
        for room in await self.store.live_rooms(platform):
            for claim in await self.store.claims(room.code):
                if not await self.place(room).still_helper(room, claim):
                    gone += await self.helper_gone(platform, room.place, claim.helper, only=room.code)
        return gone

    async def helper_gone(self, platform: str, place: str | None, helper: str, *, only: str | None = None) -> int:
        """A helper left the helpers' group or lost the role: out of every room they were in."""
        rooms = await self.store.rooms_of_helper(helper, platform, place)
        rooms = [r for r in rooms if only is None or r.code == only]
        for room in rooms:
            claims = {c.helper: c for c in await self.store.claims(room.code)}
            claim = claims.get(helper)
            if claim is None or not await self.store.unclaim(room.code, helper):
                continue
            try:
                await self.place(room).remove_helper(room, claim)
            except Exception as exc:
                log.warning("helper not removed from a room: %s", describe_failure(exc))
            await self.place(room).post(room, self.text(await self.helpers_locale(room), "room-helper-left-room",
                                                        number=claim.number))
            await self._tell(room, Note(self.text(room.locale, "room-helper-left", number=claim.number)))
            if len(claims) == 1:
                await self.store.update(room.code, state="open")
            await self._refresh_card(room)
        return len(rooms)

    async def forget_helper(self, helper: str) -> None:
        """``/forget`` by a helper: out of their live rooms (as if they left), then every claim deleted."""
        platform = helper.partition(":")[0]
        if platform in self.places:
            try:
                await self.helper_gone(platform, None, helper)
            except Exception as exc:  # a platform error must not stop /forget: the claims go anyway
                log.warning("forgotten helper not taken out of a room: %s", describe_failure(exc))
        await self.store.forget_helper(helper)

    # ---- closing -----------------------------------------------------------------------------

    async def close(self, room: RoomRow, now: datetime, *, by: str) -> None:
        """Closed by the person (``owner``), a helper, or the quiet timer (``quiet``); deleted later."""
        state = "archived" if by == "quiet" else "closed"
        delete_at = max(now, room.last_message_at) + timedelta(days=room.retention_days)
        if by == "quiet":
            delete_at = room.last_message_at + timedelta(days=room.retention_days)
        await self.store.update(room.code, state=state, closed_at=now, due_at=delete_at)
        place = self.place(room)
        try:
            await place.post(room, self.text(await self.helpers_locale(room), f"room-closed-by-{by}"))
            await place.archive(room)
        except Exception as exc:
            log.warning("room not archived on the platform: %s", describe_failure(exc))
        await self._refresh_card(room)
        offer: tuple[Choice, ...] = ()
        if self.place(room).followup_chat(room) is not None:
            offer = (Choice("later", self.text(room.locale, "room-followup-offer-yes")),
                     Choice("nolater", self.text(room.locale, "room-followup-offer-no")))
        await self._tell(room, Note(self.text(room.locale, f"room-owner-closed-{by}"), offer))
