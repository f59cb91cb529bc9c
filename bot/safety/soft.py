"""The safety model: a three-way linear classifier (crisis, abuse, neither) over character
n-grams, words and the structured detector's categories.

Phrase lists catch only wording someone listed; the model generalises to new wording. It is
trained offline (``python -m bot.safety.train``, scikit-learn) and scored here in pure Python
on purpose: scikit-learn with scipy adds ~108 MB and ~0.6 s to every bot process. Features
here and in training are the same function, so the stored weights mean the same thing in
both places; the file carries a fingerprint of its training data and of this code
(``bot/safety/fingerprint.py``), checked at start-up.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DIMENSIONS = 1 << 18
NGRAMS = (2, 3, 4, 5)
CLASSES = ("crisis", "abuse", "benign")
FORMAT = 2
# A category found by the structured detector weighs like several n-grams: it stands for a
# whole family of wordings.
CATEGORY_WEIGHT = 3.0
# Parts that mean nothing alone ("today", "pills", "my kids", "right now"): the rules combine
# them, the model does not see them, so "I just feel off today" is not a time frame for harm.
RULE_ONLY = frozenset({"c_time", "c_means", "c_intent", "a_now", "a_children_pets", "a_images", "a_share",
                       "a_threat_frame", "c_elsewhere", "a_if_leave", "a_afraid",
                       # story9: read by the rules only; a retrain that learnt them moved unrelated rows.
                       "a_threat_told", "a_their_told", "a_if_told",
                       # open10: the scene under way and brief threats, read by the rules only (tiers.TOLD_REASONS).
                       "a_breaking_in", "a_hunted", "a_hid", "a_drunk_violence", "a_threat_brief"})


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """Which features a model reads; the training script and the model selection vary it."""

    ngrams: tuple[int, ...] = NGRAMS
    pairs: bool = True  # word bigrams
    category_weight: float = CATEGORY_WEIGHT
    stem: bool = False  # words also as a crude stem (en/es suffixes cut)
    negation: bool = False  # words after a negation marked as negated ("not:hurt")
    across: tuple[int, ...] = ()  # character n-grams that span a word boundary ("e myse", "o me ma")


SPEC = FeatureSpec()
_STEM = re.compile(r"(?:amente|mente|aciones|acion|iendo|ando|ados|adas|idos|idas|ado|ada|ido|ida|"
                   r"aba|aban|ing|edly|ed|ly|es|s)$")
_NEGATION = frozenset({"not", "no", "never", "don't", "can't", "won't", "didn't", "isn't", "wasn't", "nunca",
                       "jamas", "ni", "tampoco", "doesn't", "wouldn't", "haven't", "nothing", "nada"})
# How many words after a negation it covers ("i'm not going to hurt myself").
NEGATION_SPAN = 3


def features(norm: str, categories: Iterable[str] = (), spec: FeatureSpec = SPEC) -> dict[int, float]:
    """Hashed character n-grams inside word boundaries, word uni/bigrams and detector categories.

    ``norm`` is already normalised (``bot.safety.normalize.normalize``); L2-normalised.
    """
    if spec is SPEC or spec == SPEC:
        return _shipped_features(norm, categories)
    counts: dict[int, float] = {}
    words = norm.split()
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        for n in spec.ngrams:
            grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    if spec.across:
        line = f" {' '.join(words)} "
        for n in spec.across:
            grams += [f"x:{line[i:i + n]}" for i in range(len(line) - n + 1) if " " in line[i + 1:i + n - 1]]
    grams += [f"w:{w}" for w in words]
    if spec.pairs:
        grams += [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    if spec.stem:
        grams += [f"s:{_STEM.sub('', w)}" for w in words if len(w) > 4]
    if spec.negation:
        left = 0
        for word in words:
            if word in _NEGATION:
                left = NEGATION_SPAN
            elif left:
                grams.append(f"n:{word}")
                left -= 1
    for gram in grams:
        index = zlib.crc32(gram.encode("utf-8")) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + 1.0
    for index, count in counts.items():
        counts[index] = 1.0 + math.log(count)
    for name in categories:
        if name in RULE_ONLY:
            continue
        index = zlib.crc32(f"cat:{name}".encode()) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + spec.category_weight
    norm2 = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {i: v / norm2 for i, v in counts.items()}


def word_gram_indices(words: list[str], ngrams: tuple[int, ...], mask: int) -> list[int]:
    """Hashed char n-grams of each padded word, in order; shared with ``bot.topic_model``."""
    crc = zlib.crc32
    indices: list[int] = []
    for word in words:
        padded = f" {word} ".encode()
        size = len(padded)
        if size != len(word) + 2:  # not ASCII: n-grams are of characters, not bytes
            text = f" {word} "
            indices += [crc(text[i:i + n].encode()) & mask for n in ngrams for i in range(max(1, len(text) - n + 1))]
            continue
        indices += [crc(padded[i:i + n]) & mask for n in ngrams for i in range(max(1, size - n + 1))]
    return indices


def _shipped_features(norm: str, categories: Iterable[str]) -> dict[int, float]:
    """``features`` with the shipped ``SPEC``, written for speed: the same grams in the same order.

    Every typed message goes through it. CRC-32 continues from a prefix's value, so "w:" + word
    is hashed without building the string; ASCII words are sliced as bytes. The indices' first
    appearances, and so the dict's order and every later sum, are those of the plain loop
    (tests/test_speed_pinning.py compares both on every corpus).
    """
    words = norm.split()
    crc, mask = zlib.crc32, DIMENSIONS - 1
    indices = word_gram_indices(words, NGRAMS, mask)
    indices += [crc(w.encode(), _W) & mask for w in words]
    indices += [crc(f"{a} {b}".encode(), _B) & mask for a, b in itertools.pairwise(words)]
    log = math.log
    counts = {i: 1.0 + log(c) for i, c in Counter(indices).items()}
    weight = SPEC.category_weight
    for name in categories:
        if name in RULE_ONLY:
            continue
        index = crc(f"cat:{name}".encode()) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + weight
    norm2 = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {i: v / norm2 for i, v in counts.items()}


_W, _B = zlib.crc32(b"w:"), zlib.crc32(b"b:")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Probabilities at which the model opens a path at once, or asks "are you safe?"."""

    open_crisis: float
    open_abuse: float
    ask: float


