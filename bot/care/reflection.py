"""Not a reassurance machine: questions asking for a verdict or mind-reading get a reflection.

The patterns are data in ``locales/<lang>/reassurance.yaml``. The interceptor claims free
text when no flow is waiting for an answer: a question typed while a step waits for free
text (the user's own words for /communicate, a safety-plan answer) is that answer, and a
typed choice stays a choice, and a question around a real partner-behaviour signal (lying,
hot and cold, dismissal, hidden contact) goes to the trigger flow, which names the signal,
as does a report of asking the partner ("I keep asking her whether she still wants me").
Anywhere else, a reassurance question gets a reflection.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from bot.i18n import I18n
from bot.safety.normalize import normalize
from bot.turn import Action, Turn

if TYPE_CHECKING:
    from bot.topics import TopicDetector

# The most specific reading first: a question about love or fidelity is handed back as such.
CATEGORIES = ("love", "mind", "self")
# A partner signal the topic model only half-believes does not outweigh a plain question to the
# bot ("¿qué quiso decir con eso?" once read as hidden contact at 0.35); keyword signals always do.
SIGNAL_OVER_QUESTION = 0.5


class ReassuranceDetector:
    """Which kind of reassurance a message asks for, if any."""

    def __init__(self, i18n: I18n) -> None:
        self._patterns: dict[str, list[re.Pattern[str]]] = {c: [] for c in CATEGORIES}
        for locale in i18n.locales:
            data = i18n.data(locale, "reassurance") or {}
            for category in CATEGORIES:
                for index, pattern in enumerate(data.get(category) or []):
                    try:
                        self._patterns[category].append(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"))
                    except re.error as exc:
                        raise ValueError(f"locales/{locale}/reassurance.yaml {category} #{index}: {exc}") from exc

    def read(self, text: str) -> str | None:
        norm = normalize(text)
        return next((c for c in CATEGORIES if any(p.search(norm) for p in self._patterns[c])), None)


@cache
def detector(i18n: I18n) -> ReassuranceDetector:
    """One compiled detector per loaded set of locales (cached)."""
    return ReassuranceDetector(i18n)


def wants_reflection(i18n: I18n, topics: TopicDetector, text: str) -> bool:
    """True when the text asks the bot for a verdict, not about a real partner signal."""
    if detector(i18n).read(text) is None:
        return False
    # "He lied again, am I overreacting?" describes a real signal: the trigger flow says so
    # plainly (VOICE.md: real signals are real) instead of handing the question back.
    # "I keep asking him if he loves me" reports the loop itself: the trigger flow's
    # reassurance topic meets it, where handing the question back would miss it.
    reading = topics.read(text)
    real_signal = reading.signal != "none" and reading.confidence >= SIGNAL_OVER_QUESTION
    return not real_signal and not reading.asking


def is_typed_choice(turn: Turn, text: str) -> bool:
    """True when the text answers the current step's buttons (its number, id or label)."""
    step = turn.engine.current_step(turn)
    if step is None:
        return False
    wanted = text.strip().lower().rstrip(".")
    return any(wanted in (str(i), c.id, turn.engine.i18n.text(turn.locale, c.label).lower())
               for i, c in enumerate(step.choices, start=1))


async def reassurance_interceptor(turn: Turn, text: str) -> str | None:
    """Send a reassurance question to the reflection flow, unless a step is waiting for words."""
    step = turn.engine.current_step(turn)
    if step is not None and step.input is not None:
        return None
    if is_typed_choice(turn, text):
        return None
    if not wants_reflection(turn.engine.i18n, turn.engine.topics, text):
        return None
    turn.flow = turn.step = None
    turn.data = {}
    return "reflection:"


async def pick_reflection(turn: Turn) -> str | None:
    """Choose the reflection that fits the question (the text is carried into the flow)."""
    category = detector(turn.engine.i18n).read(str(turn.data.get("text", ""))) or "self"
    turn.data["reflection"] = category
    return None


ACTIONS: dict[str, Action] = {"pick_reflection": pick_reflection}
