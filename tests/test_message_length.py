"""Every message in every locale, in every variant of its selectors, fits a phone screen (600 chars)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from bot.app import ROOT
from bot.i18n import I18n

LIMIT = 600
# The longest value a placeholder can carry at run time (the communicate helper keeps 200 chars
# of the user's words; a helpline line is about 120).
LONG_VALUE = "x" * 120
PLACEHOLDER_MAX = {"situation": "y" * 200, "said": "y" * 200, "aside": "y" * 200,
                   # A circle's totals are counts (branch circles): six digits is a very big circle.
                   **dict.fromkeys(("answers", "a1", "a2", "a3", "a4", "a5"), "999999")}


def _selectors(node: object, found: dict[str, set[str]], placeables: set[str]) -> None:
    if isinstance(node, ast.SelectExpression) and isinstance(node.selector, ast.VariableReference):
        keys = found.setdefault(node.selector.id.name, set())
        for variant in node.variants:
            keys.add(variant.key.name if isinstance(variant.key, ast.Identifier) else str(variant.key.value))
    if isinstance(node, ast.VariableReference):
        placeables.add(node.id.name)
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _selectors(child, found, placeables)


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for locale in ("en", "es"):
        for path in sorted((ROOT / "locales" / locale).glob("*.ftl")):
            resource = FluentParser().parse(path.read_text(encoding="utf-8"))
            for entry in resource.body:
                if isinstance(entry, ast.Message):
                    cases.append((locale, entry.id.name, str(path)))
    return cases


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return I18n(ROOT / "locales")


@pytest.mark.parametrize(("locale", "key", "path"), _cases())
def test_every_variant_of_the_message_fits_in_600_characters(i18n: I18n, locale: str, key: str, path: str) -> None:
    resource = FluentParser().parse(Path(path).read_text(encoding="utf-8"))
    message = next(e for e in resource.body if isinstance(e, ast.Message) and e.id.name == key)
    selectors: dict[str, set[str]] = {}
    placeables: set[str] = set()
    _selectors(message, selectors, placeables)
    names = sorted(selectors)
    for combo in itertools.product(*([*sorted(selectors[n]), "__default__"] for n in names)):
        args = {p: PLACEHOLDER_MAX.get(p, LONG_VALUE) for p in placeables}
        args.update({n: v for n, v in zip(names, combo, strict=True)})
        text = i18n.text(locale, key, **args)
        assert len(text) <= LIMIT, f"{locale}/{key} with {args} renders {len(text)} chars"
