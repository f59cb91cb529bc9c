"""Fifth review of issue #9's safety round: own wording, one scenario per test.

Each message states the person's own present risk and must keep the crisis path after this
session's someone-else's, laughter and negation changes.
"""

from __future__ import annotations

import pytest

from bot.safety.tiers import TieredScreen
from tests.safety_fixtures import path, tiered_screen


@pytest.fixture(scope="module")
def screen() -> TieredScreen:
    return tiered_screen()


def test_turning_his_knife_on_oneself_is_crisis_not_abuse(screen: TieredScreen) -> None:
    text = "me puso un cuchillo en el cuello y ahora quiero usarlo conmigo"
    assert path(screen, text, "es") == "crisis/open"


def test_a_laugh_does_not_lower_written_goodbye_letters(screen: TieredScreen) -> None:
    assert path(screen, "lmao i wrote my goodbye letters", "en") == "crisis/open"


def test_not_today_but_saturday_is_a_deferred_plan(screen: TieredScreen) -> None:
    text = "i'm not going to kill myself today, i'm waiting until saturday"
    assert path(screen, text, "en") == "crisis/open"


def test_spanish_not_today_but_saturday_is_a_deferred_plan(screen: TieredScreen) -> None:
    assert path(screen, "no me voy a matar hoy, lo haré el sábado", "es") == "crisis/open"


def kind(screen: TieredScreen, text: str, lang: str) -> str:
    signal = screen.screen(text, lang)
    return "-" if signal is None else signal.kind


def test_wishing_he_had_fired_the_gun_he_pointed_is_crisis(screen: TieredScreen) -> None:
    text = "he pointed a gun at me and i wish he had pulled the trigger"
    assert kind(screen, text, "en") == "crisis"


def test_spanish_wishing_he_had_fired_is_crisis(screen: TieredScreen) -> None:
    assert kind(screen, "me apuntó con una pistola y ojalá hubiera disparado", "es") == "crisis"


def test_not_today_over_an_exam_with_a_laugh_stays_benign(screen: TieredScreen) -> None:
    assert path(screen, "i'm not going to kill myself today over this exam lol", "en") == "-"


def test_asking_someone_to_shoot_a_text_is_not_a_wish(screen: TieredScreen) -> None:
    assert path(screen, "i hope they shoot me a text later", "en") == "-"


def test_a_gun_pointed_without_a_wish_stays_abuse(screen: TieredScreen) -> None:
    assert path(screen, "he pointed a gun at me last night", "en") == "abuse/open"


def test_armed_outside_the_users_door_opens_abuse(screen: TieredScreen) -> None:
    assert path(screen, "she's outside my bedroom window right now with a knife", "en") == "abuse/open"


def test_his_pills_held_over_the_user_leaving_is_abuse(screen: TieredScreen) -> None:
    assert path(screen, "me avisó que se toma todas sus pastillas si me mudo", "es") == "abuse/open"
