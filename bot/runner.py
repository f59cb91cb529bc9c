"""``python -m bot run``: start every platform whose token is configured, and say which."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable

from dotenv import find_dotenv, load_dotenv

from bot.app import App, Settings, build_app, settle_heap
from bot.health import HealthServer
from bot.tlscontext import prepare as prepare_tls

log = logging.getLogger("groundwork")

PLATFORM_TOKENS = {"telegram": "TELEGRAM_BOT_TOKEN", "discord": "DISCORD_BOT_TOKEN"}


async def run_platforms(settings: Settings) -> int:
    """Serve every configured platform over one App, with the scheduler's pump; 2 if none can run."""
    load_dotenv(find_dotenv(usecwd=True), override=False)  # an optional ./.env; real variables win
    configured = [p for p, var in PLATFORM_TOKENS.items() if os.environ.get(var, "").strip()]
    for platform, var in PLATFORM_TOKENS.items():
        if platform not in configured:
            log.info("%s: not started, %s is not set", platform, var)
    if not configured:
        log.error("no platform token is configured; set %s. For the terminal, run: make chat",
                  " or ".join(PLATFORM_TOKENS.values()))
        return 2
    runners = {p: PLATFORM_RUNNERS[p] for p in configured if p in PLATFORM_RUNNERS}
    missing = [p for p in configured if p not in runners]
    if missing:
        log.error("platform adapters are not available in this build yet: %s", ", ".join(missing))
        return 2
    if "telegram" in runners:
        prepare_tls()  # the CA bundle is read on a thread while the definitions load
    app = await build_app(settings, defer_models=True)  # the platform connects while the models load
    # With no definitions passed, defer_models always builds a warm-up, which settles the heap.
    warmup = app.warmup
    assert warmup is not None
    if app.store.sealer.enabled:
        log.info("storage: journal text, safety plans and conversation data are encrypted at rest")
    else:
        log.warning("storage: GROUNDWORK_SECRET_KEY is not set, so what users write is stored in the clear")
    tasks: list[asyncio.Task[None]] = []
    health = _health_server(app)
    try:
        # Each runner registers its platform's sender before it awaits, so the pump sees them all.
        tasks = [asyncio.create_task(run(app), name=f"platform:{p}") for p, run in runners.items()]
        # A stale model file fails this task, and with it the process, as it would at start.
        # The heap settles once the models are in: start-up runs with the collector off
        # (``bot.__main__``), and collecting before the first poll cost 40-100 ms of CPU there.
        tasks.append(asyncio.create_task(warmup.run(started=lambda: bool(app.holds), settle=settle_heap),
                                         name="warmup"))
        await asyncio.sleep(0)
        app.start_pump()
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()  # one platform failing stops the process rather than limping on
        # Let each platform finish its own shutdown before the store it writes to closes.
        await asyncio.gather(*tasks, return_exceptions=True)
        if health is not None:
            await health.stop()
        await app.close()
    return 0


def _health_server(app: App) -> HealthServer | None:
    """``/healthz`` on GROUNDWORK_HEALTH_PORT when set (the webhook port serves it too)."""
    port = os.environ.get("GROUNDWORK_HEALTH_PORT", "").strip()
    if not port.isdigit():
        return None
    server = HealthServer(app)
    server.start(int(port))
    log.info("health: /healthz on port %s", port)
    return server


# ---- Discord --------------------------------------------------------------------------------

async def run_discord_platform(app: App) -> None:
    """Discord: DISCORD_BOT_TOKEN (and optional DISCORD_SHARD_COUNT); see README, "## Discord"."""
    from bot.adapters.discord import DiscordConfig, run_discord

    config = DiscordConfig.from_env()
    assert config is not None  # only called when the token is set
    log.info("discord: starting%s", f" with {config.shard_count} shards" if config.shard_count else "")
    await run_discord(app, config)


# ---- Telegram -------------------------------------------------------------------------------

async def run_telegram_platform(app: App) -> None:
    """Telegram: TELEGRAM_BOT_TOKEN, optional TELEGRAM_API_BASE_URL and TELEGRAM_WEBHOOK_URL +
    TELEGRAM_WEBHOOK_SECRET (webhook mode); see README, "## Telegram"."""
    from bot.adapters.telegram import TelegramConfig, build_adapter

    config = TelegramConfig.from_env()
    assert config is not None  # only called when the token is set
    adapter = build_adapter(config, app)  # registers app.senders["telegram"] before the first await
    log.info("telegram: starting with %s", "a webhook" if config.webhook else "long polling")
    await adapter.run_forever()


# Platform name -> coroutine that serves it until cancelled. Adapters add their entry here.
PLATFORM_RUNNERS: dict[str, Callable[[App], Awaitable[None]]] = {
    "telegram": run_telegram_platform,
    "discord": run_discord_platform,
}
