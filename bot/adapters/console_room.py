"""A help room in the terminal: you are the person who asks, and you play the helpers too.

``:circle setup …`` then ``:room setup`` give the console circle helpers; ``/talk`` opens the
form; ``:room claim as hal``, ``:room say hal <words>``, ``:room backup as hal`` and
``:room close as hal`` act as helpers. What helpers would see prints as ``room`` replies.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import FakeClock
from bot.events import UserKey
from bot.replies import Choice, Reply
from bot.rooms import Card, Note, Outcome, RoomAsking, RoomService
from storage.rooms import Claim, HelpersRow, RoomRow

PLATFORM = "console"
CIRCLE = "console:circle"  # the console circle's key (bot/adapters/console_circle.py)
HELPERS = "helpers"


class ConsoleRoom:
    """The console's ``RoomPlace`` and its ``:room`` commands."""

    audience_key = "talk-audience-console"
    opened_key = "talk-opened"

    def __init__(self, service: RoomService, clock: FakeClock, user: UserKey) -> None:
        self.service = service
        self.asking = RoomAsking(service)
        self.clock = clock
        self.user = user
        self._out: list[Reply] = []
        service.places[PLATFORM] = self

    def drain(self) -> list[Reply]:
        out, self._out = self._out, []
        return out

    def _reply(self, step: str, text: str, choices: tuple[Choice, ...] = (), *, private: bool = True,
               code: str = "") -> Reply:
        # The room's code rides along so a later "#N" on these buttons reaches the right room.
        return Reply(kind="info", flow="room", step=step, text=text, choices=choices, private=private,
                     meta={"room": code} if code else {})

    def _helpers_see(self, text: str) -> None:
        locale = self.service.i18n.resolve(None)
        self._out.append(self._reply("helpers", self.service.text(locale, "console-room-helpers-see", text=text),
                                     private=False))

    # ---- the person ------------------------------------------------------------------------

    async def live(self) -> RoomRow | None:
        return await self.service.store.live_for(str(self.user))

    async def talk(self, hint: str | None) -> list[Reply]:
        helpers = await self.service.store.helpers(CIRCLE)
        outcome = await self.asking.start(PLATFORM, str(self.user), self.user.user_id, hint,
                                          [helpers] if helpers else [], self.clock.now())
        room = await self.live()
        return self._notes(outcome, room.code if room else "")

    async def text(self, room: RoomRow, text: str) -> Outcome:
        """The person's words: the form's answer, or a message relayed into the room."""
        now = self.clock.now()
        if room.state == "draft":
            return await self.asking.take_text(room, text, now)
        return await self.service.from_owner(room, text, now)

    async def press(self, code: str, choice: str) -> list[Reply]:
        room = await self.service.store.get(code)
        if room is None or room.user_key != str(self.user):
            locale = self.service.i18n.resolve(None)
            return [self._reply("owner", self.service.text(locale, "room-press-closed"))]
        now = self.clock.now()
        if room.state == "draft":
            return self._notes(await self.asking.take_choice(room, choice, now), code)
        return self._notes(await self.service.owner_choice(room, choice, now), code)

    def notes(self, outcome: Outcome, code: str) -> list[Reply]:
        """The service's notes to the person, after whatever the helpers' side printed meanwhile."""
        return self._notes(outcome, code)

    def _notes(self, outcome: Outcome, code: str) -> list[Reply]:
        return [*self.drain(), *(self._reply("owner", n.text, n.choices, code=code) for n in outcome.notes)]

    # ---- :room -----------------------------------------------------------------------------

    async def command(self, arg: str) -> list[Reply]:
        """``setup``, ``claim as NAME``, ``say NAME WORDS``, ``backup as NAME``, ``close as NAME``."""
        verb, _, rest = arg.strip().partition(" ")
        words = rest.split()
        now = self.clock.now()
        locale = self.service.i18n.resolve(None)
        if verb == "setup":
            await self.service.store.save_helpers(HelpersRow(CIRCLE, PLATFORM, HELPERS), now)
            return [self._reply("setup", self.service.text(locale, "console-room-ready"), private=False)]
        room = await self._open_room()
        if verb in ("claim", "backup", "close") and len(words) == 2 and words[0] == "as" and room is not None:
            said = await self.service.helper_press(room, f"console:{words[1][:32]}", words[1][:32], verb, now)
            return [*self.drain(), self._reply("helper", said, private=False)]
        if verb == "say" and len(words) >= 2 and room is not None:
            await self.service.from_helper(room, f"console:{words[0][:32]}", words[0][:32],
                                           rest.split(" ", 1)[1], now)
            return self.drain()
        return [Reply(kind="error", flow="room", step="help", text=self.service.text(locale, "console-room-help"))]

    async def _open_room(self) -> RoomRow | None:
        room = await self.live()
        return room if room is not None and room.state in ("open", "claimed") else None

    # ---- RoomPlace ---------------------------------------------------------------------------

    async def tell_user(self, room: RoomRow, note: Note) -> None:
        self._out.append(self._reply("owner", note.text, note.choices, code=room.code))

    async def open(self, room: RoomRow, card: Card, intro: str) -> tuple[str, str]:
        self._helpers_see(card.text)
        return room.code, "card"

    async def post(self, room: RoomRow, text: str) -> None:
        self._helpers_see(text)

    async def edit_card(self, room: RoomRow, card: Card) -> None:
        self._helpers_see(card.text)

    async def add_helper(self, room: RoomRow, claim: Claim) -> None:
        return None

    async def remove_helper(self, room: RoomRow, claim: Claim) -> None:
        return None

    def followup_chat(self, room: RoomRow) -> str | None:
        return room.chat_id

    async def still_helper(self, room: RoomRow, claim: Claim) -> bool:
        return True

    async def last_activity(self, room: RoomRow) -> datetime | None:
        return None

    async def ping(self, room: RoomRow, text: str) -> None:
        self._helpers_see(text)

    async def archive(self, room: RoomRow) -> None:
        return None

    async def delete(self, room: RoomRow) -> None:
        return None
