"""Means told as objects: an object × possession or presence now × a cue, unless a benign frame guards it.

Crisis messages often name only what is at hand ("a full bottle of tylenol and a glass of wine in
front of me", "tengo el cinturón colgado de la barra de la ducha"), a date with no method ("friday
is the last one") or a self-harm act under way ("me estoy rayando los brazos"). Phrase families
written from example sentences miss the wording of the next person, so this reads *parts* from
broad lexicons (``means`` in ``locales/<lang>/safety_signals.yaml``: medications by generic and
brand names, ligatures, blades, firearms, heights, rail, poisons, charcoal and cars) and combines
them by distance in words. Each combination has a guard (a dose question, a prescription, chores,
hunting, plants, a move, a date) that keeps its look-alikes calm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The categories this module adds to the detector's (``locales/safety_signals.yaml`` rules open on them).
HELD, DEADLINE, HARM_NOW = "c_held", "c_deadline", "c_harm_now"
# open10: asked, never opened by themselves: a question about what would be lethal, affairs put in order or things
# given away with no move or trip behind it, a past attempt with its feeling back now, others better off without the
# writer (``asks`` in each locale).
METHOD_Q, AFFAIRS, AGAIN, WITHOUT_ME = "c_method_q", "c_affairs", "c_again", "c_without_me"
# open10: "they'd be better off without me", "les iría mejor con un hijo menos": a burden said as others' gain.
ASKS = (METHOD_Q, AFFAIRS, AGAIN, WITHOUT_ME)
CATEGORIES = (HELD, DEADLINE, HARM_NOW, *ASKS)
# An object and its possession or presence must sit this close (in words): "i have a court date and
# my pills are in the bathroom" is not "i have my pills".
NEAR = 7
# A cue may sit a little further from the object ("bought a bag of charcoal and some duct tape for
# the car, don't tell anyone").
FAR = 14
_WORD = re.compile(r"\S+")


def _alternation(items: Iterable[str], where: str) -> re.Pattern[str] | None:
    parts = [str(p) for p in items if str(p).strip()]
    if not parts:
        return None
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in parts) + r")(?!\w)")
    except re.error as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(p) for items in value.values() for p in (items or [])]
    return [str(p) for p in value]


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two lexicons that must meet within ``span`` words, and a guard that keeps it calm."""

    first: re.Pattern[str] | None
    second: re.Pattern[str] | None
    guard: re.Pattern[str] | None
    span: int

    def holds(self, norm: str, starts: list[int]) -> bool:
        if self.first is None or self.second is None:
            return False
        if self.guard is not None and self.guard.search(norm):
            return False
        firsts = _spans(self.first, norm, starts)
        if not firsts:
            return False
        seconds = _spans(self.second, norm, starts)
        return any(_apart(a, b) <= self.span and not _overlap(a, b) for a in firsts for b in seconds)


def _spans(pattern: re.Pattern[str], norm: str, starts: list[int]) -> list[tuple[int, int, int, int]]:
    """Matches as (first word, last word, start, end); a lexicon may match inside a longer match."""
    out = []
    for m in pattern.finditer(norm):
        out.append((_word_at(starts, m.start()), _word_at(starts, max(m.start(), m.end() - 1)), m.start(), m.end()))
    return out


