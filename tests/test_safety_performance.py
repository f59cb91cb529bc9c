"""The phrase lists stay linear: long or repetitive messages are screened in milliseconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.i18n import I18n
from bot.safety.screen import PhraseScreen

ROOT = Path(__file__).resolve().parent.parent
# Repetitive inputs that would blow up nested or overlapping quantifiers if a pattern had them.
HOSTILE = {
    "long chat": ("he said i was fine and we went out but i keep thinking " * 80)[:4000],
    "one letter": "a" * 4000,
    "single words": "i " * 2000,
    "spanish clitics": "me " * 1300,
    "conditionals": "si " * 1300,
    "contractions": "i'd " * 1000,
    "digits": "1 " * 2000,
    "near miss": "gun " + "x " * 2000 + "on",
}


@pytest.fixture(scope="module")
def screen() -> PhraseScreen:
    return PhraseScreen(I18n(ROOT / "locales"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_4000_character_hostile_message_is_screened_quickly(screen: PhraseScreen, name: str) -> None:
    screen.screen("warm up", "en")
    # This thread's CPU, not the wall clock: catastrophic backtracking costs seconds of CPU,
    # while a loaded machine only stretches the wall clock.
    started = time.thread_time()
    for locale in ("en", "es"):
        screen.screen(HOSTILE[name], locale)
    # Measured at ~25-100 ms of CPU per call; the bound leaves room for slow CI machines.
    assert time.thread_time() - started < 1.0
