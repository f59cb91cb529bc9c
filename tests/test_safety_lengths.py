"""Every crisis and abuse message stays under 600 characters for every country, in en and es."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import I18n
from bot.safety.resources import country_codes, resource_args

ROOT = Path(__file__).resolve().parent.parent
I18N = I18n(ROOT / "locales")
KEYS = {
    "crisis": ("crisis-resources", "crisis-line", "crisis-heard"),
    "abuse": ("abuse-safe-check", "abuse-line", "abuse-unsafe", "abuse-heard"),
}


@pytest.mark.parametrize("locale", I18N.locales)
@pytest.mark.parametrize("country", [*country_codes(I18N), None])
def test_crisis_and_abuse_messages_fit_in_one_message(locale: str, country: str | None) -> None:
    for kind, keys in KEYS.items():
        args = resource_args(I18N, locale, country, kind)
        for key in keys:
            text = I18N.text(locale, key, **args)
            assert len(text) <= 600, (locale, country, key, len(text))
            assert "{" not in text and "$" not in text, (locale, country, key, text)
            line_key = f"{kind}_line"
            if key != "abuse-safe-check":
                assert args[line_key] in text, (locale, country, key)


@pytest.mark.parametrize("locale", I18N.locales)
def test_the_crisis_reply_names_exactly_one_line(locale: str) -> None:
    args = resource_args(I18N, locale, "US", "crisis")
    text = I18N.text(locale, "crisis-resources", **args)
    others = [line["name"] for code, entry in I18N.shared("helplines")["countries"].items()
              for kind, line in entry.items() if isinstance(line, dict) and (code, kind) != ("US", "crisis")]
    assert "988 Suicide & Crisis Lifeline" in text
    # (AU's "Lifeline" is part of the US name itself.)
    assert not [name for name in others if name in text and name not in "988 Suicide & Crisis Lifeline"]
