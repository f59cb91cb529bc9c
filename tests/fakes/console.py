"""Drive the console adapter's ``--jsonl`` protocol in-process, exactly as a script would."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from bot.adapters.console import ConsoleSession, run_console
from bot.app import App, Definitions, Settings, build_app, load_definitions
from bot.clock import FakeClock
from bot.events import UserKey

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday morning, outside any DST change


@dataclass
class ConsoleDriver:
    """A console session over one database; ``send`` feeds lines and returns the JSON replies."""

    app: App
    clock: FakeClock
    session: ConsoleSession
    line_no: int = 0
    transcript: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, *lines: str) -> list[dict[str, Any]]:
        stdin = io.StringIO("".join(line + "\n" for line in lines))
        stdout = io.StringIO()
        await run_console(self.session, jsonl=True, stdin=stdin, stdout=stdout)
        out = [json.loads(line) for line in stdout.getvalue().splitlines()]
        for reply in out:  # run_console numbers lines per call; keep them global for the transcript
            reply["in"] += self.line_no
        self.line_no += len(lines)
        self.transcript += out
        return out

    async def replay_as(self, user: str, path: list[str]) -> list[dict[str, Any]]:
        """Send ``path`` one line a call as a fresh console user ``user``; returns the last line's replies."""
        self.session.user = UserKey("console", user)
        self.session.last_choices = None
        replies: list[dict[str, Any]] = []
        for line in path:
            replies = await self.send(line)
        return replies

    async def close(self) -> None:
        await self.app.close()


@cache
def shipped_definitions() -> Definitions:
    """The shipped flows and locales, parsed once per test process (they never change under a test)."""
    return load_definitions(Settings())


async def open_console(db: Path | str, *, lang: str | None = None, user: str = "local",
                       now: datetime = START, tz: str | None = None) -> ConsoleDriver:
    clock = FakeClock(now)
    app = await build_app(Settings.from_env(db_path=str(db), default_tz=tz), clock=clock,
                          definitions=shipped_definitions())
    session = ConsoleSession(engine=app.engine, clock=clock, user=UserKey("console", user), lang=lang,
                             pump=app.due_pump(), circles=app.circles, rooms=app.rooms)
    return ConsoleDriver(app=app, clock=clock, session=session)


def kinds(replies: list[dict[str, Any]]) -> list[str]:
    return [r["kind"] for r in replies]


def last(replies: list[dict[str, Any]]) -> dict[str, Any]:
    assert replies, "expected at least one reply"
    return replies[-1]
