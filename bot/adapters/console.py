"""The terminal adapter: a human chat (numbered choices) or the ``--jsonl`` scripting protocol.

Protocol (DESIGN.md §4): one input per line; ``/cmd args`` is a command, ``#N`` / ``#id``
presses a choice of the latest reply that had choices, ``:advance 90m`` moves the simulated
clock, delivering what falls due on the way. One JSON object per reply on stdout.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from bot.adapters.console_circle import ConsoleCircle
from bot.circles import CircleService
from bot.clock import FakeClock
from bot.engine import Engine
from bot.events import Chat, ChoiceRef, Inbound, UserKey
from bot.pump import Pump
from bot.replies import Reply

_ADVANCE = re.compile(r"^(\d{1,5})\s*(m|min|h|d)$")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}
MAX_ADVANCE = timedelta(days=366)


def parse_advance(arg: str) -> timedelta | None:
    """``90m``, ``3h``, ``2d`` → a positive timedelta of at most a year; anything else → None."""
    match = _ADVANCE.match(arg.strip().lower())
    if not match:
        return None
    delta = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    return delta if timedelta(0) < delta <= MAX_ADVANCE else None


@dataclass(slots=True)
class ConsoleSession:
    """One console user talking to the engine over a simulated clock (``FakeClock``)."""

    engine: Engine
    clock: FakeClock
    user: UserKey
    lang: str | None = None
    pump: Pump | None = None
    out_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="groundwork-")))
    last_choices: Reply | None = None
    circles: CircleService | None = None
    circle: ConsoleCircle | None = None
    # A person at a terminal (not --jsonl): an :advance that delivers nothing says the new time.
    human: bool = False
    images_written: int = 0  # numbers each picture, so several in one input line (":advance 5w") all survive

    def __post_init__(self) -> None:
        if self.circles is not None:
            self.circle = ConsoleCircle(self.circles, self.clock, self.user, self.lang)

    @property
    def chat(self) -> Chat:
        return Chat(chat_id=self.user.user_id, kind="private")

    async def handle_line(self, line: str) -> list[Reply]:
        """Turn one input line into replies; never raises for bad input."""
        line = line.rstrip("\r\n")
        stripped = line.strip()
        if stripped.startswith(":"):
            return await self._meta(stripped)
        if stripped.startswith("#") and len(stripped) > 1 and " " not in stripped:
            return await self._press(stripped[1:])
        if stripped.startswith("/") and len(stripped) > 1:
            name, _, args = stripped[1:].partition(" ")
            name = name.split("@")[0]
            return await self._send(command=name, args=args.strip())
        return await self._send(text=line)

    async def _send(self, **kind: Any) -> list[Reply]:
        event = Inbound(user=self.user, chat=self.chat, received_at=self.clock.now(),
                        locale_hint=self.lang, **kind)
        replies = self._remember(await self.engine.handle(event))
        if self.circle is not None:
            replies += await self.circle.drain()  # what a private step posted in the circle (an ask)
        return replies

    def _remember(self, replies: list[Reply]) -> list[Reply]:
        for reply in replies:
            if reply.choices:
                self.last_choices = reply
            if reply.locale:
                # The console has no client language: keep the one the bot is talking in, so
                # console errors follow /language and /forget does not fall back to English.
                self.lang = reply.locale
                if self.circle is not None:
                    self.circle.lang = reply.locale
        return replies

    async def welcome(self) -> list[Reply]:
        """The /start welcome for someone the bot has never seen; nothing for a returning user."""
        snap = await self.engine.store.load(str(self.user), self.chat.chat_id)
        if snap.user is not None:
            return [self._note("console-returning")]
        return await self._send(command="start", args="")

    async def _press(self, ref: str) -> list[Reply]:
        offered = self.last_choices
        if offered is None:
            return [self._error("console-no-choices")]
        if ref.isdigit():
            index = int(ref)
            if not 1 <= index <= len(offered.choices):
                return [self._error("console-bad-choice", count=len(offered.choices))]
            choice_id = offered.choices[index - 1].id
        else:
            choice_id = ref
            if choice_id not in {c.id for c in offered.choices}:
                return [self._error("console-bad-choice", count=len(offered.choices))]
        return await self._send(choice=ChoiceRef(choice_id, offered.version))

    async def _meta(self, line: str) -> list[Reply]:
        name, _, arg = line[1:].partition(" ")
        if name == "circle" and arg.split()[:1] in (["ask"], ["withdraw"]):
            return await self._send(command="circle", args=arg.strip())  # the private /circle flow
        if name == "circle" and self.circle is not None:
            return await self.circle.command(arg)
        if name != "advance":
            return [self._error("console-bad-meta")]
        delta = parse_advance(arg)
        if delta is None:
            return [self._error("console-bad-advance")]
        delivered = await self.advance(delta)
        return delivered if delivered or not self.human else [await self._clock_note()]

    async def advance(self, delta: timedelta) -> list[Reply]:
        """Move the clock event by event, delivering each due item at its own due time."""
        target = self.clock.now() + delta
        delivered: list[Reply] = []
        while self.pump is not None:
            due = await self.pump.next_due_at()
            if due is None or due > target:
                break
            self.clock.set(due)
            at = _iso(self.clock.now())
            deliveries = await self.pump.run_due(self.clock.now())
            if self.circle is not None:
                delivered += await self.circle.drain()
            for delivery in deliveries:
                if delivery.user_key == str(self.user):
                    # Printed after the clock reached the target: keep the time each one arrived.
                    stamped = [replace(r, meta={**r.meta, "at": at}) for r in delivery.replies]
                    delivered += self._remember(stamped)
        self.clock.set(target)
        if self.circle is not None:
            delivered += await self.circle.drain()
        return delivered

    async def _clock_note(self) -> Reply:
        """Nothing fell due on the way: say what time it is now, in the user's own zone."""
        snap = await self.engine.store.load(str(self.user), self.chat.chat_id)
        tz = (snap.user.tz if snap.user and snap.user.tz else None) or self.engine.default_tz
        locale = self.engine.i18n.resolve(self.lang)
        when = self.engine.i18n.format_local_time(self.clock.now(), locale, tz)
        return self._note("console-advanced", kind="info", time=when)

    def _error(self, key: str, **args: Any) -> Reply:
        return self._note(key, kind="error", **args)

    def _note(self, key: str, kind: str = "info", **args: Any) -> Reply:
        locale = self.engine.i18n.resolve(self.lang)
        return Reply(kind=kind, flow="console", step="input",  # type: ignore[arg-type]
                     text=self.engine.i18n.text(locale, key, **args), locale=locale)

    def to_json(self, reply: Reply, line_no: int) -> dict[str, Any]:
        """The exact JSON-lines shape of DESIGN.md §4."""
        return {
            "in": line_no, "kind": reply.kind, "flow": reply.flow, "step": reply.step, "topic": reply.topic,
            "text": reply.text, "choices": [{"id": c.id, "label": c.label} for c in reply.choices],
            "image": self._write_image(reply.image, line_no) if reply.image else None,
            "file": self._write(reply.file.data, reply.file.name) if reply.file else None,
            "at": reply.meta.get("at") or _iso(self.clock.now()),
        }

    def _write_image(self, data: bytes, line_no: int) -> str:
        self.images_written += 1
        return self._write(data, f"image-{line_no}-{self.images_written}.png")

    def _write(self, data: bytes, name: str) -> str:
        path = self.out_dir / name
        path.write_bytes(data)
        return str(path)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def render_human(reply: Reply, write: Callable[[str], Any]) -> None:
    """Plain-text rendering for a person at a terminal."""
    write(f"\n{reply.text}\n")
    for index, choice in enumerate(reply.choices, start=1):
        write(f"  {index}) {choice.label}\n")


