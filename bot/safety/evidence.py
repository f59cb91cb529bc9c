"""Broad risk-content words: the weak lexical evidence a question asked on the model alone needs.

``locales/<lang>/safety_lexicon.yaml`` lists stems matched at the start of a word on the normalised
text, every locale at once (a Spanish word in an English chat still counts). They never open or ask
by themselves: a message with none of them is asked on the model's mass alone only above a higher
line (``tiers.MODEL_BARE_ASK``), so everyday messages the model reads as risky by their shape
("cuando cancelaste la cena sin avisarme...") are not asked, while new wording of real risk, which
names a body, a method, a fear or a control, keeps the ordinary line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.yamlfile import read_yaml

FILE = "safety_lexicon.yaml"


class RiskWords:
    """Every locale's broad risk stems as one pattern searched on normalised text."""

    def __init__(self, locales_dir: Path, locales: tuple[str, ...] | list[str]) -> None:
        parts: list[str] = []
        for locale in locales:
            path = locales_dir / locale / FILE
            if not path.exists():
                continue
            data: Any = read_yaml(path) or {}
            parts += [f"(?:{p})" for p in data.get("risk_words") or []]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") if parts else None

    def found(self, norm: str) -> bool:
        """Whether ``norm`` holds any broad risk word (always true with no lexicon loaded)."""
        return self.pattern is None or self.pattern.search(norm) is not None
