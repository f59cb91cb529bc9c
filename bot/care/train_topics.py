"""Train the topic model from ``locales/<lang>/topics_train.tsv``: ``python -m bot.care.train_topics``.

Offline only (scikit-learn is a development dependency). Deterministic: the same phrases give
the same ``locales/topic_model.json``, whose fingerprint ``python -m bot check`` compares
with the phrases on disk. The evaluation set (``tests/topics_eval``) is never trained on.
"""

from __future__ import annotations

import json
import sys
from array import array
from pathlib import Path

from bot.topic_model import (
    LABELS,
    MODEL_FILE,
    TRAINING,
    features,
    fingerprint,
    pack,
    training_files,
)

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"


def labelled(locales_dir: Path = LOCALES) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    labels: list[str] = []
    for path in training_files(locales_dir):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], start=2):
            if not line.strip():
                continue
            label, text = line.split("\t")
            if label not in LABELS:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            texts.append(text)
            labels.append(label)
    return texts, labels


def fit(texts: list[str], labels: list[str], c: float = TRAINING["C"]) -> dict[str, object]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    per_text = [features(text) for text in texts]
    # Only the hashed features that occur are columns: the same optimum as over all 2^18
    # (an unused feature's L2-penalised weight is 0), found in a fraction of the time.
    used = sorted({index for found in per_text for index in found})
    column = {index: col for col, index in enumerate(used)}
    rows, cols, vals = [], [], []
    for row, found in enumerate(per_text):
        for index, value in found.items():
            rows.append(row)
            cols.append(column[index])
            vals.append(value)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(used)))
    model = LogisticRegression(C=c, max_iter=5000, random_state=TRAINING["seed"])
    model.fit(matrix, [LABELS.index(label) for label in labels])
    order = [list(model.classes_).index(k) for k in range(len(LABELS))]
    indices, weights = array("I", used), array("f")
    for col in range(len(used)):
        weights.extend(float(model.coef_[k][col]) for k in order)
    return {"labels": list(LABELS), "bias": [round(float(model.intercept_[k]), 6) for k in order],
            "indices": pack(indices), "weights": pack(weights)}


def features_used(texts: list[str]) -> list[int]:
    return [index for text in texts for index in features(text)]


def main() -> int:
    texts, labels = labelled()
    trained = fit(texts, labels)
    trained["fingerprint"] = fingerprint(LOCALES)
    path = LOCALES / MODEL_FILE
    path.write_text(json.dumps(trained, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"trained on {len(texts)} phrases: {len(set(features_used(texts)))} features x {len(LABELS)} labels"
          f" -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
