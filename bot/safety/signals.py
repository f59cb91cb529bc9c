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

import yaml

from bot.safety.literals import ExcuseSpans, LiteralIndex
from bot.safety.patterns import joined_patterns
from bot.safety.screen import KINDS, SignalKind

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
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class SignalDetector:
    """Categories from every locale (a Spanish message in an English chat still counts)."""

    def __init__(self, locales_dir: Path, locales: tuple[str, ...] | list[str], *, prefilter: bool = True) -> None:
        patterns: dict[str, list[re.Pattern[str]]] = {}
        accented: dict[str, list[re.Pattern[str]]] = {}
        for locale in locales:
            path = locales_dir / locale / "safety_signals.yaml"
            if not path.exists():
                continue
            data = _read(path)
            vocab = {str(k): str(v) for k, v in (data.get("vocab") or {}).items()}
            for name, items in (data.get("categories") or {}).items():
                where = f"locales/{locale}/safety_signals.yaml {name}"
                patterns.setdefault(str(name), []).extend(_compile(str(p), vocab, where) for p in items or [])
            for name, items in (data.get("accented") or {}).items():
                where = f"locales/{locale}/safety_signals.yaml accented {name}"
                accented.setdefault(str(name), []).extend(_compile(str(p), vocab, where) for p in items or [])
        self.categories = {name: tuple(items) for name, items in patterns.items()}
        # One alternation per category: one scan of the message instead of one per pattern, with the
        # word-start test hoisted out of it, so a position inside a word fails once, not once per
        # pattern (the vocabularies grew to thousands of alternatives; this halves the screen's time).
        self._joined = {name: joined_patterns(items) for name, items in self.categories.items()}
        # Matched on the lower-cased text with its accents, where only an accent tells who did it.
        self._accented = {name: joined_patterns(items) for name, items in accented.items()}
        # A category is scanned only when the text holds a string one of its patterns needs
        # (``bot/safety/literals.py``); ``prefilter=False`` scans every one (the pinning tests).
        self._prefilter: LiteralIndex | None = None
        self._accented_prefilter: LiteralIndex | None = None
        if prefilter:
            self._prefilter = LiteralIndex(((name, p), p) for name, items in self.categories.items() for p in items)
            self._accented_prefilter = LiteralIndex((name, p) for name, items in accented.items() for p in items)
        self._excuses: dict[int, tuple[tuple[re.Pattern[str], ...], ExcuseSpans]] = {}
        shared = _read(locales_dir / "safety_signals.yaml")
        rules = []
        for raw in shared.get("rules") or []:
            rule = Rule(str(raw["id"]), raw["kind"], raw["level"], frozenset(raw.get("all") or ()),
                        frozenset(raw.get("any") or ()))
            unknown = (rule.all | rule.any) - self.categories.keys() - self._accented.keys()
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
            for name, pattern in self._joined.items():
                for match in pattern.finditer(norm):
                    if spans is None:
                        spans = self._excuse_spans(excused).spans(norm)
                    if not any(s <= match.start() and e >= match.end() for s, e in spans):
                        out.add(name)
                        break
            return frozenset(out)
        # The joined alternation matches where one of its patterns does, so trying the patterns
        # that can match (their necessary strings are in the text) one by one tells the same.
        matched: set[str] = set()
        for name, pattern in maybe:  # type: ignore[misc]
            if name not in matched and pattern.search(norm):
                matched.add(name)
        if not matched:
            return frozenset()
        spans = self._excuse_spans(excused).spans(norm)
        # Categories are added in file order, as without the prefilter: the set's iteration order
        # then matches too, and the model sums its features in that order (bit-identical scores).
        for name in self.categories:
            if name not in matched:
                continue
            if not spans:
                out.add(name)
                continue
            # A negation or figure of speech is in the text: the matches the alternation finds
            # decide, exactly as without the prefilter.
            for match in self._joined[name].finditer(norm):
                if not any(s <= match.start() and e >= match.end() for s, e in spans):
                    out.add(name)
                    break
        return frozenset(out)

    def found_in(self, text: str, norm: str, excused: tuple[re.Pattern[str], ...] = ()) -> frozenset[str]:
        """``found`` on the normalised text, plus the ``accented`` categories on the raw text."""
        out = self.found(norm, excused)
        moved = _CLITIC.sub(r"\2 \3\1", norm)
        if moved != norm:
            out |= self.found(moved, excused)
        if self._accented:
            lowered = unicodedata.normalize("NFC", text.casefold())
            maybe = self._accented_prefilter.candidates(lowered) if self._accented_prefilter else None
            out |= {name for name, pattern in self._accented.items()
                    if (maybe is None or name in maybe) and pattern.search(lowered)}
        return out

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
            pattern = self._joined.get(name)
            if pattern is not None:
                out = pattern.sub(" zz ", out)
        return re.sub(r"\s+", " ", out).strip()

    def decide(self, found: frozenset[str]) -> Verdict | None:
        """The first rule that holds, in file order (crisis rules first)."""
        for rule in self.rules:
            if rule.holds(found):
                return Verdict(rule.kind, rule.level, f"rule:{rule.id}")
        return None

    def is_ordinary(self, norm: str) -> bool:
        """Acknowledgements and small talk ("ok", "vale", "ya", "gracias") or no letters at all (emoji)."""
        return norm in self.ordinary or not _LETTER.search(norm)
