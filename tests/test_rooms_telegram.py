"""Help rooms on Telegram (fake Bot API + real python-telegram-bot): a forum topic per room, relayed."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes.telegram_harness import buttons, with_buttons
from tests.rooms_telegram_fixtures import ANA, CIRCLE, HAL, HELPERS, IVY, Scene, forum_api, scene

__all__ = ["forum_api", "scene"]


async def test_ask_room_claim_backup_close_archive_delete(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    card = scene.card(thread)
    assert code in card["text"] and t("room-card-rules") in card["text"]
    assert buttons(card) == [t("room-claim"), t("room-backup"), t("room-close")]
    assert t("room-card-said", said="We had a fight and I can't stop spiralling") in card["text"]

    assert await scene.press_card(HAL, thread, t("room-claim")) == t("room-press-claimed", number=1)
    assert api.sent(ANA)[-1]["text"] == t("room-helper-joined", number=1)
    assert t("room-card-claimed", helpers=t("room-card-helper", number=1, name="Hal")) in scene.card(thread)["text"]

    relayed = await scene.helper_says(HAL, thread, "I'm here. Take your time.")
    assert relayed["text"] == t("room-from-helper", number=1, text="I'm here. Take your time.")
    posted = await scene.ana_says(thread, "thank you")
    assert posted["text"] == t("room-from-owner", code=code, text="thank you")

    assert await scene.press_card(HAL, thread, t("room-backup")) == t("room-press-backup")
    general = [m for m in api.sent(HELPERS) if "message_thread_id" not in m]
    assert general[-1]["text"] == t("room-ping-backup", code=code)
    assert await scene.press_card(IVY, thread, t("room-claim")) == t("room-press-claimed", number=2)

    okay = with_buttons(api.sent(ANA))
    await scene.bot.tap(api.users[ANA], okay, t("room-okay"))
    assert api.sent(ANA)[-1]["text"] == t("room-owner-closed-owner")
    assert api.topics[(HELPERS, thread)]["closed"] is True
    assert t("room-card-closed") in scene.card(thread)["text"] and not buttons(scene.card(thread))

    await scene.advance(timedelta(days=2, hours=23))
    assert (HELPERS, thread) in api.topics
    await scene.advance(timedelta(hours=2))
    assert (HELPERS, thread) not in api.topics
    rooms = scene.bot.app.rooms
    assert rooms is not None
    assert await rooms.store.get(code) is None
    for table in ("rooms", "room_owners", "room_claims"):
        (count,) = (await scene.bot.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}"))[0]
        assert count == 0, table
    assert not [m for m in api.sent(CIRCLE) if code in (m.get("text") or "")]
