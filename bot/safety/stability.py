"""How many messages does a small retrain move? ``python -m bot.safety.stability``.

The model sits on thin margins: a retrain with a few more or fewer rows flips pinned messages between
opened, asked and nothing. This fits the model as ``train.py`` does on the shipped corpus with a share
of the rows dropped (one fit per seed), screens dev, every ``own_*.yaml`` and any ``--set`` with the real
tiers (``TieredScreen.assess``), and counts the messages whose level differs from the full fit's. With
``--bag K`` every fit is instead the mean of K fits on ``--share`` subsamples (weights averaged: one
model file, the same run time), so whether bagging steadies the screen is measured the same way.

    PYTHONPATH=. python -m bot.safety.stability [--drop 0.01] [--seeds 1,2,3] [--bag 5 --share 0.8]
        [--set NAME=PATH ...]

Nothing in the project is written. ``tests/safety_eval/test*.yaml`` is refused and never read.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.app import Settings, load_definitions
from bot.safety import hands
from bot.safety.corpus import training_rows
from bot.safety.evaluate import EVAL_DIR, Row, load_rows
from bot.safety.soft import CLASSES, SoftModel
from bot.safety.tiers import TieredScreen

Features = dict[int, float]


def average(models: Sequence[SoftModel]) -> SoftModel:
    """The model whose weights and biases are the members' means (its logits are their mean logits)."""
    weights: dict[str, dict[int, float]] = {}
    for cls in CLASSES:
        total: dict[int, float] = {}
        for model in models:
            for index, value in model.weights[cls].items():
                total[index] = total.get(index, 0.0) + value
        weights[cls] = {i: v / len(models) for i, v in total.items()}
    bias = {cls: sum(m.bias[cls] for m in models) / len(models) for cls in CLASSES}
    return SoftModel(weights, bias, models[0].thresholds)


def subsample(size: int, share: float, seed: int) -> list[int]:
    """Indices kept when each row stays with probability ``share`` (seeded, so a fit can be redone)."""
    draw = random.Random(seed)
    return [i for i in range(size) if draw.random() < share]


def level(screen: TieredScreen, row: Row) -> str:
    """``opened:crisis``, ``opened:abuse``, ``asked`` or ``missed`` for one first message."""
    signal = screen.assess(row.text, row.lang).signal
    if signal is None:
        return "missed"
    return "asked" if signal.level == "ask" else f"opened:{signal.kind}"


def flips(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Keys whose level moved between opened, asked and missed (a path change counts too)."""
    return [key for key, value in before.items() if after.get(key) != value]


def fitted(feats: Sequence[Features], labels: Sequence[str], keep: Sequence[int], bag: int, share: float,
           seed: int) -> SoftModel:
    """One fit on ``keep``, or the mean of ``bag`` fits on seeded ``share`` subsamples of it."""
    if bag <= 1:
        return hands.fit([feats[i] for i in keep], [labels[i] for i in keep])
    members = []
    for member in range(bag):
        chosen = [keep[i] for i in subsample(len(keep), share, seed * 1000 + member)]
        members.append(hands.fit([feats[i] for i in chosen], [labels[i] for i in chosen]))
    return average(members)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.stability", description=__doc__.splitlines()[0])
    parser.add_argument("--drop", type=float, default=0.01, help="share of training rows dropped per seed")
    parser.add_argument("--seeds", default="1,2,3", help="one perturbed fit per seed, comma-separated")
    parser.add_argument("--bag", type=int, default=1, help="members averaged in every fit (1: a single fit)")
    parser.add_argument("--share", type=float, default=0.8, help="each bag member's subsample share")
    parser.add_argument("--set", action="append", default=[], help="NAME=PATH of another evaluation file")
    args = parser.parse_args(argv)
    sets: dict[str, list[Row]] = {"dev": load_rows(EVAL_DIR / "dev.yaml")}
    sets |= {path.stem: load_rows(path) for path in sorted(EVAL_DIR.glob("own_*.yaml"))}
    for spec in args.set:
        name, _, path = spec.partition("=")
        if not path or Path(path).name.startswith("test"):
            parser.error(f"{spec}: expected NAME=PATH (never a frozen test file)")
        sets[name] = load_rows(Path(path))
    rows = training_rows()
    feats = hands.featurize([r.text for r in rows], {})
    labels = [r.label for r in rows]
    defs = load_definitions(Settings())
    screen = TieredScreen(defs.i18n, defs.soft_model)
    everything = list(range(len(rows)))

    def levels(model: SoftModel) -> dict[str, str]:
        screen.model = SoftModel(model.weights, model.bias, defs.soft_model.thresholds)
        return {f"{name}:{row.id}": level(screen, row) for name, part in sets.items() for row in part}

    base = levels(fitted(feats, labels, everything, args.bag, args.share, 0))
    label = {f"{name}:{row.id}": row.label for name, part in sets.items() for row in part}
    print(f"| seed | rows kept | flips | of which everyday | of {len(base)} messages, bag {args.bag} |")
    print("|---|---|---|---|---|")
    for seed in (int(s) for s in args.seeds.split(",")):
        keep = subsample(len(rows), 1.0 - args.drop, seed)
        moved = flips(base, levels(fitted(feats, labels, keep, args.bag, args.share, seed)))
        everyday = sum(label[key] == "benign" for key in moved)
        print(f"| {seed} | {len(keep)} | {len(moved)} | {everyday} | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
