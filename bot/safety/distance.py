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
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.safety.means import AGAIN
from bot.safety.normalize import variants
from bot.safety.screen import SafetySignal
from bot.safety.windows import normalize_part
from bot.yamlfile import read_yaml

if TYPE_CHECKING:
    from bot.safety.tiers import Assessment

# Families whose spans are blanked; ``b_joke`` only when the message laughs.
SPAN_FAMILIES = ("b_hyperbole", "b_media", "b_other", "b_past", "b_negated", "b_accident", "b_relationship",
                 "b_everyday")
JOKE, LAUGH, REAL = "b_joke", "b_laugh", "b_real"
# floor9: a goodbye or a will (``b_farewell``) is set aside only beside an everyday reason for it (``s_move``: a move,
# a new home, a last day at work, a birth), as ``b_joke`` only beside a laugh.
FAREWELL, MOVE = "b_farewell", "s_move"
PAST = "b_past"
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


# calm10: what makes a laugh a joke about something (a trivial thing, an everyday condition), and the categories
# that are then the joke's own method (the bridge of "me tiro de un puente jaja"), not means at hand.
JOKE_REASONS = frozenset({"s_trivial", "s_everyday_if"})
PLACE_OF_METHOD = frozenset({"c_means", "c_access"})
# Categories that say the words are someone else's or only a context: left alone, they keep no question.
_NOT_LEFT = frozenset({"c_elsewhere", "c_time", "c_means", "a_children_pets", "a_leaves", "a_joking"})
# calm10: frames that name no harm ("if", "he said", "just wanted to share"): what is left of a settled distance (a past
# with recovery, a goodbye beside a move) with only these and a time is not read as a risk by the model alone.
SETTLED_LEFT = (_NOT_LEFT | frozenset({"a_threat_frame", "a_share"})) - {"c_means"}
# Families one of which must be in a message before its clauses are read one by one.
STRUCTURE_CUES = frozenset({"s_then", "s_negated", "s_their", "s_killdie", "s_method"})
# Asides that are checked for a plan of their own, and what such a plan is made of.
ASIDE_CHECKED = frozenset({"story", "hyperbole"})
ASIDE_KEEPS = frozenset({"c_resolve", "c_access", "c_intent", "c_time"})
# calm10: a hyperbole aside spans only the verb and its trivial thing, so "me voy a morir del estrés" holds the
# intent of its own "voy a": only a resolve, access or a time of its own keeps it.
HYPERBOLE_KEEPS = ASIDE_KEEPS - {"c_intent"}
HARM_NOW = "c_harm_now"
# calm8: a clause read by its structure (``Distance.clauses``) is blanked under this name, like a family's span.
CLAUSE = "b_clause"
# calm10: a clause opened by a contrast turns away from the past told before it ("…but last night i…").
_CONTRAST = re.compile(r"(but|pero|though|although|yet|aunque|sin embargo|mas)\b")
# Where a typed message splits into clauses before normalising drops its punctuation.
_CLAUSE_MARK = re.compile(r"[.!?;:,\n…]+|\s[-–—]\s")


