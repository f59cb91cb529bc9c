"""``GROUNDWORK_WORKER_STALE_S``: how long a silent worker counts as alive."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.scheduling.pump import STALE_AFTER, stale_after_from_env


def test_an_unset_staleness_is_thirty_seconds() -> None:
    assert stale_after_from_env({}) == STALE_AFTER == timedelta(seconds=30)


@pytest.mark.parametrize("raw", ["0", "-5", "0.5"])
def test_a_staleness_under_a_second_is_refused_at_start(raw: str) -> None:
    # Beats are stored in whole seconds: under one, every live worker would look dead to the others.
    with pytest.raises(ValueError, match="GROUNDWORK_WORKER_STALE_S"):
        stale_after_from_env({"GROUNDWORK_WORKER_STALE_S": raw})
