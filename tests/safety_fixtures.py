"""Shared set-up for the safety screen's behaviour tests: one screen, one way to name its answer.

The ``assert_*`` helpers hold the assertion of a parametrised family test (what the screen must do
with one sentence); ``tests/conftest.py`` has pytest rewrite this module's asserts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.app import Settings, load_definitions
from bot.i18n import I18n
from bot.safety.screen import SafetySignal
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen

ROOT = Path(__file__).resolve().parent.parent


def tiered_screen() -> TieredScreen:
    """Both tiers as the bot builds them (phrase lists, detector, distance step, shipped model)."""
    defs = load_definitions(Settings())
    return TieredScreen(defs.i18n, defs.soft_model)


def bot_screen() -> TieredScreen:
    """A fresh screen as ``load_definitions`` builds it for the bot (wrap it as a module fixture)."""
    screen = load_definitions(Settings()).screen
    assert isinstance(screen, TieredScreen)
    return screen


def path(screen: TieredScreen, text: str, lang: str) -> str:
    """``kind/level`` of what the screen does with ``text`` (crisis/open, abuse/ask…), or ``-``."""
    signal = screen.screen(text, lang)
    return "-" if signal is None else f"{signal.kind}/{signal.level}"


@cache
def shipped_screen() -> TieredScreen:
    """One screen over the shipped locales and model, shared by the modules that probe it directly."""
    return TieredScreen(I18n(ROOT / "locales"), SoftModel.load(ROOT / "locales" / "safety_model.json"))


def signal_of(text: str, locale: str) -> SafetySignal | None:
    return shipped_screen().screen(text, locale)


def opens_crisis(text: str, locale: str) -> bool:
    signal = signal_of(text, locale)
    return signal is not None and signal.kind == "crisis" and signal.level == "open"


def reaches_crisis(text: str, locale: str) -> bool:
    signal = signal_of(text, locale)
    return signal is not None and signal.kind == "crisis"


def kind_level(screen: TieredScreen, lang: str, text: str) -> tuple[str, str] | None:
    """``(kind, level)`` of what ``screen`` does with ``text``, or None when it lets it through."""
    signal = screen.screen(text, lang)
    return None if signal is None else (signal.kind, signal.level)


def assert_opens(screen: TieredScreen, lang: str, text: str, kind: str) -> None:
    """``text`` opens the ``kind`` path (crisis or abuse) at once."""
    signal = screen.screen(text, lang)
    assert signal is not None and (signal.kind, signal.level) == (kind, "open"), signal


def assert_reaches(screen: TieredScreen, lang: str, text: str, kind: str) -> None:
    """``text`` reaches the ``kind`` path, opened or asked."""
    signal = screen.screen(text, lang)
    assert signal is not None and signal.kind == kind, signal


def assert_caught_as(screen: TieredScreen, lang: str, text: str, kind: str) -> None:
    """``text`` is caught: it reaches the ``kind`` path, or the user is asked first."""
    signal = screen.screen(text, lang)
    assert signal is not None and (signal.kind == kind or signal.level == "ask"), signal


def assert_at_most_asked(screen: TieredScreen, lang: str, text: str) -> None:
    """``text`` opens nothing: it passes, or the user is asked first."""
    signal = screen.screen(text, lang)
    assert signal is None or signal.level == "ask", signal


def assert_not_screened(screen: TieredScreen, lang: str, text: str) -> None:
    """``text`` passes the screen untouched."""
    signal = screen.screen(text, lang)
    assert signal is None, signal


@cache
def _bot_tiers() -> TieredScreen:
    return tiered_screen()


def twin_pairs_test(scenarios: list[tuple[str, str, str, set[str], str, set[str]]]):
    """The parametrised test of ``(id, lang, everyday, allowed, twin, needed)`` rows (``path`` names)."""

    @pytest.mark.parametrize(("lang", "everyday", "allowed", "twin", "needed"),
                             [pytest.param(*row[1:], id=row[0]) for row in scenarios])
    def test_everyday_quiet_and_twin_caught(lang: str, everyday: str, allowed: set[str], twin: str,
                                            needed: set[str]) -> None:
        assert path(_bot_tiers(), everyday, lang) in allowed
        assert path(_bot_tiers(), twin, lang) in needed

    return test_everyday_quiet_and_twin_caught