def _word_at(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _apart(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    if a[1] < b[0]:
        return b[0] - a[1]
    if b[1] < a[0]:
        return a[0] - b[1]
    return 0


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Whether two matches share characters: one word may not be both the object and its cue."""
    return a[2] < b[3] and b[2] < a[3]


class MeansLexicon:
    """The ``means`` sections of every locale, merged (a Spanish message in an English chat still counts)."""

    def __init__(self, sections: list[dict[str, Any]]) -> None:
        def joined(key: str, sub: str | None = None) -> re.Pattern[str] | None:
            items: list[str] = []
            for section in sections:
                value = section.get(key)
                if sub is not None:
                    value = (value or {}).get(sub)
                items += _listed(value)
            return _alternation(items, f"safety_signals.yaml means {key}{'.' + sub if sub else ''}")

        # Places (heights, rail) take their own cues: a glass of wine on the balcony is an evening, not a plan.
        self.objects = joined("objects", "things")
        self.places = joined("objects", "places")
        self.held = joined("held")
        self.cue = joined("cue")
        self.place_cue = joined("place_cue")
        self.dose = joined("dose")
        # review8b: "how many can i take to never wake up" is a plan put as a dose question, not a dose question.
        self.dose_harm = joined("dose_harm")
        self.guard = joined("guard")
        self.deadline = _Pair(joined("deadline", "when"), joined("deadline", "final"), joined("deadline", "guard"),
                              NEAR)
        # open10: the act left unnamed or the future refused ("that day i'm done", "ese día lo acabo todo") points back
        # to its date, so the date may sit a sentence away.
        self.deadline_far = _Pair(joined("deadline", "when"), joined("deadline", "final_far"),
                                  joined("deadline", "guard"), FAR)
        self.alone = _Pair(joined("deadline", "alone"), joined("deadline", "bare"), joined("deadline", "guard"), FAR)
        self.harm_now = _Pair(joined("harm_now", "act"), joined("harm_now", "now"), joined("harm_now", "guard"), FAR)
        # open10: pills or poison already swallowed ("i took like 20 of my mom's tramadol an hour ago", "me estoy
        # tomando las pastillas una por una"): a swallowing verb near an object, and a quantity, a body that
        # feels it or "one by one" near the verb. Pain, sleep or a doctor anywhere in the message keeps it calm
        # ("took 2 tylenol an hour ago and my headache is still there").
        self.taken_act = joined("taken", "act")
        self.taken_cue = joined("taken", "cue")
        self.taken_guard = joined("taken", "guard")
        self.asks = {name: (joined("asks", name), joined("asks", name + "_guard")) for name in ASKS}

    def found(self, norm: str) -> frozenset[str]:
        """The categories of ``CATEGORIES`` that ``norm`` (normalised text) holds."""
        starts = [m.start() for m in _WORD.finditer(norm)]
        out = set()
        if self._held(norm, starts):
            out.add(HELD)
        for name, (pattern, guard) in self.asks.items():
            if pattern is not None and pattern.search(norm) and (guard is None or not guard.search(norm)):
                out.add(name)
        if METHOD_Q in out and HELD not in out and self._held(self._without_question(norm), starts, cue_free=True):
            # A lethality question beside the object at hand ("how long does a whole box take? i have it right here")
            # is a plan: the question is the cue.
            out.add(HELD)
        if (self.deadline.holds(norm, starts) or self.deadline_far.holds(norm, starts)
                or self.alone.holds(norm, starts)):
            out.add(DEADLINE)
        if self.harm_now.holds(norm, starts) or self._taken(norm, starts):
            out.add(HARM_NOW)
        return frozenset(out)

    def _taken(self, norm: str, starts: list[int]) -> bool:
        """A swallowing verb near pills or poison, with a quantity or the body's reaction near it, unguarded."""
        if self.taken_act is None or self.taken_cue is None or self.objects is None:
            return False
        acts = _spans(self.taken_act, norm, starts)
        if not acts:
            return False
        if (self.taken_guard is not None and self.taken_guard.search(norm)) or self.dose_question(norm):
            return False
        objects = _spans(self.objects, norm, starts)
        near = [a for a in acts if any(_apart(a, o) <= NEAR and not _overlap(a, o) for o in objects)]
        cues = _spans(self.taken_cue, norm, starts)
        return any(_apart(a, c) <= FAR and not _overlap(a, c) for a in near for c in cues)

    def dose_question(self, norm: str) -> bool:
        """Whether ``norm`` asks about a dose, a side effect or a prescription."""
        return (self.dose is not None and self.dose.search(norm) is not None
                and (self.dose_harm is None or self.dose_harm.search(norm) is None))

    def dose_harm_said(self, norm: str) -> bool:
        """Whether ``norm`` says the purpose is to die ("so i don't wake up"): never an everyday frame."""
        return self.dose_harm is not None and self.dose_harm.search(norm) is not None

    def guarded(self, norm: str) -> bool:
        """Whether ``norm`` holds a benign frame for means (chores, a pet, hunting, plants) or a dose question."""
        return (self.guard is not None and self.guard.search(norm) is not None) or self.dose_question(norm)

    def _without_question(self, norm: str) -> str:
        """``norm`` with the lethality question blanked (same length): the object and its holder are read outside it,
        and its own words ("cuánto tarda…") are not a dose question's guard."""
        pattern = self.asks[METHOD_Q][0]
        return pattern.sub(lambda m: " " * len(m.group(0)), norm) if pattern is not None else norm

    def _held(self, norm: str, starts: list[int], cue_free: bool = False) -> bool:
        """An object near its possession or presence, with a cue near it (or ``cue_free``), and no benign frame."""
        if self.held is None:
            return False
        kinds = [(o, c) for o, c in ((self.objects, self.cue), (self.places, self.place_cue))
                 if o is not None and c is not None]
        found = [(_spans(o, norm, starts), c) for o, c in kinds]
        if not any(spans for spans, _ in found):
            return False
        held = _spans(self.held, norm, starts)
        guarded: bool | None = None
        for objects, cue in found:
            near = [o for o in objects if any(_apart(o, h) <= NEAR and not _overlap(o, h) for h in held)]
            if not near:
                continue
            if guarded is None:
                guarded = self.guard is not None and self.guard.search(norm) is not None
            if guarded:
                return False
            if cue_free:
                return True
            if any(_apart(o, c) <= FAR and not _overlap(o, c) for o in near for c in _spans(cue, norm, starts)):
                return True
        return False
