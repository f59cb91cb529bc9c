"""The structured detector: what a message says about harm, as categories, combined by rules.

Phrase lists match sentences someone wrote down; this matches the *parts* of a message
(intent, means, a time frame, a self-harm act; who does what to whom: violence, threats,
intimate images, monitoring, money, isolation, humiliation, fear) from
``locales/<lang>/safety_signals.yaml`` and combines them with the rules in
``locales/safety_signals.yaml``, so "I have the pills here and I'm going to take them" is a
plan whatever its wording. The categories are also features of the model (``bot/safety/soft``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.safety.literals import ExcuseSpans, LiteralIndex
from bot.safety.means import CATEGORIES as MEANS_CATEGORIES
from bot.safety.means import MeansLexicon
from bot.safety.patterns import joined_patterns
from bot.safety.screen import KINDS, SignalKind
from bot.yamlfile import read_yaml

# ``lean``: opens when the model agrees (``tiers.LEAN_OPEN``), asks otherwise.
Level = Literal["open", "ask", "lean"]
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LETTER = re.compile(r"[^\W\d_]")
# Spanish puts a pronoun before or after an infinitive: "me voy a quitar la vida" is "voy a
# quitarme la vida". Categories are also looked for in the second spelling, so each pattern
# needs writing once.
# First person only: "me va a matar" (he will kill me) must not become "va a matarme".
_CLITIC = re.compile(r"\b(me) ((?:voy|quiero|pienso|necesito|tengo que|puedo|quisiera|intente|trate de|trato de|"
                     r"estoy pensando en)(?: a)?) "
                     r"(\w+?(?:ar|er|ir))\b")


@dataclass(frozen=True, slots=True)
class Rule:
    """Categories that together decide: ``all`` must be present, and one of ``any`` if given."""

    id: str
    kind: SignalKind
    level: Level
    all: frozenset[str]
    any: frozenset[str]

    def holds(self, found: frozenset[str]) -> bool:
        return self.all <= found and (not self.any or bool(self.any & found))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules decided, and the rule id (never the user's words)."""

    kind: SignalKind
    level: Level
    reason: str


def _compile(pattern: str, vocab: dict[str, str], where: str) -> re.Pattern[str]:
    expanded = _PLACEHOLDER.sub(
        lambda m: f"(?:{vocab[m.group(1)]})" if m.group(1) in vocab else m.group(0), pattern)
    try:
        return re.compile(rf"(?<!\w)(?:{expanded})(?!\w)")
    except re.error as exc:
        raise ValueError(f"{where}: {pattern!r}: {exc}") from exc


def _read(path: Path) -> Any:
    return read_yaml(path) or {}