class Aside(NamedTuple):
    """A span of the normalised text set aside by the structure of its clause, and why."""

    start: int
    end: int
    why: str  # "negated", "past", "story" or "hyperbole"


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

    def _has(self, name: str, text: str) -> bool:
        family = self.families.get(name)
        return family is not None and family.search(text) is not None

    def clauses(self, text: str, norm: str, laugh: bool = False, crisis: bool = True) -> list[Aside]:
        """Spans of ``norm`` told away from the person's present, read by the structure of their clause.

        A clause is cut at punctuation and at "but", "pero", "until"...; it is set aside when a negation holds
        its harm word, when it is told in the past (a time marker, none of the present; crisis readings only:
        a past assault is still told), or when a named other person is its subject and the person is not in
        it. Only the words from a kill or die verb to the trivial thing it is aimed at are set aside ("work is
        killing me"; a method named so only with a laugh in the message). Never a clause with a wish in it.
        """
        # "mine does the same": the story is hers too. Someone else's abuse is only read as a story when it is
        # reported ("my friend told me..."): "my friend's ex..." may be the frame of a threat to her.
        story = not self._has("s_same", norm) and (crisis or self._has("s_told", norm))
        # A past or a denial told beside a present ("years ago..., and this week...", "i never did, but lately"):
        # it is context for the now, not a distance from it.
        now = self._has("s_now", norm)
        crisis = crisis and not now
        cut = self.families.get("s_cut")
        turn = cut is not None and any(self._has("s_now", norm[m.start():]) for m in cut.finditer(norm))
        # With a laugh, a method is a joke when a trivial thing is named anywhere in the message ("que alguien
        # me pegue un tiro, tengo tres parciales el lunes 😂"): the laugh alone never sets anything aside.
        # Not beside a present marker either: "lol i'd rather jump off a bridge than do homework, actually i'm going
        # there tonight" holds the plan in the other clause (review8b).
        trivial = laugh and self._has("s_trivial", norm) and not now
        out: list[Aside] = []
        at = 0
        # calm10: a past told over several clauses ("about 4 years ago i was in a dark place, thought about suicide a
        # lot, then therapy helped") keeps the first clause's time for the clauses after it whose verb is a past
        # (``s_past_verb``), until a present ("now", "hoy", "ya no") or anything the present keeps; only when recovery
        # is said in so many words (``s_well``): without it a past keeps a question anyway.
        carry_past = crisis and self._has("s_well", norm) and "s_past_verb" in self.families
        carried = False
        for piece in _CLAUSE_MARK.split(text):
            part = normalize_part(piece)  # not ``normalize``: its cache keeps the whole message's forms
            if not part:
                continue
            starts = [0] + ([m.start() for m in cut.finditer(part) if m.start() > 0] if cut else [])
            for start, end in zip(starts, [*starts[1:], len(part)], strict=True):
                clause = part[start:end].strip()
                where = norm.find(clause, at) if clause else -1
                if where < 0:
                    continue
                at = where + len(clause)
                aside = self._away(clause, story=story, joke=trivial, crisis=crisis, deny=not turn)
                if aside is None and carried and self._past_goes_on(clause):
                    aside = Aside(0, len(clause), "past")
                if carry_past:
                    # Recovery said closes the past it ends: what comes after it is told afresh ("i was suicidal years
                    # ago, therapy helped. i bought a rope and tied it in the garage" is a rope now; review10).
                    carried = not self._has("s_well", clause) and (
                        (aside is not None and aside.why == "past") or (carried and self._past_goes_on(clause)))
                if aside is not None:
                    out.append(Aside(where + aside.start, where + aside.end, aside.why))
        return out

    def _past_goes_on(self, clause: str) -> bool:
        """A clause that goes on with a past told before it: a past verb, no present, no wish."""
        return (self._has("s_past_verb", clause) and not self._has("s_present", clause)
                and _CONTRAST.match(clause) is None
                and not self._has("s_now", clause) and not self._has("s_wish", clause))

    def _away(self, clause: str, *, story: bool, joke: bool, crisis: bool, deny: bool = True) -> Aside | None:
        """The part of one normalised clause that is a negation, a past, someone else's story or hyperbole."""
        if self._has("s_wish", clause) or self._has("s_now", clause):
            return None
        if deny and self._has("s_negated", clause):
            return Aside(0, len(clause), "negated")
        if crisis and self._has("s_then", clause):
            return Aside(0, len(clause), "past")
        subject = self.families["s_them"].search(clause) if "s_them" in self.families else None
        if story and subject is not None:
            rest = clause[subject.end():]
            if "s_told" in self.families:
                rest = _cut_out(rest, self.families["s_told"])
            if self._has("s_their", rest) and not self._has("s_me", rest) and not self._has("s_if", rest):
                return Aside(0, len(clause), "story")
        if self._has("s_life", clause):
            return None
        verb = self.families["s_killdie"].search(clause) if "s_killdie" in self.families else None
        thing = self.families["s_trivial"].search(clause) if "s_trivial" in self.families else None
        if verb is not None and thing is not None:
            return Aside(min(verb.start(), thing.start()), max(verb.end(), thing.end()), "hyperbole")
        method = self.families["s_method"].search(clause) if joke and "s_method" in self.families else None
        if method is None:
            return None
        end = max(method.end(), thing.end()) if thing is not None and thing.start() > method.start() else method.end()
        return Aside(method.start(), end, "hyperbole")  # the method named, up to the trivial thing it is aimed at

    def blank(self, norm: str, marks: frozenset[str], extra: list[Aside] | None = None) -> str:
        """``norm`` with every distanced span (and ``extra`` spans) replaced by a neutral word."""
        names = [n for n in SPAN_FAMILIES if n in marks] + ([JOKE] if LAUGH in marks and JOKE in marks else [])
        names += [FAREWELL] if MOVE in marks and FAREWELL in marks else []
        spans = sorted([m.span() for n in names for m in self.families[n].finditer(norm)]
                       + [(a.start, a.end) for a in extra or []])
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
               plan: Callable[[frozenset[str]], bool], *, norm: str | None = None,
               marks: frozenset[str] | None = None) -> Assessment:
        """``first`` lowered by the distance markers in ``text``; never raised.

        ``again`` screens a blanked text from scratch; ``plan`` says whether categories make an
        opening rule (intent with a method, means at hand, a time frame...), which laughter never lowers.
        ``norm`` and ``marks`` may be passed when the caller has them already (``markers`` of ``text``).
        """
        if first.signal is None:
            return first
        norm = variants(text)[0] if norm is None else norm
        marks = self.markers(text, norm) if marks is None else marks
        # Self-harm under way ("ahora me estoy cortando otra vez") is never at a distance, whatever past or
        # story is told beside it (review8b).
        if REAL in marks or HARM_NOW in first.categories:
            return first
        # A past attempt whose pull is said to be back (``c_again``, open10) is about now: its past clause is the
        # reason for the question, not a distance (after the merge's retrain the model no longer kept it).
        if AGAIN in first.categories:
            return first
        # Clauses are only cut when a cue of some structure is in the message at all (most messages have none).
        cued = bool(marks & STRUCTURE_CUES)
        structure = self.clauses(text, norm, LAUGH in marks, first.signal.kind == "crisis") if cued else []
        # Someone else's story or a figure of speech that holds a resolve, means at hand or intent of its own
        # ("mi abuelo se ... y ya sé ...") is not set aside: those words are about now, whoever they follow.
        structure = [a for a in structure if a.why not in ASIDE_CHECKED or not again(norm[a.start:a.end]).categories
                     & (HYPERBOLE_KEEPS if a.why == "hyperbole" else ASIDE_KEEPS)]
        # A past told without recovery said ("i overdosed when i was 19", nothing after) keeps a question.
        past_only = any(a.why == "past" for a in structure) and not self._has("s_well", norm)
        settled = ((PAST in marks or any(a.why == "past" for a in structure)) and self._has("s_well", norm)) or (
            MOVE in marks and FAREWELL in marks)
        if structure:
            marks |= {CLAUSE}
        if not marks:
            return first
        best = first
        blanked = self.blank(norm, marks)
        wider = WIDER in self.families and bool(self.families[WIDER].search(blanked))
        relationship = RELATIONSHIP in marks and not wider
        kept_phrase = False
        # The family spans alone, then with the structural clauses too: the lowest eligible reading wins.
        tries = [blanked] + ([self.blank(norm, marks, structure)] if structure else [])
        for blank in dict.fromkeys(t for t in tries if t != norm):
            second = again(blank)
            # A phrase list still matching outside the spans ("... and then i'm ending my life").
            kept_phrase = kept_phrase or (second.signal is not None and second.signal.tier == "phrases")
            # Lower only: a crisis reading never becomes an abuse one or the reverse (blanking
            # "i want to die" can leave "my family" for the abuse side to ask about).
            same_path = second.signal is None or second.signal.kind == first.signal.kind
            if blank != blanked and second.signal is None and _left(second.categories, first.signal.kind):
                # By structure a reading is only quieted when nothing of its kind is left: words of harm
                # outside the clauses set aside keep a question ("when i was 19..." beside a new trigger).
                second = replace(second, signal=_ask(first.signal.kind))
            if blank != blanked and past_only and rank(second) < 1:
                second = replace(second, signal=_ask(first.signal.kind))  # her own past, no recovery said
            model_open = second.signal is not None and second.signal.level == "open" \
                and second.signal.reason.startswith("model")
            if model_open and settled and not _left(second.categories, second.signal.kind, SETTLED_LEFT):
                # calm10: once the distanced words are set aside, the model alone reopening what is left reads the
                # chatter around them, not a risk of its own, when no word of harm (nor means) is left and the
                # distance is settled: a past with recovery said ("zz today i'm married, i have a kid"), a goodbye
                # beside a move or a birth ("zz porque nació mi hijo y el abogado dijo…", read as abuse). It keeps a
                # question, never an opening. Not for a story, a negation or hyperbole: there the model's read of the
                # rest is often the risk itself ("he said they'll be planning my zz" is his threat).
                second = replace(second, signal=_ask(first.signal.kind))
                same_path = True
            lower = same_path and rank(second) < rank(best)
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
        # calm10: with a trivial reason or an everyday condition beside the laugh ("si me vuelve a hacer spoiler me tiro
        # de un puente jajaja"), the bridge or the tracks are the method's own place, not means at hand: only a time,
        # a resolve, means held, self-harm or a goodbye keep the opening.
        keeps = JOKE_KEEPS - PLACE_OF_METHOD if marks & JOKE_REASONS else JOKE_KEEPS
        joke_open = signal.level == "open" and not first.categories & keeps and not best.categories & keeps
        if signal.kind == "crisis" and (weak_open or joke_open):
            return replace(best, signal=replace(signal, level="ask", tier="model"))
        return best


