"""All user-facing words: Fluent files per locale in ``locales/<lang>/``, plus locale data files."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_datetime
from fluent.runtime import FluentBundle, FluentResource

from bot.yamlfile import read_yaml

log = logging.getLogger(__name__)

SUPPORTED_LOCALES: tuple[str, ...] = ("en", "es")
DEFAULT_LOCALE = "en"


class I18n:
    """Renders message keys in a locale and reads per-locale data (phrase lists, topics)."""

    def __init__(self, directory: Path, locales: tuple[str, ...] = SUPPORTED_LOCALES) -> None:
        self.directory = directory
        self.locales = locales
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, dict[str, Path]] = {}
        self._messages: dict[str, dict[str, Any]] = {}  # parsed messages, for the start-up text checks
        # Texts without variables, rendered once: most button labels and many steps. Rendering
        # them through Fluent each time converted every flow value into a Fluent type first.
        self._plain: dict[tuple[str, str], str] = {}
        self.errors: list[str] = []
        for locale in locales:
            # Isolation marks (U+2068/U+2069) would leak into chat text and comparisons;
            # both our locales are left-to-right, so they are off.
            bundle = FluentBundle([locale], use_isolating=False)
            keys: dict[str, Path] = {}
            messages: dict[str, Any] = {}
            for path in sorted((directory / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if type(entry).__name__ == "Junk":
                        first = entry.content.strip().splitlines()[0] if entry.content.strip() else ""
                        self.errors.append(f"{path}: Fluent syntax error near {first[:60]!r}")
                        continue
                    ident = getattr(getattr(entry, "id", None), "name", None)
                    if ident and type(entry).__name__ == "Message":
                        if ident in keys:
                            self.errors.append(f"{path}: key {ident!r} is also defined in {keys[ident]}")
                        keys[ident] = path
                        messages[ident] = entry
                bundle.add_resource(resource)
            self._bundles[locale] = bundle
            self._keys[locale] = keys
            self._messages[locale] = messages

    def resolve(self, preferred: str | None, hint: str | None = None) -> str:
        """The user's chosen locale, else the platform's hint, else the default."""
        for candidate in (preferred, hint):
            if candidate:
                base = candidate.replace("_", "-").split("-")[0].lower()
                if base in self.locales:
                    return base
        return DEFAULT_LOCALE

    def has(self, locale: str, key: str) -> bool:
        return key in self._keys.get(locale, {})

    def keys(self, locale: str) -> dict[str, Path]:
        return dict(self._keys.get(locale, {}))

    def message(self, locale: str, key: str) -> Any:
        """The parsed Fluent message (a ``fluent.syntax`` AST node), or None."""
        return self._messages.get(locale, {}).get(key)

    def is_plain(self, locale: str, key: str) -> bool:
        """``True`` once ``key`` rendered as a fixed text in ``locale`` (no variables: arguments never change it)."""
        return (locale, key) in self._plain

    def text(self, locale: str, key: str, **args: Any) -> str:
        """Render one key; a missing key falls back to the default locale, never to a raw id."""
        bundle = self._bundles.get(locale) or self._bundles[DEFAULT_LOCALE]
        if not bundle.has_message(key):
            log.error("missing locale key %s in %s", key, locale)
            bundle = self._bundles[DEFAULT_LOCALE]
            if not bundle.has_message(key):
                return key
        plain = self._plain.get((locale, key))
        if plain is not None:
            return plain
        message = bundle.get_message(key)
        if message.value is None:
            return key
        if type(message.value).__name__ == "TextElement":  # fluent.runtime's form of a text without variables
            value, errors = bundle.format_pattern(message.value, {})
            if not errors:
                self._plain[(locale, key)] = value.strip()
                return value.strip()
        value, errors = bundle.format_pattern(message.value, {k: v for k, v in args.items() if v is not None})
        for error in errors:
            log.warning("while rendering %s/%s: %s", locale, key, error)
        return value.strip()

    def data(self, locale: str, name: str) -> Any:
        """A YAML data file from ``locales/<locale>/<name>.yaml`` (phrase lists and the like)."""
        return _read_yaml(self.directory / locale / f"{name}.yaml")

    def shared(self, name: str) -> Any:
        """A YAML data file shared by every locale, such as ``locales/helplines.yaml``."""
        return _read_yaml(self.directory / f"{name}.yaml")

    def format_local_time(self, when: datetime, locale: str, tz: str) -> str:
        """A short local date and time in the user's zone, formatted by Babel."""
        return format_datetime(when, "EEE HH:mm", tzinfo=_zone(tz), locale=locale)


@cache
def _read_yaml(path: Path) -> Any:
    if not path.exists():
        return None
    return read_yaml(path)


def _zone(tz: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)
