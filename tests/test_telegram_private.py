"""The whole Groundwork experience in a Telegram private chat, through a real Application over HTTP."""

from __future__ import annotations

import json

import pytest

from tests.fakes.telegram_harness import RunningBot, buttons, with_buttons


def t(bot: RunningBot, locale: str, key: str, **args: object) -> str:
    return bot.app.engine.i18n.text(locale, key, **args)


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_trigger_flow_by_text_and_buttons_in_the_users_language(bot: RunningBot, locale: str) -> None:
    api = bot.api
    ana = api.user(1001, "Ana", locale)
    said = {"en": "he hasn't replied in 4 hours and I'm spiraling", "es": "no me contesta hace 4 horas y estoy mal"}
    first = await bot.say(ana, said[locale], count=2)
    grounding = with_buttons(first)
    assert buttons(grounding) == [t(bot, locale, k) for k in ("choice-done", "choice-another", "choice-skip")]

    diagnostic = with_buttons(await bot.tap(ana, grounding, t(bot, locale, "choice-done")))
    assert diagnostic["text"] == t(bot, locale, "diagnostic-question")
    answered = api.messages[(ana.id, grounding["message_id"])]
    assert "reply_markup" not in answered and answered["text"].endswith(t(bot, locale, "choice-done"))

    # Typing the number of a choice answers too, and the question's buttons go away.
    path = with_buttons(await bot.say(ana, "2"))
    assert "reply_markup" not in api.messages[(ana.id, diagnostic["message_id"])]
    assert buttons(path)[-1] == t(bot, locale, "choice-continue")

    rate = with_buttons(await bot.tap(ana, path, t(bot, locale, "choice-continue")))
    assert rate["text"] == t(bot, locale, "rate-now")
    offer = with_buttons(await bot.tap(ana, rate, index=2))
    assert offer["text"] == t(bot, locale, "followup-offer")
    closing = await bot.tap(ana, offer, t(bot, locale, "followup-no"))
    assert closing and not any(buttons(m) for m in closing)

    chat = api.sent(ana.id)
    assert not [m for m in chat if buttons(m)], "no answered question keeps its buttons"
    assert all(api.queries.values()), "every press was answered with answerCallbackQuery"
    assert all(c.params["parse_mode"] == "HTML" for c in api.calls_to("sendMessage"))


async def test_ground_offers_an_exercise_and_another_one(bot: RunningBot) -> None:
    ben = bot.api.user(1002, "Ben", "en")
    exercise = with_buttons(await bot.say(ben, "/ground"))
    assert buttons(exercise) == [t(bot, "en", "choice-done"), t(bot, "en", "choice-another")]
    second = with_buttons(await bot.tap(ben, exercise, t(bot, "en", "choice-another")))
    assert second["text"] != exercise["text"]
    after = await bot.tap(ben, second, t(bot, "en", "choice-done"))
    assert after[-1]["text"] == t(bot, "en", "ground-after")


async def test_deep_link_start_payload_opens_that_flow(bot: RunningBot) -> None:
    cam = bot.api.user(1003, "Cam", "en")
    replies = await bot.say(cam, "/start ground")
    assert buttons(with_buttons(replies)) == [t(bot, "en", "choice-done"), t(bot, "en", "choice-another")]


async def test_forget_deletes_everything_after_confirming(bot: RunningBot) -> None:
    dee = bot.api.user(1004, "Dee", "en")
    await bot.say(dee, "I keep checking her location", count=2)
    assert await bot.app.store.count_rows_for("telegram:1004") > 0
    confirm = with_buttons(await bot.say(dee, "/forget"))
    done = await bot.tap(dee, confirm, t(bot, "en", "forget-yes"))
    assert done[-1]["text"] == t(bot, "en", "forget-done")
    assert await bot.app.store.count_rows_for("telegram:1004") == 0


