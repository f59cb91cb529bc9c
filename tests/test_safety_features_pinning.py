"""The safety model's fast features equal their plain definition, in value and order, on every corpus text."""

from __future__ import annotations

import itertools
import math
import zlib

from bot.safety.corpus import training_rows
from bot.safety.normalize import variants
from bot.safety.soft import CATEGORY_WEIGHT, DIMENSIONS, NGRAMS, RULE_ONLY, features

CATEGORIES = ("c_intent", "c_means", "c_wish", "a_physical", "c_time", "a_monitor")


def _plain_features(norm: str, categories: tuple[str, ...]) -> dict[int, float]:
    """``bot.safety.soft.features`` with the shipped spec, as first written."""
    counts: dict[int, float] = {}
    words = norm.split()
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        for n in NGRAMS:
            grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    grams += [f"w:{w}" for w in words]
    grams += [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for gram in grams:
        index = zlib.crc32(gram.encode("utf-8")) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + 1.0
    for index, count in counts.items():
        counts[index] = 1.0 + math.log(count)
    for name in categories:
        if name in RULE_ONLY:
            continue
        index = zlib.crc32(f"cat:{name}".encode()) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + CATEGORY_WEIGHT
    norm2 = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {i: v / norm2 for i, v in counts.items()}


def test_the_safety_features_equal_their_plain_definition_on_every_training_text() -> None:
    texts = [row.text for row in training_rows()]
    texts += [t.upper() for t in texts[::5]] + ["estoy 😭 con él, ¿qué hago? ça va 日本語", "ok 👍", ""]
    differ = []
    for k, text in enumerate(texts):
        norm = variants(text)[0]
        categories = CATEGORIES[:k % (len(CATEGORIES) + 1)]
        if list(features(norm, categories).items()) != list(_plain_features(norm, categories).items()):
            differ.append(text)
    assert differ[:5] == []
