"""Slash command names and descriptions in every locale, read from ``locales/*/discord.ftl``."""

from __future__ import annotations

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
