"""Slash command names and descriptions in every locale, read from ``locales/*/discord.ftl``."""

from __future__ import annotations

import re
from collections.abc import Iterable

import discord
from discord import app_commands

from bot.i18n import DEFAULT_LOCALE, I18n


class FluentTranslator(app_commands.Translator):
    """Looks up the Fluent key a ``locale_str`` carries in its ``key`` extra.

    Discord falls back to the default (English) strings for any locale we return None for,
    so only the non-default locales we ship are answered.
    """

    def __init__(self, i18n: I18n) -> None:
        self.i18n = i18n

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        key = string.extras.get("key")
        lang = discord_locale_to_lang(locale, self.i18n.locales)
        if not key or lang is None or lang == DEFAULT_LOCALE or not self.i18n.has(lang, key):
            return None
        return self.i18n.text(lang, key)


def discord_locale_to_lang(locale: discord.Locale | str | None, shipped: tuple[str, ...]) -> str | None:
    """``es-ES`` and ``es-419`` -> ``es``; None when we do not ship that language."""
    if locale is None:
        return None
    base = str(getattr(locale, "value", locale)).split("-")[0].lower()
    return base if base in shipped else None


_MENTION = re.compile(r"(?<![\w/])/([a-z]+)\b")


class CommandSpelling:
    """Discord shows slash commands under their localized names (``/calma`` for a Spanish client).

    Replies name commands the engine's way (``/ground``); this swaps them for what the person's
    Discord menu shows, and reads a localized name typed in a DM back as the engine's command.
    """

    def __init__(self, i18n: I18n, names: Iterable[str]) -> None:
        self.i18n = i18n
        self.names = frozenset(names)
        self.aliases = {
            self.i18n.text(lang, f"command-{name}"): name
            for lang in i18n.locales for name in self.names if i18n.has(lang, f"command-{name}")
        }

    def engine_command(self, typed: str) -> str:
        """``calma`` → ``ground``; an unknown word is left for the engine to answer."""
        return self.aliases.get(typed.lower(), typed.lower())

    def respells(self, locale: discord.Locale | str | None) -> bool:
        """Whether ``for_client`` can change a text for this client (not for the default language)."""
        lang = discord_locale_to_lang(locale, self.i18n.locales)
        return lang is not None and lang != DEFAULT_LOCALE

    def for_client(self, text: str, locale: discord.Locale | str | None) -> str:
        lang = discord_locale_to_lang(locale, self.i18n.locales)
        if lang is None or lang == DEFAULT_LOCALE:
            return text

        def swap(match: re.Match[str]) -> str:
            name, key = match.group(1), f"command-{match.group(1)}"
            if name not in self.names or not self.i18n.has(lang, key):
                return match.group(0)
            return "/" + self.i18n.text(lang, key)

        return _MENTION.sub(swap, text)
