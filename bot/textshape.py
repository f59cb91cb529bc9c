"""The shape of a message in every variant of its selectors: does it ask, how many questions, how long.

Checked at start-up (a step that asks must take typed words) and in the suite (one question per
message). Variables count as a fixed-size placeholder; selectors are expanded variant by variant.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from fluent.syntax import ast

from bot.i18n import I18n

PLACEHOLDER = "x" * 20
_MAX_VARIANTS = 512  # bounded: our messages have at most two nested selectors


def variants(i18n: I18n, locale: str, key: str) -> list[str]:
    """Every text ``key`` can render to in ``locale`` (variables as placeholders)."""
    message = i18n.message(locale, key)
    if message is None or message.value is None:
        return []
    return list(itertools.islice(_pattern(i18n, locale, message.value, depth=0), _MAX_VARIANTS))


def _pattern(i18n: I18n, locale: str, pattern: ast.Pattern, depth: int) -> Iterator[str]:
    parts = [list(itertools.islice(_element(i18n, locale, e, depth), _MAX_VARIANTS)) for e in pattern.elements]
    for combo in itertools.product(*parts):
        yield "".join(combo)


def _element(i18n: I18n, locale: str, element: object, depth: int) -> Iterator[str]:
    if isinstance(element, ast.TextElement):
        yield element.value
    elif isinstance(element, ast.Placeable):
        yield from _expression(i18n, locale, element.expression, depth)
    else:
        yield ""


def _expression(i18n: I18n, locale: str, expr: object, depth: int) -> Iterator[str]:
    if isinstance(expr, ast.SelectExpression):
        for variant in expr.variants:
            yield from _pattern(i18n, locale, variant.value, depth)
    elif isinstance(expr, ast.StringLiteral | ast.NumberLiteral):
        yield str(expr.value)
    elif isinstance(expr, ast.MessageReference) and depth < 4:
        referenced = i18n.message(locale, expr.id.name)
        if referenced is not None and referenced.value is not None:
            yield from _pattern(i18n, locale, referenced.value, depth + 1)
    elif isinstance(expr, ast.Placeable):
        yield from _expression(i18n, locale, expr.expression, depth)
    else:
        yield PLACEHOLDER  # a variable or function: its value is not known here


def asks(i18n: I18n, locale: str, key: str) -> bool:
    """True when some variant of the message asks the user a question (a ``?``)."""
    return any("?" in text for text in variants(i18n, locale, key))


def most_questions(i18n: I18n, locale: str, key: str) -> int:
    """The most question marks (``?``) any variant of the message carries."""
    return max((text.count("?") for text in variants(i18n, locale, key)), default=0)
