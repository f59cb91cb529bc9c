"""The fast safety screen and topic reader decide exactly as the plain ones, on every corpus text.

The screen skips patterns whose necessary strings are not in the text (``bot/safety/literals.py``)
and the topic model scores in an unrolled loop; ``prefilter=False`` and the plain definitions
below are the straightforward paths they must equal: the full assessment (signal kind, level,
tier, reason; categories; probabilities) and the topic model's label and probability, bit for
bit. The frozen test split's texts go through the same comparison, reported as a count only.
"""

from __future__ import annotations

import itertools
import math
import zlib
from functools import cache
from pathlib import Path

import pytest

from bot.i18n import I18n
from bot.safety.corpus import training_rows
from bot.safety.evaluate import EVAL_DIR, load_rows
from bot.safety.literals import LONG_TEXT, necessary
from bot.safety.normalize import normalize, variants
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen
from bot.topic_model import DIMENSIONS, NGRAMS, PHRASE_NGRAMS, TopicModel, normalized_features

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"

# Whole-corpus passes through both screens: minutes of CPU on a slow 2-core machine, not a hang.
pytestmark = pytest.mark.timeout(900)


@cache
def _screens() -> tuple[TieredScreen, TieredScreen]:
    i18n = I18n(LOCALES)
    model = SoftModel.load(LOCALES / "safety_model.json")
    return TieredScreen(i18n, model), TieredScreen(i18n, model, prefilter=False)



def _readable_texts() -> list[tuple[str, str]]:
    """(text, locale) of every corpus in the repository except the frozen test split."""
    texts = [(row.text, row.lang if row.lang in ("en", "es") else "en") for row in training_rows()]
    for path in [EVAL_DIR / "dev.yaml", *sorted(EVAL_DIR.glob("own_*.yaml")), EVAL_DIR / "short_ordinary.yaml"]:
        texts += [(row.text, row.lang) for row in load_rows(path)]
    for path in sorted(LOCALES.glob("*/topics_train.tsv")):
        lang = path.parent.name
        texts += [(line.split("\t", 1)[1], lang) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return texts


def _stretched(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Long messages (either side of ``LONG_TEXT``), shouted ones, and stretched letters ("kiiill")."""
    plain = [t for t, _ in texts]
    out = [(" ".join(plain[i:i + 40])[:size], "en") for size in (300, LONG_TEXT + 200, 4000)
           for i in range(0, min(len(plain), 2000), 400)]
    out += [(t.upper(), lang) for t, lang in texts[::7]]
    out += [(t.replace("i", "iii").replace("o", "ooo"), lang) for t, lang in texts[3::7]]
    return out


def _mismatches(texts: list[tuple[str, str]]) -> list[int]:
    fast, plain = _screens()
    out = []
    for index, (text, locale) in enumerate(texts):
        norm = variants(text)[0]
        exceptions = fast.phrases.exceptions
        # The categories' iteration order too: the model sums its features in that order.
        same = (fast.phrases.screen(text, locale) == plain.phrases.screen(text, locale)
                and tuple(fast.detector.found_in(text, norm, exceptions))
                == tuple(plain.detector.found_in(text, norm, exceptions))
                and fast.assess(text, locale) == plain.assess(text, locale))
        if not same:
            out.append(index)
    return out


def test_every_safety_pattern_in_the_locales_has_a_literal_the_prefilter_can_use() -> None:
    fast, _ = _screens()
    patterns = [p for items in fast.detector.categories.values() for p in items]
    assert all(necessary(p) for p in patterns)


@pytest.mark.parametrize("part", ["corpora", "long_shouted_stretched"])
def test_the_prefiltered_screen_assesses_every_corpus_text_as_the_plain_screen(part: str) -> None:
    texts = _readable_texts()
    if part != "corpora":
        texts = _stretched(texts)
    differ = _mismatches(texts)
    assert [texts[i] for i in differ[:5]] == []


def test_the_prefiltered_screen_assesses_every_frozen_test_text_as_the_plain_screen() -> None:
    # Compares two implementations only: the rows are neither printed nor looked at.
    rows = load_rows(EVAL_DIR / "test.yaml")
    differ = len(_mismatches([(row.text, row.lang) for row in rows]))
    assert differ == 0


def _plain_features(norm: str) -> dict[int, float]:
    """The topic model's features as first defined (before they were written for speed)."""
    words = norm.split()
    counts: dict[int, float] = {}
    grams = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f" {word} "
        for n in NGRAMS:
            grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    whole = f" {' '.join(words)} "
    for n in PHRASE_NGRAMS:
        grams += ["x" + whole[i:i + n] for i in range(max(1, len(whole) - n + 1))]
    for gram in grams:
        index = zlib.crc32(gram.encode("utf-8")) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + 1.0
    scaled = {i: 1.0 + math.log(c) for i, c in counts.items()}
    length = math.sqrt(sum(v * v for v in scaled.values())) or 1.0
    return {i: v / length for i, v in scaled.items()}


def _plain_classify(model: TopicModel, norm: str) -> tuple[str, float]:
    scores = list(model.bias)
    width, weights = len(scores), model.weights
    for index, value in _plain_features(norm).items():
        offset = model.rows.get(index)
        if offset is not None:
            for k in range(width):
                scores[k] += weights[offset + k] * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    best = max(range(width), key=scores.__getitem__)
    return model.labels[best], exps[best] / sum(exps)


def test_the_topic_model_reads_every_corpus_text_as_its_plain_definition() -> None:
    model = TopicModel.load(LOCALES)
    texts = _readable_texts()
    texts += _stretched(texts)
    texts += [("estoy 😭 con él, ¿qué hago? ça va 日本語", "es"), ("ok 👍", "en")]  # characters, not bytes
    differ = []
    for text, _ in texts:
        norm = normalize(text)
        same = (list(normalized_features(norm).items()) == list(_plain_features(norm).items())
                and model.classify_normalized(norm) == _plain_classify(model, norm))
        if not same:
            differ.append(text)
    assert differ[:5] == []
