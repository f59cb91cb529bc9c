"""Shared set-up for the safety screen's behaviour tests: one screen, one way to name its answer."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
