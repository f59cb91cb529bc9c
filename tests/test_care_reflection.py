"""Not a reassurance machine: verdict and mind-reading questions are handed back, in en and es."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fakes.console import ConsoleDriver, kinds, open_console

# Never a verdict on the partner or on the user (VOICE.md §2-3).
VERDICTS = re.compile(r"\b(he|she|they) (loves?|is cheating|is lying|is faithful|still cares)\b|you'?re (not )?"
                      r"overreacting|(te quiere|te ama|te engaña|te miente|no estás exagerando)", re.I)


@pytest.mark.parametrize("question", [
    "am I overreacting?", "does he still love me?", "what does she mean by that?",
    "Do you think she's cheating?", "is it normal to feel this jealous?", "why didn't he text me back?",
    "he hasn't replied in 4 hours, am I being too needy?",
])
async def test_english_reassurance_questions_get_a_reflection_without_a_verdict(
        console: ConsoleDriver, question: str) -> None:
    replies = await console.send(question)
    assert kinds(replies) == ["reflection"]
    assert not VERDICTS.search(replies[0]["text"])
    assert [c["id"] for c in replies[0]["choices"]] == ["ground", "walk", "sit"]


@pytest.mark.parametrize("question", [
    "¿crees que me quiere?", "¿Estoy exagerando?", "¿qué quiso decir con eso?", "¿todavía me quiere?",
    "¿me engaña?", "¿por qué no me contesta?",
])
async def test_spanish_reassurance_questions_get_a_reflection_without_a_verdict(db_path: Path, question: str) -> None:
    driver = await open_console(db_path, lang="es")
    try:
        replies = await driver.send(question)
        assert kinds(replies) == ["reflection"]
        assert not VERDICTS.search(replies[0]["text"])
        assert "?" in replies[0]["text"]  # the question is handed back
    finally:
        await driver.close()


async def test_each_kind_of_question_gets_its_own_reflection(console: ConsoleDriver) -> None:
    texts = {(await console.send(q, "/stop"))[0]["text"]
             for q in ("am I overreacting?", "does he still love me?", "what does she mean by that?")}
    assert len(texts) == 3


async def test_walk_me_through_it_carries_the_words_into_the_trigger_flow(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied in 4 hours, am I overreacting?")
    replies = await console.send("#walk")
    assert replies[0]["flow"] == "trigger" and replies[-1]["kind"] == "grounding"
    rows = await console.app.store.recent_journal("console:local", console.clock.now())
    assert rows[-1]["text"] == "he hasn't replied in 4 hours, am I overreacting?"


async def test_a_grounding_reset_is_offered(console: ConsoleDriver) -> None:
    await console.send("does she still love me")
    replies = await console.send("#ground")
    assert replies[-1]["kind"] == "grounding" and replies[-1]["flow"] == "ground"


async def test_a_question_typed_where_a_step_waits_for_words_is_that_answer(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#talk")
    replies = await console.send("what does he mean by that?")
    assert "reflection" not in kinds(replies)
    assert replies[0]["flow"] == "communicate"


async def test_a_typed_choice_stays_a_choice(console: ConsoleDriver) -> None:
    await console.send("am I overreacting?")
    replies = await console.send("3")
    assert replies[-1]["step"] == "sit"


async def test_a_question_around_a_real_partner_signal_is_taken_seriously_not_handed_back(
        console: ConsoleDriver) -> None:
    replies = await console.send("he lied to me again about where he was, am I overreacting?")
    assert "reflection" not in kinds(replies) and replies[0]["flow"] == "trigger"
    assert replies[0]["topic"] == "partner"


async def test_ordinary_trigger_messages_are_not_intercepted(console: ConsoleDriver) -> None:
    replies = await console.send("he hasn't replied in 4 hours")
    assert replies[0]["flow"] == "trigger"


def test_no_message_anywhere_tells_the_user_what_their_partner_feels_or_does() -> None:
    """No text in any locale file says the partner loves them, is faithful, cheats or lies."""
    root = Path(__file__).resolve().parent.parent / "locales"
    verdict = re.compile(r"\b(loves? you|still cares? about you|is faithful|(is|are) (cheating|lying)|"
                         r"te (quiere|ama|engaña|miente)|(es|está) (fiel|mintiendo))\b", re.I)
    for path in root.glob("*/*.ftl"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not verdict.search(line), f"{path.name}:{number}: {line}"
