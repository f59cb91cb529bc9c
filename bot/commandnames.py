"""Commands typed under their localized names (``/calma`` for ``/ground``)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import I18n


def command_names(i18n: I18n, commands: Iterable[str]) -> dict[str, str]:
    """Every locale's typed name of a command (``calma``) -> the command (``ground``).

    One source for every adapter: ``command-<name>`` in ``locales/*/commands.ftl``, which
    Discord also registers as its slash-command names.
    """
    return {
        i18n.text(locale, f"command-{name}").lower(): name
        for locale in i18n.locales for name in sorted(commands) if i18n.has(locale, f"command-{name}")
    }
