"""Both tiers of the safety screen as one: phrase lists, then the structured detector and model.

The phrase lists are the deterministic floor and open a path on a match. Then the detector's
rules and the model's probabilities decide together: a clear signal (a plan, means, a time
frame, violence or threats) opens the crisis or abuse path at once, a weaker one asks
directly. Crisis wins over abuse whenever both are present. Short ordinary messages ("ok",
"vale", an emoji) are never asked or opened by this tier.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import I18n
from bot.safety.normalize import variants
from bot.safety.screen import PhraseScreen, SafetySignal
from bot.safety.signals import SignalDetector
from bot.safety.soft import SoftModel, features

# Categories that mean the message is about the user's own life and body: with any of them,
# a signal goes to the crisis path, never the abuse path.
SELF_HARM_CATEGORIES = frozenset({"c_selfharm", "c_access", "c_ending"})


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything both tiers saw in one message, for evaluation and tuning (no user text kept)."""

    signal: SafetySignal | None
    categories: frozenset[str]
    probabilities: dict[str, float]


class TieredScreen:
    """The screen the engine runs on every typed message (``SafetyScreen`` protocol)."""

    def __init__(self, i18n: I18n, model: SoftModel, phrases: PhraseScreen | None = None) -> None:
        self.phrases = phrases or PhraseScreen(i18n)
        self.detector = SignalDetector(i18n.directory, i18n.locales)
        self.model = model

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        return self.assess(text, locale).signal

    def assess(self, text: str, locale: str) -> Assessment:
        hard = self.phrases.screen(text, locale)
        forms = variants(text)
        norm = forms[0]
        if hard is not None:
            return Assessment(hard, frozenset(), {})
        if not norm or self.detector.is_ordinary(norm) or any(self.detector.is_ordinary(f) for f in forms[1:]):
            return Assessment(None, frozenset(), {})
        found = self.detector.found(norm, self.phrases.exceptions)
        probs = self.model.probabilities(features(norm, found))
        return Assessment(self._decide(found, probs), found, probs)

    def _decide(self, found: frozenset[str], probs: dict[str, float]) -> SafetySignal | None:
        limits = self.model.thresholds
        verdict = self.detector.decide(found)
        rule_open = verdict is not None and verdict.level == "open"
        if rule_open and verdict.kind == "crisis":  # type: ignore[union-attr]
            return SafetySignal("crisis", verdict.reason)  # type: ignore[union-attr]
        if probs["crisis"] >= limits.open_crisis:
            return SafetySignal("crisis", "model:crisis")
        if rule_open or probs["abuse"] >= limits.open_abuse:
            if found & SELF_HARM_CATEGORIES:
                return SafetySignal("crisis", "model:crisis", "ask")
            return SafetySignal("abuse", verdict.reason if rule_open else "model:abuse")  # type: ignore[union-attr]
        if verdict is not None or probs["crisis"] + probs["abuse"] >= limits.ask:
            crisis = bool(found & SELF_HARM_CATEGORIES) or probs["crisis"] >= probs["abuse"]
            if verdict is not None and not found & SELF_HARM_CATEGORIES:
                crisis = verdict.kind == "crisis"
            return SafetySignal("crisis" if crisis else "abuse", verdict.reason if verdict else "model", "ask")
        return None
