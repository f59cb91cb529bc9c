"""The database under faults: start-up fails fast and clearly, a store that is writable again recovers,
the error words are honest, and text no database can hold (lone surrogates) never raises."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import ROOT, App, Settings, build_app
from bot.clock import FakeClock
from bot.events import Chat, Inbound, UserKey
from storage import SqliteStore as Store
from storage import StoreUnavailable
from tests.fakes.console import START


@pytest.fixture
async def app(db_path: Path) -> AsyncIterator[App]:
    built = await build_app(Settings.from_env(db_path=str(db_path)), clock=FakeClock(START))
    yield built
    await built.close()


def _text(text: str, user: str = "1") -> Inbound:
    return Inbound(user=UserKey("telegram", user), chat=Chat(user, "private"), received_at=START, text=text)


def _unwritable(db_path: Path) -> None:
    """A database SQLite can read but not write: its WAL file cannot be created (works as root too)."""
    sqlite3.connect(db_path).close()
    (db_path.parent / f"{db_path.name}-wal").mkdir()


def _read_only(db_path: Path) -> None:
    sqlite3.connect(db_path).close()
    db_path.chmod(0o444)


@pytest.fixture
def read_only_file(db_path: Path) -> Iterator[Path]:
    """A database file nobody may write, root included (read-only mode, and immutable when run as root)."""
    _read_only(db_path)
    if os.geteuid() == 0 and subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr: a read-only file is writable anyway")
    yield db_path
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(db_path)], capture_output=True)


async def test_opening_an_unwritable_database_raises_one_clear_error(db_path: Path) -> None:
    _unwritable(db_path)
    with pytest.raises(StoreUnavailable, match=r"^database .*groundwork.sqlite3 is not usable: [^\n]+$"):
        await Store.open(db_path)


async def test_opening_a_read_only_file_raises_one_clear_error(read_only_file: Path) -> None:
    with pytest.raises(StoreUnavailable, match=r"^database .*groundwork.sqlite3 is not usable: [^\n]+$"):
        await Store.open(read_only_file)


def test_the_bot_over_an_unwritable_database_exits_at_once_with_one_line(db_path: Path) -> None:
    _unwritable(db_path)
    _run_bot_expecting_one_error_line(db_path)


def test_the_bot_restarted_over_a_read_only_file_exits_at_once_with_one_line(read_only_file: Path) -> None:
    _run_bot_expecting_one_error_line(read_only_file)


def _run_bot_expecting_one_error_line(db_path: Path) -> None:
    env = {**os.environ, "GROUNDWORK_DB": str(db_path), "TELEGRAM_BOT_TOKEN": "123:abc",
           "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=db_path.parent, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert time.monotonic() - started < 30  # no hang on aiosqlite's thread
    errors = [line for line in done.stderr.splitlines() if " ERROR " in line]
    assert len(errors) == 1 and "groundwork.sqlite3 is not usable: " in errors[0]
    assert "Traceback" not in done.stderr


async def _writes_refused(app: App, on: bool) -> None:
    """Every write fails, as on a read-only file: on aiosqlite's connection and the loop thread's."""
    await app.store.connection.execute(f"PRAGMA query_only={int(on)}")
    app.store._here.execute(f"PRAGMA query_only={int(on)}")  # type: ignore[attr-defined,union-attr]


async def test_a_message_that_could_not_be_stored_is_asked_for_again(app: App) -> None:
    await _writes_refused(app, True)
    [reply] = await app.engine.handle(_text("he hasn't replied in hours"))
    assert reply.kind == "error" and reply.text == app.engine.i18n.text("en", "error-not-stored")
    assert "send it again" in reply.text


async def test_a_store_that_is_writable_again_recovers_without_a_restart(app: App) -> None:
    await _writes_refused(app, True)
    [failed] = await app.engine.handle(_text("/help"))
    assert failed.kind == "error"
    await _writes_refused(app, False)
    replies = await app.engine.handle(_text("/help"))
    assert replies[-1].kind != "error"
    assert (await app.store.load("telegram:1", "1")).user is not None


@pytest.mark.parametrize("text", ["\ud800", "I feel \udc00 awful", "\ud83d", "ok \ud83d\ude42 \udfff"])
async def test_a_lone_surrogate_never_raises_and_nothing_stored_holds_one(app: App, text: str) -> None:
    replies = await app.engine.handle(_text(text))
    assert replies and all(r.kind != "error" for r in replies)
    rows = await app.store.connection.execute_fetchall("SELECT text FROM journal")
    for (stored,) in rows:
        stored.encode("utf-8")  # a lone surrogate left in would raise here


async def test_the_words_around_a_lone_surrogate_are_kept(app: App) -> None:
    await app.engine.handle(_text("I feel \udc00 awful"))
    [(stored,)] = await app.store.connection.execute_fetchall("SELECT text FROM journal")
    assert stored.split() == ["I", "feel", "awful"]


def test_the_scheduler_does_not_log_every_run(db_path: Path) -> None:
    script = (
        "import asyncio, logging, sys\n"
        "from bot.app import Settings, build_app\n"
        "logging.basicConfig(level=logging.INFO, stream=sys.stderr)\n"
        "async def main():\n"
        f"    app = await build_app(Settings.from_env(db_path={str(db_path)!r}))\n"
        "    app.start_pump(interval_s=0.05)\n"
        "    await asyncio.sleep(0.5)\n"
        "    await app.close()\n"
        "asyncio.run(main())\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "apscheduler" not in done.stderr
