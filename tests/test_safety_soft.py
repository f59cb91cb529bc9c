"""The second tier of the safety screen: the structured detector's rules and the model.

The phrase lists miss wording nobody listed; the held-out phrasings below were written for
this test, are in no training file, and show what the second tier adds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import ROOT, Settings, load_definitions
from bot.flowdefs import FlowError
from bot.i18n import I18n
from bot.safety.fingerprint import fingerprint
from bot.safety.screen import PhraseScreen
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen
from bot.safety.train import MODEL
from tests.fakes.console import ConsoleDriver, last

HELD_OUT_SIGNALS = [
    "i think it's time i stopped being a burden to everyone",
    "i looked up how many of my pills it would take",
    "tonight feels like the night i finally end things",
    "i wrote letters for my family just in case",
    "nobody will have to deal with me after this week",
    "i'm done fighting, i just want it all to stop for good",
    "i stood on the bridge for an hour last night",
    "i've started hurting myself again when he doesn't answer",
    "he grabbed my throat when i asked about the messages",
    "he says if i leave he'll make sure i regret it",
    "she checks my bank account and takes my cards",
    "he won't let me see my sister anymore",
    "creo que ya es hora de dejar de ser una carga para todos",
    "busqué cuántas pastillas harían falta",
    "esta noche siento que por fin voy a terminar con todo",
    "les escribí cartas a mi familia por si acaso",
    "ya nadie tendrá que aguantarme después de esta semana",
    "me volví a hacer daño cuando no me contestó",
    "me agarró del cuello cuando le pregunté por los mensajes",
    "dice que si lo dejo me voy a arrepentir",
    "me revisa la cuenta del banco y me quita las tarjetas",
    "no me deja ver a mi hermana",
]
EVERYDAY_WORRIES = [
    "he hasn't replied in 4 hours and I'm spiraling", "she left me on read since this morning",
    "I keep checking his location", "I went through her phone last night",
    "all the instagram couples look so much happier than us", "I'm so jealous of his coworker",
    "does he still love me", "he lied to me about where he was", "she's warm one day and cold the next",
    "he says I'm too sensitive whenever I bring it up", "found hidden messages with someone",
    "I just feel off today", "he went out with his friends and didn't text me once",
    "my girlfriend liked her ex's photo and I can't stop thinking about it",
    "we had a fight and now he's ignoring me", "I feel like she's losing interest in me",
    "he's been distant all week and I don't know why", "I'm scared he's going to leave me",
    "I can't stop overthinking everything she says", "my partner forgot our anniversary",
    "he only replies with one word now", "I feel so needy and I hate it", "she cancelled our plans again",
    "I'm anxious every time he goes out", "I keep asking if we're okay and it's exhausting him",
    "I feel like I'm not enough for him", "no me contesta desde hace 4 horas", "me dejó en visto",
    "no puedo dejar de revisar su ubicación", "me comparo con otras parejas", "tengo celos de su compañera",
    "¿todavía me quiere?", "me mintió otra vez", "dice que soy demasiado sensible",
    "salió con sus amigos y no me escribió nada", "siento que ya no le importo",
    "tuvimos una pelea y ahora no me habla", "tengo miedo de que me deje", "no dejo de pensar en lo que me dijo",
    "olvidó nuestro aniversario", "me siento muy insegura con él", "está distante y no sé por qué",
    "me responde con monosílabos", "siento que no soy suficiente para ella",
]


@pytest.fixture(scope="module")
def tiers() -> TieredScreen:
    return TieredScreen(I18n(ROOT / "locales"), SoftModel.load(MODEL))


@pytest.fixture(scope="module")
def phrases() -> PhraseScreen:
    return PhraseScreen(I18n(ROOT / "locales"))


def _copied_tree(tmp_path: Path) -> Settings:
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return Settings(db_path=":memory:", flows_dir=ROOT / "flows", locales_dir=tmp_path / "locales")


def test_the_shipped_model_carries_the_fingerprint_of_its_training_data_and_code() -> None:
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    assert shipped["fingerprint"] == fingerprint(), "run: python -m bot.safety.train"
    assert shipped["format"] == 2 and set(shipped["weights"]) == {"crisis", "abuse", "benign"}


def test_start_up_refuses_a_missing_model_and_names_the_file(tmp_path: Path) -> None:
    settings = _copied_tree(tmp_path)
    (settings.locales_dir / "safety_model.json").unlink()
    with pytest.raises(FlowError, match=r"safety_model\.json: missing; run: python -m bot\.safety\.train"):
        load_definitions(settings)


def test_start_up_refuses_a_stale_model_and_says_why(tmp_path: Path) -> None:
    settings = _copied_tree(tmp_path)
    path = settings.locales_dir / "safety_model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fingerprint"] = "0" * 64  # as if trained before the corpus or the feature code changed
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FlowError, match=r"safety_model\.json: stale \(trained from other data or feature code"):
        load_definitions(settings)


def test_bot_check_fails_when_the_model_is_missing(tmp_path: Path) -> None:
    settings = _copied_tree(tmp_path)
    (settings.locales_dir / "safety_model.json").unlink()
    env = {"GROUNDWORK_LOCALES_DIR": str(settings.locales_dir), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "bot", "check"], env=env, capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "safety_model.json: missing" in result.stderr


def test_held_out_phrasings_are_caught_far_more_often_with_the_second_tier(
    tiers: TieredScreen, phrases: PhraseScreen
) -> None:
    by_phrases = [t for t in HELD_OUT_SIGNALS if phrases.screen(t, "en") is not None]
    by_either = [t for t in HELD_OUT_SIGNALS if tiers.screen(t, "en") is not None]
    n = len(HELD_OUT_SIGNALS)
    figures = f"held-out signals: phrase lists {len(by_phrases)}/{n}, with the second tier {len(by_either)}/{n}"
    print(figures)
    assert len(by_either) >= len(by_phrases) + 5, figures
    assert len(by_either) / n >= 0.9, figures


def test_no_everyday_relationship_worry_is_asked_the_safety_question(tiers: TieredScreen) -> None:
    asked = [t for t in EVERYDAY_WORRIES if tiers.screen(t, "en") is not None]
    assert asked == []


WEAKER = "he went through my phone while i was asleep"  # monitoring: the same words can be a habit


async def test_a_weaker_signal_gets_the_direct_question_first(console: ConsoleDriver) -> None:
    reply = last(await console.send(WEAKER))
    assert (reply["flow"], reply["step"]) == ("safety_check", "ask")
    assert [c["id"] for c in reply["choices"]] == ["self", "hurt", "safe"]


async def test_thinking_of_self_harm_opens_the_crisis_path(console: ConsoleDriver) -> None:
    await console.send(WEAKER)
    replies = await console.send("#self")
    assert replies[0]["kind"] == "crisis"


async def test_someone_hurting_them_opens_the_abuse_path(console: ConsoleDriver) -> None:
    await console.send(WEAKER)
    replies = await console.send("#hurt")
    assert replies[0]["kind"] == "abuse"


async def test_safe_goes_on_into_the_trigger_flow_with_their_words(console: ConsoleDriver) -> None:
    await console.send(WEAKER)
    replies = await console.send("#safe")
    assert [r["step"] for r in replies][:2] == ["thanks", "acknowledge"]
    rows = await console.app.store.connection.execute_fetchall("SELECT text FROM journal")
    assert [r[0] for r in rows] == [WEAKER]
