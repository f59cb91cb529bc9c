"""Phrase-list screening for crisis (self-harm, suicide) and abuse (violence, threats, control).

Phrase lists are data in ``locales/<lang>/safety.yaml``; each entry is a regular expression
matched against normalised text. Negations and figures of speech are listed there too, and
a match is dropped only when a negation or figure covers the very span that matched, so a
longer, worrying phrase around a negation still counts. Intensity words alone ("10/10",
"panicking") are never a signal: only what the person says about harm is.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from bot.i18n import I18n
from bot.safety.literals import ExcuseSpans, LiteralIndex
from bot.safety.normalize import variants

SignalKind = Literal["crisis", "abuse"]
SignalLevel = Literal["open", "ask"]
SignalTier = Literal["phrases", "model"]
KINDS: tuple[SignalKind, ...] = ("crisis", "abuse")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Past this many characters a message is screened on a worker thread: the screen's cost grows
# with the text (a 4,000-character message took 100-400 ms of CPU), and on the event loop that
# is a stall for every other user's step. On a thread the interpreter hands the loop its turn
# every few milliseconds (``sys.getswitchinterval``). The same screen decides either way.
OFF_LOOP_CHARS = 300


@dataclass(frozen=True, slots=True)
class SafetySignal:
    """A detected signal and the phrase id, rule or model that found it (never the user's text).

    ``open`` opens the crisis or abuse path at once; ``ask`` asks directly whether they are safe.
    """

    kind: SignalKind
    reason: str
    level: SignalLevel = "open"
    tier: SignalTier = "phrases"


class SafetyScreen(Protocol):
    def screen(self, text: str, locale: str) -> SafetySignal | None: ...


async def screen_text(screen: SafetyScreen, text: str, locale: str) -> SafetySignal | None:
    """``screen.screen``; off the event loop for a long text (``OFF_LOOP_CHARS``)."""
    if len(text) <= OFF_LOOP_CHARS:
        return screen.screen(text, locale)
    return await asyncio.to_thread(screen.screen, text, locale)


@dataclass(frozen=True, slots=True)
class _Rules:
    crisis: tuple[tuple[str, re.Pattern[str]], ...]
    abuse: tuple[tuple[str, re.Pattern[str]], ...]
    exceptions: tuple[re.Pattern[str], ...]


def _expand(pattern: str, vocab: dict[str, str]) -> str:
    """Fill ``{name}`` placeholders from the file's ``vocab`` (``{0,3}`` quantifiers are left alone)."""
    return _PLACEHOLDER.sub(lambda m: f"(?:{vocab[m.group(1)]})" if m.group(1) in vocab else m.group(0), pattern)


def _compile(entries: Any, where: str, vocab: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for index, pattern in enumerate(entries or []):
        try:
            out.append((f"{where}#{index}", re.compile(rf"(?<!\w)(?:{_expand(pattern, vocab)})(?!\w)")))
        except re.error as exc:
            raise ValueError(f"{where} pattern {index} ({pattern!r}): {exc}") from exc
    return tuple(out)


class PhraseScreen:
    """Matches every locale's phrase lists, so a Spanish message is caught in an English chat too."""

    def __init__(self, i18n: I18n, *, prefilter: bool = True) -> None:
        self._rules: dict[str, _Rules] = {}
        for locale in i18n.locales:
            data = i18n.data(locale, "safety") or {}
            vocab = {str(k): str(v) for k, v in (data.get("vocab") or {}).items()}
            where = f"locales/{locale}/safety.yaml"
            self._rules[locale] = _Rules(
                crisis=_compile(data.get("crisis"), f"{where} crisis", vocab),
                abuse=_compile(data.get("abuse"), f"{where} abuse", vocab),
                exceptions=tuple(p for _, p in _compile(data.get("not_a_signal"), f"{where} not_a_signal", vocab)),
            )
        self._exceptions = tuple(e for rules in self._rules.values() for e in rules.exceptions)
        self._excuses = ExcuseSpans(self._exceptions, prefilter=False)
        self._wants_prefilter = prefilter
        self._prefilter: LiteralIndex | None = None
        # Each rule's place in the screen's loops (kind, locale, position) and its pattern.
        self._where = {reason: (k, loc, position, pattern) for loc, rules in self._rules.items()
                       for k, kind in enumerate(KINDS)
                       for position, (reason, pattern) in enumerate(getattr(rules, kind))}

    def prepare(self) -> None:
        """Index the patterns' necessary strings, so only those that can match are tried.

        ~0.3 s of CPU, so the bot does it with the models, off the event loop
        (``bot.warmup``); until then every pattern is tried, with the same result.
        ``prefilter=False`` never indexes (the pinning tests compare both).
        """
        if not self._wants_prefilter or self._prefilter is not None:
            return
        excuses = ExcuseSpans(self._exceptions, prefilter=True)
        index = LiteralIndex((reason, pattern) for rules in self._rules.values() for kind in KINDS
                             for reason, pattern in getattr(rules, kind))
        # A screen on the loop's thread that sees one of these without the other answers the same.
        self._excuses, self._prefilter = excuses, index

    @property
    def excuse_spans(self) -> ExcuseSpans:
        """Where the exceptions match in a text (indexed once ``prepare`` ran)."""
        return self._excuses

    @property
    def exceptions(self) -> tuple[re.Pattern[str], ...]:
        """Every locale's negations and figures of speech: one language's excuses another's match."""
        return self._exceptions

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        """The first crisis signal, else the first abuse signal, else None."""
        forms = variants(text)
        if not forms[0]:
            return None
        order = [locale, *(loc for loc in self._rules if loc != locale)]
        # The plainest spelling first (stretched letters squeezed to one), so an exception such
        # as "amenazó con matarme" still applies to "aaamenazó con matarme". Within a spelling,
        # crisis wins over abuse: someone describing both needs the crisis line first.
        for norm in reversed(forms):
            # The exceptions' spans in this spelling, found once on the first match: a long
            # message can match many phrases, and each used to rescan every exception.
            spans: list[tuple[int, int]] | None = None
            prefilter, excuses = self._prefilter, self._excuses
            maybe = prefilter.candidates(norm) if prefilter is not None else None
            if maybe is not None:
                # Only the candidates, in the order of the loops below (kind, locale, position):
                # the first uncovered match is the same one, without walking ~450 rules.
                where, rank = self._where, {loc: i for i, loc in enumerate(order)}
                for reason in sorted(maybe, key=lambda r: (where[r][0], rank[where[r][1]], where[r][2])):  # type: ignore[index]
                    for match in where[reason][3].finditer(norm):  # type: ignore[index]
                        if spans is None:
                            spans = excuses.spans(norm)
                        start, end = match.span()
                        if not any(s <= start and e >= end for s, e in spans):
                            return SafetySignal(KINDS[where[reason][0]], reason)  # type: ignore[index]
                continue
            for kind in KINDS:
                for loc in order:
                    rules = self._rules.get(loc)
                    if rules is None:
                        continue
                    for reason, pattern in getattr(rules, kind):
                        for match in pattern.finditer(norm):
                            if spans is None:
                                spans = excuses.spans(norm)
                            start, end = match.span()
                            if not any(s <= start and e >= end for s, e in spans):
                                return SafetySignal(kind, reason)
        return None


def excused(text: str, match: re.Match[str], exceptions: tuple[re.Pattern[str], ...]) -> bool:
    """True when a negation or figure of speech covers the whole matched span (not just part)."""
    start, end = match.span()
    return any(e.start() <= start and e.end() >= end for ex in exceptions for e in ex.finditer(text))