class SignalDetector:
    """Categories from every locale (a Spanish message in an English chat still counts)."""

    def __init__(self, locales_dir: Path, locales: tuple[str, ...] | list[str], *, prefilter: bool = True) -> None:
        patterns: dict[str, list[re.Pattern[str]]] = {}
        accented: dict[str, list[re.Pattern[str]]] = {}
        means: list[dict[str, Any]] = []
        for locale in locales:
            path = locales_dir / locale / "safety_signals.yaml"
            if not path.exists():
                continue
            data = _read(path)
            vocab = {str(k): str(v) for k, v in (data.get("vocab") or {}).items()}
            means.append(data.get("means") or {})
            for name, items in (data.get("categories") or {}).items():
                where = f"locales/{locale}/safety_signals.yaml {name}"
                patterns.setdefault(str(name), []).extend(_compile(str(p), vocab, where) for p in items or [])
            for name, items in (data.get("accented") or {}).items():
                where = f"locales/{locale}/safety_signals.yaml accented {name}"
                accented.setdefault(str(name), []).extend(_compile(str(p), vocab, where) for p in items or [])
        self.categories = {name: tuple(items) for name, items in patterns.items()}
        # means8: object × possession × cue, a date × finality, self-harm under way (``bot/safety/means.py``).
        self.means = MeansLexicon(means)
        # One alternation per category: one scan of the message instead of one per pattern, with the
        # word-start test hoisted out of it, so a position inside a word fails once, not once per
        # pattern (the vocabularies grew to thousands of alternatives; this halves the screen's time).
        # Compiled when first needed (``joined``): with the prefilter only texts past LONG_TEXT
        # use them, and compiling them all was a third of the detector's load.
        self._joined: dict[str, re.Pattern[str]] = {}
        # Matched on the lower-cased text with its accents, where only an accent tells who did it.
        self._accented = {name: tuple(items) for name, items in accented.items()}
        self._accented_joined: dict[str, re.Pattern[str]] = {}
        # A category is scanned only when the text holds a string one of its patterns needs
        # (``bot/safety/literals.py``); ``prefilter=False`` scans every one (the pinning tests).
        self._prefilter: LiteralIndex | None = None
        self._accented_prefilter: LiteralIndex | None = None
        if prefilter:
            self._prefilter = LiteralIndex(((name, number), p) for name, items in self.categories.items()
                                           for number, p in enumerate(items))
            self._accented_prefilter = LiteralIndex(((name, number), p) for name, items in accented.items()
                                                    for number, p in enumerate(items))
        self._excuses: dict[int, tuple[tuple[re.Pattern[str], ...], ExcuseSpans]] = {}
        shared = _read(locales_dir / "safety_signals.yaml")
        rules = []
        for raw in shared.get("rules") or []:
            rule = Rule(str(raw["id"]), raw["kind"], raw["level"], frozenset(raw.get("all") or ()),
                        frozenset(raw.get("any") or ()))
            unknown = (rule.all | rule.any) - self.categories.keys() - self._accented.keys() - set(MEANS_CATEGORIES)
            if rule.kind not in KINDS or rule.level not in ("open", "ask", "lean") or unknown:
                raise ValueError(f"locales/safety_signals.yaml rule {rule.id}: unknown kind, level or {unknown}")
            rules.append(rule)
        self.rules = tuple(rules)
        self.ordinary = frozenset(str(t) for t in shared.get("ordinary") or ())

    def found(self, norm: str, excused: tuple[re.Pattern[str], ...] = ()) -> frozenset[str]:
        """Names of the categories present in already-normalised text.

        A match wholly covered by a negation or figure of speech ("I'd never hurt myself",
        "my feet are killing me"; the phrase lists' ``not_a_signal``) does not count.
        """
        spans: list[tuple[int, int]] | None = None  # found only when some category matched: most don't
        out = set()
        maybe = self._prefilter.candidates(norm) if self._prefilter is not None else None
        if maybe is None:
            for name in self.categories:
                for match in self.joined(name).finditer(norm):
                    if spans is None:
                        spans = self._excuse_spans(excused).spans(norm)
                    if not any(s <= match.start() and e >= match.end() for s, e in spans):
                        out.add(name)
                        break
            return frozenset(out)
        # The joined alternation matches where one of its patterns does, so trying the patterns
        # that can match (their necessary strings are in the text) one by one tells the same.
        groups: dict[str, list[int]] = {}
        for name, number in maybe:  # type: ignore[misc]
            groups.setdefault(name, []).append(number)
        categories = self.categories
        matched = {name: numbers for name, numbers in groups.items()
                   if any(categories[name][n].search(norm) for n in numbers)}
        if not matched:
            return frozenset()
        spans = self._excuse_spans(excused).spans(norm)
        # Categories are added in file order, as without the prefilter: the set's iteration order
        # then matches too, and the model sums its features in that order (bit-identical scores).
        for name in self.categories:
            numbers = matched.get(name)
            if numbers is None:
                continue
            # A negation or figure of speech is in the text: the matches the alternation finds
            # decide, exactly as without the prefilter.
            if not spans or self._uncovered(self.categories[name], sorted(numbers), norm, spans, name):
                out.add(name)
        return frozenset(out)

    def _uncovered(self, items: tuple[re.Pattern[str], ...], numbers: list[int], norm: str,
                   spans: list[tuple[int, int]], name: str) -> bool:
        """Whether a match of the category's alternation escapes every span, from its candidates alone.

        The alternation's scan takes, from where the last match ended, the leftmost start at which
        any pattern matches and there the first pattern in file order; patterns that are not
        candidates match nowhere. That is replayed with each candidate's own next match.
        """
        patterns = [items[n] for n in numbers]
        ahead: list[re.Match[str] | None] = [None] * len(patterns)
        done = [False] * len(patterns)
        pos = 0
        while True:
            best: re.Match[str] | None = None
            for k, pattern in enumerate(patterns):
                if done[k]:
                    continue
                match = ahead[k]
                if match is None or match.start() < pos:
                    match = pattern.search(norm, pos)
                    if match is None:
                        done[k] = True
                        continue
                    ahead[k] = match
                if best is None or match.start() < best.start():
                    best = match
            if best is None:
                return False
            start, end = best.span()
            if not any(s <= start and e >= end for s, e in spans):
                return True
            if end == start:  # an empty match: the scan's next step is subtle, so let it decide
                return any(not any(s <= m.start() and e >= m.end() for s, e in spans)
                           for m in self.joined(name).finditer(norm))
            pos = end

    def joined(self, name: str) -> re.Pattern[str]:
        """The category's patterns as one alternation, compiled on first use."""
        pattern = self._joined.get(name)
        if pattern is None:
            pattern = self._joined[name] = joined_patterns(self.categories[name])
        return pattern

    def compile_all(self) -> None:
        """Compile every alternation now (off the event loop), so no long text waits for one."""
        for name in self.categories:
            self.joined(name)
        for name in self._accented:
            self._accented_alternation(name)

    def _accented_alternation(self, name: str) -> re.Pattern[str]:
        pattern = self._accented_joined.get(name)
        if pattern is None:
            pattern = self._accented_joined[name] = joined_patterns(self._accented[name])
        return pattern

    def found_in(self, text: str, norm: str, excused: tuple[re.Pattern[str], ...] = ()) -> frozenset[str]:
        """``found`` on the normalised text, plus the ``accented`` categories on the raw text."""
        out = self.found(norm, excused)
        moved = _CLITIC.sub(r"\2 \3\1", norm)
        if moved != norm:
            out |= self.found(moved, excused)
        if self._accented:
            lowered = unicodedata.normalize("NFC", text.casefold())
            maybe = self._accented_prefilter.candidates(lowered) if self._accented_prefilter else None
            if maybe is None:
                out |= {name for name in self._accented if self._accented_alternation(name).search(lowered)}
            else:
                numbers: dict[str, list[int]] = {}
                for name, number in maybe:  # type: ignore[misc]
                    numbers.setdefault(name, []).append(number)
                out |= {name for name, items in self._accented.items()
                        if any(items[n].search(lowered) for n in numbers.get(name, ()))}
        return out

    def share_excuses(self, spans: ExcuseSpans) -> None:
        """Use the phrase lists' index of the same exceptions instead of building a second one.

        Built lazily, that index cost the first message with a category ~90 ms on the event loop.
        """
        self._excuses[id(spans.patterns)] = (spans.patterns, spans)

    def _excuse_spans(self, excused: tuple[re.Pattern[str], ...]) -> ExcuseSpans:
        # The caller passes the same tuple every time (the phrase lists' exceptions): indexed once.
        held = self._excuses.get(id(excused))
        if held is None or held[0] is not excused:
            held = (excused, ExcuseSpans(excused, prefilter=self._prefilter is not None))
            self._excuses[id(excused)] = held
        return held[1]

    def blank(self, norm: str, names: frozenset[str]) -> str:
        """``norm`` with every match of these categories replaced by a neutral word."""
        out = norm
        for name in sorted(names):
            if name in self.categories:
                # Spaces are settled after each category: the next one's patterns count single spaces between
                # words ("he said  zz  he'll jump…" would hide his threat from ``a_their_selfharm``; story9).
                out = re.sub(r"\s+", " ", self.joined(name).sub(" zz ", out)).strip()
        return out

    def decide(self, found: frozenset[str]) -> Verdict | None:
        """The first rule that holds, in file order (crisis rules first)."""
        for rule in self.rules:
            if rule.holds(found):
                return Verdict(rule.kind, rule.level, f"rule:{rule.id}")
        return None

    def is_ordinary(self, norm: str) -> bool:
        """Acknowledgements and small talk ("ok", "vale", "ya", "gracias") or no letters at all (emoji)."""
        return norm in self.ordinary or not _LETTER.search(norm)
