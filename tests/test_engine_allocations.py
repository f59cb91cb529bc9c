"""Fewer new objects per step (issue 11's tail latency): shared buttons, no lock left behind."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.app import Settings, build_app
from bot.events import Chat, Inbound, UserKey
from bot.replies import Reply

TEXT = "he hasn't replied in 4 hours and I'm spiraling"
TEXTO = "lleva 4 horas sin contestarme y no paro de darle vueltas"


async def _first_reply(app: object, user: str, hint: str | None = None, text: str = TEXT) -> Reply:
    event = Inbound(user=UserKey("console", user), chat=Chat(user, "private"), received_at=datetime.now(UTC),
                    text=text, locale_hint=hint)
    replies = await app.engine.handle(event)  # type: ignore[attr-defined]
    return next(r for r in reversed(replies) if r.choices)


async def test_buttons_with_fixed_labels_are_built_once_and_shared(db_path: Path) -> None:
    app = await build_app(Settings(db_path=str(db_path)))
    try:
        one, two = await _first_reply(app, "1"), await _first_reply(app, "2")
        spanish = await _first_reply(app, "3", hint="es", text=TEXTO)
        assert one.choices is two.choices and one.step == two.step
        assert spanish.choices is not one.choices  # per language
        assert [c.id for c in spanish.choices] == [c.id for c in one.choices]
        assert [c.label for c in spanish.choices] != [c.label for c in one.choices]
        assert len(app.engine._locks) == 0  # no per-user lock kept once its step is done
    finally:
        await app.close()
