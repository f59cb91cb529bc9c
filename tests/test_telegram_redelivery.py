"""An update delivered again (a webhook retry, a batch re-fetched after a takeover) on PostgreSQL, state by state.

Each state of ``seen_updates`` (``storage/coordination.py``) is set up as a dead or busy worker
would leave it, then the real adapter receives the update: by webhook (the HTTP status is what
Telegram acts on) or by long polling.
"""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.events import Chat, Inbound, UserKey
from bot.replies import Reply, dump_replies, load_replies
from tests.fakes.telegram_api import FakeBotAPI, FakeUser
from tests.fakes.telegram_harness import RunningBot, start_bot

SECRET = "s3cret"
STORED = "the reply a dead worker had stored"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def hook(api: FakeBotAPI, postgres_url: str) -> AsyncIterator[RunningBot]:
    port = _port()
    bot = await start_bot(api, postgres_url, webhook_url=f"http://127.0.0.1:{port}/hook", webhook_secret=SECRET,
                          port=port)
    yield bot
    await bot.stop()


@pytest.fixture
async def poller(api: FakeBotAPI, postgres_url: str) -> AsyncIterator[RunningBot]:
    bot = await start_bot(api, postgres_url)
    yield bot
    await bot.stop()


def _help(api: FakeBotAPI, user: FakeUser) -> dict[str, object]:
    message = api.new_message(api.open_private(user), user.obj, text="/help",
                              entities=[{"type": "bot_command", "offset": 0, "length": 5}])
    return {"update_id": api.next_id(), "message": message}


async def _seed(bot: RunningBot, key: str, *, claimed_by: str, age_s: float, replies: str | None = None) -> None:
    """The row a worker leaves: claimed ``age_s`` ago, applied if ``replies`` is given, not done."""
    sealed = None if replies is None else bot.app.store.sealer.seal(replies)
    await bot.app.store.write_returning(
        "INSERT INTO seen_updates (key, seen_at, claimed_by, claimed_at, done, replies) VALUES (?, ?, ?, ?, 0, ?)",
        (key, int(time.time()), claimed_by, int((time.time() - age_s) * 1000), sealed))


async def _conversations(bot: RunningBot, user: FakeUser) -> list[tuple[object, ...]]:
    return await bot.app.store.fetch_all("SELECT flow, step, version FROM conversations WHERE user_key = ?",
                                         (f"telegram:{user.id}",))


async def _quiet(api: FakeBotAPI) -> None:
    await api.wait(lambda: True, within=1, settle=0.5)


async def test_a_fresh_update_is_answered_once_and_a_repeat_is_acknowledged_unhandled(
    api: FakeBotAPI, hook: RunningBot
) -> None:
    ana = api.user(8100, "Ana")
    update = _help(api, ana)
    assert await api.post_to_webhook(update, SECRET) == 200  # answered inside the request
    assert [m["text"] for m in api.sent(ana.id)] == [hook.app.engine.i18n.text("en", "help-commands")]
    state = await hook.app.store.update_state(f"telegram:{update['update_id']}")
    assert state is not None and state.done and state.replies is None
    assert await api.post_to_webhook(update, SECRET) == 200
    await _quiet(api)
    assert len(api.sent(ana.id)) == 1


async def test_an_update_a_live_worker_is_handling_gets_503_so_telegram_retries_later(
    api: FakeBotAPI, hook: RunningBot
) -> None:
    ben = api.user(8101, "Ben")
    update = _help(api, ben)
    key = f"telegram:{update['update_id']}"
    await _seed(hook, key, claimed_by="other-worker:1", age_s=1)
    assert await api.post_to_webhook(update, SECRET) == 503
    await _quiet(api)
    assert api.sent(ben.id) == []
    await hook.app.store.finish_update(key)  # the other worker answered it
    assert await api.post_to_webhook(update, SECRET) == 200
    await _quiet(api)
    assert api.sent(ben.id) == []


async def test_a_dead_workers_stale_claim_is_taken_over_and_handled(api: FakeBotAPI, hook: RunningBot) -> None:
    cai = api.user(8102, "Cai")
    update = _help(api, cai)
    key = f"telegram:{update['update_id']}"
    await _seed(hook, key, claimed_by="dead-worker:1", age_s=120)  # killed before it applied anything
    assert await api.post_to_webhook(update, SECRET) == 200
    assert [m["text"] for m in api.sent(cai.id)] == [hook.app.engine.i18n.text("en", "help-commands")]
    state = await hook.app.store.update_state(key)
    assert state is not None and state.done and state.claimed_by == hook.app.worker


