"""Distance: crisis and abuse words used away from the person's own present.

"This heat is killing me", a film's ending, a brother's attempt years ago, "I used to cut,
I'm fine now", "I'm not going to hurt myself", a burn from the oven, "I'm ending it with him
tonight": the spans that say so (``distance`` in ``locales/<lang>/safety_signals.yaml``) are
blanked and the message is screened again, so a plan, means or a time frame said outside
them still opens. Laughter never hides a plan (means, a time frame, a resolve, a self-harm act); it only
keeps a wish or a method named without them from opening.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.safety.normalize import variants
from bot.yamlfile import read_yaml

if TYPE_CHECKING:
    from bot.safety.tiers import Assessment

# Families whose spans are blanked; ``b_joke`` only when the message laughs.
SPAN_FAMILIES = ("b_hyperbole", "b_media", "b_other", "b_past", "b_negated", "b_accident", "b_relationship",
                 "b_everyday")
JOKE, LAUGH, REAL = "b_joke", "b_laugh", "b_real"
# Laughter typed as emoji (normalising drops emoji); crying faces are not laughter.
_EMOJI_LAUGH = re.compile("[\U0001F602\U0001F923\U0001F480\U0001F639\U0001F606\U0001F605]")
# What a blanked span becomes: one neutral word, so the words either side do not join up.
_BLANK = " zz "
_LEVEL = {"ask": 1, "open": 2}
# What is left of "i've decided, i'm ending things with him this weekend" once the relationship
# is blanked: a decision and a day, about the relationship. Nothing else of crisis or abuse may remain.
RELATIONSHIP = "b_relationship"
# Left after blanking, these make it more than the relationship ("i'm done with him and with everything").
WIDER = "b_wider"
OWN_PLAN = (frozenset({"c_intent", "c_time"}), frozenset({"c_resolve", "c_time"}), frozenset({"c_resolve", "c_intent"}))
DECISION_ONLY = frozenset({"c_intent", "c_resolve", "c_time", "c_goodbye", "c_hopeless", "a_threat_frame"})
# With a laugh, a crisis opening without any of these is asked, not opened ("me quiero tirar por la
# ventana jaja"); means, means at hand, a time frame, a resolve or a self-harm act keep it open
# ("lol the rope is ready"); so does a goodbye already written or said ("lmao i wrote my goodbye letters").
JOKE_KEEPS = frozenset({"c_means", "c_access", "c_time", "c_resolve", "c_selfharm", "c_selfharm_1p", "c_goodbye",
                        "c_held", "c_deadline", "c_harm_now"})


_START, _END = r"(?<!\w)(?:", r")(?!\w)"  # as ``bot.safety.patterns.joined_patterns`` joins them


def _compiled(patterns: list[tuple[str, str]]) -> re.Pattern[str]:
    """The patterns as one word-bounded alternation, compiled once; a bad one is named."""
    try:
        return re.compile(_START + "|".join(f"(?:{p})" for p, _ in patterns) + _END)
    except re.error:
        for pattern, where in patterns:  # name the one at fault
            try:
                re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")
            except re.error as exc:
                raise ValueError(f"{where}: {pattern!r}: {exc}") from exc
        raise


_GUARD = "(?!.*"


def _guard_of(pattern: str) -> tuple[str, str] | None:
    """``(?!.*G)B`` split into ``G`` and ``B``; ``None`` for a pattern without a leading guard."""
    if not pattern.startswith(_GUARD):
        return None
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return pattern[len(_GUARD):i], pattern[i + 1:]
        i += 1
    return None


class _Family:
    """A distance family, searched as its one word-bounded alternation would be.

    A span guarded against words anywhere after it (``(?!.*\\b(die|kill…))…``) tried at every
    position of a long message re-reads the rest of it each time: 2 s of CPU for one 4,000-character
    message, with the GIL held. ``re`` cannot say "only after the last guard word", so the guard is
    searched once for its last match and the span only after it. The patterns stay in their order,
    runs of unguarded ones joined, and the leftmost match of the earliest segment wins, as in the
    alternation: the same spans on normalised text (one line, so ``.`` never stops at a newline).
    """

    def __init__(self, patterns: list[tuple[str, str]]) -> None:
        self.segments: list[tuple[re.Pattern[str] | None, re.Pattern[str]]] = []
        run: list[tuple[str, str]] = []
        for pattern, where in patterns:
            parts = _guard_of(pattern)
            if parts is None:
                run.append((pattern, where))
                continue
            if run:
                self.segments.append((None, _compiled(run)))
                run = []
            guard, body = parts
            try:
                guard_words = re.compile(guard)
            except re.error as exc:
                raise ValueError(f"{where}: {pattern!r}: {exc}") from exc
            self.segments.append((guard_words, _compiled([(body, where)])))
        if run:
            self.segments.append((None, _compiled(run)))

    def _starts(self, text: str) -> list[int]:
        """Where each segment may start matching: after its guard words' last occurrence."""
        out = []
        for guard, _ in self.segments:
            last, at = -1, 0
            while guard is not None and (m := guard.search(text, at)) is not None:
                last, at = m.start(), m.start() + 1
            out.append(last + 1)
        return out

    def _next(self, text: str, pos: int, starts: list[int]) -> re.Match[str] | None:
        best = None
        for (_, body), start in zip(self.segments, starts, strict=True):
            m = body.search(text, max(pos, start))
            if m is not None and (best is None or m.start() < best.start()):
                best = m  # ties keep the earlier segment, as the alternation does
        return best

    def search(self, text: str) -> re.Match[str] | None:
        """The leftmost span of the family in ``text``, or ``None``."""
        return self._next(text, 0, self._starts(text))

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every non-overlapping span of the family in ``text``, left to right."""
        starts, out, pos = self._starts(text), [], 0
        while pos <= len(text) and (m := self._next(text, pos, starts)) is not None:
            out.append(m)
            pos = m.end() if m.end() > m.start() else m.end() + 1
        return out


class Distance:
    """Every locale's distance spans (a Spanish joke in an English chat is still a joke)."""

    def __init__(self, locales_dir: Path, locales: tuple[str, ...] | list[str]) -> None:
        found: dict[str, list[tuple[str, str]]] = {}
        for locale in locales:
            path = locales_dir / locale / "safety_signals.yaml"
            if not path.exists():
                continue
            data: Any = read_yaml(path) or {}
            for name, items in (data.get("distance") or {}).items():
                where = f"locales/{locale}/safety_signals.yaml distance {name}"
                found.setdefault(str(name), []).extend((str(p), where) for p in items or [])
        # Each pattern used to be compiled alone first, only to be joined: half of this tier's load.
        self.families = {name: _Family(items) for name, items in found.items()}

    def markers(self, text: str, norm: str) -> frozenset[str]:
        """The distance families found in ``norm`` (names only)."""
        out = {name for name, pattern in self.families.items() if pattern.search(norm)}
        if _EMOJI_LAUGH.search(text):
            out.add(LAUGH)
        return frozenset(out)

    def blank(self, norm: str, marks: frozenset[str]) -> str:
        """``norm`` with every distanced span replaced by a neutral word."""
        names = [n for n in SPAN_FAMILIES if n in marks] + ([JOKE] if LAUGH in marks and JOKE in marks else [])
        spans = sorted(m.span() for n in names for m in self.families[n].finditer(norm))
        if not spans:
            return norm
        out, at = [], 0
        for start, end in spans:
            if start >= at:
                out.append(norm[at:start] + _BLANK)
                at = end
            elif end > at:
                at = end
        out.append(norm[at:])
        return re.sub(r"\s+", " ", "".join(out)).strip()

    def soften(self, text: str, first: Assessment, again: Callable[[str], Assessment],
               plan: Callable[[frozenset[str]], bool]) -> Assessment:
        """``first`` lowered by the distance markers in ``text``; never raised.

        ``again`` screens a blanked text from scratch; ``plan`` says whether categories make an
        opening rule (intent with a method, means at hand, a time frame...), which laughter never lowers.
        """
        if first.signal is None:
            return first
        norm = variants(text)[0]
        marks = self.markers(text, norm)
        if not marks or REAL in marks:
            return first
        best = first
        blanked = self.blank(norm, marks)
        wider = WIDER in self.families and bool(self.families[WIDER].search(blanked))
        relationship = RELATIONSHIP in marks and not wider
        kept_phrase = False
        if blanked != norm:
            second = again(blanked)
            # A phrase list still matching outside the spans ("... and then i'm ending my life").
            kept_phrase = second.signal is not None and second.signal.tier == "phrases"
            # Lower only: a crisis reading never becomes an abuse one or the reverse (blanking
            # "i want to die" can leave "my family" for the abuse side to ask about).
            same_path = second.signal is None or second.signal.kind == first.signal.kind
            lower = same_path and rank(second) < rank(first)
            if lower and (relationship or not _own_plan(second.categories)):
                best = second
        if relationship and not kept_phrase and best.signal is not None and best.categories <= DECISION_ONLY:
            return replace(best, signal=None)
        signal = best.signal
        if LAUGH not in marks or signal is None:
            return best
        if signal.level == "ask" and signal.reason.startswith("model") and not best.categories:
            return replace(best, signal=None)  # the model alone, no category, and a laugh: "dead 💀"
        weak_open = signal.level == "open" and signal.tier != "phrases" and not plan(best.categories)
        joke_open = signal.level == "open" and not first.categories & JOKE_KEEPS and not best.categories & JOKE_KEEPS
        if signal.kind == "crisis" and (weak_open or joke_open):
            return replace(best, signal=replace(signal, level="ask", tier="model"))
        return best


def _own_plan(found: frozenset[str]) -> bool:
    """Intent, a resolve or a time frame left outside the spans ("that show ended with her jumping
    off a bridge, tonight i'm jumping off mine"): the plan may point back into them, so they stand."""
    return any(pair <= found for pair in OWN_PLAN)


def rank(assessment: Assessment) -> int:
    """0 for no signal, 1 asked, 2 opened: readings are only ever lowered by comparing these."""
    return 0 if assessment.signal is None else _LEVEL.get(assessment.signal.level, 1)