@dataclass(frozen=True)
class SoftModel:
    """Per-class weights by feature index, biases, thresholds and the training fingerprint."""

    weights: dict[str, dict[int, float]]
    bias: dict[str, float]
    thresholds: Thresholds
    fingerprint: str = ""

    @classmethod
    def load(cls, path: Path) -> SoftModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path.name}: format {data.get('format')!r}, expected {FORMAT}")
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict) -> SoftModel:  # type: ignore[type-arg]
        weights = {c: {int(k): float(v) for k, v in data["weights"][c].items()} for c in CLASSES}
        return cls(weights, {c: float(data["bias"][c]) for c in CLASSES}, Thresholds(**data["thresholds"]),
                   str(data.get("fingerprint", "")))

    @classmethod
    def silent(cls) -> SoftModel:
        """A model that never opens or asks: used only until the real one has loaded."""
        return cls({c: {} for c in CLASSES}, dict.fromkeys(CLASSES, 0.0), Thresholds(2.0, 2.0, 2.0))

    def __post_init__(self) -> None:
        # One lookup per feature for all three classes (the hot path of every message).
        rows: dict[int, tuple[float, float, float]] = {}
        for index in set().union(*(self.weights[c] for c in CLASSES)):
            rows[index] = tuple(self.weights[c].get(index, 0.0) for c in CLASSES)  # type: ignore[assignment]
        object.__setattr__(self, "_rows", rows)

    def probabilities(self, feats: dict[int, float]) -> dict[str, float]:
        """Softmax over the three classes."""
        rows: dict[int, tuple[float, float, float]] = self._rows  # type: ignore[attr-defined]
        bias = self.bias
        s0, s1, s2 = bias[CLASSES[0]], bias[CLASSES[1]], bias[CLASSES[2]]
        get = rows.get
        for index, value in feats.items():  # in the features' order: the same sums, bit for bit
            row = get(index)
            if row is not None:
                w0, w1, w2 = row
                s0 += w0 * value
                s1 += w1 * value
                s2 += w2 * value
        z = dict(zip(CLASSES, (s0, s1, s2), strict=True))
        top = max(z.values())
        exp = {c: math.exp(v - top) for c, v in z.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}
