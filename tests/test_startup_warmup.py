"""``python -m bot run`` connects before the models load (``bot.warmup``); no message is screened
without the second tier by accident: it waits for the models, bounded, and the floor still holds."""

from __future__ import annotations

import asyncio
import gc
import logging
import shutil
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleSession
from bot.app import ROOT, Settings, build_app
from bot.clock import FakeClock
from bot.events import UserKey
from bot.flowdefs import FlowError
from bot.warmup import PendingScreen
from tests.fakes.console import START, ConsoleDriver
from tests.fakes.telegram_api import FakeBotAPI

# Written for this test; the phrase lists had no entry for it when it was written (the second tier
# opens the crisis path for a stated means at hand).
MEANS_AT_HAND = "i have the knife with me in the bathroom"


async def deferred_console(db_path: Path, locales: Path | None = None) -> ConsoleDriver:
    clock = FakeClock(START)
    settings = Settings.from_env(db_path=str(db_path), locales_dir=locales)
    app = await build_app(settings, clock=clock, defer_models=True)
    session = ConsoleSession(engine=app.engine, clock=clock, user=UserKey("console", "local"), lang="en",
                             pump=app.due_pump(), circles=app.circles)
    return ConsoleDriver(app=app, clock=clock, session=session)


async def test_a_message_that_arrives_before_the_models_waits_for_the_second_tier(db_path: Path) -> None:
    driver = await deferred_console(db_path)
    try:
        warmup = driver.app.warmup
        assert warmup is not None and not warmup.done
        assert isinstance(driver.app.engine.safety, PendingScreen) and driver.app.engine.safety.tiered is None
        sending = asyncio.create_task(driver.send(MEANS_AT_HAND))
        await asyncio.sleep(0.2)
        assert not sending.done()  # held, not answered by the phrase lists alone
        await warmup.run()
        replies = await asyncio.wait_for(sending, 10)
        assert replies[0]["flow"] == "crisis"
        assert driver.app.engine.safety.tiered is not None and driver.app.engine.topics.model is not None
    finally:
        await driver.close()


async def test_past_the_bound_the_phrase_lists_still_screen_and_the_log_says_so(
        db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    driver = await deferred_console(db_path)
    try:
        assert driver.app.warmup is not None
        driver.app.warmup.bound_s = 0.05  # the models never come in this test
        with caplog.at_level(logging.WARNING, logger="groundwork"):
            replies = await driver.send("I want to kill myself")
        assert replies[0]["flow"] == "crisis"
        assert "screened by the phrase lists only" in caplog.text
        assert "kill myself" not in caplog.text  # logs never carry message text
    finally:
        await driver.close()


async def assert_broken_locale_stops_the_warmup(db_path: Path, tmp_path: Path, file: str, line: str,
                                                 error: str) -> None:
    """A copy of the locales with ``line`` appended to ``file``: the warm-up raises ``error`` and waits for nothing."""
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    with (locales / file).open("a", encoding="utf-8") as broken:
        broken.write(line)
    driver = await deferred_console(db_path, locales)
    try:
        assert driver.app.warmup is not None
        with pytest.raises(FlowError, match=error):
            await driver.app.warmup.run()
        assert driver.app.warmup.done  # nobody waits for models or a screen that will not come
    finally:
        await driver.close()


async def test_a_stale_topic_model_stops_the_warmup_as_it_would_stop_start_up(db_path: Path, tmp_path: Path) -> None:
    await assert_broken_locale_stops_the_warmup(db_path, tmp_path, "en/topics_train.tsv",
                                                "texting\tnot a word from him since the morning\n",
                                                r"topic_model\.json is stale")


async def test_the_phrase_lists_compile_after_start_up_and_screen_before_any_typed_message(db_path: Path) -> None:
    driver = await deferred_console(db_path)
    try:
        assert driver.app.warmup is not None
        pending = driver.app.engine.safety
        assert isinstance(pending, PendingScreen) and pending._phrases is None  # not compiled before the poll
        await driver.app.warmup.run()
        assert pending._phrases is not None and pending.tiered is not None
        assert pending.tiered.phrases is pending.phrases  # one compiled set, shared by both tiers
    finally:
        await driver.close()


async def test_a_phrase_list_that_does_not_compile_stops_the_warmup(db_path: Path, tmp_path: Path) -> None:
    await assert_broken_locale_stops_the_warmup(db_path, tmp_path, "en/safety.yaml", "  - '(an unclosed group'\n",
                                                r"locales/en/safety\.yaml not_a_signal pattern")


async def test_a_phrase_file_that_is_not_yaml_stops_the_warmup_with_one_clear_error(db_path: Path,
                                                                                   tmp_path: Path) -> None:
    await assert_broken_locale_stops_the_warmup(db_path, tmp_path, "en/safety.yaml",
                                                "  - [an unclosed flow sequence\n", r"^locales: ")


async def test_the_heap_settles_before_waiting_messages_are_released(db_path: Path) -> None:
    driver = await deferred_console(db_path, ROOT / "locales")
    seen: list[bool] = []
    try:
        assert driver.app.warmup is not None
        warmup = driver.app.warmup
        await warmup.run(settle=lambda: seen.append(warmup.done))
        assert seen == [False]  # its pause falls while they still wait, not in their replies
        assert warmup.done
    finally:
        await driver.close()


def test_a_sqlite_bot_does_not_import_psycopg_at_start_yet_retries_postgres_errors_once_loaded() -> None:
    import sqlite3
    import subprocess
    import sys

    import psycopg

    from storage.contract import transient_errors

    probe = "import sys, bot.runner, bot.adapters.telegram; print('psycopg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert {sqlite3.OperationalError, psycopg.OperationalError} <= set(transient_errors())


async def test_run_stops_with_one_clear_line_when_the_topic_model_is_stale(api: FakeBotAPI, tmp_path: Path) -> None:
    import os
    import sys

    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    with (locales / "es" / "topics_train.tsv").open("a", encoding="utf-8") as phrases:
        phrases.write("texting\tno me ha escrito en toda la tarde\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DISCORD_")) and k not in ("DATABASE_URL", "GROUNDWORK_SECRET_KEY")}
    env.update(GROUNDWORK_DB=str(tmp_path / "run.sqlite3"), GROUNDWORK_LOCALES_DIR=str(locales),
               TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.root, PYTHONPATH=str(ROOT))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    except TimeoutError:
        process.kill()
        await process.communicate()
        raise
    log = stderr.decode()
    assert process.returncode == 1
    assert api.calls_to("getUpdates")  # it was receiving before the model was read
    assert "topic_model.json is stale" in log and "Traceback" not in log


async def test_the_models_loaded_after_start_up_leave_the_collectors_view(db_path: Path) -> None:
    driver = await deferred_console(db_path)
    try:
        warmup = driver.app.warmup
        assert warmup is not None
        gc.unfreeze()
        await warmup.run()
        tiered = driver.app.engine.safety.tiered
        categories = tiered.detector.categories
        # Tracked, yet in no generation: the permanent one, which full collections do not walk.
        assert gc.is_tracked(categories)
        assert not any(obj is categories for obj in gc.get_objects())
    finally:
        gc.unfreeze()
        await driver.close()
