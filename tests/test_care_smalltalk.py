"""Small talk is answered as small talk, in both languages, and never journaled as a worry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.console import open_console

SAY = {
    "greeting": {"en": ["hi", "Hello!", "hiii there"], "es": ["hola", "Holaaa", "buenos días"]},
    "thanks": {"en": ["thanks", "thank you so much!", "ok thanks"], "es": ["gracias", "muchas gracias", "ok gracias"]},
    "okay": {"en": ["ok", "okay", "👍"], "es": ["ok", "de acuerdo", "👍"]},
    "distress": {"en": ["😭😭😭", "💔"], "es": ["😭😭😭", "😢😢"]},
    "unclear": {"en": ["asdfgh", "..."], "es": ["qwrtz", "???"]},
}


async def _first_words(tmp_path: Path, lang: str, text: str) -> tuple[list[dict], int]:
    console = await open_console(tmp_path / f"{lang}.sqlite3", lang=lang)
    try:
        replies = await console.send(text)
        journal = await console.app.store.connection.execute_fetchall("SELECT count(*) FROM journal")
        return replies, next(iter(journal))[0]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("text_index", [0, 1, 2])
async def test_greeting_is_not_a_worry(tmp_path: Path, lang: str, text_index: int) -> None:
    replies, journaled = await _first_words(tmp_path, lang, SAY["greeting"][lang][text_index])
    assert [(r["kind"], r["flow"], r["step"]) for r in replies] == [("greeting", "smalltalk", "greeting")]
    assert "/ground" in replies[0]["text"] and journaled == 0


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["thanks", "okay"])
async def test_thanks_and_ok_get_a_short_warm_close(tmp_path: Path, lang: str, kind: str) -> None:
    for text in SAY[kind][lang]:
        replies, journaled = await _first_words(tmp_path / text.encode().hex(), lang, text)
        assert [(r["flow"], r["step"]) for r in replies] == [("smalltalk", kind)], text
        assert replies[0]["choices"] == [] and len(replies[0]["text"]) < 120 and journaled == 0


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_emoji_only_distress_is_offered_to_talk_or_reset(tmp_path: Path, lang: str) -> None:
    for text in SAY["distress"][lang]:
        replies, journaled = await _first_words(tmp_path / text.encode().hex(), lang, text)
        assert [(r["flow"], r["step"]) for r in replies] == [("smalltalk", "distress")]
        assert [c["id"] for c in replies[0]["choices"]] == ["tell", "reset"] and journaled == 0


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_words_after_emoji_distress_are_heard_as_what_happened(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "d.sqlite3", lang=lang)
    try:
        await console.send("😭😭😭")
        said = "he hasn't replied all day" if lang == "en" else "no me contesta en todo el día"
        replies = await console.send(said)
        assert replies[0]["flow"] == "trigger" and replies[0]["topic"] == "texting"
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_gibberish_gets_one_line_i_did_not_catch_that(tmp_path: Path, lang: str) -> None:
    for text in SAY["unclear"][lang]:
        replies, journaled = await _first_words(tmp_path / text.encode().hex(), lang, text)
        assert [(r["flow"], r["step"]) for r in replies] == [("smalltalk", "unclear")], text
        assert replies[0]["text"].count(".") <= 2 and journaled == 0


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_a_worry_that_starts_with_hi_is_still_a_worry(tmp_path: Path, lang: str) -> None:
    text = "hi, he hasn't replied all day" if lang == "en" else "hola, no me contesta en todo el día"
    replies, journaled = await _first_words(tmp_path, lang, text)
    assert replies[0]["flow"] == "trigger" and journaled == 1


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_safety_screen_still_runs_before_small_talk(tmp_path: Path, lang: str) -> None:
    text = "hi, I want to die" if lang == "en" else "hola, quiero morirme"
    replies, _ = await _first_words(tmp_path, lang, text)
    assert replies[0]["kind"] == "crisis"


@pytest.mark.parametrize(("lang", "text"), [("en", "goodbye"), ("en", "never mind"), ("en", "nothing"),
                                            ("es", "adiós"), ("es", "da igual"), ("es", "nada")])
async def test_farewells_and_giving_up_words_are_never_closed_as_small_talk(tmp_path: Path, lang: str,
                                                                          text: str) -> None:
    replies, _ = await _first_words(tmp_path, lang, text)
    assert replies[0]["flow"] != "smalltalk"
