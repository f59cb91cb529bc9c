"""``AskService``: a member asks their circle "would you be worried by this?" and hears back privately.

The post carries only the words the asker saw and confirmed, under a neutral code, with three
answer buttons and Report. After 24 h or 10 answers the asker gets the counts privately and the
post is deleted, with everything that linked it to them. Moderation plugs in through two hooks:
``report_hook`` (what Report does) and ``blocked_check`` (who may not ask in a circle).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.circles.model import ASK_ANSWERS, AskPost, AskPoster, PressReply, ReportRequest
from bot.clock import Clock, SystemClock
from bot.logsafe import describe_failure
from bot.pump import Delivery, Sender, Unreachable
from bot.replies import Choice, Reply
from storage.circle_asks import Asker, AskRow, CircleAskStore, FinishedAsk

if TYPE_CHECKING:
    from bot.circles.service import CircleService

log = logging.getLogger(__name__)

ASK_OPEN_FOR = timedelta(hours=24)
ANSWERS_TO_CLOSE = 10

ReportHook = Callable[[ReportRequest], Awaitable[PressReply]]
BlockedCheck = Callable[[str, str], Awaitable[bool]]


class AskService:
    """Membership, posting, answers and results of circle asks; posters are the circle service's."""

    def __init__(self, circles: CircleService, store: CircleAskStore) -> None:
        self.circles = circles
        self.store = store
        # Private results go out through the platforms' senders; a platform without one (the
        # console) collects them in ``private_out`` for its session to show.
        self.senders: Mapping[str, Sender] = {}
        self.private_out: list[Delivery] = []
        # Hooks for moderation (branch circles-mod): what Report does, and who is blocked.
        self.report_hook: ReportHook | None = None
        self.blocked_check: BlockedCheck = store.is_blocked
        self.clock: Clock = SystemClock()  # the app's clock, set by the composition root (tests move it)

    def text(self, locale: str, key: str, **args: Any) -> str:
        return self.circles.text(locale, key, **args)

    async def locale_for(self, user_key: str, hint: str | None) -> str:
        return await self.circles.user_locale(user_key, hint)

    # ---- the hooks moderation acts on ------------------------------------------------------

    async def author_key(self, circle_key: str, user_key: str) -> bytes | None:
        """The stand-in for an author in one circle (keyed hash): blockable, never unmasked."""
        return await self.store.author_key(circle_key, user_key)

    async def is_blocked(self, circle_key: str, user_key: str) -> bool:
        return await self.blocked_check(circle_key, user_key)

    # ---- membership ------------------------------------------------------------------------

    async def join(self, circle_key: str, user_key: str, title: str | None, locale_hint: str | None,
                   now: datetime) -> PressReply:
        """The "join" button: recorded only when pressed, answered only to the one who pressed it."""
        locale = await self.locale_for(user_key, locale_hint)
        status = await self.store.join(circle_key, user_key, title, self.circles.i18n.resolve(locale_hint), now)
        return PressReply(self.text(locale, f"circle-join-{status}"))

    # ---- rendering -------------------------------------------------------------------------

    def render(self, ask: AskRow) -> AskPost:
        """The post in the circle's language: "Someone in this circle asks…", the words, the code."""
        locale = ask.circle_locale
        text = self.text(locale, "circle-ask-post", text=ask.text, code=ask.code)
        choices = tuple(Choice(a, self.text(locale, f"circle-ask-answer-{a}")) for a in ASK_ANSWERS)
        return AskPost(ask.ask_id, ask.code, text, choices, self.text(locale, "circle-report"),
                       self.text(locale, "circle-join"))

    def _poster(self, platform: str) -> AskPoster | None:
        poster = self.circles.posters.get(platform)
        return poster if hasattr(poster, "post_ask") else None  # type: ignore[return-value]

    # ---- posting ---------------------------------------------------------------------------

    def local_day(self, tz: str, now: datetime) -> str:
        return now.astimezone(ZoneInfo(tz)).date().isoformat()

    async def post(self, circle_key: str, asker: Asker, text: str, now: datetime) -> tuple[str, AskRow | None]:
        """Store and post an ask the user confirmed; the status says why not when it was not posted.

        ``posted``, or ``member``, ``blocked``, ``user_cap``, ``circle_cap``, ``gone`` (no such
        circle, or its platform is not served here), ``failed`` (the platform refused the post).
        """
        circle = await self.circles.store.get(circle_key)
        poster = self._poster(circle.platform) if circle else None
        if circle is None or poster is None:
            return "gone", None
        if await self.is_blocked(circle_key, asker.user_key):
            return "blocked", None
        day = self.local_day(circle.tz, now)
        created = await self.store.create(circle_key, asker, text, day, now, now + ASK_OPEN_FOR)
        if created.ask is None:
            return created.status, None
        try:
            ref = await poster.post_ask(circle.chat_id, self.render(created.ask))
        except Exception as exc:  # nothing was posted: nothing must stay behind either
            log.warning("circle ask not posted: %s", describe_failure(exc))
            await self.store.finish(created.ask.ask_id)
            await self.store.release_mark(circle_key, asker.user_key, day)  # so "try again later" can work
            return "failed", None
        await self.store.set_post_ref(created.ask.ask_id, ref)
        return "posted", created.ask

    # ---- answers and reports ---------------------------------------------------------------

    async def answer(self, ask_id: int, user_key: str, answer: str, locale_hint: str | None,
                     now: datetime) -> PressReply:
        """Count a member once per ask and thank them privately; the 10th answer ends the ask."""
        locale = await self.locale_for(user_key, locale_hint)
        if answer not in ASK_ANSWERS:
            return PressReply(self.text(locale, "circle-ask-answer-gone"))
        result = await self.store.answer(ask_id, user_key, answer)
        if result.status == "unknown":
            return PressReply(self.text(locale, "circle-ask-answer-gone"))
        if result.answered >= ANSWERS_TO_CLOSE:
            await self.finish(ask_id, now)
        return PressReply(self.text(locale, f"circle-ask-answer-{result.status}"))

    async def report(self, ask_id: int, user_key: str, locale_hint: str | None) -> PressReply:
        """Report under an ask: handed to moderation's hook (``report_hook``)."""
        if self.report_hook is not None:
            return await self.report_hook(ReportRequest(ask_id, user_key, locale_hint))
        locale = await self.locale_for(user_key, locale_hint)
        return PressReply(self.text(locale, "circle-report-unavailable"))

    # ---- ending ----------------------------------------------------------------------------

    async def next_due_at(self) -> datetime | None:
        return await self.store.next_due_at(sorted(self.circles.posters))

    async def run_due(self, now: datetime) -> int:
        """End the asks whose 24 hours are over; returns how many ended here."""
        ended = 0
        for ask_id in await self.store.due(now):
            ended += await self.finish(ask_id, now)
        return ended

    async def finish(self, ask_id: int, now: datetime) -> bool:
        """Delete the post and its row, then tell the asker the counts; False if it had ended already."""
        finished = await self.store.finish(ask_id)
        if finished is None:
            return False
        await self._delete_post(finished.ask)
        if finished.asker is not None:
            await self._tell(finished)
        return True

    async def end_circle(self, circle_key: str) -> int:
        """``/circle off``: every live ask ends now (post deleted, the asker told what came in so far)."""
        ended = 0
        for ask_id in await self.store.live_ids(circle_key):
            ended += await self.finish(ask_id, self.clock.now())
        return ended

    async def withdraw(self, user_key: str, ask_ids: list[int] | None = None) -> int:
        """Withdraw the user's live asks (all, or those listed): posts deleted, nothing delivered."""
        count = 0
        for ask in await self.store.asks_of(user_key):
            if ask_ids is not None and ask.ask_id not in ask_ids:
                continue
            if await self.store.finish(ask.ask_id) is not None:
                await self._delete_post(ask)
                count += 1
        return count

    async def forget(self, user_key: str) -> int:
        """``/forget``: withdraw every live ask (posts deleted) and drop the day's quota marks."""
        count = await self.withdraw(user_key)
        await self.store.forget_marks(user_key)
        return count

    async def export(self, user_key: str) -> list[dict[str, str]]:
        """``/mydata``: the user's live asks, as posted."""
        return [{"code": a.code, "circle": a.circle_key, "text": a.text, "posted_at": a.posted_at.isoformat(),
                 "closes_at": a.closes_at.isoformat()} for a in await self.store.asks_of(user_key)]

    async def _delete_post(self, ask: AskRow) -> None:
        poster = self._poster(ask.platform)
        if poster is None or ask.post_ref is None:
            return
        try:
            await poster.delete(ask.chat_id, ask.post_ref)
        except Exception as exc:  # already deleted by an admin, or the bot lost access
            log.warning("circle ask post not deleted: %s", describe_failure(exc))

    async def _tell(self, finished: FinishedAsk) -> None:
        asker = finished.asker
        assert asker is not None
        await self.tell_asker(asker, self.result_reply(finished), "circle ask result")

    async def tell_asker(self, asker: Asker, reply: Reply, what: str) -> None:
        """Send ``reply`` to the asker's private chat; the console's session shows it instead."""
        sender = self.senders.get(asker.user_key.partition(":")[0])
        if sender is None:
            self.private_out.append(Delivery(asker.user_key, asker.chat_id, (reply,)))
            return
        try:
            await sender.send(asker.user_key, asker.chat_id, [reply])
        except Unreachable:
            log.info("%s not delivered: the asker cannot be reached", what)
        except Exception as exc:
            log.warning("%s not delivered: %s", what, describe_failure(exc))

    def result_reply(self, finished: FinishedAsk) -> Reply:
        """The counts and a short reflection, in the asker's language."""
        assert finished.asker is not None
        locale = self.circles.i18n.resolve(finished.asker.locale)
        totals = {a: finished.totals.get(a, 0) for a in ASK_ANSWERS}
        counts = self.text(locale, "circle-ask-result", code=finished.ask.code, worried=totals["worried"],
                           **{"not": totals["not"]}, unsure=totals["unsure"])
        reflection = self.text(locale, f"circle-ask-reflect-{reflection_kind(totals)}")
        return Reply(kind="reflection", flow="circle_ask", step="result", text=f"{counts}\n\n{reflection}",
                     private=True, locale=locale)

    def drain_private(self) -> list[Delivery]:
        out, self.private_out = self.private_out, []
        return out


def reflection_kind(totals: Mapping[str, int]) -> str:
    """``none`` (nobody answered), ``worried`` or ``not`` (more than half), else ``mixed``."""
    answered = sum(totals.values())
    if answered == 0:
        return "none"
    for kind in ("worried", "not"):
        if totals.get(kind, 0) * 2 > answered:
            return kind
    return "mixed"
