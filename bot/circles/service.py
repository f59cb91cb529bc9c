"""The circle service: setting a circle up, posting its daily check-in, counting presses anonymously.

Platform-neutral: adapters check who may set a circle up and what the bot may do in the place,
then call in here; posts go out through the ``CirclePoster`` each platform registers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.circles.asking import AskService
from bot.circles.editor import EditCoalescer
from bot.circles.model import MIN_SHOWN, SCALE, CirclePost, CirclePoster, PressReply, SetupReply
from bot.i18n import I18n
from bot.logsafe import describe_failure
from bot.replies import Choice
from bot.scheduling.localtime import format_hhmm, next_local, parse_hhmm, parse_zone
from storage.circle_asks import CircleAskStore
from storage.circle_pacing import CheckinRetries, EditMarks
from storage.circles import CheckinView, CircleRow, CircleStore

log = logging.getLogger(__name__)

DEFAULT_TIME = time(20, 0)
EDIT_INTERVAL_S = 10.0
# A check-in the platform refused is tried again after 30 s, 1, 2, 4 and 8 minutes, then given up.
POST_TRIES = 6
FIRST_RETRY_S = 30.0
# Words people type for a language besides its code.
_LANGUAGE_WORDS = {"english": "en", "inglés": "en", "ingles": "en", "spanish": "es", "español": "es",
                   "espanol": "es", "castellano": "es"}
_SETUP_WORDS = frozenset({"setup", "set", "configurar"})
_OFF_WORDS = frozenset({"off", "stop", "end", "apagar", "terminar"})


@dataclass(frozen=True, slots=True)
class SetupValues:
    """What a setup command typed; None for what it left out."""

    at: time | None = None
    tz: str | None = None
    locale: str | None = None
    off: bool = False
    unreadable: str | None = None


def circle_key(platform: str, *place: str) -> str:
    """``telegram:<chat>``, ``discord:<guild>:<channel>``: a place, never a person."""
    return ":".join((platform, *place))


class CircleService:
    """Setup, the daily post and the presses; posters are registered by the adapters."""

    def __init__(self, store: CircleStore, i18n: I18n, default_tz: str = "UTC", *,
                 edit_interval_s: float = EDIT_INTERVAL_S) -> None:
        self.store = store
        self.i18n = i18n
        self.default_tz = default_tz
        self.posters: dict[str, CirclePoster] = {}
        self.editor = EditCoalescer(edit_interval_s, marks=EditMarks(store))
        self.retries = CheckinRetries(store)
        self.asks = AskService(self, CircleAskStore(store.store))
        self.moderation: Any = None  # bot.circles.moderation.ModerationService, once it plugs in

    def text(self, locale: str, key: str, **args: Any) -> str:
        return self.i18n.text(locale, key, **args)

    # ---- setting up ------------------------------------------------------------------------

    def parse(self, args: str) -> SetupValues:
        """Time, zone and language typed in any order (``20:00 Europe/Madrid es``), or ``off``."""
        at = tz = locale = None
        for word in args.split():
            lowered = word.lower()
            if lowered in _SETUP_WORDS:
                continue
            if lowered in _OFF_WORDS:
                return SetupValues(off=True)
            if (parsed := parse_hhmm(word)) is not None:
                at = parsed
            elif lowered in self.i18n.locales or lowered in _LANGUAGE_WORDS:
                locale = _LANGUAGE_WORDS.get(lowered, lowered)
            elif (zone := parse_zone(word)) is not None:
                tz = zone
            else:
                return SetupValues(unreadable=word[:40])
        return SetupValues(at, tz, locale)

    async def setup(self, platform: str, key: str, chat_id: str, values: SetupValues, locale_hint: str | None,
                    now: datetime) -> SetupReply:
        """Create the circle or change what was typed; the rest keeps its value (or a default)."""
        hint = self.i18n.resolve(locale_hint)
        if values.unreadable is not None:
            return SetupReply(self.text(hint, "circle-setup-unreadable", value=values.unreadable), False)
        existing = await self.store.get(key)
        at = values.at or (parse_hhmm(existing.checkin_time) if existing else None) or DEFAULT_TIME
        tz = values.tz or (existing.tz if existing else self.default_tz)
        locale = values.locale or (existing.locale if existing else hint)
        circle = CircleRow(key, platform, chat_id, locale, tz, format_hhmm(at), next_local(now, at, tz))
        await self.store.save(circle, now)
        done = "circle-setup-changed" if existing else "circle-setup-done"
        text = self.text(locale, done, time=format_hhmm(at), zone=tz,
                         language=self.text(locale, f"circle-language-{locale}"))
        return SetupReply(f"{text}\n\n{self.text(locale, 'circle-setup-how')}", True)

    async def off(self, key: str, locale_hint: str | None) -> SetupReply:
        """End the circle and delete everything stored about it (``/circle off``)."""
        existing = await self.store.get(key)
        locale = existing.locale if existing else self.i18n.resolve(locale_hint)
        if existing is not None:
            await self.asks.end_circle(key)  # their posts leave the group with the circle
        if not await self.store.delete(key):
            return SetupReply(self.text(locale, "circle-off-none"), False)
        return SetupReply(self.text(locale, "circle-off-done"), True)

    # ---- the daily post --------------------------------------------------------------------

    async def next_due_at(self) -> datetime | None:
        times = [t for t in (await self.store.next_due_at(self.posters),
                             await self.retries.next_due_at(list(self.posters))) if t is not None]
        return min(times) if times else None

    async def run_due(self, now: datetime) -> int:
        """Close the days that ended, then post every check-in due; returns how many were posted."""
        for checkin_id in await self.store.close_due(now):
            self.editor.request(checkin_id, lambda cid=checkin_id: self._refresh(cid))
        due = [(d.checkin_id, d.circle, 0) for d in await self.store.claim_due(now, self.posters, _plan)]
        due += [(r.checkin_id, r.circle, r.tries) for r in await self.retries.claim(now, list(self.posters))]
        posted = 0
        for checkin_id, circle, tries in due:
            poster = self.posters.get(circle.platform)
            if poster is None:
                continue
            view = await self.store.view(checkin_id)  # a retry shows the presses of a day already open
            post = self.render(view or CheckinView(checkin_id, circle, None, False, {}))
            try:
                ref = await poster.post(circle.chat_id, post)
            except Exception as exc:  # claimed once, so never posted twice; tried again later instead
                await self._post_failed(checkin_id, tries + 1, now, exc)
                continue
            await self.store.set_post_ref(checkin_id, ref)
            posted += 1
        return posted

    async def _post_failed(self, checkin_id: int, tries: int, now: datetime, exc: Exception) -> None:
        """Schedule the next try through the pump, with backoff; the log says when, never what."""
        if tries >= POST_TRIES:
            await self.retries.failed(checkin_id, None)
            log.warning("circle check-in not posted after %d tries, given up: %s", tries, describe_failure(exc))
            return
        wait = FIRST_RETRY_S * 2 ** (tries - 1)
        await self.retries.failed(checkin_id, now + timedelta(seconds=wait))
        log.warning("circle check-in not posted (try %d of %d), trying again in %ds: %s",
                    tries, POST_TRIES, wait, describe_failure(exc))

    def render(self, view: CheckinView) -> CirclePost:
        """The post in the circle's language: question, scale, and totals only from 3 answers."""
        locale = view.circle.locale
        parts = [self.text(locale, "circle-post")]
        count = sum(view.totals.values())
        if count >= MIN_SHOWN:
            parts.append(self.text(locale, "circle-totals", answers=count,
                                   **{f"a{n}": view.totals.get(n, 0) for n in SCALE}))
        else:
            parts.append(self.text(locale, "circle-totals-waiting", needed=MIN_SHOWN))
        if view.closed:
            parts.append(self.text(locale, "circle-post-closed"))
        choices = () if view.closed else tuple(
            Choice(str(n), self.text(locale, f"circle-answer-{n}")) for n in SCALE)
        return CirclePost(view.checkin_id, "\n\n".join(parts), choices, self.text(locale, "circle-open-private"),
                          view.closed, "" if view.closed else self.text(locale, "circle-join"))

    async def _refresh(self, checkin_id: int) -> None:
        view = await self.store.view(checkin_id)
        if view is None or view.post_ref is None:
            return
        poster = self.posters.get(view.circle.platform)
        if poster is not None:
            await poster.edit(view.circle.chat_id, view.post_ref, self.render(view))

    # ---- presses ---------------------------------------------------------------------------

    async def press(self, checkin_id: int, user_key: str, answer: str, locale_hint: str | None) -> PressReply:
        """Count a member once for the day and answer them privately; the post follows within the interval.

        The answer is in the member's own language: the one they chose with the bot, else their client's.
        Reading it creates no row: pressing never makes anyone a user.
        """
        if not answer.isdigit() or int(answer) not in SCALE:
            return PressReply(self.text(self.i18n.resolve(locale_hint), "circle-press-unknown"))
        value = int(answer)
        result = await self.store.press(checkin_id, user_key, value)
        locale = self.i18n.resolve(result.user_locale, locale_hint)
        if result.status in ("unknown", "closed"):
            return PressReply(self.text(locale, f"circle-press-{result.status}"))
        if result.status != "same" and sum(result.totals.values()) >= MIN_SHOWN:
            self.editor.request(checkin_id, lambda: self._refresh(checkin_id))
        offer = "ground" if value >= 4 else "talk" if value == 3 else None
        lines = [self.text(locale, f"circle-press-{result.status}")]
        lines.append(self.text(locale, f"circle-offer-{offer or 'none'}"))
        return PressReply(" ".join(lines), offer)

    async def user_locale(self, user_key: str, hint: str | None) -> str:
        """A member's chosen language if they have one, else their client's; creates no row."""
        snap = await self.store.store.load(user_key, "")
        return self.i18n.resolve(snap.user.locale if snap.user else None, hint)


def _plan(circle: CircleRow, now: datetime) -> tuple[datetime, str, datetime]:
    """Next check-in at the circle's local time (DST-safe); this one's local day; it closes at the next."""
    at = parse_hhmm(circle.checkin_time) or DEFAULT_TIME
    following = next_local(now, at, circle.tz)
    day = now.astimezone(ZoneInfo(circle.tz)).date().isoformat()
    return following, day, following
