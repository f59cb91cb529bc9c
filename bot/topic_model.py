"""A small linear model over character n-grams that reads a message's topic or partner signal.

Keyword families (``locales/<lang>/topics.yaml``) only know the wording someone listed; on
fresh first messages they read 30-40% of topics right. This model, trained offline on
``locales/<lang>/topics_train.tsv`` (``python -m bot.care.train_topics``), generalises to new
wording. Scoring is plain Python on purpose, like the safety screen's second tier: numpy and
scikit-learn would add ~100 MB and half a second of start-up to every bot process for what
is a sparse dot product of a few hundred terms.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import sys
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.safety.normalize import normalize
from bot.safety.soft import word_gram_indices

# Changing anything the weights depend on changes the fingerprint, so a stale model is caught.
FEATURE_VERSION = 3  # 2: weights packed as float32; 3: character n-grams across words
DIMENSIONS = 1 << 18
NGRAMS = (2, 3, 4, 5)
# Character n-grams over the whole message, across word boundaries ("left me on", "me on re"):
# short phrases that word bigrams split. Held out on 128 English phrases written by a second
# author, topics read right went from 79.7% to 85.2% (3-fold, C=20); dev and dev2 stayed level.
PHRASE_NGRAMS = (4, 5, 6)
# What the classifier chooses between: the five topics, the four partner signals, and other.
LABELS = ("texting", "monitoring", "comparison", "jealousy", "reassurance",
          "lying", "hot_cold", "dismissal", "hidden_contact", "other")
TRAINING = {"C": 20.0, "min_df": 1, "seed": 0}
MODEL_FILE = "topic_model.json"
TRAIN_FILE = "topics_train.tsv"


def features(text: str) -> dict[int, float]:
    """Hashed character 2-5-grams inside padded words, 4-6-grams across them, word uni- and bigrams; L2-normalised."""
    return normalized_features(normalize(text))


def normalized_features(norm: str) -> dict[int, float]:
    """``features`` of text that ``bot.safety.normalize.normalize`` already folded."""
    # Runs on every message that reaches the trigger flow, so written for speed; the grams and
    # their order (and so every sum) are those of the plain definition kept in
    # tests/test_speed_pinning.py, which checks both agree on every corpus.
    words = norm.split()
    crc, mask = zlib.crc32, _MASK
    indices = [crc(w.encode("utf-8"), _W) & mask for w in words]
    indices += [crc(f"{a} {b}".encode(), _B) & mask for a, b in itertools.pairwise(words)]
    indices += word_gram_indices(words, NGRAMS, mask)
    whole = f" {' '.join(words)} "
    indices += [crc(whole[i:i + n].encode(), _X) & mask for n in PHRASE_NGRAMS
                for i in range(max(1, len(whole) - n + 1))]
    counts = Counter(indices)
    scaled = {i: 1.0 + math.log(c) for i, c in counts.items()}
    length = math.sqrt(sum(v * v for v in scaled.values())) or 1.0
    return {i: v / length for i, v in scaled.items()}


_MASK = DIMENSIONS - 1  # DIMENSIONS is a power of two: ``& _MASK`` is ``% DIMENSIONS``
# CRC-32 continues from a prefix's value, so "w:" + word is hashed without building the string.
_W, _B, _X = zlib.crc32(b"w:"), zlib.crc32(b"b:"), zlib.crc32(b"x")


def training_files(locales_dir: Path) -> list[Path]:
    return sorted(locales_dir.glob(f"*/{TRAIN_FILE}"))


def fingerprint(locales_dir: Path) -> str:
    """SHA-256 over the training phrases, the feature version and the training settings."""
    digest = hashlib.sha256(json.dumps([FEATURE_VERSION, DIMENSIONS, NGRAMS, PHRASE_NGRAMS, LABELS, TRAINING]).encode())
    for path in training_files(locales_dir):
        digest.update(path.relative_to(locales_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pack(values: array) -> str:
    """Little-endian bytes of a 4-byte array as base64: parsed in milliseconds, unlike 150k JSON numbers."""
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return base64.b64encode(values.tobytes()).decode("ascii")


def unpack(typecode: str, text: str) -> array:
    values = array(typecode)
    values.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        values.byteswap()
    return values


@dataclass(frozen=True, slots=True)
class TopicModel:
    """Weights of each used feature for every label (row-major); ``classify`` gives the likeliest label."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    rows: dict[int, int]  # feature index -> offset of its row in ``weights``
    weights: array

    @classmethod
    def load(cls, locales_dir: Path) -> TopicModel:
        """Load ``locales/topic_model.json``; a missing or stale file raises ValueError naming it."""
        path = locales_dir / MODEL_FILE
        retrain = "run `python -m bot.care.train_topics`"
        if not path.exists():
            raise ValueError(f"{path} is missing: {retrain}")
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint(locales_dir):
            raise ValueError(f"{path} is stale (its training phrases or features changed): {retrain}")
        labels = tuple(data["labels"])
        indices = unpack("I", data["indices"])
        weights = unpack("f", data["weights"])
        if len(weights) != len(indices) * len(labels):
            raise ValueError(f"{path} is damaged: {retrain}")
        width = len(labels)
        return cls(labels, tuple(data["bias"]), {index: row * width for row, index in enumerate(indices)}, weights)

    def classify(self, text: str) -> tuple[str, float]:
        return self.classify_normalized(normalize(text))

    def classify_normalized(self, norm: str) -> tuple[str, float]:
        feats = normalized_features(norm)
        width = len(self.bias)
        scores = _scores_ten(self, feats) if width == 10 else _scores(self, feats)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = max(range(width), key=scores.__getitem__)
        return self.labels[best], exps[best] / sum(exps)


def _scores(model: TopicModel, feats: dict[int, float]) -> list[float]:
    """Bias plus weight x value of each feature, label by label, in the features' order."""
    scores = list(model.bias)
    width, weights, rows = len(scores), model.weights, model.rows
    for index, value in feats.items():
        offset = rows.get(index)
        if offset is not None:
            for k in range(width):
                scores[k] += weights[offset + k] * value
    return scores


def _scores_ten(model: TopicModel, feats: dict[int, float]) -> list[float]:
    """``_scores`` for ten labels (``LABELS``), unrolled: a third less time a message, the same sums."""
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 = model.bias
    weights, rows = model.weights, model.rows
    for index, value in feats.items():
        o = rows.get(index)
        if o is not None:
            w0, w1, w2, w3, w4, w5, w6, w7, w8, w9 = weights[o:o + 10]
            s0 += w0 * value
            s1 += w1 * value
            s2 += w2 * value
            s3 += w3 * value
            s4 += w4 * value
            s5 += w5 * value
            s6 += w6 * value
            s7 += w7 * value
            s8 += w8 * value
            s9 += w9 * value
    return [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9]
