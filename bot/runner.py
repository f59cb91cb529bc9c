"""``python -m bot run``: start every platform whose token is configured, and say which."""

from __future__ import annotations

import logging
import os

from bot.app import Settings

log = logging.getLogger("groundwork")

PLATFORM_TOKENS = {"telegram": "TELEGRAM_BOT_TOKEN", "discord": "DISCORD_BOT_TOKEN"}


async def run_platforms(settings: Settings) -> int:
    """Until the platform adapters land, report what is configured and exit non-zero."""
    configured = [p for p, var in PLATFORM_TOKENS.items() if os.environ.get(var)]
    for platform, var in PLATFORM_TOKENS.items():
        if platform not in configured:
            log.info("%s: not started, %s is not set", platform, var)
    if not configured:
        log.error("no platform token is configured; set %s. For the terminal, run: make chat",
                  " or ".join(PLATFORM_TOKENS.values()))
        return 2
    log.error("platform adapters are not available in this build yet: %s", ", ".join(configured))
    return 2
