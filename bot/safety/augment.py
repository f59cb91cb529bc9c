"""Training-time copies of the corpus rows in other surface forms (issue #9, model side).

The misses on wording nobody here wrote are mostly messages in which the detector finds no
category and the model is undecided: typos, no accents, another region's word for the same
thing, chat fillers, one risky sentence inside ordinary chatter. Each recipe rewrites a row the
way people type it and keeps its label; benign rows get the same treatment, so that no
rewrite (a filler, a long message, a regional word) becomes a cue of risk by itself.

Deterministic: one ``random.Random`` per call, seeded from ``SEED`` and the row's text, so a
row's copies do not depend on which other rows are in the corpus (cross-validation folds).
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from bot.safety.normalize import normalize, strip_accents

SEED = 20261130
RECIPES = ("noise", "swap", "pad", "embed", "mix")

# Word families people use for the same thing in different places or registers. A member
# starting with "~" is only ever written in, never replaced: "man" or "mi jefa" also mean
# other things when read as a source.
SWAPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "es": (
        ("celular", "movil", "celu", "cel", "telefono"),
        ("plata", "dinero", "lana", "guita", "varo", "~pasta"),
        ("novio", "~pareja", "~chico", "~man", "~chabon"),
        ("novia", "~pareja", "~chica", "~morra", "~piba", "~jeva"),
        ("pastillas", "pastis", "pildoras", "~pastas"),
        ("trabajo", "chamba", "curro", "laburo", "~pega"),
        ("amigos", "panas", "cuates", "compas", "colegas", "parceros"),
        ("amiga", "~parcera", "~cuata", "~compa", "~colega"),
        ("carro", "coche", "auto"),
        ("hijos", "ninos", "chamacos", "crios", "pibes", "nenes"),
        ("mi mama", "mi vieja", "mi madre", "~mi jefa", "~mi ma"),
        ("mi papa", "mi padre", "~mi viejo", "~mi jefe"),
        ("enojado", "enfadado", "encabronado", "~caliente"),
        ("enojada", "enfadada", "encabronada"),
        ("pistola", "~arma", "~fierro", "~cuete"),
        ("golpes", "madrazos", "trompadas", "chingadazos", "~pinas"),
        ("pelea", "bronca", "pleito", "quilombo"),
        ("borracho", "~pedo", "~tomado", "~en pedo", "~mamado"),
        ("muy", "re", "~bien"),
        ("por favor", "porfa", "xfa"),
        ("tambien", "tb", "tmb"),
        ("whatsapp", "wsp", "wasap", "whats"),
        ("mensaje", "msj", "mensj"),
        ("ahora", "ahorita", "ya mismo"),
    ),
    "en": (
        ("phone", "cell", "cellphone"),
        ("money", "cash"),
        ("boyfriend", "bf", "~partner", "~man"),
        ("girlfriend", "gf", "~partner"),
        ("husband", "hubby", "~partner"),
        ("pills", "meds", "tablets"),
        ("going to", "gonna"),
        ("want to", "wanna"),
        ("got to", "gotta"),
        ("kind of", "kinda"),
        ("kids", "children", "~little ones"),
        ("mom", "mum", "mother", "~ma"),
        ("tonight", "tonite"),
        ("because", "cuz", "bc", "cos"),
        ("really", "rly", "realy"),
        ("though", "tho"),
        ("right now", "rn"),
        ("i don't know", "idk", "dunno"),
        ("to be honest", "tbh"),
        ("please", "pls", "plz"),
        ("someone", "somebody"),
        ("apartment", "apt", "~flat"),
        ("angry", "pissed", "~mad"),
        ("drunk", "~wasted", "~hammered"),
        ("okay", "ok"),
        ("anymore", "any more"),
    ),
}
FILLERS = {
    "en": ("ugh", "idk", "honestly", "so yeah", "anyway", "lol", "hmm", "ok so", "like", "tbh", "sorry", "lmao"),
    "es": ("bueno", "nada", "o sea", "jaja", "ay", "che", "wey", "pues", "la verdad", "tipo", "perdon", "osea"),
}
# Letters people confuse in Spanish chat ("yamar", "aser", "kiero", "bolber"), tried per word.
_ES_SPELLING = ((re.compile(r"ll"), "y"), (re.compile(r"v"), "b"), (re.compile(r"c(?=[ei])"), "s"),
                (re.compile(r"z"), "s"), (re.compile(r"^h"), ""), (re.compile(r"qu(?=[ei])"), "k"))
_WORD = re.compile(r"[^\W\d_]{4,}")
TYPO_RATE = 0.12  # share of words of four letters or more given a typo
SPELLING_RATE = 0.3
PAD_MAX = 140  # benign rows longer than this are not used as padding (one risky sentence in chatter)


@dataclass(frozen=True, slots=True)
class Copy:
    """One rewritten row: its source row's index, the new text, and the padding row used (or None)."""

    source: int
    text: str
    padding: int | None = None


