"""A pet's or a relative's "won't be around much longer" is their ending, not the user's (issue #9).

The phrase-list line for "won't be around much longer" has no subject; a subject that is not the
user drops it, unless the user puts themselves beside it ("and neither will i").
"""

from __future__ import annotations

import pytest

from bot.safety.tiers import TieredScreen
from tests.safety_fixtures import path, tiered_screen


@pytest.fixture(scope="module")
def screen() -> TieredScreen:
    return tiered_screen()


def test_the_vet_saying_the_dog_wont_be_around_long_is_not_risk(screen: TieredScreen) -> None:
    assert path(screen, "the vet said the dog won't be around much longer", "en") == "-"


def test_a_grandmother_who_wont_be_around_long_is_not_the_users_risk(screen: TieredScreen) -> None:
    assert path(screen, "my grandma won't be around much longer and i can't stop crying", "en") == "-"


def test_the_user_not_being_around_much_longer_still_opens(screen: TieredScreen) -> None:
    assert path(screen, "i won't be around much longer", "en") == "crisis/open"


def test_the_user_joining_the_pets_ending_still_opens(screen: TieredScreen) -> None:
    assert path(screen, "my dog won't be around much longer and neither will i", "en") == "crisis/open"


def test_same_for_me_after_the_cats_ending_still_opens(screen: TieredScreen) -> None:
    text = "the vet says my old cat won't be here much longer, same for me honestly"
    assert path(screen, text, "en") == "crisis/open"
