"""The shipped model's figures on the dev split and the own held-out sets may not fall (issue #9).

Screens every row of ``tests/safety_eval/dev.yaml`` and ``own_*.yaml`` with both tiers (never
the frozen test split). Floors are counts the shipped model reached (bot/safety/README.md, "The
model, chosen by grouped cross-validation") less one row per cell: retraining after new
training rows moves a borderline row or two; lowering a floor further needs a reason.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.safety.evaluate import EVAL_DIR, load_rows
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen
from bot.safety.train import MODEL

# (set, lang, label) -> (caught at least, opened at least); benign: (opened at most, asked at most).
# Measured 2026-11-30 (helper "model") with the shipped model, after the grouped CV comparison.
FLOORS: dict[tuple[str, str, str], tuple[int, int]] = {
    ("dev", "en", "crisis"): (56, 54), ("dev", "es", "crisis"): (41, 41),  # of 56, 41
    ("dev", "en", "abuse"): (44, 36), ("dev", "es", "abuse"): (38, 33),  # of 46, 38
    ("own_crisis_a", "en", "crisis"): (48, 47), ("own_crisis_a", "es", "crisis"): (49, 48),  # of 50, 50
    ("own_crisis_b", "en", "crisis"): (10, 9), ("own_crisis_b", "es", "crisis"): (33, 27),  # of 10, 35
    ("own_crisis_c", "en", "crisis"): (19, 14), ("own_crisis_c", "es", "crisis"): (19, 14),  # of 20, 20
    ("own_abuse_a", "en", "abuse"): (50, 40), ("own_abuse_a", "es", "abuse"): (50, 41),  # of 50, 50
    ("own_abuse_b", "en", "abuse"): (25, 16), ("own_abuse_b", "es", "abuse"): (23, 13),  # of 30, 30
}
BENIGN_CEILINGS: dict[str, tuple[int, int]] = {  # (opened, asked) of the set's benign rows
    "dev": (0, 4), "own_crisis_a": (2, 8), "own_crisis_c": (0, 1), "own_abuse_a": (1, 1), "own_abuse_b": (0, 3),
}
SLACK = 1


@cache
def counts(name: str) -> Counter[tuple[str, str, str]]:
    screen = TieredScreen(I18n(ROOT / "locales"), SoftModel.load(MODEL))
    out: Counter[tuple[str, str, str]] = Counter()
    for row in load_rows(EVAL_DIR / f"{name}.yaml"):
        signal = screen.screen(row.text, row.lang)
        result = "missed" if signal is None else "asked" if signal.level == "ask" else "opened"
        out[(row.lang, row.label, result)] += 1
        if signal is not None and signal.level == "open" and row.label != "benign" and signal.kind != row.label:
            out[(row.lang, row.label, "mislabel")] += 1
    return out


@pytest.mark.parametrize("cell", sorted(FLOORS), ids=lambda c: "/".join(c))
def test_crisis_and_abuse_rows_are_caught_and_opened_no_less_often(cell: tuple[str, str, str]) -> None:
    name, lang, label = cell
    got = counts(name)
    caught = got[(lang, label, "opened")] + got[(lang, label, "asked")]
    caught_floor, opened_floor = FLOORS[cell]
    assert caught >= caught_floor - SLACK and got[(lang, label, "opened")] >= opened_floor - SLACK, got


@pytest.mark.parametrize("name", sorted(BENIGN_CEILINGS))
def test_benign_rows_are_opened_and_asked_no_more_often(name: str) -> None:
    got = counts(name)
    opened = sum(n for (_, label, result), n in got.items() if label == "benign" and result == "opened")
    asked = sum(n for (_, label, result), n in got.items() if label == "benign" and result == "asked")
    opened_ceiling, asked_ceiling = BENIGN_CEILINGS[name]
    assert opened <= opened_ceiling + SLACK and asked <= asked_ceiling + SLACK, got


@pytest.mark.parametrize("name", ["dev", "own_crisis_a", "own_crisis_b", "own_crisis_c", "own_abuse_a", "own_abuse_b"])
def test_no_crisis_row_is_sent_to_the_abuse_path_or_back(name: str) -> None:
    got = counts(name)
    assert sum(n for (_, _, result), n in got.items() if result == "mislabel") == 0, got
