"""The second tier of the safety screen: a small linear model over character n-grams.

Phrase lists only catch wording someone listed: on fresh phrasings, held-out rounds caught
8–50% of crisis messages before patterns were written for them. A model trained on the
labelled corpus generalises to new wording far better but also flags more look-alikes, so it
never opens the crisis path by itself: it asks, gently, whether the user is safe.

Scoring is hand-written pure Python on purpose: scikit-learn (used offline to train, see
``bot/safety/train.py``) with numpy and scipy adds ~108 MB of memory and ~0.6 s of start-up
to every bot process, against targets of 150 MB and 2 s. The features here and in training
are the same function, so the stored weights mean the same thing in both places.
"""

from __future__ import annotations

import itertools
import json
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

from bot.safety.normalize import normalize
from bot.turn import Turn

DIMENSIONS = 1 << 18
NGRAMS = (2, 3, 4, 5)


def features(text: str) -> dict[int, float]:
    """Hashed character n-grams inside word boundaries plus word uni/bigrams, L2-normalised."""
    norm = normalize(text)
    counts: dict[int, float] = {}
    words = norm.split()
    grams: list[str] = []
    for word in words:
        padded = f" {word} "
        for n in NGRAMS:
            grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    grams += [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for gram in grams:
        index = zlib.crc32(gram.encode("utf-8")) % DIMENSIONS
        counts[index] = counts.get(index, 0.0) + 1.0
    for index, count in counts.items():
        counts[index] = 1.0 + math.log(count)
    norm2 = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {i: v / norm2 for i, v in counts.items()}


@dataclass(frozen=True, slots=True)
class SoftModel:
    """Logistic-regression weights by feature index, and the threshold that asks the question."""

    weights: dict[int, float]
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path) -> SoftModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({int(k): v for k, v in data["weights"].items()}, data["bias"], data["threshold"])

    def score(self, text: str) -> float:
        """Probability-like score that the message carries a crisis or abuse signal."""
        z = self.bias + sum(self.weights.get(i, 0.0) * v for i, v in features(text).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def concerned(self, text: str) -> bool:
        return self.score(text) >= self.threshold


class SoftCheck:
    """Text interceptor: a message the model is concerned about, with no flow running, gets the
    direct question ("are you safe?") before anything else. The phrase lists run first."""

    def __init__(self, model: SoftModel) -> None:
        self.model = model

    async def __call__(self, turn: Turn, text: str) -> str | None:
        waiting_for_words = (turn.flow, turn.step) == ("trigger", "ask_what")
        if turn.flow is not None and not waiting_for_words:
            return None
        return "safety_check:" if self.model.concerned(text) else None
