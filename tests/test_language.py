"""Language: a first message decides it when it clearly can, the user's choice always wins,
and nothing (not /forget, not a console error, not a localized command name) falls back to English."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import ROOT
from bot.commandnames import command_names
from bot.i18n import I18n
from bot.language import LanguageGuess
from tests.fakes.console import ConsoleDriver, last, open_console

SPANISH_WORRY = "mi novio no me contesta desde hace horas y estoy fatal"
ENGLISH_WORRY = "he hasn't replied in four hours and I keep checking my phone"


@pytest.fixture(scope="module")
def guess() -> LanguageGuess:
    return LanguageGuess(I18n(ROOT / "locales"))


async def locale_of(console: ConsoleDriver) -> str | None:
    snap = await console.app.store.load("console:local", "local")
    return snap.user.locale if snap.user else None


@pytest.mark.parametrize(("text", "expected"), [
    (SPANISH_WORRY, "es"), ("¿crees que todavía me quiere?", "es"),
    ("Mi novia me dijo que estaba en el trabajo pero la vi en un bar", "es"),
    (ENGLISH_WORRY, "en"), ("does he still love me?", "en"),
])
def test_a_clear_message_is_recognised(guess: LanguageGuess, text: str, expected: str) -> None:
    assert guess.guess(text) == expected


@pytest.mark.parametrize("text", ["ok", "vale", "sí", "no", "bien", "😭😭😭", "asdf jkl", "hmm"])
def test_a_short_or_unclear_message_is_left_to_the_locale_hint(guess: LanguageGuess, text: str) -> None:
    assert guess.guess(text) is None


@pytest.mark.parametrize(("text", "expected"), [("hola", "es"), ("¡Hola!", "es"), ("muchas gracias", "es"),
                                                ("hi", "en"), ("thank you", "en"), ("buenas noches", "es")])
def test_a_greeting_or_thanks_of_one_language_only_is_recognised(guess: LanguageGuess, text: str,
                                                                   expected: str) -> None:
    assert guess.guess(text) == expected


def test_no_telling_word_is_claimed_by_both_languages(guess: LanguageGuess) -> None:
    assert not guess.words["en"] & guess.words["es"]


async def test_a_first_message_in_spanish_in_an_english_chat_is_answered_in_spanish(console: ConsoleDriver) -> None:
    replies = await console.send(SPANISH_WORRY)
    assert replies[0]["text"].startswith("Te contesto en español") and "/language" in replies[0]["text"]
    ack = replies[1]
    assert ack["flow"] == "trigger"
    assert ack["text"] == console.app.engine.i18n.text("es", "trigger-ack", topic=ack["topic"])
    assert await locale_of(console) == "es"


async def test_a_first_message_in_english_in_a_spanish_chat_is_answered_in_english(
        console_es: ConsoleDriver) -> None:
    replies = await console_es.send(ENGLISH_WORRY)
    assert replies[0]["text"] == "I'll answer in English. To switch, type /language."
    assert await locale_of(console_es) == "en"


async def test_a_short_first_message_keeps_the_platform_language(console_es: ConsoleDriver) -> None:
    replies = await console_es.send("ok")
    assert not any("/language" in r["text"] for r in replies)
    assert await locale_of(console_es) == "es"


async def test_the_switch_is_offered_and_language_puts_it_back(console: ConsoleDriver) -> None:
    await console.send(SPANISH_WORRY, "/stop")
    await console.send("/language", "#en")
    replies = await console.send(SPANISH_WORRY)
    assert replies[0]["text"] == console.app.engine.i18n.text("en", "trigger-ack", topic=replies[0]["topic"])
    assert await locale_of(console) == "en"


async def test_an_unclear_first_message_leaves_the_choice_to_the_next_clear_one(console: ConsoleDriver) -> None:
    await console.send("ok")
    replies = await console.send(SPANISH_WORRY)
    assert replies[0]["text"].startswith("Te contesto en español")
    assert await locale_of(console) == "es"


async def test_hola_in_an_english_chat_gets_a_spanish_hello(console: ConsoleDriver) -> None:
    replies = await console.send("hola")
    assert replies[0]["text"].startswith("Te contesto en español")
    assert replies[-1]["text"] == console.app.engine.i18n.text("es", "smalltalk-greeting")


async def test_only_the_first_clear_message_decides(console: ConsoleDriver) -> None:
    await console.send(SPANISH_WORRY, "/stop")
    replies = await console.send(ENGLISH_WORRY)
    assert not any("/language" in r["text"] for r in replies)
    assert await locale_of(console) == "es"


async def test_a_language_chosen_before_the_first_message_is_kept(console: ConsoleDriver) -> None:
    await console.send("/language", "#en")
    replies = await console.send(SPANISH_WORRY)
    assert not any("/language" in r["text"] for r in replies)
    assert await locale_of(console) == "en"


async def test_a_crisis_first_message_gets_no_language_note_before_the_help(console: ConsoleDriver) -> None:
    replies = await console.send("ya no quiero vivir, no puedo más con todo esto")
    assert replies[0]["kind"] == "crisis"
    assert not any("/language" in r["text"] for r in replies)


async def test_forget_does_not_switch_the_language_of_the_conversation(console: ConsoleDriver) -> None:
    await console.send("/language", "#es")
    await console.send("/forget", "#yes")
    replies = await console.send("/ground")
    assert replies[0]["text"] in {console.app.engine.i18n.text("es", f"exercise-{e}")
                                  for e in console.app.engine.exercise_ids}


async def test_console_errors_follow_language(console: ConsoleDriver) -> None:
    await console.send("/language", "#es")
    assert last(await console.send(":nope"))["text"].startswith("Solo conozco :advance")
    await console.send("/forget")
    assert last(await console.send("#9"))["text"].startswith("No hay ninguna opción")


@pytest.mark.parametrize(("typed", "flow"), [("calma", "ground"), ("ayuda", "help"), ("idioma", "language"),
                                             ("misdatos", "mydata"), ("pais", "country")])
async def test_the_console_knows_the_localized_command_names(console: ConsoleDriver, typed: str, flow: str) -> None:
    assert last(await console.send(f"/{typed}"))["flow"] == flow


async def test_parar_stops_like_stop(console: ConsoleDriver) -> None:
    await console.send(ENGLISH_WORRY)
    replies = await console.send("/parar")
    assert replies[0]["text"] == console.app.engine.i18n.text("en", "stopped")


def test_no_localized_command_name_is_another_commands_name() -> None:
    i18n = I18n(ROOT / "locales")
    commands = {"help", "trigger", "ground", "learn", "communicate", "language", "mydata", "forget", "stop",
                "nudge", "timezone", "pause", "quiet", "safetyplan", "country", "start"}
    names = command_names(i18n, commands)
    assert all(names[typed] == typed for typed in commands & set(names))
    for locale in i18n.locales:
        assert all(i18n.has(locale, f"command-{c}") for c in commands), locale


@pytest.mark.parametrize(("lang", "tz", "first"), [
    ("es", "Europe/Madrid", ["es", "mx", "ar", "co"]),
    ("es", "America/Mexico_City", ["mx", "es", "ar", "co"]),
    ("en", "Europe/London", ["gb", "us", "ie", "ca", "au"]),
    ("en", "UTC", ["us", "gb", "ie", "ca", "au"]),
    ("es", "America/Bogota", ["co", "es", "mx", "ar"]),
])
async def test_the_country_picker_starts_with_the_countries_that_fit_language_and_zone(
        db_path: Path, lang: str, tz: str, first: list[str]) -> None:
    console = await open_console(db_path, lang=lang, tz=tz)
    try:
        ask = last(await console.send("/country"))
        ids = [c["id"] for c in ask["choices"]]
        assert ids[:len(first)] == first and ids[-1] == "other"
    finally:
        await console.close()


async def test_a_typed_number_picks_the_country_shown_at_that_number(db_path: Path) -> None:
    console = await open_console(db_path, lang="es", tz="Europe/Madrid")
    try:
        await console.send("/country")
        done = last(await console.send("1"))  # typed as a message, not pressed: the same order
        assert done["step"] == "done" and "España" in done["text"]
    finally:
        await console.close()


async def test_the_crisis_country_question_starts_with_the_users_country(db_path: Path) -> None:
    console = await open_console(db_path, lang="es", tz="America/Mexico_City")
    try:
        replies = await console.send("quiero morirme")
        ask = next(r for r in replies if r["step"] == "ask_country")
        assert ask["choices"][0]["id"] == "mx"
    finally:
        await console.close()
