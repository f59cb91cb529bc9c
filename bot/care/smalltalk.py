"""Small talk is not a worry: "hi", "thanks", "ok", "😭😭😭" and keyboard mash get their own reply.

The phrase lists are data (``locales/<lang>/smalltalk.yaml``, ``locales/emoji.yaml``). A message
counts as small talk only when nothing is left once its known phrases are taken out, so "hi, he
hasn't texted back" is still a worry. The safety screen has already run on the text by then.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from bot.i18n import I18n
from bot.turn import Router, Turn

# Which reply wins when a message mixes kinds ("hi, thanks!" is a thank-you).
PRIORITY = ("thanks", "greeting", "okay")
_NOT_WORD = re.compile(r"[^\w' ]+")
_STRETCH = re.compile(r"(\w)\1+")
_VOWELS = frozenset("aeiouy")
_MASH_RUN = re.compile(r"[^aeiouy\d\s']{5,}")


def fold(text: str) -> str:
    """Lower case, no accents or punctuation, stretched letters squeezed ("Holaaa!!" -> "hola")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    # No ASCII character combines: most chat text skips the walk over its characters.
    plain = decomposed if decomposed.isascii() else "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", plain).split()
    return " ".join(_STRETCH.sub(r"\1", w) for w in words)


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0f\ufe0e"


@dataclass(frozen=True, slots=True)
class SmallTalkReader:
    """Classifies whole messages as greeting, thanks, okay, distress, unclear or number."""

    phrases: dict[str, dict[tuple[str, ...], str]]  # locale -> folded phrase words -> kind
    distress: frozenset[str]
    # Every language's phrases with the chat's own winning, and the longest phrase, per chat locale.
    _tables: dict[str, tuple[dict[tuple[str, ...], str], int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_i18n(cls, i18n: I18n) -> SmallTalkReader:
        phrases: dict[str, dict[tuple[str, ...], str]] = {}
        for locale in i18n.locales:
            data = i18n.data(locale, "smalltalk") or {}
            table: dict[tuple[str, ...], str] = {}
            for kind in (*reversed(PRIORITY), "filler"):
                for phrase in data.get(kind) or []:
                    if not isinstance(phrase, str):
                        raise ValueError(f"locales/{locale}/smalltalk.yaml {kind}: {phrase!r} is not text")
                    table[tuple(fold(phrase).split())] = kind
            phrases[locale] = table
        emoji = i18n.shared("emoji") or {}
        return cls(phrases, frozenset(str(e) for e in emoji.get("distress") or []))

    def read(self, text: str, locale: str) -> str | None:
        """The kind of small talk ``text`` is, or None for anything worth listening to as a worry."""
        if not any(c.isalnum() for c in text):
            if any(e in text for e in self.distress):
                return "distress"
            return "okay" if any(_is_emoji(c) for c in text) else "unclear"
        words = fold(text).split()
        if all(w.isdigit() for w in words):
            return "number"
        kinds = self._cover(words, locale)
        if kinds is not None:
            if any(e in text for e in self.distress):
                return "distress"
            return next((k for k in PRIORITY if k in kinds), None)
        if len(words) <= 3 and all(_looks_like_mash(w) for w in words):
            return "unclear"
        return None

    def _cover(self, words: list[str], locale: str) -> set[str] | None:
        """The kinds of the known phrases that make up all of ``words``, or None if something is left."""
        # "vale" in an English chat is still an ok: every language's phrases count, the chat's own first.
        known = self._tables.get(locale)
        if known is None:
            table = {k: v for loc in self.phrases if loc != locale for k, v in self.phrases[loc].items()}
            table.update(self.phrases.get(locale, {}))
            known = self._tables[locale] = (table, max((len(p) for p in table), default=0))
        table, longest = known
        kinds: set[str] = set()
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                kind = table.get(tuple(words[i:i + size]))
                if kind is not None:
                    kinds.add(kind)
                    i += size
                    break
            else:
                return None
        return kinds - {"filler"} or None


def _looks_like_mash(word: str) -> bool:
    """Keyboard mash such as "asdfgh" or "xkcd": no vowel at all, or a long run without one."""
    if word.isdigit():
        return False
    return len(word) == 1 or not (_VOWELS & set(word)) or bool(_MASH_RUN.search(word))


@cache
def reader(i18n: I18n) -> SmallTalkReader:
    """One reader per loaded set of locales (cached)."""
    return SmallTalkReader.from_i18n(i18n)


def small_talk_kind(turn: Turn) -> str | None:
    return reader(turn.engine.i18n).read(str(turn.data.get("text") or ""), turn.locale)


async def route_small_talk(turn: Turn) -> str:
    """The trigger's first step: ask what happened, answer small talk, or open a worry."""
    if not turn.data.get("text") and not turn.data.get("args"):
        return "ask_what"
    if not turn.data.get("text"):
        turn.data["text"] = turn.data.get("args")
    return "smalltalk:" if small_talk_kind(turn) else "open"


async def route_small_talk_reply(turn: Turn) -> str:
    """Inside the small-talk flow: which reply fits ("number" means a stale answer to nothing)."""
    kind = small_talk_kind(turn) or "unclear"
    return "nothing_open" if kind == "number" else kind


ROUTERS: dict[str, Router] = {"small_talk": route_small_talk, "small_talk_reply": route_small_talk_reply}
