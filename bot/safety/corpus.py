"""The safety model's training corpus: hand-written phrasings, templated ones, and the old corpus.

Kept apart from the evaluation (``tests/safety_eval/``), which is never read here. Templates
are filled with a fixed seed, so the same files always give the same rows in the same order.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "bot" / "safety" / "training"
OLD_CORPUS = ROOT / "tests" / "safety_corpus"
LABELS = ("crisis", "abuse", "benign")
SEED = 20261129
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled training message."""

    text: str
    label: str
    lang: str
    origin: str


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def handwritten(directory: Path = TRAINING) -> list[Row]:
    rows = []
    for lang in ("en", "es"):
        # ``en.yaml`` plus topic files such as ``en_abuse.yaml`` (kept apart so that people
        # working on different kinds of sign do not edit the same list).
        for path in [directory / f"{lang}.yaml", *sorted(directory.glob(f"{lang}_*.yaml"))]:
            data = _load(path)
            rows += [Row(str(t), label, lang, f"training/{path.stem}") for label in LABELS
                     for t in data.get(label) or []]
    return rows


def templated(directory: Path = TRAINING) -> list[Row]:
    """Fill each template from its slots and draw up to ``per_template`` fillings (fixed seed).

    ``templates.yaml`` and then ``templates_*.yaml``, each with its own slots and count.
    """
    return [row for row, _ in templated_with_sources(directory)]


def templated_with_sources(directory: Path = TRAINING) -> Iterator[tuple[Row, str]]:
    """Each templated row with the template it was filled from (``file/lang/label/number``)."""
    for path in [directory / "templates.yaml", *sorted(directory.glob("templates_*.yaml"))]:
        yield from _fill(_load(path), f"{path.stem}")


def _fill(data: dict, origin: str) -> Iterator[tuple[Row, str]]:  # type: ignore[type-arg]
    per = int(data["per_template"])
    rng = random.Random(SEED)
    for lang in ("en", "es"):
        slots = data[lang]["slots"]
        for label in LABELS:
            for number, template in enumerate(data[lang].get(label) or []):
                names = _SLOT.findall(template)
                combos = list(itertools.product(*(slots[n] for n in names)))
                for combo in rng.sample(combos, min(per, len(combos))):
                    text = template
                    for name, value in zip(names, combo, strict=True):
                        text = text.replace("{" + name + "}", value, 1)
                    yield Row(text, label, lang, f"{origin}/{lang}"), f"{origin}/{lang}/{label}/{number}"


def old_corpus(directory: Path = OLD_CORPUS) -> list[Row]:
    rows = []
    for path in sorted(directory.glob("*.yaml")):
        for kind, items in _load(path).items():
            label = kind if kind in LABELS else "benign"
            rows += [Row(str(t), label, path.stem, f"safety_corpus/{path.stem}") for t in items]
    return rows


def training_rows() -> list[Row]:
    """Every training row, de-duplicated by text (first label wins), in a stable order."""
    seen: set[str] = set()
    out = []
    for row in handwritten() + templated() + old_corpus():
        key = row.text.strip().casefold()
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
