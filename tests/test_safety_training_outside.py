"""Training rows written by outside writers (``training/*_outside*.yaml``) never copy an evaluation row.

The writers saw neither the evaluation sets nor each other's rows, but two people rephrasing public pages
about the same warning signs can meet on a short sentence; such a row in training would turn that row's
figure into a memory test. The rows are compared with every dev, own, short-ordinary and frozen test row as
the evaluation set is compared with the old corpus (``tests/test_safety_eval_set.py``); only the training
text is reported.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.safety.corpus import LABELS, TRAINING, training_rows
from bot.safety.evaluate import EVAL_DIR, load_rows
from tests.test_safety_eval_set import NEAR, trigrams

# held/: outside rows kept for a later round but not trained on (corpus.py reads only the folder itself): writers AC-AF
# (outside12) and AG-AI (outside13), whose retrains lowered the frozen split's floor or moved pins (SOURCES.md).
HELD = TRAINING / "held"
OUTSIDE = sorted([*TRAINING.glob("*_outside*.yaml"), *HELD.glob("*_outside*.yaml")])


def outside_rows(paths: list[Path]) -> list[str]:
    rows: list[str] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rows += [str(text) for label in LABELS for text in data.get(label) or []]
    return rows


class Near:
    """Trigram sets sorted by size, so a text is compared only with sets that could reach ``NEAR``."""

    def __init__(self, texts: Sequence[str] = ()) -> None:
        self.grams = sorted((trigrams(text) for text in texts), key=len)
        self.sizes = [len(grams) for grams in self.grams]

    def add(self, text: str) -> None:
        grams = trigrams(text)
        at = bisect_right(self.sizes, len(grams))
        self.grams.insert(at, grams)
        self.sizes.insert(at, len(grams))

    def has(self, text: str) -> bool:
        mine = trigrams(text)
        # Jaccard can only reach NEAR between sets whose sizes are within a factor NEAR of each other.
        low, high = bisect_left(self.sizes, NEAR * len(mine)), bisect_right(self.sizes, len(mine) / NEAR)
        for theirs in self.grams[low:high]:
            shared = len(mine & theirs)
            if shared >= NEAR * (len(mine) + len(theirs) - shared):
                return True
        return False


def test_the_eighth_sessions_outside_rows_are_in_training() -> None:
    eighth = [path for path in OUTSIDE if path.stem.endswith("_outside8")]
    assert [path.name for path in eighth] == ["en_outside8.yaml", "es_outside8.yaml"]
    assert len(outside_rows(eighth)) > 1800


def test_the_ninth_sessions_outside_rows_are_in_training() -> None:
    # Held out at the end of the ninth session (the model then asked or opened the product's own words, "I'm
    # not sure", "would you worry?"); back in the tenth with the product's vocabulary as everyday rows
    # (en/es_counter10.yaml), guarded by tests/test_safety_vocabulary.py (bot/safety/README.md, "Tenth session").
    ninth = [path for path in OUTSIDE if path.stem.endswith("_outside9")]
    assert [(path.parent, path.name) for path in ninth] == [(TRAINING, "en_outside9.yaml"),
                                                             (TRAINING, "es_outside9.yaml")]
    rows = outside_rows(ninth)
    assert len(rows) > 3100
    # Every row is trained on (rows are de-duplicated by their case-folded text; a few short messages were
    # also written by our own hand first, "i want to die", and keep that row's label).
    trained = {row.text.strip().casefold() for row in training_rows()}
    assert [text for text in rows if text.strip().casefold() not in trained] == []


def test_the_tenth_sessions_outside_rows_are_in_training() -> None:
    # Writers U-X, held out at the end of the tenth session (the retrain moved eight pinned behaviours); in training
    # since the eleventh with own-wording counter-rows (en/es_counter11, en/es_counter12) and two structures in
    # tiers.py (one look through the phone is asked; his blow, then her injury, is his act): SOURCES.md.
    tenth = [path for path in OUTSIDE if path.stem.endswith("_outside10")]
    assert [(path.parent, path.name) for path in tenth] == [(TRAINING, "en_outside10.yaml"),
                                                             (TRAINING, "es_outside10.yaml")]
    rows = outside_rows(tenth)
    assert len(rows) > 1700
    trained = {row.text.strip().casefold() for row in training_rows()}
    assert [text for text in rows if text.strip().casefold() not in trained] == []


def test_the_eleventh_sessions_outside_rows_are_in_training() -> None:
    # Writers AA and AB (hands11, SOURCES.md): brought in as they finished, each row trained on.
    eleventh = [path for path in OUTSIDE if path.stem.endswith("_outside11")]
    assert [(path.parent, path.name) for path in eleventh] == [(TRAINING, "en_outside11.yaml"),
                                                                (TRAINING, "es_outside11.yaml")]
    rows = outside_rows(eleventh)
    assert len(rows) > 800
    trained = {row.text.strip().casefold() for row in training_rows()}
    assert [text for text in rows if text.strip().casefold() not in trained] == []


def test_no_outside_training_row_nearly_copies_an_evaluation_row() -> None:
    paths = [EVAL_DIR / "dev.yaml", EVAL_DIR / "test.yaml", EVAL_DIR / "short_ordinary.yaml",
             *sorted(EVAL_DIR.glob("own_*.yaml"))]
    evaluation = Near([row.text for path in paths for row in load_rows(path)])
    assert [text for text in outside_rows(OUTSIDE) if evaluation.has(text)] == []


def test_no_outside_row_since_the_ninth_session_repeats_an_earlier_outside_row() -> None:
    # hands --write keeps one of two near-same rows from different writers, and rows near an earlier outside
    # row were taken out; outside8 itself, written before that, keeps a dozen of its writers' own near-repeats.
    seen = Near(outside_rows([path for path in OUTSIDE if path.stem.endswith("_outside8")]))
    twice = []
    sessions = ("_outside9", "_outside10", "_outside11", "_outside12", "_outside13")
    later = [path for session in sessions for path in OUTSIDE if path.stem.endswith(session)]
    for text in outside_rows(later):
        if seen.has(text):
            twice.append(text)
        seen.add(text)
    assert twice == []


def held_rows(tag: str) -> list[str]:
    """The rows of one session's outside files, after checking both languages' files wait in held/."""
    files = [path for path in OUTSIDE if path.stem.endswith(f"_{tag}")]
    assert [(path.parent, path.name) for path in files] == [(HELD, f"en_{tag}.yaml"), (HELD, f"es_{tag}.yaml")]
    return outside_rows(files)


def test_the_eleventh_sessions_rows_from_hands_ac_to_af_wait_in_held() -> None:
    # Held again at the twelfth session's merge (training/SOURCES.md): trained on with counter14 and counter16 they
    # raised the lead's blind sets a little but lowered the frozen split under its floor (one crisis row missed,
    # one opened row asked, two must-open rows). Six rows near an outside11 row are already taken out.
    rows = held_rows("outside12")
    assert len(rows) > 1500
    trained = {row.text.strip().casefold() for row in training_rows()}
    assert [text for text in rows if text.strip().casefold() in trained] == []


def test_the_twelfth_sessions_rows_from_hands_ag_to_ai_wait_in_held() -> None:
    # Written out at the twelfth session (hands12, SOURCES.md): trained on, they moved five pinned behaviours and four
    # product strings that the session's time did not settle. Checked against every evaluation row and every earlier
    # outside row above.
    assert len(held_rows("outside13")) > 1200
