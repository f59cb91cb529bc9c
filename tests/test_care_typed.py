"""Words typed where the bot asks are heard and acted on kindly, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.console import open_console
from tests.fakes.console import shipped_definitions as definitions

WORRY = {"en": "he hasn't replied in 4 hours", "es": "no me contesta desde hace 4 horas"}
YES = {"en": "yes", "es": "sí"}
NO = {"en": "no", "es": "no"}


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_a_named_feeling_is_said_back_and_the_flow_moves_on(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.actions.trigger.random.choice", lambda options: "name")
    console = await open_console(tmp_path / "f.sqlite3", lang=lang)
    try:
        asked = await console.send(WORRY[lang])
        assert asked[-1]["text"] == definitions().i18n.text(lang, "exercise-name")
        word = "fear" if lang == "en" else "miedo"
        heard = await console.send(word)
        assert f'"{word}"' in heard[0]["text"] and heard[-1]["step"] == "diagnostic"
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_typed_yes_and_no_answer_the_diagnostic_question(tmp_path: Path, lang: str) -> None:
    yes = await open_console(tmp_path / "y.sqlite3", lang=lang)
    no = await open_console(tmp_path / "n.sqlite3", lang=lang)
    try:
        said_yes = await yes.send(WORRY[lang], "#skip", YES[lang])
        said_no = await no.send(WORRY[lang], "#skip", NO[lang])
        assert said_yes[-1]["step"] == "relationship_path" and said_no[-1]["step"] == "internal_path"
    finally:
        await yes.close()
        await no.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_what_is_underneath_the_question_accepts_a_typed_answer(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "r.sqlite3", lang=lang)
    try:
        await console.send("am I overreacting?" if lang == "en" else "¿estoy exagerando?")
        heard = await console.send("loneliness" if lang == "en" else "soledad")
        assert [r["step"] for r in heard] == ["reflect", "named"]
        assert definitions().i18n.text(lang, "pick-a-choice") not in [r["text"] for r in heard]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_words_at_a_strong_followup_start_from_what_is_happening(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang], "#done", "#my_history", "#next", "#5", "#1h", ":advance 1h")
        strong = await console.send("#5")
        assert strong[-1]["step"] == "still_strong"
        now = WORRY[lang]
        replies = await console.send(now)
        assert replies[0]["flow"] == "trigger" and replies[0]["topic"] == "texting"
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_words_instead_of_a_checkin_time_schedule_nothing(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "o.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang], "#done", "#my_history", "#next", "#3")
        close = await console.send("I'd rather just see how it goes" if lang == "en" else "prefiero ver cómo va")
        assert close[-1]["step"] == "close_internal"
        rows = await console.app.store.connection.execute_fetchall("SELECT count(*) FROM scheduled")
        assert next(iter(rows))[0] == 0
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_anything_but_a_clear_yes_to_forget_keeps_everything(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "g.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang])
        kept = await console.send("/forget", "hmm, what would that delete exactly")
        assert kept[-1]["step"] == "kept"
        assert await console.app.store.count_rows_for("console:local") > 0
    finally:
        await console.close()


@pytest.mark.parametrize(("lang", "text"), [("en", "ok"), ("es", "vale")])
async def test_ok_is_not_taken_as_yes_to_a_question(tmp_path: Path, lang: str, text: str) -> None:
    console = await open_console(tmp_path / "k.sqlite3", lang=lang)
    try:
        replies = await console.send(WORRY[lang], "#skip", text)
        assert replies[-1]["step"] == "ask_familiar"  # heard, then the two smaller questions
    finally:
        await console.close()


@pytest.mark.parametrize(("lang", "typed", "step"), [("en", "España", "done"), ("es", "Spain", "done"),
                                                     ("en", "Narnia", "done_other"), ("es", "Narnia", "done_other")])
async def test_a_typed_country_name_in_either_language_is_understood(tmp_path: Path, lang: str, typed: str,
                                                                   step: str) -> None:
    console = await open_console(tmp_path / "c.sqlite3", lang=lang)
    try:
        replies = await console.send("/country", typed)
        assert replies[-1]["step"] == step
    finally:
        await console.close()
