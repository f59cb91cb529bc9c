"""A support circle in the terminal: ``:circle`` commands, with any number of members in one run.

``:circle setup 20:00 Europe/Madrid es`` starts it, ``:advance`` brings the check-in,
``:circle press 4`` answers as you and ``:circle press 2 as sam`` as another member,
``:circle off`` ends it. The circle's post and its edits print as ``checkin`` replies.
``:circle join``, then ``/circle ask`` asks the circle; ``:circle answer worried as sam`` answers
the newest ask as another member, ``:circle report`` reports it. ``:circle moderators`` makes the
terminal the moderators' place; ``:circle remove CODE`` and ``:circle block CODE`` act on a report.
"""

from __future__ import annotations

from datetime import UTC

from bot.adapters.console_moderation import VERBS as MOD_VERBS
from bot.adapters.console_moderation import ConsoleModeration
from bot.circles import CirclePost, CircleService
from bot.circles.model import AskPost
from bot.circles.service import circle_key
from bot.clock import FakeClock
from bot.events import UserKey
from bot.replies import Choice, Reply

PLATFORM = "console"
CHAT = "circle"


class ConsoleCircle:
    """The console's circle poster and its ``:circle`` commands."""

    def __init__(self, service: CircleService, clock: FakeClock, user: UserKey, lang: str | None) -> None:
        self.service = service
        self.clock = clock
        self.user = user
        self.lang = lang
        self.key = circle_key(PLATFORM, CHAT)
        self.checkin_id: int | None = None
        self.asks: dict[str, tuple[int, str]] = {}  # live asks posted here: code -> (ask id, post ref)
        self._out: list[Reply] = []
        self._posts = 0
        # One person at a terminal: edits need no pacing, and show right after the press.
        service.editor.interval_s = 0.0
        service.posters[PLATFORM] = self
        self.moderation = ConsoleModeration(service.moderation, self) if service.moderation is not None else None

    # ---- CirclePoster ------------------------------------------------------------------------

    async def post(self, chat_id: str, post: CirclePost) -> str:
        self.checkin_id = post.checkin_id
        self._posts += 1
        self._out.append(self._reply(post, "post"))
        return str(self._posts)

    async def edit(self, chat_id: str, post_ref: str, post: CirclePost) -> None:
        self._out.append(self._reply(post, "update"))

    async def post_ask(self, chat_id: str, post: AskPost) -> str:
        self._posts += 1
        self.asks[post.code] = (post.ask_id, str(self._posts))
        choices = (*post.choices, Choice("report", post.report_label), Choice("join", post.join_label))
        self._out.append(Reply(kind="checkin", flow="circle", step="ask", text=post.text, choices=choices,
                               private=False, meta={"at": self._at(), "code": post.code}))
        return str(self._posts)

    async def delete(self, chat_id: str, post_ref: str) -> None:
        self.asks = {code: ids for code, ids in self.asks.items() if ids[1] != post_ref}
        self._out.append(Reply(kind="checkin", flow="circle", step="deleted", text="", private=False,
                               meta={"at": self._at(), "ref": post_ref}))

    def _at(self) -> str:
        return self.clock.now().astimezone(UTC).isoformat().replace("+00:00", "Z")

    def _reply(self, post: CirclePost, step: str) -> Reply:
        at = self.clock.now().astimezone(UTC).isoformat().replace("+00:00", "Z")
        return Reply(kind="checkin", flow="circle", step=step, text=post.text, choices=post.choices,
                     private=False, meta={"at": at})

    async def drain(self) -> list[Reply]:
        """What the circle posted or edited since the last ``drain()``."""
        await self.service.editor.drain()
        out, self._out = self._out, []
        for delivery in self.service.asks.drain_private():  # an ask's result, when it is this user's
            if delivery.user_key == str(self.user):
                out += delivery.replies
        return out

    # ---- :circle -----------------------------------------------------------------------------

    async def command(self, arg: str) -> list[Reply]:
        verb, _, rest = arg.strip().partition(" ")
        verb = verb.lower()
        if verb == "press":
            return await self._press(rest)
        if verb in MOD_VERBS and self.moderation is not None:
            return await self.moderation.command(verb, rest)
        if verb in ("join", "answer", "report"):
            return await self._ask_button(verb, rest)
        if verb == "off":
            reply = await self.service.off(self.key, self.lang)
            return [self._note(reply.text, "off", private=False), *await self.drain()]
        if verb == "setup":
            values = self.service.parse(rest)
            reply = await self.service.setup(PLATFORM, self.key, CHAT, values, self.lang, self.clock.now())
            return [self._note(reply.text, "setup", kind="settings" if reply.ok else "error", private=False)]
        return [self._note(self._text("console-circle-help"), "help", kind="error")]

    async def _press(self, rest: str) -> list[Reply]:
        words = rest.split()
        if not words or (len(words) not in (1, 3)) or (len(words) == 3 and words[1].lower() != "as"):
            return [self._note(self._text("console-circle-help"), "help", kind="error")]
        if self.checkin_id is None:
            return [self._note(self._text("console-circle-no-post"), "press", kind="error")]
        member = UserKey(PLATFORM, words[2][:32]) if len(words) == 3 else self.user
        answer = await self.service.press(self.checkin_id, str(member), words[0], self.lang)
        return [self._note(answer.text, "press"), *await self.drain()]

    async def _ask_button(self, verb: str, rest: str) -> list[Reply]:
        """``:circle join``, ``:circle answer worried|not|unsure``, ``:circle report``, each ``[as NAME]``."""
        words = rest.split()
        member = self.user
        if len(words) >= 2 and words[-2].lower() == "as":
            member = UserKey(PLATFORM, words[-1][:32])
            words = words[:-2]
        asks = self.service.asks
        now = self.clock.now()
        if verb == "join" and not words:
            reply = await asks.join(self.key, str(member), None, self.lang, now)
            return [self._note(reply.text, "join"), *await self.drain()]
        live = list(self.asks.values())
        if not live:
            return [self._note(self._text("console-circle-no-ask"), verb, kind="error")]
        ask_id = live[-1][0]  # the newest ask posted here
        if verb == "report" and not words:
            reply = await asks.report(ask_id, str(member), self.lang)
            return [self._note(reply.text, "report"), *await self.drain()]  # the moderators' copy, if here
        if verb == "answer" and len(words) == 1:
            reply = await asks.answer(ask_id, str(member), words[0].lower(), self.lang, now)
            return [self._note(reply.text, "answer"), *await self.drain()]
        return [self._note(self._text("console-circle-help"), "help", kind="error")]

    def _text(self, key: str) -> str:
        return self.service.text(self.service.i18n.resolve(self.lang), key)

    def _note(self, text: str, step: str, *, kind: str = "info", private: bool = True) -> Reply:
        return Reply(kind=kind, flow="circle", step=step, text=text, private=private)  # type: ignore[arg-type]
