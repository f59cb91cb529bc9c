"""Workers sharing a database: one lease holder at a time, takeover after expiry, an update claimed, applied
with its replies in the same transaction as the state change, and done."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from storage import AlreadyApplied, PositionWrite, Store, UnitOfWork, VersionConflict
from storage.sealing import Sealer, new_key

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.both_backends


async def test_only_one_worker_holds_a_lease_and_renews_it(store: Store) -> None:
    assert await store.acquire_lease("telegram:polling", "a", ttl_s=5)
    assert not await store.acquire_lease("telegram:polling", "b", ttl_s=5)
    assert await store.acquire_lease("telegram:polling", "a", ttl_s=5)  # renewal
    assert await store.lease_holder("telegram:polling") == "a"


async def test_an_expired_lease_is_taken_over(store: Store) -> None:
    assert await store.acquire_lease("discord:shard:0", "dead", ttl_s=0.2)
    await asyncio.sleep(0.3)
    assert await store.acquire_lease("discord:shard:0", "alive", ttl_s=5)
    assert not await store.acquire_lease("discord:shard:0", "dead", ttl_s=5)


async def test_a_released_lease_is_free_at_once(store: Store) -> None:
    await store.acquire_lease("telegram:polling", "a", ttl_s=60)
    assert await store.release_lease("telegram:polling", "a")
    assert await store.acquire_lease("telegram:polling", "b", ttl_s=60)


async def test_racing_workers_get_the_lease_once(store: Store) -> None:
    won = await asyncio.gather(*(store.acquire_lease("telegram:polling", f"w{i}", ttl_s=5) for i in range(6)))
    assert won.count(True) == 1


async def test_racing_deliveries_of_one_update_are_claimed_once(store: Store) -> None:
    claims = await asyncio.gather(*(store.claim_update("telegram:1001", f"w{i}", stale_s=30) for i in range(5)))
    assert sorted(claims) == ["busy"] * 4 + ["ours"]
    assert await store.claim_update("telegram:1002", "w0", stale_s=30) == "ours"


async def test_a_live_claim_is_busy_then_done_once_finished(store: Store) -> None:
    assert await store.claim_update("telegram:7", "a", stale_s=30) == "ours"
    assert await store.claim_update("telegram:7", "a", stale_s=30) == "busy"  # even its own retry waits
    assert await store.claim_update("telegram:7", "b", stale_s=30) == "busy"
    await store.finish_update("telegram:7")
    assert await store.claim_update("telegram:7", "b", stale_s=30) == "done"
    state = await store.update_state("telegram:7")
    assert state is not None and state.done and state.replies is None


async def test_a_stale_claim_is_taken_over_and_a_renewed_one_is_not(store: Store) -> None:
    assert await store.claim_update("telegram:8", "dead", stale_s=0.3) == "ours"
    assert await store.claim_update("telegram:9", "slow", stale_s=0.3) == "ours"
    for _ in range(3):
        await asyncio.sleep(0.15)
        assert await store.renew_update("telegram:9", "slow")
    assert await store.claim_update("telegram:8", "alive", stale_s=0.3) == "ours"
    assert await store.claim_update("telegram:9", "alive", stale_s=0.3) == "busy"
    state = await store.update_state("telegram:8")
    assert state is not None and state.claimed_by == "alive" and not state.done
    assert not await store.renew_update("telegram:8", "dead")  # the dead worker's claim is gone


async def test_a_unit_of_work_records_its_update_as_applied_with_its_replies(store: Store) -> None:
    store.sealer = Sealer([new_key()])
    assert await store.claim_update("telegram:10", "a", stale_s=30) == "ours"
    uow = UnitOfWork(user_key="telegram:5", chat_id="5", now=NOW, delivery_key="telegram:10",
                     delivery_replies='[{"text": "the next question"}]')
    uow.position = PositionWrite(flow="grounding", step="breathe", data={}, expected_version=None, expires_at=None)
    assert await store.apply(uow) == 1
    state = await store.update_state("telegram:10")
    assert state is not None and not state.done and state.replies == '[{"text": "the next question"}]'
    [(raw,)] = await store.fetch_all("SELECT replies FROM seen_updates WHERE key = ?", ("telegram:10",))
    assert "next question" not in raw  # sealed at rest, like everything the bot says back
    # A worker that dies now leaves it claimed and applied: the next takes it over, replies in hand.
    assert await store.claim_update("telegram:10", "b", stale_s=0) == "ours"
    await store.finish_update("telegram:10")
    state = await store.update_state("telegram:10")
    assert state is not None and state.done and state.replies is None


async def test_a_conflicting_unit_records_nothing_of_its_update(store: Store) -> None:
    first = UnitOfWork(user_key="telegram:6", chat_id="6", now=NOW)
    first.position = PositionWrite(flow="grounding", step="breathe", data={}, expected_version=None, expires_at=None)
    await store.apply(first)
    stale = UnitOfWork(user_key="telegram:6", chat_id="6", now=NOW, delivery_key="telegram:11",
                       delivery_replies="[]")
    stale.position = PositionWrite(flow="grounding", step="done", data={}, expected_version=7, expires_at=None)
    with pytest.raises(VersionConflict):
        await store.apply(stale)
    assert await store.update_state("telegram:11") is None


async def test_an_update_recorded_before_claims_existed_counts_as_done(store: Store) -> None:
    await store.write_returning("INSERT INTO seen_updates (key, seen_at) VALUES (?, ?)", ("telegram:12", 1))
    assert await store.claim_update("telegram:12", "a", stale_s=0) == "done"


def _answering(user: int, key: str, expected: int | None = None) -> UnitOfWork:
    uow = UnitOfWork(user_key=f"telegram:{user}", chat_id=str(user), now=NOW, delivery_key=key,
                     delivery_replies=f'[{{"text": "answer from {user}"}}]')
    uow.position = PositionWrite(flow="grounding", step="breathe", data={}, expected_version=expected,
                                 expires_at=None)
    return uow


async def test_an_update_already_applied_is_refused_and_leaves_nothing_behind(store: Store) -> None:
    assert await store.apply(_answering(20, "telegram:30")) == 1
    with pytest.raises(AlreadyApplied):  # a second worker, its claim taken over too late to know
        await store.apply(_answering(20, "telegram:30", expected=1))
    [(version,)] = await store.fetch_all("SELECT version FROM conversations WHERE user_key = ?", ("telegram:20",))
    state = await store.update_state("telegram:30")
    assert version == 1 and state is not None and state.replies == '[{"text": "answer from 20"}]'
    await store.finish_update("telegram:30")
    with pytest.raises(AlreadyApplied):
        await store.apply(_answering(20, "telegram:30", expected=1))


async def test_units_committed_together_refuse_only_the_repeated_update(store: Store) -> None:
    # Submitted at once, so the backends' group commit writes them in one batch.
    units = [_answering(n, f"telegram:{40 + n}") for n in range(21, 27)] + [_answering(27, "telegram:61")]
    results = await asyncio.gather(*(store.apply(u) for u in units), return_exceptions=True)
    assert results[:-1] == [1] * 6 and isinstance(results[-1], AlreadyApplied), results
    rows = await store.fetch_all("SELECT user_key FROM conversations WHERE user_key = ?", ("telegram:27",))
    assert rows == []  # the refused unit wrote nothing of its own


async def test_forget_drops_the_replies_an_earlier_update_still_had_to_send(store: Store) -> None:
    # A /mydata export (or a draft's preview) applied, its worker died before sending it, and the
    # user sent /forget: the stored replies carry the user's words and must go with the rest.
    await store.apply(_answering(70, "telegram:80"))
    await store.apply(_answering(71, "telegram:81"))  # someone else's pending replies stay
    forget = UnitOfWork(user_key="telegram:70", chat_id="70", now=NOW, forget=True,
                        delivery_key="telegram:82", delivery_replies='[{"text": "all gone"}]')
    await store.apply(forget)
    earlier = await store.update_state("telegram:80")
    assert earlier is not None and earlier.done and earlier.replies is None  # never sent after /forget
    other = await store.update_state("telegram:81")
    assert other is not None and other.replies == '[{"text": "answer from 71"}]'
    own = await store.update_state("telegram:82")  # /forget's own confirmation can still be re-sent
    assert own is not None and not own.done and own.replies == '[{"text": "all gone"}]'
    assert await store.count_rows_for("telegram:70") == 0


async def test_a_claim_is_answered_without_opening_replies_this_worker_has_no_key_for(store: Store) -> None:
    # A rolling key change: the worker that applied the update sealed its replies with a key this
    # worker does not have yet. Telegram's retry must still hear "busy" (503), not fail (500).
    store.sealer = Sealer([new_key()])
    assert await store.claim_update("telegram:90", "a", stale_s=30) == "ours"
    await store.apply(_answering(90, "telegram:90"))
    store.sealer = Sealer([new_key()])  # the other worker's keys
    assert await store.claim_update("telegram:90", "b", stale_s=30) == "busy"
    await store.finish_update("telegram:90")
    assert await store.claim_update("telegram:90", "b", stale_s=30) == "done"
