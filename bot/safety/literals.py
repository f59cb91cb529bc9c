"""A literal prefilter for the safety patterns, derived from the regular expressions themselves.

Most messages contain none of the words a pattern needs, yet scanning hundreds of alternations
costs about a millisecond a message. At load time each pattern's parse tree gives a set of
strings one of which every match must contain ("pills here", "pastillas aqui"…); a pattern
none of whose strings is in the text cannot match and is skipped. Nothing is written per
pattern: new patterns get their literals the same way, and a pattern with no literal that can
be proven necessary (a lone ``\\w+``, a case-insensitive flag) is always tried.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Hashable, Iterable
from itertools import product
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

# Largest finite set of exact strings kept for a part of a pattern ("(?:i|we)'ll" is two).
EXACT_CAP = 64
# Longest repeat count expanded into exact strings ("(?:ha){1,3}").
REPEAT_CAP = 3
# Messages are indexed by their substrings up to this length; longer literals by their first
# KEY characters, then confirmed with ``in``.
KEY = 4
# Texts longer than this are scanned without the prefilter (see ``LiteralIndex.candidates``).
LONG_TEXT = 1000

_Exact = frozenset[str] | None
_Need = frozenset[str] | None


def necessary(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which is a substring of every match of ``pattern``; None when none is known."""
    stored = _stored()
    key = _key(pattern)
    if key in stored:
        return stored[key]
    found = derive(pattern)
    _SEEN[key] = found
    return found


def derive(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """``necessary`` computed from the pattern's parse tree (the stored file is not read)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):  # pragma: no cover - compiled patterns parse
        return None
    return _sequence(list(parsed))[1]


# Re-parsing ~1,300 expanded patterns took most of a second of start-up: their strings are stored
# by ``python -m bot.safety.literals`` (and by training), keyed by the pattern's text and checked
# against this file's code and the Python version (``re``'s parser), so a stale file is ignored
# and a pattern it does not know is derived as before.
STORE = Path(__file__).with_name("literals.json")
_SEEN: dict[str, frozenset[str] | None] = {}
_STORED: dict[str, frozenset[str] | None] | None = None


def _key(pattern: re.Pattern[str]) -> str:
    return hashlib.sha1(f"{pattern.flags}:{pattern.pattern}".encode(), usedforsecurity=False).hexdigest()


def _version() -> str:
    code = Path(__file__).read_bytes()
    return hashlib.sha256(code + f"{sys.version_info[0]}.{sys.version_info[1]}".encode()).hexdigest()


def _stored() -> dict[str, frozenset[str] | None]:
    global _STORED
    if _STORED is None:
        try:
            data = json.loads(STORE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if data.get("version") != _version():
            data = {}
        _STORED = {k: None if v is None else frozenset(v) for k, v in (data.get("strings") or {}).items()}
    return _STORED


def _score(strings: frozenset[str]) -> tuple[int, int]:
    # Longer strings are rarer in text; past KEY characters a length buys little.
    return min(min(map(len, strings)), KEY + 1), -len(strings)


def _best(candidates: list[frozenset[str]]) -> _Need:
    useful = [c for c in candidates if c and "" not in c]
    return max(useful, key=_score) if useful else None


def _sequence(items: list) -> tuple[_Exact, _Need]:  # type: ignore[type-arg]
    """Exact strings of a concatenation (when finite and small) and its best necessary set."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    broken = False
    for op, av in items:
        exact, need = _item(op, av)
        if exact is None:
            if need is not None:
                candidates.append(need)
            candidates.append(run)
            run, broken = frozenset({""}), True
            continue
        joined = len(run) * len(exact)
        if joined > EXACT_CAP:
            candidates.append(run)
            run, broken = exact, True
            continue
        if len(exact) == 1 and len(run) == 1:  # a run of plain characters, the common case
            run = frozenset({next(iter(run)) + next(iter(exact))})
        else:
            run = frozenset(a + b for a, b in product(run, exact))
    candidates.append(run)
    return (None if broken else run), _best(candidates)


def _item(op: object, av: object) -> tuple[_Exact, _Need]:
    if op is sre.LITERAL:
        ch = chr(av)  # type: ignore[arg-type]
        return frozenset({ch}), frozenset({ch})
    if op is sre.IN:
        chars = _charset(av)  # type: ignore[arg-type]
        return chars, chars
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""}), None  # zero-width: consumes nothing
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av  # type: ignore[misc]
        if add_flags & sre.SRE_FLAG_IGNORECASE:
            return None, None
        return _sequence(list(sub))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(av))  # type: ignore[call-overload]
    if op is sre.BRANCH:
        parts = [_sequence(list(alt)) for alt in av[1]]  # type: ignore[index]
        exacts = [e for e, _ in parts]
        exact: _Exact = None
        if all(e is not None for e in exacts):
            union = frozenset().union(*exacts)  # type: ignore[arg-type]
            exact = union if len(union) <= EXACT_CAP else None
        needs = [n for _, n in parts]
        need = frozenset().union(*needs) if all(n is not None for n in needs) else None  # type: ignore[arg-type]
        return exact, need
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av  # type: ignore[misc]
        inner_exact, inner_need = _sequence(list(sub))
        need = inner_need if low >= 1 else None
        exact = None
        if inner_exact is not None and high is not sre.MAXREPEAT and high <= REPEAT_CAP:
            strings: set[str] = set()
            for count in range(low, high + 1):
                strings.update("".join(p) for p in product(inner_exact, repeat=count))
                if len(strings) > EXACT_CAP:
                    break
            exact = frozenset(strings) if len(strings) <= EXACT_CAP else None
        return exact, need
    return None, None  # any character, a class, a back-reference, a conditional: unknown


