"""What loads after start-up: the safety screen's phrase lists and second tier, and the topic model.

``python -m bot run`` starts polling before these are read (~0.3 s of CPU, longer on a busy
machine), so the platform connects first. A typed message that arrives before they are ready
is never answered without them by accident: the engine waits for them, without blocking the
event loop, up to ``MODEL_WAIT_S``; past that it is screened by the phrase lists (the
deterministic floor, compiled then if the thread has not yet) and read by the topic keywords,
and the log says so. A stale or missing model file, or a phrase list that does not compile,
stops the process, as it would have at start (``python -m bot check`` finds both before a deploy).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.flowdefs import FlowError
from bot.i18n import I18n
from bot.safety.screen import PhraseScreen, SafetySignal
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen
from bot.topic_model import TopicModel
from bot.topics import TopicDetector
from bot.yamlfile import YAMLError

log = logging.getLogger("groundwork")

# How long a message that arrived during start-up waits for the models (it is typically
# 0.2-1 s); long enough to outlast a busy machine, short enough that nobody waits in silence.
MODEL_WAIT_S = 10.0
# Loading starts once a platform receives updates, or after this long if none says so.
START_AFTER_S = 2.0


class PendingScreen:
    """``SafetyScreen`` that uses both tiers once loaded and the phrase lists until then.

    The phrase lists compile on first use: the warm-up thread compiles them first, right after
    the first poll. A screen asked for before that (a typed message past ``MODEL_WAIT_S``, a help
    room's or circle's text) compiles them itself, or waits for the thread that is doing it.
    """

    def __init__(self, i18n: I18n, phrases: PhraseScreen | None = None) -> None:
        self.i18n = i18n
        self.tiered: TieredScreen | None = None
        self._phrases = phrases
        self._compiling = threading.Lock()

    @property
    def phrases(self) -> PhraseScreen:
        """The phrase lists (the deterministic floor), compiled once by whichever thread asks first."""
        phrases = self._phrases
        if phrases is None:
            with self._compiling:
                if self._phrases is None:
                    self._phrases = PhraseScreen(self.i18n)
                phrases = self._phrases
        return phrases

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        tiered = self.tiered
        return tiered.screen(text, locale) if tiered is not None else self.phrases.screen(text, locale)


class Warmup:
    """``Warmup``: loads the models in a thread and tells waiting turns when they are in place."""

    def __init__(self, i18n: I18n, screen: PendingScreen, topics: TopicDetector) -> None:
        self.i18n = i18n
        self.screen = screen
        self.topics = topics
        self.loaded_in_s: float | None = None
        self.bound_s = MODEL_WAIT_S  # how long a typed message waits for the models
        self._ready = asyncio.Event()

    @property
    def done(self) -> bool:
        return self._ready.is_set()

    async def run(self, started: Callable[[], bool] = lambda: True, within: float = START_AFTER_S,
                  settle: Callable[[], None] = gc.freeze) -> None:
        """Once ``started()`` (a platform is receiving) or ``within`` s passed, load both models.

        ``settle`` runs once they are in place, before waiting messages go on (``bot.runner``
        passes ``settle_heap``).
        """
        deadline = time.monotonic() + within
        # ``app.holds`` is a plain set the adapters fill: checking it every 10 ms for at most
        # START_AFTER_S costs nothing and keeps the adapters unaware of this.
        while not started() and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        began = time.perf_counter()
        try:
            tiered, topic_model = await asyncio.to_thread(_load, self.i18n, self.screen)
            self.screen.tiered = tiered
            self.topics.model = topic_model
            # The one full collection since start-up (the collector was off, so it walks both
            # models: 60-250 ms) falls here, while typed messages are still waiting for the
            # models, not in the middle of the first replies after they are released.
            settle()
        finally:
            self._ready.set()  # waiting turns go on (with the floor) even if loading failed
        self.loaded_in_s = time.perf_counter() - began
        log.info("models: safety second tier and topic model loaded in %.2f s", self.loaded_in_s)
        # What only texts past ``literals.LONG_TEXT`` need, compiled after the screen is in use.
        try:
            await asyncio.to_thread(tiered.detector.compile_all)
        except re.error:  # `python -m bot check` names it; a long text will raise it again
            log.exception("models: the detector's categories do not compile as alternations")
        # The alternations compiled just now live as long as the models: out of the collector's
        # view too (a freeze without a collection costs next to nothing).
        gc.freeze()

    async def wait(self, bound_s: float | None = None) -> bool:
        """True once the models are in place; False (and a log line) if ``bound_s`` passed first."""
        bound_s = self.bound_s if bound_s is None else bound_s
        if not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), bound_s)
            except TimeoutError:
                log.warning("models: not loaded after %.0f s; this message was screened by the phrase lists"
                            " only", bound_s)
                return False
        if self.screen.tiered is None:
            log.warning("models: failed to load; this message was screened by the phrase lists only")
            return False
        return True


def _load(i18n: I18n, pending: PendingScreen) -> tuple[TieredScreen, TopicModel]:
    directory: Path = i18n.directory
    try:
        phrases = pending.phrases  # the floor first: a message past the wait needs nothing else
        tiered = TieredScreen(i18n, SoftModel.load(directory / "safety_model.json"), phrases)
        return tiered, TopicModel.load(directory)
    except (ValueError, KeyError, OSError, YAMLError) as exc:
        raise FlowError(f"locales: {exc}") from exc
