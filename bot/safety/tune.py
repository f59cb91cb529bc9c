"""Choose the model's thresholds on the evaluation's *dev* split: ``python -m bot.safety.tune``.

Reads ``tests/safety_eval/dev.yaml`` only (never the frozen test split): scores every row
once, then tries a grid of (open crisis, open abuse, ask) thresholds and prints the best few
by the issue's targets, so the constants in ``bot/safety/train.py`` are a measured choice.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from bot.app import ROOT, Settings, load_definitions
from bot.safety.evaluate import EVAL_DIR, load_rows
from bot.safety.soft import Thresholds
from bot.safety.tiers import TieredScreen

DEV = EVAL_DIR / "dev.yaml"


def outcomes(screen: TieredScreen, rows: list, limits: Thresholds) -> list[tuple]:  # type: ignore[type-arg]
    """(row, result, path) for each row with these thresholds, from cached assessments."""
    model = screen.model
    object.__setattr__(screen, "model", replace(model, thresholds=limits))
    try:
        out = []
        for row, found, probs, hard in rows:
            signal = hard if hard is not None else (screen._decide(found, probs, row.lang) if probs else None)
            if signal is None:
                out.append((row, "missed", None))
            elif signal.level == "ask":
                out.append((row, "asked", None))
            else:
                out.append((row, "opened", signal.kind))
        return out
    finally:
        object.__setattr__(screen, "model", model)


def score(results: list[tuple]) -> dict[str, float]:  # type: ignore[type-arg]
    def pct(cond: list[bool]) -> float:
        return 100.0 * sum(cond) / len(cond) if cond else 0.0

    figures: dict[str, float] = {}
    for lang in ("en", "es"):
        for label in ("crisis", "abuse"):
            mine = [r for r in results if r[0].lang == lang and r[0].label == label]
            figures[f"{label}_caught_{lang}"] = pct([r[1] != "missed" for r in mine])
            figures[f"{label}_opened_{lang}"] = pct([r[1] == "opened" for r in mine])
    benign = [r for r in results if r[0].label == "benign"]
    figures["benign_opened"] = pct([r[1] == "opened" for r in benign])
    figures["benign_asked"] = pct([r[1] == "asked" for r in benign])
    risky = [r for r in results if r[0].label != "benign"]
    figures["mislabels"] = pct([r[2] is not None and r[2] != r[0].label for r in risky])
    must = [r for r in results if r[0].must_open]
    figures["must_open"] = pct([r[1] == "opened" for r in must])
    return figures


def ablation(screen: TieredScreen, cached: list[tuple]) -> None:  # type: ignore[type-arg]
    """Dev figures for each tier added in turn, with the shipped thresholds."""
    limits = screen.model.thresholds
    never = Thresholds(2.0, 2.0, 2.0)
    decide = screen.detector.decide
    variants = [("phrase lists only", never, False), ("phrase lists + rules", never, True),
                ("phrase lists + model", limits, False), ("phrase lists + rules + model", limits, True)]
    for name, chosen, rules in variants:
        if not rules:
            screen.detector.decide = lambda found: None  # type: ignore[method-assign]
        try:
            f = score(outcomes(screen, cached, chosen))
        finally:
            screen.detector.decide = decide  # type: ignore[method-assign]
        print(f"| {name} | " + " | ".join(f"{f[k]:.1f}" for k in ABLATION_KEYS) + " |")


ABLATION_KEYS = ("crisis_caught_en", "crisis_opened_en", "crisis_caught_es", "crisis_opened_es", "abuse_caught_en",
                 "abuse_caught_es", "must_open", "mislabels", "benign_opened", "benign_asked")


def main() -> int:
    defs = load_definitions(Settings())
    screen = TieredScreen(defs.i18n, defs.soft_model)
    cached = []
    for row in load_rows(DEV):
        a = screen.assess(row.text, row.lang)
        hard = a.signal if a.signal is not None and (a.signal.tier == "phrases" or not a.probabilities) else None
        hard = a.signal if a.signal is not None and a.signal.reason.startswith("locales/") else hard
        cached.append((row, a.categories, a.probabilities, hard))
    if "--ablation" in sys.argv:
        print("| screen | " + " | ".join(ABLATION_KEYS) + " |")
        print("|---" * (len(ABLATION_KEYS) + 1) + "|")
        ablation(screen, cached)
        return 0
    grid = [x / 20 for x in range(4, 20)]
    best = []
    for oc, oa, ask in itertools.product(grid, grid, [x / 20 for x in range(2, 16)]):
        f = score(outcomes(screen, cached, Thresholds(oc, oa, ask)))
        penalty = (max(0, f["benign_asked"] - 8) * 3 + max(0, f["benign_opened"] - 1) * 10
                   + max(0, f["mislabels"] - 2) * 5)
        gain = sum(f[k] for k in f if "caught" in k) + sum(f[k] for k in f if "crisis_opened" in k) + f["must_open"]
        best.append((gain - penalty, (oc, oa, ask), f))
    best.sort(key=lambda b: -b[0])
    for value, limits, f in [b for b in best if b[2]["benign_asked"] <= 8 and b[2]["benign_opened"] <= 1][:6]:
        print(f"{value:7.1f} open_crisis={limits[0]} open_abuse={limits[1]} ask={limits[2]} "
              + " ".join(f"{k}={v:.1f}" for k, v in f.items()))
    print(f"(dev only: {DEV.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
