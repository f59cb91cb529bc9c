"""Daily tips: ids come from the ``tip-*`` keys of the locales, so adding a tip is a text change."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from bot.i18n import I18n


def tip_ids(i18n: I18n) -> tuple[str, ...]:
    """Every tip id present in the first locale (parity checks keep the others in step)."""
    keys = i18n.keys(i18n.locales[0])
    return tuple(sorted(k.removeprefix("tip-") for k in keys if k.startswith("tip-")))


def pick_tip(ids: Sequence[str], recent: Iterable[str], rng: random.Random) -> str:
    """A random tip not sent recently; if every tip was sent recently, the least recent one."""
    recent = list(recent)
    seen = set(recent)
    fresh = [t for t in ids if t not in seen]
    if fresh:
        return rng.choice(fresh)
    # Only possible with fewer tips than days in the memory window: repeat the oldest.
    order = {t: i for i, t in enumerate(recent)}
    return min(ids, key=lambda t: order.get(t, -1))
