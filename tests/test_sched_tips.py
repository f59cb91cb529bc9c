"""Tip selection: at least 30 tips in every locale, none repeated inside the memory window."""

from __future__ import annotations

import random

from bot.app import Settings
from bot.i18n import I18n
from bot.scheduling.tips import pick_tip, tip_ids


def test_there_are_at_least_30_tips_in_every_locale() -> None:
    i18n = I18n(Settings().locales_dir)
    ids = tip_ids(i18n)
    assert len(ids) >= 30
    for locale in i18n.locales:
        assert all(i18n.has(locale, f"tip-{t}") for t in ids)


def test_pick_avoids_every_recent_tip() -> None:
    ids = [f"{n:02d}" for n in range(1, 31)]
    recent = ids[:29]
    assert {pick_tip(ids, recent, random.Random(seed)) for seed in range(20)} == {"30"}


def test_when_every_tip_was_recent_the_least_recent_one_repeats() -> None:
    ids = ["a", "b", "c"]
    assert pick_tip(ids, ["b", "c", "a"], random.Random(1)) == "b"
