"""Train the second-tier safety model from the labelled corpus: ``python -m bot.safety.train``.

Offline only (scikit-learn is a development dependency): fits a logistic regression on the
features of ``bot.safety.soft`` over ``tests/safety_corpus/*.yaml`` and writes
``locales/safety_model.json``. Deterministic, so ``tests/test_safety_soft.py`` can check that
the shipped weights match the corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from bot.safety.soft import DIMENSIONS, features

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "safety_corpus"
MODEL = ROOT / "locales" / "safety_model.json"
# At 0.7 none of 44 everyday relationship worries (en, es) was asked; see tests/test_safety_soft.py.
THRESHOLD = 0.7
SIGNAL_KINDS = ("crisis", "abuse")


def labelled(corpus: Path = CORPUS) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    for path in sorted(corpus.glob("*.yaml")):
        for kind, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            texts += [str(t) for t in items]
            labels += [int(kind in SIGNAL_KINDS)] * len(items)
    return texts, labels


def fit(texts: list[str], labels: list[int]) -> dict[str, object]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, cols, vals = [], [], []
    for row, text in enumerate(texts):
        for col, value in features(text).items():
            rows.append(row)
            cols.append(col)
            vals.append(value)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(texts), DIMENSIONS))
    model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=0)
    model.fit(matrix, labels)
    used = sorted(set(cols))
    weights = {str(i): round(float(model.coef_[0][i]), 5) for i in used if abs(model.coef_[0][i]) >= 1e-5}
    return {"bias": round(float(model.intercept_[0]), 5), "threshold": THRESHOLD, "weights": weights}


def main() -> int:
    texts, labels = labelled()
    trained = fit(texts, labels)
    MODEL.write_text(json.dumps(trained, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"trained on {len(texts)} phrases ({sum(labels)} signals): {len(trained['weights'])} weights -> {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