def _charset(items: list) -> _Exact:  # type: ignore[type-arg]
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < EXACT_CAP:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # negated, a category (\w, \s) or a wide range
    return frozenset(chars) if 0 < len(chars) <= EXACT_CAP else None


def substrings(text: str) -> frozenset[str]:
    """Every substring of ``text`` up to ``KEY`` characters long."""
    # The phrase lists, the detector and the exceptions each ask about the same text in turn.
    pieces = _RECENT.get(text)
    if pieces is None:
        size = len(text)
        pieces = frozenset({text[i:i + n] for n in range(1, KEY + 1) for i in range(size - n + 1)})
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()  # atomic, so safe should another thread screen at the same time
        _RECENT[text] = pieces
    return pieces


_RECENT: dict[str, frozenset[str]] = {}
_RECENT_SIZE = 8


class LiteralIndex:
    """Which of many patterns could match a text: those whose necessary strings occur in it."""

    def __init__(self, targets: Iterable[tuple[Hashable, re.Pattern[str]]]) -> None:
        # Targets are kept once and referred to by position: tuples of ints and strings are
        # atomic to the garbage collector (untracked), sets of tuples would be walked forever.
        self._targets: list[Hashable] = []
        always: list[int] = []
        short: dict[str, list[int]] = {}
        long: dict[str, dict[str, list[int]]] = {}
        for target, pattern in targets:
            number = len(self._targets)
            self._targets.append(target)
            strings = necessary(pattern)
            if strings is None:
                always.append(number)
                continue
            for string in strings:
                if len(string) <= KEY:
                    short.setdefault(string, []).append(number)
                else:
                    long.setdefault(string[:KEY], {}).setdefault(string, []).append(number)
        self._always = tuple(always)
        self._short = {key: tuple(numbers) for key, numbers in short.items()}
        self._long = {key: tuple((s, tuple(n)) for s, n in strings.items()) for key, strings in long.items()}
        self._short_keys = frozenset(self._short)
        self._long_keys = frozenset(self._long)

    def candidates(self, text: str) -> set[Hashable] | None:
        """Targets that may match ``text`` (a superset of those that do); None: try them all.

        Past ``LONG_TEXT`` characters nearly every pattern has its strings somewhere in the text,
        and looking costs more than it saves.
        """
        if len(text) > LONG_TEXT:
            return None
        numbers = set(self._always)
        pieces = substrings(text)
        short = self._short
        for key in self._short_keys.intersection(pieces):
            numbers.update(short[key])
        long = self._long
        for key in self._long_keys.intersection(pieces):
            for string, found in long[key]:
                if string in text:
                    numbers.update(found)
        targets = self._targets
        return {targets[n] for n in numbers}


class ExcuseSpans:
    """Where negations and figures of speech match, scanning only those that can (see ``LiteralIndex``)."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...], *, prefilter: bool = True) -> None:
        self.patterns = patterns
        self._index = LiteralIndex(enumerate(patterns)) if prefilter else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every match's span, of every pattern (their order does not matter to a cover test)."""
        maybe = self._index.candidates(text) if self._index is not None else None
        patterns = self.patterns if maybe is None else [p for i, p in enumerate(self.patterns) if i in maybe]
        return [(m.start(), m.end()) for ex in patterns for m in ex.finditer(text)]


def main() -> int:
    """``python -m bot.safety.literals``: store the strings of every pattern the screen indexes."""
    from bot.i18n import I18n
    from bot.safety import literals  # run as __main__, this module is a second copy
    from bot.safety.soft import SoftModel
    from bot.safety.tiers import TieredScreen

    literals._STORED = {}  # derive every pattern afresh
    literals._SEEN.clear()
    TieredScreen(I18n(Path(__file__).resolve().parents[2] / "locales"), SoftModel.silent())
    body = {k: None if v is None else sorted(v) for k, v in sorted(literals._SEEN.items())}
    STORE.write_text(json.dumps({"version": _version(), "strings": body}, ensure_ascii=False,
                                separators=(",", ":")) + "\n", encoding="utf-8")
    literals._STORED = None
    print(f"{len(body)} patterns -> {STORE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
