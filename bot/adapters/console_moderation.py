"""Circle moderation in the terminal: the session is also the moderators' place.

``:circle moderators`` makes it so; a ``:circle report`` then prints the report as the
moderators see it (the post and its code), and ``:circle remove CODE`` or ``:circle block CODE``
act on it. What the asker is told arrives in the session, as it would privately.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.circles.moderation import ModerationService, ModNote
from bot.replies import Reply

if TYPE_CHECKING:
    from bot.adapters.console_circle import ConsoleCircle

PLATFORM = "console"
PLACE = "moderators"
VERBS = frozenset({"moderators", "remove", "block"})


class ConsoleModeration:
    """The console's ``ModPoster`` and its ``:circle moderators|remove|block`` commands."""

    def __init__(self, service: ModerationService, circle: ConsoleCircle) -> None:
        self.service = service
        self.circle = circle
        self.codes: dict[str, int] = {}  # code -> ask id, for every report shown here
        service.posters[PLATFORM] = self

    async def command(self, verb: str, rest: str) -> list[Reply]:
        circle = self.circle
        locale = circle.service.i18n.resolve(circle.lang)
        if verb == "moderators":
            if await circle.service.store.get(circle.key) is None:
                return [self._note(self.service.text(locale, "circle-off-none"), verb, kind="error")]
            await self.service.set_place(circle.key, PLACE)
            return [self._note(self.service.text(locale, "circle-mods-linked"), verb)]
        ask_id = self.codes.get(rest.strip().lstrip("#").upper())
        if ask_id is None:
            return [self._note(self.service.text(locale, "circle-mod-unknown"), verb, kind="error")]
        text = await self.service.act(ask_id, verb, PLATFORM, PLACE, circle.lang, circle.clock.now())
        delivered = [r for d in circle.service.asks.drain_private() for r in d.replies]
        return [self._note(text, verb), *await circle.drain(), *delivered]

    def _note(self, text: str, step: str, *, kind: str = "info") -> Reply:
        return Reply(kind=kind, flow="circle", step=step, text=text, private=True)  # type: ignore[arg-type]

    # ---- ModPoster ----------------------------------------------------------------------------

    async def post_note(self, chat_id: str, note: ModNote) -> str:
        code = next((c for c, a in self.codes.items() if a == note.ask_id), None)
        if code is None:
            ask = await self.service.ask_store.get(note.ask_id)
            if ask is not None:
                self.codes[ask.code] = note.ask_id
        self.circle._out.append(self._shown(note, "report"))
        return str(note.ask_id)

    async def edit_note(self, chat_id: str, note_ref: str, note: ModNote) -> None:
        self.circle._out.append(self._shown(note, "report-update"))

    @staticmethod
    def _shown(note: ModNote, step: str) -> Reply:
        return Reply(kind="info", flow="circle", step=step, text=note.text, choices=note.actions, private=False,
                     meta={"place": PLACE})
