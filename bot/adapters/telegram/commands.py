"""The command menu: ``setMyCommands`` for each locale and scope, from ``locales/*/telegram.ftl``.

Each language's menu shows that language's typed names (``/calma`` for Spanish clients, from
``locales/*/commands.ftl``); the engine accepts every language's name. Group admins get the
group menu plus ``/circle``: Telegram shows the most specific scope, so it must hold both.
"""

from __future__ import annotations

import hashlib
import json
import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
)

from bot.engine import STOP_COMMANDS, Engine
from bot.i18n import DEFAULT_LOCALE

log = logging.getLogger(__name__)

META_KEY = "telegram:commands"
# The order people see in the menu: the moment it hits first, housekeeping last.
MENU_ORDER = ("trigger", "ground", "talk", "learn", "communicate", "safetyplan", "nudge", "pause", "quiet", "timezone",
              "country", "language", "mydata", "forget", "stop", "help", "start")
# Commands the adapter handles itself in groups, shown only to the group's admins.
ADMIN_COMMANDS = ("circle",)


def typed_name(engine: Engine, locale: str, name: str) -> str:
    """``ground`` as a client in ``locale`` types it (``calma``); ``name`` itself when untranslated."""
    key = f"command-{name}"
    return engine.i18n.text(locale, key).lower() if engine.i18n.has(locale, key) else name


def is_command(engine: Engine, typed: str, name: str) -> bool:
    """Whether ``typed`` is ``name`` in any language (``circulo`` is ``circle``)."""
    return typed == name or any(typed == typed_name(engine, locale, name) for locale in engine.i18n.locales)


def menu(engine: Engine, locale: str, *, group: bool = False, admin: bool = False) -> list[BotCommand]:
    """The commands with a description in this locale; in groups only the group-safe ones (and admins')."""
    names = set(engine.command_flows) | (set() if group else set(STOP_COMMANDS) - {"cancel"})
    if not group and "rooms" in engine.features:  # /talk is the rooms adapter's, not a flow
        names.add("talk")
    if group:
        names = {n for n in names if n in engine.command_flows and engine.flows[engine.command_flows[n]].group_safe}
        names |= set(ADMIN_COMMANDS) if admin else set()
    ordered = sorted(names, key=lambda n: (MENU_ORDER.index(n) if n in MENU_ORDER else len(MENU_ORDER), n))
    commands = []
    for name in ordered:
        # In groups, /circle sets the circle up; privately it asks one (its own description each).
        key = f"telegram-cmd-{name}-admin" if admin and name in ADMIN_COMMANDS else f"telegram-cmd-{name}"
        if engine.i18n.has(locale, key):
            commands.append(BotCommand(typed_name(engine, locale, name), engine.i18n.text(locale, key)))
        else:
            log.warning("command /%s has no menu description (%s) in %s; left out of the menu", name, key, locale)
    return commands


def plan(engine: Engine) -> list[tuple[BotCommandScope, str | None, list[BotCommand]]]:
    """Every (scope, language_code, commands) to publish; the default locale also covers everyone else."""
    out: list[tuple[BotCommandScope, str | None, list[BotCommand]]] = []
    for locale in engine.i18n.locales:
        code = None if locale == DEFAULT_LOCALE else locale
        out.append((BotCommandScopeAllPrivateChats(), code, menu(engine, locale)))
        out.append((BotCommandScopeAllGroupChats(), code, menu(engine, locale, group=True)))
        out.append((BotCommandScopeAllChatAdministrators(), code, menu(engine, locale, group=True, admin=True)))
    return out


async def publish_commands(bot: Bot, engine: Engine) -> bool:
    """Publish the menus unless the same set was already published for this bot; True if sent."""
    entries = plan(engine)
    digest = hashlib.sha256(json.dumps(
        [bot.id, *[(s.type, c, [(b.command, b.description) for b in cmds]) for s, c, cmds in entries]],
        ensure_ascii=False).encode()).hexdigest()
    if await engine.store.get_meta(META_KEY) == digest:
        return False
    for scope, code, commands in entries:
        await bot.set_my_commands(commands, scope=scope, language_code=code)
    await engine.store.set_meta(META_KEY, digest)
    log.info("published the command menu for %s", ", ".join(engine.i18n.locales))
    return True
