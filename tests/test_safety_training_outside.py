"""Training rows written by outside writers (``training/*_outside8.yaml``) never copy an evaluation row.

The writers saw neither the evaluation sets nor each other's rows, but two people rephrasing public pages
about the same warning signs can meet on a short sentence; such a row in training would turn that row's
figure into a memory test. The rows are compared with every dev and frozen test row as the evaluation set
is compared with the old corpus (``tests/test_safety_eval_set.py``); only the training text is reported.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.safety.corpus import LABELS, TRAINING
from bot.safety.evaluate import EVAL_DIR, load_rows
from tests.test_safety_eval_set import NEAR, trigrams

OUTSIDE = sorted(TRAINING.glob("*_outside8.yaml"))


def outside_rows(paths: list[Path]) -> list[str]:
    rows: list[str] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rows += [str(text) for label in LABELS for text in data.get(label) or []]
    return rows


def near_an_eval_row(text: str, evaluation: list[frozenset[str]]) -> bool:
    mine = trigrams(text)
    return any(len(mine & theirs) >= NEAR * len(mine | theirs) for theirs in evaluation)


def test_the_outside_writers_rows_are_in_training() -> None:
    assert [path.name for path in OUTSIDE] == ["en_outside8.yaml", "es_outside8.yaml"]
    assert len(outside_rows(OUTSIDE)) > 1800


def test_no_outside_training_row_nearly_copies_a_dev_or_test_row() -> None:
    evaluation = [trigrams(row.text) for name in ("dev", "test") for row in load_rows(EVAL_DIR / f"{name}.yaml")]
    assert [text for text in outside_rows(OUTSIDE) if near_an_eval_row(text, evaluation)] == []
