"""``python -m bot run`` as a real process: starts Telegram from the environment, says why not Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.app import ROOT
from bot.i18n import I18n
from tests.fakes.telegram_api import FakeBotAPI


async def test_run_serves_telegram_and_explains_the_platforms_it_skips(api: FakeBotAPI, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DISCORD_"))}
    env["GROUNDWORK_DB"] = str(tmp_path / "run.sqlite3")
    for name in ("DATABASE_URL", "GROUNDWORK_SECRET_KEY"):
        env.pop(name, None)
    # The token and server come from a .env file in the working directory, as README describes.
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={api.token}\nTELEGRAM_API_BASE_URL={api.root}\n")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await api.wait(lambda: bool(api.calls_to("getUpdates")), within=20)
        ana = api.user(5001, "Ana", "es")
        await ana.send("/help")
        (reply,) = await api.replies(ana.id, 0, within=10)
        assert reply["text"] == I18n(ROOT / "locales").text("es", "help-commands")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, stderr = await asyncio.wait_for(process.communicate(), 15)
        except TimeoutError:
            process.kill()
            _, stderr = await process.communicate()
    log = stderr.decode()
    assert "telegram: starting with long polling" in log
    assert "discord: not started, DISCORD_BOT_TOKEN is not set" in log
    assert "what users write is stored in the clear" in log  # no GROUNDWORK_SECRET_KEY in this run
    assert api.token not in log
