"""A person at a terminal finds what the bot is, every command, and where the clock is."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from bot.adapters.console import run_console
from bot.app import ROOT
from tests.fakes.console import ConsoleDriver, open_console, shipped_definitions

# Texts only a platform with buttons shows (a group's "open a private chat" button).
PLATFORM_FILES = {"telegram.ftl", "discord.ftl"}
PLATFORM_KEYS = {"group-go-private"}
# "tap" as an instruction ("tap below", "tap Skip"), not a water tap or "no te toca a ti".
TAP = {"en": re.compile(r"\btap (below|skip|one|on|a|the|here)\b", re.IGNORECASE),
       "es": re.compile(r"\b(toca|pulsa) (abajo|aquí|saltar|una|uno|el|la|sobre)\b", re.IGNORECASE)}


async def human(console: ConsoleDriver, *lines: str) -> str:
    stdout = io.StringIO()
    await run_console(console.session, jsonl=False, stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
                      stdout=stdout)
    return stdout.getvalue()


def text(key: str, locale: str = "en", **args: object) -> str:
    return shipped_definitions().i18n.text(locale, key, **args)


async def test_the_console_shows_the_start_welcome_on_first_contact(console: ConsoleDriver) -> None:
    shown = await human(console)
    for key in ("start-welcome", "start-how", "start-privacy"):
        assert text(key) in shown
    assert "not therapy" in shown and "/mydata" in shown and "/forget" in shown


async def test_a_returning_console_user_is_not_welcomed_twice(console: ConsoleDriver) -> None:
    await human(console)
    again = await human(console)
    assert text("start-welcome") not in again and text("console-returning") in again


async def test_the_welcome_speaks_the_language_asked_for(db_path: Path) -> None:
    console = await open_console(db_path, lang="es")
    try:
        assert text("start-welcome", "es") in await human(console)
    finally:
        await console.close()


@pytest.mark.parametrize("locale", ["en", "es"])
def test_help_names_every_command(locale: str) -> None:
    help_text = text("help-commands", locale)
    commands = ({c for f in shipped_definitions().flows.values() for c in f.commands} | {"stop"}) - {"help"}
    missing = sorted(c for c in commands if not re.search(rf"/{c}\b", help_text))
    assert not missing, f"{locale}: /help does not mention {missing}"


@pytest.mark.parametrize("locale", ["en", "es"])
def test_no_text_the_console_shows_asks_to_tap(locale: str) -> None:
    offenders = []
    for path in sorted((ROOT / "locales" / locale).glob("*.ftl")):
        if path.name in PLATFORM_FILES:
            continue
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.id.name not in PLATFORM_KEYS:
                source = path.read_text(encoding="utf-8")[entry.span.start:entry.span.end]
                if TAP[locale].search(source.split("=", 1)[1]):
                    offenders.append(entry.id.name)
    assert not offenders, f"{locale}: 'tap' in a text the terminal shows: {offenders}"


@pytest.mark.parametrize(("locale", "now"), [("en", "Mon 13:00"), ("es", "lun 13:00")])
async def test_advance_with_nothing_due_says_the_new_time(db_path: Path, locale: str, now: str) -> None:
    console = await open_console(db_path, lang=locale)  # the console starts on Monday 10:00 UTC
    try:
        assert text("console-advanced", locale, time=now) in await human(console, ":advance 3h")
    finally:
        await console.close()


async def test_advance_in_jsonl_stays_silent_when_nothing_is_due(console: ConsoleDriver) -> None:
    assert await console.send(":advance 3h") == []
