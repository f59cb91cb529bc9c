"""The lead's round-3 families: a recording held as leverage, a past attempt done "properly" (issue #9)."""

from __future__ import annotations

import pytest

from bot.safety.tiers import TieredScreen
from tests.safety_fixtures import path, tiered_screen


@pytest.fixture(scope="module")
def screen() -> TieredScreen:
    return tiered_screen()


def test_a_secret_recording_used_to_make_her_obey_opens_abuse(screen: TieredScreen) -> None:
    text = "me grabó sin permiso y ahora lo usa para que haga lo que él quiere"
    assert path(screen, text, "es") == "abuse/open"


def test_a_hidden_recording_and_blackmail_opens_abuse(screen: TieredScreen) -> None:
    assert path(screen, "mi ex me grabó a escondidas y me chantajea con eso", "es") == "abuse/open"


def test_a_recording_used_to_make_him_obeyed_opens_abuse_in_english(screen: TieredScreen) -> None:
    text = "he recorded me without my permission and now uses it to make me do what he wants"
    assert path(screen, text, "en") == "abuse/open"


def test_a_funny_recording_shared_as_a_story_is_not_screened(screen: TieredScreen) -> None:
    assert path(screen, "me grabó mientras cantaba en la ducha y lo subió a la historia jaja", "es") == "-"


def test_a_past_attempt_and_doing_it_properly_this_time_opens_crisis(screen: TieredScreen) -> None:
    assert path(screen, "i tried last year and this time i'll do it properly", "en") == "crisis/open"


def test_un_intento_pasado_y_hacerlo_bien_esta_vez_opens_crisis(screen: TieredScreen) -> None:
    assert path(screen, "lo intenté el año pasado y esta vez lo hago bien", "es") == "crisis/open"


def test_a_failed_exam_done_properly_this_time_is_not_screened(screen: TieredScreen) -> None:
    assert path(screen, "i failed the exam last year but this time i'll do it properly", "en") == "-"


def test_bread_tried_last_week_done_properly_this_time_is_not_screened(screen: TieredScreen) -> None:
    assert path(screen, "i tried baking bread last week, this time i'll do it properly", "en") == "-"


def test_una_torta_que_salio_mal_hecha_bien_esta_vez_is_not_screened(screen: TieredScreen) -> None:
    assert path(screen, "el año pasado me salió mal la torta, esta vez lo hago bien", "es") == "-"
