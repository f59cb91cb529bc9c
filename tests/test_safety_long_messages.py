"""A long message is screened off the event loop with the same decision; the stored literals are sound."""

from __future__ import annotations

import asyncio
import threading
from functools import cache
from pathlib import Path

from bot.i18n import I18n
from bot.safety import literals
from bot.safety.screen import OFF_LOOP_CHARS, SafetySignal, screen_text
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen

ROOT = Path(__file__).resolve().parent.parent
# Written for this test: a plan said at the end of a long, ordinary message.
STORY = "we had a long talk about the holidays and who cooks what, and it went fine mostly. " * 8
PLAN = "tonight i'm taking all the pills i've saved"


@cache
def _screen() -> TieredScreen:
    return TieredScreen(I18n(ROOT / "locales"), SoftModel.load(ROOT / "locales" / "safety_model.json"))


class _Recording:
    """Records the thread each screen ran on, then screens as the real one does."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        self.threads.append(threading.get_ident())
        return _screen().screen(text, locale)


def test_a_long_message_is_screened_on_a_worker_thread_with_the_same_decision() -> None:
    text = STORY + PLAN
    assert len(text) > OFF_LOOP_CHARS
    recording = _Recording()
    signal = asyncio.run(screen_text(recording, text, "en"))
    assert recording.threads[0] != threading.get_ident()
    assert signal == _screen().screen(text, "en")
    assert signal is not None and signal.kind == "crisis"


def test_a_chat_sized_message_is_screened_on_the_event_loop() -> None:
    recording = _Recording()
    signal = asyncio.run(screen_text(recording, PLAN, "en"))
    assert recording.threads == [threading.get_ident()]
    assert signal == _screen().screen(PLAN, "en")


def test_every_stored_literal_set_is_what_the_pattern_gives() -> None:
    _screen()
    stored = literals._stored()
    assert stored, "bot/safety/literals.json is missing or stale: python -m bot.safety.literals"
    patterns = _patterns()
    assert all(stored[literals._key(p)] == literals.derive(p) for p in patterns if literals._key(p) in stored)


def test_the_stored_literals_cover_every_pattern_of_the_screen() -> None:
    missing = [p.pattern[:60] for p in _patterns() if literals._key(p) not in literals._stored()]
    assert missing == [], "run: python -m bot.safety.literals (or python -m bot.safety.train)"


def _patterns() -> list:  # type: ignore[type-arg]
    screen = _screen()
    out = [p for items in screen.detector.categories.values() for p in items]
    out += [p for items in screen.detector._accented.values() for p in items]
    out += list(screen.phrases.exceptions)
    out += [p for rules in screen.phrases._rules.values() for kind in ("crisis", "abuse")
            for _, p in getattr(rules, kind)]
    return out
