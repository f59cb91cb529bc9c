"""The bot's own words typed back to it: the model's lean alone does not judge them (twelfth session, hands12).

People quote the bot: a tip they liked, the quiet-hours line, a menu entry. Each retrain with outside writers'
rows moved a few of these across the model's lines (``tests/test_safety_vocabulary.py``), and the everyday rows
written to hold them back (``en/es_counter14.yaml``, held) cost crisis questions on outside wording. A message that
*is* one of the product's own messages (variables may hold anything up to ``VARIABLE_CHARS`` characters, nothing
added before or after) is not the user's own account of risk, so a signal found only by the model is dropped.
Phrase lists and the detector's rules still open or ask as everywhere else, and the texts of the safety paths,
the safety question and the safety plan are never on the list: "Someone is hurting me" is a button of the safety
question, and typed as a first message it is what it says.
"""

from __future__ import annotations

import re

from bot.i18n import I18n
from bot.safety.normalize import normalize
from bot.safety.screen import SafetySignal

# Where a placeable stands (a variable, a term, a plural): a name, a time, a country, a count. Longer content is
# the user's own words.
VARIABLE_CHARS = 60
# Fewer literal words than this are fragments ("3 days", "Skip"): short messages have
# their own rules (the ordinary list, one or two words without a category).
MIN_WORDS = 3
# Never the bot's "own words" in this sense: the safety paths, their resources and the safety plan, whose labels
# and examples say risk in the first person.
SAFETY_FILES = frozenset({"safety.ftl"})
SAFETY_KEYS = ("safety-", "crisis-", "abuse-", "plan-", "resource-")


class ProductWords:
    """Each locale's product messages as full-message patterns over the normalised text."""

    def __init__(self, i18n: I18n) -> None:
        # Messages without a placeable are compared whole (most of them); the others by one pattern each, so
        # start-up compiles a hundred small patterns rather than one of a thousand alternatives (~0.2 s).
        self._whole: dict[str, frozenset[str]] = {}
        self._patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        for locale in i18n.locales:
            whole, gaps = _messages(i18n, locale)
            self._whole[locale] = frozenset(whole)
            self._patterns[locale] = tuple(re.compile(body) for body in sorted(set(gaps)))

    def said_back(self, text: str, locale: str) -> bool:
        """True when ``text`` is one of the product's messages in ``locale``, as the bot words it."""
        norm = normalize(text)
        return norm in self._whole.get(locale, ()) or any(p.fullmatch(norm) for p in self._patterns.get(locale, ()))

    def quiet(self, text: str, locale: str, signal: SafetySignal | None) -> bool:
        """True when ``signal`` came from the model alone and ``text`` is the bot's own message."""
        return (signal is not None and signal.tier == "model" and signal.reason.startswith("model")
                and self.said_back(text, locale))


def _messages(i18n: I18n, locale: str) -> tuple[list[str], list[str]]:
    """The product messages of ``locale`` (parsed Fluent), safety texts left out: whole normalised texts, and one
    regular expression for each message with a placeable."""
    whole: list[str] = []
    out: list[str] = []
    gap = f".{{0,{VARIABLE_CHARS}}}?"
    for key, path in i18n.keys(locale).items():
        message = i18n.message(locale, key)
        if path.name in SAFETY_FILES or key.startswith(SAFETY_KEYS) or message is None or message.value is None:
            continue
        # Text elements are kept; every placeable (a variable, a term, a plural's variants) is a gap.
        parts, current = [], ""
        for element in message.value.elements:
            if type(element).__name__ == "TextElement":
                current += element.value
            else:
                parts.append(normalize(current))
                current = ""
        parts.append(normalize(current))
        literal = [part for part in parts if part]
        if sum(len(part.split()) for part in literal) < MIN_WORDS:
            continue
        if len(parts) == 1:
            whole.append(parts[0])
            continue
        # A gap at either end may be filled or empty; between two literal parts it also absorbs the space.
        body = gap.join(re.escape(part) for part in literal)
        if not parts[0]:
            body = gap + body
        if not parts[-1]:
            body += gap
        out.append(body)
    return whole, out
