"""Train the safety model: ``python -m bot.safety.train`` (offline, deterministic).

scikit-learn is a development dependency: fits a three-way logistic regression (crisis,
abuse, benign) on ``bot.safety.soft.features`` over the corpus of ``bot/safety/corpus.py``
and writes ``locales/safety_model.json`` with the fingerprint of its inputs. The evaluation
set (``tests/safety_eval/``) is never read here; thresholds were chosen on its dev part only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bot.i18n import I18n
from bot.safety.augment import copies
from bot.safety.corpus import ROOT, training_rows
from bot.safety.fingerprint import fingerprint
from bot.safety.normalize import normalize
from bot.safety.screen import PhraseScreen
from bot.safety.signals import SignalDetector
from bot.safety.soft import CLASSES, DIMENSIONS, FORMAT, SPEC, features

MODEL = ROOT / "locales" / "safety_model.json"
# Chosen on tests/safety_eval/dev.yaml (python -m bot.safety.tune); open_abuse raised from 0.75
# on own held-out look-alikes (bot/safety/README.md): dev alone cannot tell them apart.
# abuse7: open_abuse 0.8 -> 0.6, chosen on grouped CV by training file for margin
# (python -m bot.safety.selection --abuse-open --by-source): rows a retrain flips between opened and
# asked sat at 0.8; 0.6 keeps the benign budget with a grid step of margin each side.
# hands4 tried open_crisis 0.55 with the outside hands' rows (the model reads crisis surer): it held benign
# opened within half a point of main but asked instead of opened a must-open row; back at 0.5, everyday
# openings are held by counter-rows (en/es_counter8) instead.
THRESHOLDS = {"open_crisis": 0.5, "open_abuse": 0.6, "ask": 0.55}
C = 8.0
CLASS_WEIGHT: str | None = "balanced"
# Each row is also shown to the model without the detector's categories (bot.safety.selection):
# the detector was written knowing these rows, so the model would otherwise learn that no
# category means no risk, which is exactly the case of wording nobody wrote a pattern for.
CATEGORY_DROPOUT = False
# Rewritten copies of every row (bot.safety.augment recipe, "" for none), chosen by grouped
# cross-validation holding out whole training files (bot/safety/README.md).
AUGMENT = ""
MIN_WEIGHT = 1e-4


def featurize(texts: list[str], locales: Path = ROOT / "locales", *,
              categories: bool = True) -> list[dict[int, float]]:
    """Features of each text exactly as the bot computes them (same detector, same exceptions)."""
    i18n = I18n(locales)
    detector = SignalDetector(locales, i18n.locales)
    exceptions = PhraseScreen(i18n).exceptions
    out = []
    for text in texts:
        norm = normalize(text)
        out.append(features(norm, detector.found_in(text, norm, exceptions) if categories else ()))
    return out


def fit_features(feats: Sequence[dict[int, float]], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Fit the logistic regression on ready features and round it. Returns weights and bias by class."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, cols, vals = [], [], []
    for row, one in enumerate(feats):
        for col, value in one.items():
            rows.append(row)
            cols.append(col)
            vals.append(value)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(feats), DIMENSIONS))
    model = LogisticRegression(C=C, class_weight=CLASS_WEIGHT, max_iter=5000, solver="lbfgs", random_state=0)
    model.fit(matrix, list(labels))
    order = list(model.classes_)
    used = sorted(set(cols))
    weights = {}
    for cls in CLASSES:
        coef = model.coef_[order.index(cls)]
        weights[cls] = {str(i): round(float(coef[i]), 4) for i in used if abs(coef[i]) >= MIN_WEIGHT}
    bias = {cls: round(float(model.intercept_[order.index(cls)]), 5) for cls in CLASSES}
    return {"weights": weights, "bias": bias}


def fit(texts: list[str], labels: list[str], langs: list[str] | None = None) -> dict[str, object]:
    if AUGMENT:
        made = copies(texts, labels, langs or ["en"] * len(texts), AUGMENT)
        texts, labels = texts + [c.text for c in made], labels + [labels[c.source] for c in made]
    feats = featurize(texts)
    if CATEGORY_DROPOUT:
        feats += featurize(texts, categories=False)
        labels = labels * 2
    fitted = fit_features(feats, labels)
    return {"format": FORMAT, "bias": fitted["bias"], "thresholds": THRESHOLDS, "weights": fitted["weights"],
            "trained_with": {"features": asdict(SPEC), "C": C, "class_weight": CLASS_WEIGHT,
                             "category_dropout": CATEGORY_DROPOUT, "augment": AUGMENT}}


def train() -> dict[str, object]:
    rows = training_rows()
    trained = fit([r.text for r in rows], [r.label for r in rows], [r.lang for r in rows])
    trained["fingerprint"] = fingerprint()
    trained["trained_on"] = {label: sum(r.label == label for r in rows) for label in CLASSES}
    return trained


def main() -> int:
    trained = train()
    MODEL.write_text(json.dumps(trained, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    size = sum(len(w) for w in trained["weights"].values())  # type: ignore[attr-defined]
    print(f"trained on {trained['trained_on']}: {size} weights -> {MODEL.relative_to(ROOT)}")
    # The prefilter's strings of the same patterns, so start-up need not derive them (literals.py).
    from bot.safety import literals

    return literals.main()


if __name__ == "__main__":
    sys.exit(main())
