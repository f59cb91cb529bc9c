"""The twelfth session's outside rows in training (hands12): the bot's own words typed back are not judged by the model.

A message that is one of the product's own messages (a tip, a menu entry, the quiet-hours line, with its variables
filled) is quiet when only the model read risk in it (``bot/safety/product.py``). Phrase lists and rules still open;
the safety question's buttons, the safety paths and the safety plan are never on the list; anything added to a
product message makes it the user's own words again, and risk typed inside any flow's answer still opens.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety.screen import SafetySignal
from tests.fakes.console import open_console
from tests.safety_fixtures import path, shipped_screen

MODEL_ALONE = SafetySignal("crisis", "model:crisis", "open", "model")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Everything I keep about you, as a file"),
    ("en", "Plan one thing today that is yours alone: a walk, a friend, a project. A full life makes the ups and "
           "downs less frightening."),
    ("es", "Borrado. Ya no está en tu diario ni en las imágenes."),
    # Variables filled in: the quiet hours, as the bot shows them back.
    ("es", "Horas de silencio: 22:00 a 08:00. En ese rango no te llega nada programado; un seguimiento que caiga "
           "dentro espera a que terminen."),
])
def test_a_product_message_typed_back_is_quiet_when_only_the_model_read_it(lang: str, text: str) -> None:
    screen = shipped_screen()
    assert screen.product.said_back(text, lang)
    assert screen.product.quiet(text, lang, MODEL_ALONE)
    assert path(screen, text, lang) == "-"


@pytest.mark.parametrize("signal", [
    SafetySignal("crisis", "rule:crisis-intent-act", "open", "model"),
    SafetySignal("crisis", "locales/en/safety.yaml crisis#0", "open", "phrases"),
])
def test_a_rule_or_a_phrase_list_is_never_quieted_by_the_product_words(signal: SafetySignal) -> None:
    screen = shipped_screen()
    assert not screen.product.quiet("Everything I keep about you, as a file", "en", signal)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Someone is hurting me"),
    ("en", "I'm thinking about hurting myself"),
    ("es", "Alguien me está haciendo daño"),
    ("es", "Estoy pensando en hacerme daño"),
])
def test_the_safety_questions_buttons_are_never_the_bots_own_words(lang: str, text: str) -> None:
    # Typed as a first message, the safety question's buttons keep whatever the tiers read in them: the model's
    # reading is never dropped for them.
    screen = shipped_screen()
    assert not screen.product.said_back(text, lang)
    assert not screen.product.quiet(text, lang, MODEL_ALONE)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Everything I keep about you, as a file. i have the pills here and i'm taking all of them tonight"),
    ("es", "Borrado. Ya no está en tu diario ni en las imágenes. tengo las pastillas y esta noche me las tomo todas"),
])
def test_risk_added_to_a_product_message_is_the_users_own_and_opens(lang: str, text: str) -> None:
    screen = shipped_screen()
    assert not screen.product.said_back(text, lang)
    assert path(screen, text, lang) == "crisis/open"


@pytest.mark.parametrize("text", [
    "i have the pills here and i'm going to take all of them tonight",
    "he has his hands around my neck right now and won't let go",
])
async def test_risk_typed_as_the_answer_to_a_flow_step_still_opens(db_path: Path, text: str) -> None:
    console = await open_console(db_path)
    try:
        await console.send("he hasn't answered since this morning")  # the trigger flow, waiting for its next answer
        replies = await console.send(text)
        assert replies and replies[0]["kind"] in ("crisis", "abuse"), [r["kind"] for r in replies]
    finally:
        await console.close()
