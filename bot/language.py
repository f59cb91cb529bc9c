"""Which of our languages a first message is written in, cheaply, or None when it is unclear.

Hand-written on purpose: general detectors (langid, lingua) tell a hundred languages apart
with models of tens of megabytes and still guess on two-word messages. We only choose between
the locales we ship, so a vote of common words per locale (``locales/<lang>/language.yaml``)
is deterministic, costs microseconds and can say "unclear" for short or mixed text, where the
platform's locale hint is the better guide.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from bot.i18n import I18n

if TYPE_CHECKING:
    from bot.turn import Turn

# A verdict needs this many more telling words for one language than for any other.
MARGIN = 2
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _plain(text: str) -> str:
    """Lowercase without accents, curly apostrophes made straight ("Está" -> "esta")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    if decomposed.isascii():
        return decomposed  # no ASCII character combines
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class LanguageGuess:
    """Votes the words of a message against each locale's list of telling words."""

    def __init__(self, i18n: I18n) -> None:
        self.words: dict[str, frozenset[str]] = {}
        self.marks: dict[str, str] = {}
        # A whole message that is a greeting or a thanks of one language only ("hola", "gracias")
        # is short but not ambiguous (locales/<lang>/smalltalk.yaml).
        phrases: dict[str, set[str]] = {}
        for locale in i18n.locales:
            data = i18n.data(locale, "language") or {}
            self.words[locale] = frozenset(_plain(w) for w in data.get("words", ()))
            self.marks[locale] = str(data.get("marks", ""))
            talk = i18n.data(locale, "smalltalk") or {}
            for phrase in [*talk.get("greeting", ()), *talk.get("thanks", ())]:
                phrases.setdefault(" ".join(_WORD.findall(_plain(str(phrase)))), set()).add(locale)
        self.phrases = {p: next(iter(locs)) for p, locs in phrases.items() if p and len(locs) == 1}

    def scores(self, text: str) -> dict[str, int]:
        """Telling words (and letters such as ñ or ¿) per locale."""
        return self._scores(_WORD.findall(_plain(text)), text)

    def _scores(self, tokens: list[str], text: str) -> dict[str, int]:
        return {
            locale: sum(t in words for t in tokens) + min(2, sum(text.count(m) for m in self.marks[locale]))
            for locale, words in self.words.items()
        }

    def guess(self, text: str) -> str | None:
        """The locale the text is clearly written in, or None when it is short, mixed or unknown."""
        tokens = _WORD.findall(_plain(text))
        whole = " ".join(tokens)
        if whole in self.phrases:
            return self.phrases[whole]
        ranked = sorted(self._scores(tokens, text).items(), key=lambda item: item[1], reverse=True)
        if not ranked:
            return None
        best, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return best if score - runner_up >= MARGIN else None


def adopt_message_language(turn: Turn, guesser: LanguageGuess, text: str) -> bool:
    """Answer a first message in the language it is written in; True when that switched it.

    Decided once per user, by the first message that is clear ("hola" or "ok" keep the
    platform's hint and leave it to the next one), and never after ``/language``. A switch is
    announced with how to choose (offered, not imposed).
    """
    settings = turn.settings
    if settings.get("language_checked") or settings.get("locale_chosen"):
        return False
    guess = guesser.guess(text)
    if guess is None:
        return False
    turn.uow.settings_patch["language_checked"] = True
    if guess == turn.locale:
        return False
    turn.locale = guess
    turn.uow.user_fields["locale"] = guess
    return True
