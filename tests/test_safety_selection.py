"""The model selection protocol (bot/safety/selection.py): honest folds and a faithful replay of the tiers.

A paraphrase must never sit in the validation fold of its own twin, and replaying the tiers with
cached detector output must give what the real screen gives, or the comparison measures nothing.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.safety.corpus import Row, training_rows
from bot.safety.normalize import normalize
from bot.safety.selection import (
    MAX_GROUP,
    Limits,
    cache_screening,
    folds_of,
    paraphrase_groups,
    replay,
    template_groups,
)
from bot.safety.soft import SoftModel, features
from bot.safety.tiers import TieredScreen
from bot.safety.train import MODEL


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return training_rows()


@pytest.fixture(scope="module")
def groups(rows: list[Row]) -> list[int]:
    return paraphrase_groups(rows, [normalize(r.text) for r in rows])


def test_every_templated_row_is_traced_back_to_its_template(rows: list[Row]) -> None:
    templates = template_groups()
    templated = [r for r in rows if r.origin.startswith("templates")]
    assert templated and all(r.text.strip().casefold() in templates for r in templated)


def test_rows_filled_from_one_template_share_a_group(rows: list[Row], groups: list[int]) -> None:
    templates = template_groups()
    by_template: dict[str, set[int]] = {}
    for row, group in zip(rows, groups, strict=True):
        name = templates.get(row.text.strip().casefold())
        if name is not None:
            by_template.setdefault(name, set()).add(group)
    assert all(len(found) == 1 for found in by_template.values())


def test_two_handwritten_paraphrases_land_in_one_group() -> None:
    twins = [Row("i cut myself again last night", "crisis", "en", "a"),
             Row("i cut myself again last night after he left", "crisis", "en", "b"),
             Row("he never texts back on time", "benign", "en", "c")]
    found = paraphrase_groups(twins, [normalize(r.text) for r in twins])
    assert found[0] == found[1] != found[2]


def test_no_group_grows_past_the_cap_by_chains_of_short_messages(groups: list[int]) -> None:
    template_sizes = Counter(template_groups().values())
    assert max(Counter(groups).values()) <= max(MAX_GROUP, *template_sizes.values())


def test_a_group_never_straddles_two_folds(rows: list[Row], groups: list[int]) -> None:
    fold = folds_of(groups, [r.label for r in rows])
    where: dict[int, set[int]] = {}
    for g, f in zip(groups, fold, strict=True):
        where.setdefault(g, set()).add(f)
    assert all(len(f) == 1 for f in where.values())
    assert len(set(fold)) == 5


MESSAGES = [
    ("i've got the pills here and i'm going to take them tonight", "en"),
    ("he checks my phone every night and takes my money", "en"),
    ("thanks for everything today, see you monday", "en"),
    ("i feel so tired of everything lately", "en"),
    ("ya no quiero estar aquí, les dejé cartas a todos", "es"),
    ("me quemo con el encendedor cuando no me contesta", "es"),
    ("mi novio me quemó con el cigarro", "es"),
    ("este examen me va a matar", "es"),
    ("vale", "es"),
]


def test_replaying_cached_screening_gives_what_the_real_screen_gives() -> None:
    model = SoftModel.load(MODEL)
    screen = TieredScreen(I18n(ROOT / "locales"), model)
    expected = [screen.assess(text, lang).signal for text, lang in MESSAGES]
    items = cache_screening(screen, [(text, lang, "benign", False) for text, lang in MESSAGES])
    probs = [model.probabilities(features(i.norm, i.found)) if i.needs_model else None for i in items]
    replayed = replay(screen, items, probs, Limits())
    assert replayed == [("missed", None) if s is None else ("asked", None) if s.level == "ask"
                        else ("opened", s.kind) for s in expected]