def _rng(recipe: str, text: str, copy: int) -> random.Random:
    return random.Random(SEED ^ zlib.crc32(f"{recipe}\0{copy}\0{text}".encode()))


def _families(lang: str) -> list[tuple[list[str], list[str]]]:
    out = []
    for family in SWAPS.get(lang, ()):
        members = [m.lstrip("~") for m in family]
        out.append(([m for m in family if not m.startswith("~")], members))
    return out


_FAMILY_CACHE: dict[str, tuple[re.Pattern[str], dict[str, list[str]]]] = {}


def _swap_table(lang: str) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    if lang not in _FAMILY_CACHE:
        targets: dict[str, list[str]] = {}
        for sources, members in _families(lang):
            for s in sources:
                targets[s] = [m for m in members if m != s]
        words = sorted(targets, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, words)) + r")(?![\w'])")
        _FAMILY_CACHE[lang] = (pattern, targets)
    return _FAMILY_CACHE[lang]


def swap(text: str, lang: str, rng: random.Random) -> str:
    """Each regional or chat word of a family, replaced by another of its family (lowercased text)."""
    pattern, targets = _swap_table(lang)
    plain = strip_accents(text.casefold())
    return pattern.sub(lambda m: rng.choice(targets[m.group(1)]), plain)


def noise(text: str, lang: str, rng: random.Random) -> str:
    """No accents, no capitals, no final punctuation, and typos: letters dropped, swapped, doubled."""
    plain = strip_accents(text.casefold()).rstrip(".!?¡¿ ")
    if rng.random() < 0.5:
        plain = re.sub(r"[,;:¿¡]", "", plain)

    def typo(m: re.Match[str]) -> str:
        word = m.group(0)
        if lang == "es" and rng.random() < SPELLING_RATE:
            for rule, repl in rng.sample(_ES_SPELLING, len(_ES_SPELLING)):
                changed = rule.sub(repl, word, count=1)
                if changed != word:
                    return changed
        if rng.random() >= TYPO_RATE:
            return word
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            return word[:i] + word[i + 1:]
        if kind == 1:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        return word[:i] + word[i] + word[i:]

    return _WORD.sub(typo, plain)


def pad(text: str, lang: str, rng: random.Random) -> str:
    """A chat filler before, after or on both sides."""
    fillers = FILLERS.get(lang, FILLERS["en"])
    where = rng.randrange(3)
    before = rng.choice(fillers) + " " if where != 1 else ""
    after = " " + rng.choice(fillers) if where != 0 else ""
    return before + text + after


def embed(text: str, chatter: str, rng: random.Random) -> str:
    """The row's sentence inside an ordinary message (a benign row), before or after it."""
    chatter = chatter.strip()
    if chatter and chatter[-1] not in ".!?":
        chatter += "."
    body = text.strip()
    return f"{chatter} {body}" if rng.random() < 0.5 else f"{body}{'' if body[-1:] in '.!?' else '.'} {chatter}"


def copies(texts: Sequence[str], labels: Sequence[str], langs: Sequence[str], recipe: str,
           n: int = 1) -> list[Copy]:
    """``n`` rewritten copies of every row by ``recipe``; a copy the model reads as its row is left out."""
    if recipe not in RECIPES:
        raise ValueError(f"unknown recipe {recipe!r}; one of {RECIPES}")
    chatter: dict[str, list[int]] = {}
    for i, (text, label, lang) in enumerate(zip(texts, labels, langs, strict=True)):
        if label == "benign" and len(text) <= PAD_MAX:
            chatter.setdefault(lang, []).append(i)
    out: list[Copy] = []
    for i, (text, lang) in enumerate(zip(texts, langs, strict=True)):
        lang = lang if lang in SWAPS else "en"
        for k in range(n):
            rng = _rng(recipe, text, k)
            new, padding = text, None
            steps = [recipe] if recipe != "mix" else _mix(rng)
            for step in steps:
                if step == "swap":
                    new = swap(new, lang, rng)
                elif step == "noise":
                    new = noise(new, lang, rng)
                elif step == "pad":
                    new = pad(new, lang, rng)
                elif step == "embed":
                    pool = [j for j in chatter.get(lang, ()) if j != i]
                    if pool:
                        padding = pool[rng.randrange(len(pool))]
                        new = embed(new, texts[padding], rng)
            # Accents, capitals and punctuation alone change nothing the model reads.
            if normalize(new) != normalize(text):
                out.append(Copy(i, new, padding))
    return out


def _mix(rng: random.Random) -> list[str]:
    """A swap always, then noise, a filler and chatter each by chance (at least one of them)."""
    steps = ["swap"]
    extra = [s for s, p in (("noise", 0.5), ("pad", 0.3), ("embed", 0.3)) if rng.random() < p]
    return steps + (extra or [rng.choice(("noise", "pad", "embed"))])
