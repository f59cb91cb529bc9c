"""What a message is about: the trigger topic and any partner-behaviour signal.

The words are data in ``locales/<lang>/topics.yaml``; every locale's lists are tried, so a
message in Spanish is understood in an English chat too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import I18n
from bot.safety.normalize import normalize

# When several topics match, the more specific behaviour wins over the general worry.
TOPIC_ORDER = ("monitoring", "comparison", "jealousy", "reassurance", "texting")
SIGNALS = ("lying", "hot_cold", "dismissal", "hidden_contact")


@dataclass(frozen=True, slots=True)
class Reading:
    """The detected topic and partner signal (``none`` when nothing points at the partner)."""

    topic: str
    signal: str
    # The user reports asking the partner for reassurance: the topic, never a question to hand back.
    asking: bool = False


class TopicDetector:
    """Keyword and pattern matching over normalised text; cheap enough for every message."""

    def __init__(self, i18n: I18n) -> None:
        self._topics: dict[str, list[re.Pattern[str]]] = {t: [] for t in TOPIC_ORDER}
        self._signals: dict[str, list[re.Pattern[str]]] = {s: [] for s in SIGNALS}
        self._asking: dict[str, list[re.Pattern[str]]] = {"act": [], "about": []}
        for locale in i18n.locales:
            data = i18n.data(locale, "topics") or {}
            for name, patterns in (data.get("topics") or {}).items():
                self._topics[name].extend(_words(patterns))
            for name, patterns in (data.get("signals") or {}).items():
                self._signals[name].extend(_words(patterns))
            for part, patterns in (data.get("asking") or {}).items():
                self._asking[part].extend(_words(patterns))

    def read(self, text: str) -> Reading:
        norm = normalize(text)
        signal = next((s for s in SIGNALS if any(p.search(norm) for p in self._signals[s])), "none")
        if signal != "none":
            return Reading("partner", signal)
        if self.reports_asking(norm):
            return Reading("reassurance", "none", asking=True)
        topic = next((t for t in TOPIC_ORDER if any(p.search(norm) for p in self._topics[t])), "other")
        return Reading(topic, "none")


    def reports_asking(self, norm: str) -> bool:
        """"I keep asking him if he loves me": an act of asking, about being loved or staying."""
        return (any(p.search(norm) for p in self._asking["act"])
                and any(p.search(norm) for p in self._asking["about"]))


def _words(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w)(?:{p})(?!\w)") for p in patterns]
