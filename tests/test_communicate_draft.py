"""The communicate draft is a line said aloud to the partner: second person, no slashes, and
the user's words only inside it when they already speak to that partner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from tests.fakes.console import ConsoleDriver, last, open_console

THIRD_PERSON = {"en": "he told me he was at work but he was at the bar",
                "es": "me dijo que estaba en el trabajo pero estaba en un bar"}
# The Spanish line was "Cuando me dijiste que llamarías y no lo hiciste.", which the safety model trained with
# the outside writers' rows asks about (a model-only question, no category; README, Safety limits): the draft
# itself is what this file pins, so its words are another everyday "cuando…" the screen lets through.
SECOND_PERSON = {"en": "When you said you'd call and didn't.", "es": "Cuando cancelaste la cena sin avisarme."}
QUOTED = re.compile(r'"([^"]*)"')


async def draft_for(db_path: Path, locale: str, words: str | None, feeling: str = "hurt",
                    need: str = "talk") -> str:
    console = await open_console(db_path, lang=locale)
    try:
        await console.send("/communicate", f"#{feeling}", f"#{need}")
        replies = await console.send(words if words is not None else "#skip")
        return next(r["text"] for r in replies if r["step"] == "draft")
    finally:
        await console.close()


def spoken_part(draft: str) -> str:
    """The line meant for the partner: the first quoted passage."""
    match = QUOTED.search(draft)
    assert match, draft
    return match.group(1)


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_words_about_the_partner_never_go_into_the_line_said_to_them(db_path: Path, locale: str) -> None:
    draft = await draft_for(db_path, locale, THIRD_PERSON[locale])
    line = spoken_part(draft)
    assert THIRD_PERSON[locale] not in line
    assert THIRD_PERSON[locale] in draft, "the user's words are shown back beside the draft"
    if locale == "en":
        assert not re.search(r"\b(he|she|him|his|her)\b", line)


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_words_said_to_the_partner_open_the_draft(db_path: Path, locale: str) -> None:
    line = spoken_part(await draft_for(db_path, locale, SECOND_PERSON[locale]))
    expected = {"en": "When you said you'd call and didn't, I felt hurt.",
                "es": "Cuando cancelaste la cena sin avisarme, me dolió."}[locale]
    assert line.startswith(expected)


@pytest.mark.parametrize(("locale", "words", "opening"), [
    ("en", "you were texting her at midnight", "When you were texting her at midnight, I felt hurt."),
    ("es", "hablabas con ella a medianoche", "Cuando hablabas con ella a medianoche, me dolió."),
])
async def test_words_to_the_partner_about_someone_else_still_open_the_draft(
        db_path: Path, locale: str, words: str, opening: str) -> None:
    assert spoken_part(await draft_for(db_path, locale, words)).startswith(opening)


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("feeling", ["anxious", "hurt", "lonely", "unsure"])
@pytest.mark.parametrize("need", ["talk", "plan", "honesty", "closeness"])
def test_every_draft_is_in_the_second_person_without_slashes(locale: str, feeling: str, need: str) -> None:
    i18n = I18n(ROOT / "locales")
    for said in ("none", "you never called back" if locale == "en" else "no me llamaste"):
        for route in ("relationship", "internal"):
            text = i18n.text(locale, "communicate-draft", said=said, feeling=feeling, need=need, route=route,
                             aside="none")
            line = spoken_part(text)
            assert "/" not in text, text
            if locale == "en":
                assert not re.search(r"\b(he|she|him|his|her|they|them)\b", line), line
            else:
                assert not re.search(r"\b(él|ella|su|sus)\b", line), line
            assert text.count('"') == 2, "only the spoken line is quoted"


async def test_a_skipped_situation_gets_a_draft_that_starts_with_lately(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#plan")
    draft = next(r["text"] for r in await console.send("#skip") if r["step"] == "draft")
    assert spoken_part(draft) == ("Lately I've been feeling anxious. It may be an old fear of mine, but I'd rather "
                                  "tell you than carry it alone. What would help me is knowing when we'll talk next.")
    assert "You wrote" not in draft


async def test_a_one_word_answer_is_not_shown_back(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#plan")
    draft = last(await console.send("nothing"))
    assert "You wrote" not in next(r["text"] for r in console.transcript if r["step"] == "draft")
    assert draft["step"] == "tips"
