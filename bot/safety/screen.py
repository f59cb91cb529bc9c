"""Phrase-list screening for crisis (self-harm, suicide) and abuse (violence, threats, control).

Phrase lists are data in ``locales/<lang>/safety.yaml``; each entry is a regular expression
matched against normalised text. Negations and figures of speech are listed there too, and
an item is dropped only when the negation or figure covers the very span that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.i18n import I18n
from bot.safety.normalize import normalize

SignalKind = Literal["crisis", "abuse"]


@dataclass(frozen=True, slots=True)
class SafetySignal:
    """A detected signal and the phrase id that matched (never the user's text)."""

    kind: SignalKind
    reason: str


class SafetyScreen(Protocol):
    def screen(self, text: str, locale: str) -> SafetySignal | None: ...


@dataclass(frozen=True, slots=True)
class _Rules:
    crisis: tuple[tuple[str, re.Pattern[str]], ...]
    abuse: tuple[tuple[str, re.Pattern[str]], ...]
    exceptions: tuple[re.Pattern[str], ...]


def _compile(entries: object, where: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for index, pattern in enumerate(entries or []):  # type: ignore[union-attr]
        try:
            out.append((f"{where}#{index}", re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")))
        except re.error as exc:
            raise ValueError(f"{where} pattern {index} ({pattern!r}): {exc}") from exc
    return tuple(out)


class PhraseScreen:
    """Matches every locale's phrase lists, so a Spanish message is caught in an English chat too."""

    def __init__(self, i18n: I18n) -> None:
        self._rules: dict[str, _Rules] = {}
        for locale in i18n.locales:
            data = i18n.data(locale, "safety") or {}
            where = f"locales/{locale}/safety.yaml"
            self._rules[locale] = _Rules(
                crisis=_compile(data.get("crisis"), f"{where} crisis"),
                abuse=_compile(data.get("abuse"), f"{where} abuse"),
                exceptions=tuple(p for _, p in _compile(data.get("not_a_signal"), f"{where} not_a_signal")),
            )

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        norm = normalize(text)
        if not norm:
            return None
        order = [locale, *(loc for loc in self._rules if loc != locale)]
        for kind in ("crisis", "abuse"):
            for loc in order:
                rules = self._rules.get(loc)
                if rules is None:
                    continue
                for reason, pattern in getattr(rules, kind):
                    for match in pattern.finditer(norm):
                        if not _excused(norm, match, rules.exceptions):
                            return SafetySignal(kind, reason)  # type: ignore[arg-type]
        return None


def _excused(text: str, match: re.Match[str], exceptions: tuple[re.Pattern[str], ...]) -> bool:
    """True when a negation or figure of speech covers the whole matched span."""
    start, end = match.span()
    return any(e.start() <= start and e.end() >= end for ex in exceptions for e in ex.finditer(text))