def _left(found: frozenset[str], kind: str, context: frozenset[str] = _NOT_LEFT) -> bool:
    """Whether categories of the reading's kind are still found (crisis ``c_``, abuse ``a_``; not someone else's)."""
    prefix = "c_" if kind == "crisis" else "a_"
    return any(name.startswith(prefix) and name not in context for name in found)


def _ask(kind: str) -> SafetySignal:
    """The question a structural reading keeps (never an opening)."""
    return SafetySignal(kind, "rule:structure", "ask", "model")  # type: ignore[arg-type]


def _cut_out(text: str, family: _Family) -> str:
    """``text`` without the spans of ``family``."""
    out, at = [], 0
    for m in family.finditer(text):
        out.append(text[at:m.start()])
        at = m.end()
    return " ".join([*out, text[at:]]).strip()


def _own_plan(found: frozenset[str]) -> bool:
    """Intent, a resolve or a time frame left outside the spans ("that show ended with her jumping
    off a bridge, tonight i'm jumping off mine"): the plan may point back into them, so they stand."""
    return any(pair <= found for pair in OWN_PLAN)


def rank(assessment: Assessment) -> int:
    """0 for no signal, 1 asked, 2 opened: readings are only ever lowered by comparing these."""
    return 0 if assessment.signal is None else _LEVEL.get(assessment.signal.level, 1)
