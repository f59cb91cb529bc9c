"""Shared set-up for the safety screen's behaviour tests: one screen, one way to name its answer."""

from __future__ import annotations

from bot.app import Settings, load_definitions
from bot.safety.tiers import TieredScreen


def tiered_screen() -> TieredScreen:
    """Both tiers as the bot builds them (phrase lists, detector, distance step, shipped model)."""
    defs = load_definitions(Settings())
    return TieredScreen(defs.i18n, defs.soft_model)


def path(screen: TieredScreen, text: str, lang: str) -> str:
    """``kind/level`` of what the screen does with ``text`` (crisis/open, abuse/ask…), or ``-``."""
    signal = screen.screen(text, lang)
    return "-" if signal is None else f"{signal.kind}/{signal.level}"
