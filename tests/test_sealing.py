"""What users wrote is encrypted at rest when GROUNDWORK_SECRET_KEY is set, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage import JournalWrite, PositionWrite, Store, UnitOfWork
from storage.sealing import SealedTextUnreadable, Sealer, new_key, sealer_from_env

pytestmark = pytest.mark.both_backends
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
WORDS = "he read my messages again"


async def _write(store: Store) -> None:
    await store.apply(UnitOfWork(
        user_key="console:ana", chat_id="ana", now=NOW,
        position=PositionWrite("trigger", "rate", {"text": WORDS}, None, None),
        journal=[JournalWrite("j1", topic="monitoring", text=WORDS)], safety_plan={"warning_signs": WORDS}))


async def _raw(store: Store) -> str:
    rows = [await store.fetch_all(q) for q in ("SELECT text FROM journal", "SELECT data FROM safety_plans",
                                               "SELECT data FROM conversations")]
    return repr(rows)


async def test_with_a_key_nothing_the_user_wrote_is_readable_in_the_database(store: Store) -> None:
    store.sealer = Sealer([new_key()])
    await _write(store)
    assert WORDS not in await _raw(store)
    conv = (await store.load("console:ana", "ana")).conversation
    assert conv is not None and conv.data == {"text": WORDS}
    assert [e["text"] for e in await store.recent_journal("console:ana", NOW - timedelta(days=1))] == [WORDS]
    assert await store.safety_plan("console:ana") == {"warning_signs": WORDS}
    exported = await store.export_user("console:ana")
    assert exported["journal"][0]["text"] == WORDS and exported["safety_plan"]["data"] == {"warning_signs": WORDS}


async def test_a_rotated_key_still_reads_what_the_old_one_sealed(store: Store) -> None:
    old, new = new_key(), new_key()
    store.sealer = Sealer([old])
    await _write(store)
    store.sealer = sealer_from_env({"GROUNDWORK_SECRET_KEY": f"{new},{old}"})
    assert await store.safety_plan("console:ana") == {"warning_signs": WORDS}
    store.sealer = Sealer([new])
    with pytest.raises(SealedTextUnreadable):
        await store.recent_journal("console:ana", NOW - timedelta(days=1))


async def test_a_plan_no_key_here_opens_reads_as_absent_so_the_crisis_path_still_runs(store: Store) -> None:
    store.sealer = Sealer([new_key()])
    await _write(store)
    store.sealer = Sealer([new_key()])
    assert await store.safety_plan("console:ana") == {}


async def test_without_a_key_text_is_stored_as_written_and_stays_readable_after_a_key_is_added(store: Store) -> None:
    await _write(store)
    assert WORDS in await _raw(store)
    store.sealer = Sealer([new_key()])
    assert await store.safety_plan("console:ana") == {"warning_signs": WORDS}