async def run_console(session: ConsoleSession, jsonl: bool, stdin: IO[str] = sys.stdin,
                      stdout: IO[str] = sys.stdout) -> None:
    """Read stdin until EOF; in human mode a bare number presses that choice."""
    import asyncio

    loop = asyncio.get_running_loop()
    line_no = 0
    session.human = not jsonl
    if not jsonl:
        # A person at a terminal gets what /start says on any platform (what this is and is not,
        # /mydata, /forget); scripts (--jsonl) start from a clean slate and send /start themselves.
        stdout.write(session.engine.i18n.text(session.engine.i18n.resolve(session.lang), "console-intro") + "\n")
        for reply in await session.welcome():
            render_human(reply, stdout.write)
    while True:
        if not jsonl:
            stdout.write("\n> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        line_no += 1
        if not jsonl and line.strip().isdigit() and session.last_choices is not None:
            line = "#" + line.strip()
        replies = await session.handle_line(line)
        for reply in replies:
            if jsonl:
                stdout.write(json.dumps(session.to_json(reply, line_no), ensure_ascii=False) + "\n")
            else:
                render_human(reply, stdout.write)
                if reply.file or reply.image:
                    saved = session.to_json(reply, line_no)
                    stdout.write(f"  [{saved['file'] or saved['image']}]\n")
        stdout.flush()