async def test_mydata_arrives_as_a_document(bot: RunningBot) -> None:
    eve = bot.api.user(1005, "Eve", "en")
    await bot.say(eve, "/ground")
    export, journal = await bot.say(eve, "/mydata")  # the JSON, then the journal as CSV
    assert export["document"]["file_name"] == "groundwork-mydata.json"
    assert journal["document"]["file_name"] == "groundwork-journal.csv"
    data = json.loads(bot.api.uploads[(eve.id, export["message_id"])])
    assert data["user_key"] == "telegram:1005"


async def test_user_words_echoed_back_are_escaped_for_html(bot: RunningBot) -> None:
    fay = bot.api.user(1006, "Fay", "en")
    feeling = with_buttons(await bot.say(fay, "/communicate"))
    need = with_buttons(await bot.tap(fay, feeling, index=0))
    await bot.tap(fay, need, index=0)  # now it asks for the situation in the user's own words
    draft = await bot.say(fay, "<b>he said</b> a & b")
    assert any("<b>he said</b> a & b" in m["text"] for m in draft)
    raw = [bot.api.raw_html[(fay.id, m["message_id"])] for m in draft]
    assert any("&lt;b&gt;he said&lt;/b&gt; a &amp; b" in r for r in raw)
    assert not [c for c in bot.api.calls if c.error]


async def test_stickers_get_a_short_text_only_note_and_the_question_stays_open(bot: RunningBot) -> None:
    gus = bot.api.user(1007, "Gus", "es")
    exercise = with_buttons(await bot.say(gus, "/ground"))
    before = len(bot.api.sent(gus.id))
    await gus.send_sticker()
    (note,) = await bot.api.replies(gus.id, before)
    assert note["text"] == t(bot, "es", "telegram-text-only")
    assert buttons(exercise), "the exercise keeps its buttons"
    after = await bot.tap(gus, exercise, t(bot, "es", "choice-done"))
    assert after[-1]["text"] == t(bot, "es", "ground-after")


async def test_command_menus_are_published_per_language(bot: RunningBot) -> None:
    menus = bot.api.commands
    private_en = {c["command"]: c["description"] for c in menus[("all_private_chats", "")]}
    private_es = {c["command"]: c["description"] for c in menus[("all_private_chats", "es")]}
    assert {"trigger", "ground", "help", "start", "forget", "mydata", "stop"} <= set(private_en)
    # A Spanish client's menu shows the names Spanish speakers type (/calma), which the bot accepts.
    assert private_es["calma"] == t(bot, "es", "telegram-cmd-ground") != private_en["ground"]
    assert "ground" not in private_es
    assert private_en["talk"] == t(bot, "en", "telegram-cmd-talk") and "hablar" in private_es
    groups = {c["command"] for c in menus[("all_group_chats", "")]}
    assert groups == {"start", "help"}
    # Group admins see /circle too (Telegram shows them this scope instead of the groups' one).
    admins = {c["command"] for c in menus[("all_chat_administrators", "")]}
    assert admins == {"start", "help", "circle"}
    admins_es = {c["command"]: c["description"] for c in menus[("all_chat_administrators", "es")]}
    assert admins_es["circulo"] == t(bot, "es", "telegram-cmd-circle-admin")


async def test_every_command_has_a_menu_description_in_every_language(bot: RunningBot) -> None:
    published = {code: {c["command"] for c in cmds} for (scope, code), cmds in bot.api.commands.items()
                 if scope == "all_private_chats"}
    expected = set(bot.app.engine.command_flows) | {"stop", "talk"}  # /talk: the help rooms' adapter command
    spanish = {t(bot, "es", f"command-{name}") for name in expected}
    assert published == {"": expected, "es": spanish}


async def test_a_burst_of_messages_in_one_chat_is_answered_in_order(bot: RunningBot) -> None:
    hana = bot.api.user(1008, "Hana", "en")
    for command in ("/help", "/ground", "/help", "/ground", "/help"):
        await hana.send(command)
    replies = await bot.api.replies(hana.id, 0, count=5)
    help_text = t(bot, "en", "help-commands")
    assert [m["text"] == help_text for m in replies] == [True, False, True, False, True]