async def test_an_update_a_dead_worker_applied_sends_its_stored_replies_without_applying_it_again(
    api: FakeBotAPI, hook: RunningBot
) -> None:
    dee = api.user(8103, "Dee")
    update = _help(api, dee)
    key = f"telegram:{update['update_id']}"
    stored = [Reply(kind="help", flow="help", step="commands", text=STORED, locale="en")]
    await _seed(hook, key, claimed_by="dead-worker:1", age_s=120, replies=dump_replies(stored))
    assert await api.post_to_webhook(update, SECRET) == 200
    await _quiet(api)
    assert [m["text"] for m in api.sent(dee.id)] == [STORED]
    assert await _conversations(hook, dee) == []  # the engine did not run: the state change was already made


async def test_a_refetched_update_that_was_applied_sends_its_stored_replies_by_polling(
    api: FakeBotAPI, poller: RunningBot
) -> None:
    eli = api.user(8104, "Eli")
    update = _help(api, eli)
    stored = [Reply(kind="help", flow="help", step="commands", text=STORED, locale="en")]
    await _seed(poller, f"telegram:{update['update_id']}", claimed_by=None, age_s=0, replies=dump_replies(stored))
    await api.enqueue(update)  # the batch of a worker killed between its COMMIT and its send, fetched again
    await api.wait(lambda: len(api.sent(eli.id)) >= 1, within=15)
    await _quiet(api)
    assert [m["text"] for m in api.sent(eli.id)] == [STORED]
    assert await _conversations(poller, eli) == []
    done = _help(api, eli)
    await poller.app.store.finish_update(f"telegram:{done['update_id']}")
    await api.enqueue(done)  # already answered before the takeover: skipped
    await api.enqueue(_help(api, eli))
    await api.wait(lambda: len(api.sent(eli.id)) >= 2, within=15)
    await _quiet(api)
    assert len(api.sent(eli.id)) == 2


async def test_the_engine_stores_the_replies_it_returns_with_the_state_change(
    api: FakeBotAPI, poller: RunningBot
) -> None:
    event = Inbound(user=UserKey("telegram", "8105"), chat=Chat("8105"), received_at=datetime.now(UTC),
                    command="ground", delivery="telegram:990001")
    replies = await poller.app.engine.handle(event)
    state = await poller.app.store.update_state("telegram:990001")
    assert replies and state is not None and not state.done and state.replies is not None
    assert load_replies(state.replies) == replies  # buttons carry the version the write made
    [(version,)] = await poller.app.store.fetch_all(
        "SELECT version FROM conversations WHERE user_key = ?", ("telegram:8105",))
    assert {r.version for r in replies if r.choices} == {version}


def test_replies_survive_the_round_trip_bytes_and_buttons_included() -> None:
    from bot.replies import Choice, FileAttachment

    replies = [Reply(kind="chart", flow="journal", step="chart", text="x", image=b"\x89PNG\x00",
                     choices=(Choice("a", "A"),), version=3, meta={"k": "v"}),
               Reply(kind="privacy", flow="privacy", step="export", text="y", file=FileAttachment("d.json", b"{}"))]
    assert load_replies(dump_replies(replies)) == replies


async def test_a_refetched_batch_answers_one_chat_in_the_order_of_its_updates(
    api: FakeBotAPI, poller: RunningBot
) -> None:
    # A takeover re-fetches a dead worker's batch: its first update was applied (replies stored, a
    # long read), the next ones are new (short reads). The chat must still be answered in order.
    eli = api.user(8106, "Eli")
    chat = api.open_private(eli)
    messages = [api.new_message(chat, eli.obj, text="/help", entities=[{"type": "bot_command", "offset": 0,
                                                                          "length": 5}]) for _ in range(4)]
    first_id = api.next_id() + 1  # enqueue_batch numbers the updates from here
    stored = [Reply(kind="help", flow="help", step="x" * 8_000_000, text=STORED, locale="en")]
    await _seed(poller, f"telegram:{first_id}", claimed_by=None, age_s=0, replies=dump_replies(stored))
    api.enqueue_batch([{"message": m} for m in messages])
    await api.wait(lambda: len(api.sent(eli.id)) >= 4, within=30)
    await _quiet(api)
    texts = [m["text"] for m in api.sent(eli.id)]
    assert len(texts) == 4 and texts[0] == STORED, texts[:1]
