"""What a message is about: the trigger topic and any partner-behaviour signal.

Three readers, most certain first (chosen by measurement on ``tests/topics_eval/dev.tsv``):
1. partner-signal keyword families (``locales/<lang>/topics.yaml``, ``signals``): a listed
   wording of lying, hot-and-cold, dismissal or hidden contact is never second-guessed;
2. a report of asking the partner for reassurance (``asking``) is the reassurance topic;
3. otherwise the linear model (``bot/topic_model.py``) reads the topic or signal; the
   topic keyword families are the floor when it finds nothing.
Every locale's lists are tried, so a message in Spanish is understood in an English chat too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.i18n import I18n
from bot.safety.normalize import normalize
from bot.topic_model import TopicModel

# When several topic keyword families match, the more specific behaviour wins over the general worry.
TOPIC_ORDER = ("monitoring", "comparison", "jealousy", "reassurance", "texting")
SIGNALS = ("lying", "hot_cold", "dismissal", "hidden_contact")
# The model names a partner signal only when fairly sure (three times the uniform 0.1 of its ten
# labels): the path it opens tells the user the concern is real, so a faint guess reads as an
# ordinary worry instead. On dev, 0.25-0.3 read best; 0.5 lost 3 of 38 signals.
SIGNAL_MIN_PROBABILITY = 0.3
RECENT_READINGS = 8


@dataclass(frozen=True, slots=True)
class Reading:
    """The detected topic and partner signal (``none`` when nothing points at the partner)."""

    topic: str
    signal: str
    # The user reports asking the partner for reassurance: the topic, never a question to hand back.
    asking: bool = False
    # How sure the reader is: 1.0 for a keyword or rule, the model's probability otherwise.
    confidence: float = 1.0


class TopicDetector:
    """Keyword families, the report-of-asking rule and the topic model; well under 1 ms a message."""

    def __init__(self, i18n: I18n, model: TopicModel | None = None, *, load_model: bool = True) -> None:
        topics: dict[str, list[str]] = {t: [] for t in TOPIC_ORDER}
        signals: dict[str, list[str]] = {s: [] for s in SIGNALS}
        asking: dict[str, list[str]] = {"act": [], "about": []}
        for locale in i18n.locales:
            data = i18n.data(locale, "topics") or {}
            for section, into in (("topics", topics), ("signals", signals), ("asking", asking)):
                for name, patterns in (data.get(section) or {}).items():
                    if name not in into:
                        raise ValueError(f"locales/{locale}/topics.yaml: unknown {section} entry {name!r}")
                    into[name].extend(patterns)
        self._topics = {name: _family(p, f"topics.{name}") for name, p in topics.items()}
        self._signals = {name: _family(p, f"signals.{name}") for name, p in signals.items()}
        self._asking = {name: _family(p, f"asking.{name}") for name, p in asking.items()}
        # ``load_model=False``: the model is attached later (``bot.warmup``); keywords read until then.
        self.model: TopicModel | None = model or (_load_model(i18n.directory) if load_model else None)
        self._recent: dict[tuple[str, int], Reading] = {}

    def read(self, text: str) -> Reading:
        # The same message is read twice in one step when the reflection check asks before the
        # trigger flow does: the last few readings are kept (a pure function of text and model).
        key = (text, id(self.model))
        reading = self._recent.get(key)
        if reading is None:
            reading = self._read(text)
            if len(self._recent) >= RECENT_READINGS:
                self._recent.clear()  # atomic, so safe should another thread read at the same time
            self._recent[key] = reading
        return reading

    def _read(self, text: str) -> Reading:
        norm = normalize(text)
        signal = next((s for s in SIGNALS if self._signals[s].search(norm)), "none")
        if signal != "none":
            return Reading("partner", signal)
        if self.reports_asking(norm):
            return Reading("reassurance", "none", asking=True)
        if self.model is None:
            return Reading(next((t for t in TOPIC_ORDER if self._topics[t].search(norm)), "other"), "none")
        label, probability = self.model.classify_normalized(norm)
        if label in SIGNALS:
            if probability >= SIGNAL_MIN_PROBABILITY:
                return Reading("partner", label, confidence=probability)
            return Reading("other", "none", confidence=probability)
        if label != "other":
            return Reading(label, "none", confidence=probability)
        return Reading(next((t for t in TOPIC_ORDER if self._topics[t].search(norm)), "other"), "none")

    def reports_asking(self, norm: str) -> bool:
        """"I keep asking him if he loves me": an act of asking, about being loved or staying."""
        return bool(self._asking["act"].search(norm) and self._asking["about"].search(norm))


_NOTHING = re.compile(r"(?!)")


def _family(patterns: list[str], name: str) -> re.Pattern[str]:
    """One alternation per family: one scan of the text instead of one per pattern."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"topics.yaml {name}: {pattern!r}: {exc}") from exc
    if not patterns:
        return _NOTHING
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)")


@lru_cache(maxsize=4)
def _load_model(locales_dir: Path) -> TopicModel:
    # Start-up validates the definitions and then builds the engine: one load serves both.
    return TopicModel.load(locales_dir)
