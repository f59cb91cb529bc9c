"""The model's reading of a long message: the whole, and each sentence and window of it.

A risky sentence after a few hundred characters of ordinary chat is diluted in the whole
message's n-grams (the training rows are chat-sized). So a long message is also read part by
part, and the part most at risk of crisis speaks for it. Short messages are read whole only: their
decisions stay bit-identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.safety.normalize import _RUN3, _base, _expand_shorthand

# Below this many words the message is read whole only (about 120 characters of chat).
LONG_WORDS = 24
# A window about the size of one chat message; half overlapping, so no sentence is cut in two
# without also being read whole in the next window.
WINDOW_WORDS = 12
STRIDE_WORDS = 6
# Shorter parts carry too little for the model to judge alone ("anyway", "lol ok").
MIN_WORDS = 4
# At most this many windows (and sentence groups) per message (each costs about a third of a millisecond): a very
# long message is read with a wider stride, and its sentences are still read one by one.
MAX_WINDOWS = 12
_SENTENCE = re.compile(r"[.!?;\n…]+|\s[-–—]\s")


def normalize_part(text: str) -> str:
    """``normalize`` without its cache: the parts would push the whole message out of it."""
    return _expand_shorthand(_RUN3.sub(r"\1\1", _base(text)))


_CLAUSE = re.compile(r"[.!?;:\n…]+|\s[-–—]\s")


def sentences(text: str) -> list[str]:
    """The typed sentences of ``text`` (punctuation, colons, dashes, line breaks)."""
    return [s for s in _CLAUSE.split(text) if s.strip()]


def parts(text: str, norm: str) -> list[str]:
    """Normalised sentences of ``text`` and word windows of ``norm``; empty for a short message."""
    words = norm.split()
    if len(words) < LONG_WORDS:
        return []
    out: list[str] = []
    sentences = _SENTENCE.split(text)
    size = -(-len(sentences) // MAX_WINDOWS)  # many short lines: read a few at a time
    for start in range(0, len(sentences), size):
        part = normalize_part(" ".join(sentences[start:start + size]))
        if len(part.split()) >= MIN_WORDS and part != norm:
            out.append(part)
    last = max(0, len(words) - WINDOW_WORDS)
    stride = max(STRIDE_WORDS, -(-last // (MAX_WINDOWS - 1)))
    starts = list(range(0, last + 1, stride))
    if starts[-1] != last:
        starts.append(last)  # the end of the message, where the point often is, always read whole
    out += [" ".join(words[s:s + WINDOW_WORDS]) for s in starts]
    return list(dict.fromkeys(out))


def riskiest(whole: dict[str, float], pieces: Iterable[str],
             score: Callable[[str], dict[str, float]]) -> dict[str, float]:
    """The whole's probabilities, with the crisis share of the part read as most at risk if higher.

    Only the crisis reading is raised: the abuse side reads who does what to whom across the
    whole message, and a part's partner words alone ("mi vieja", "el perro") are not abuse.
    """
    best = whole["crisis"]
    for piece in pieces:
        crisis = score(piece)["crisis"]
        if crisis > best:
            best = crisis
    if best == whole["crisis"]:
        return whole
    abuse = min(whole["abuse"], 1.0 - best)
    return {"crisis": best, "abuse": abuse, "benign": max(0.0, 1.0 - best - abuse)}
