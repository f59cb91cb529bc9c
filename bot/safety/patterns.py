"""Word-bounded patterns of the safety lists, joined so that one scan tests hundreds of them."""

from __future__ import annotations

import re

_START, _END = r"(?<!\w)(?:", r")(?!\w)"


def joined_patterns(items: tuple[re.Pattern[str], ...] | list[re.Pattern[str]]) -> re.Pattern[str]:
    r"""``items`` (each ``(?<!\w)(?:…)(?!\w)``) as one pattern, matching where any of them matches."""
    inner = [p.pattern[len(_START):-len(_END)] for p in items]
    assert all(p.pattern.startswith(_START) and p.pattern.endswith(_END) for p in items)
    return re.compile(_START + "|".join(f"(?:{i})" for i in inner) + _END)
