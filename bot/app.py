"""The composition root: settings, then storage, clock, i18n, flows, engine. No globals."""

from __future__ import annotations

import asyncio
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from bot.actions import core_actions, core_routers
from bot.care.reflection import ReassuranceDetector, reassurance_interceptor
from bot.care.stay import stay_interceptor
from bot.circles import CircleService
from bot.circles.moderation import ModerationService
from bot.circles.pump import CirclePump, PumpChain
from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.flowcheck import check_flows, check_locale_parity
from bot.flowdefs import FlowDef, FlowError, load_flows
from bot.i18n import I18n
from bot.journal import weekly
from bot.pump import Pump, Sender
from bot.rooms import RoomAsking, RoomPump, RoomService
from bot.safety.fingerprint import model_problem
from bot.safety.screen import PhraseScreen, SafetyScreen
from bot.safety.soft import SoftModel
from bot.safety.tiers import TieredScreen
from bot.scheduling.pump import SchedulerPump, stale_after_from_env, worker_name
from bot.scheduling.runner import PumpScheduler
from bot.topics import TopicDetector
from bot.warmup import PendingScreen, Warmup
from bot.yamlfile import YAMLError
from storage import Store, open_store
from storage.circle_moderation import ModerationStore
from storage.circles import CircleStore
from storage.rooms import RoomStore
from storage.sealing import sealer_from_env

ROOT = Path(__file__).resolve().parent.parent


def default_db_path() -> str:
    return str(Path(user_data_dir("groundwork", appauthor=False)) / "groundwork.sqlite3")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, read once from the environment."""

    # A SQLite file path (or ``:memory:``), or a ``postgres(ql)://`` URL selecting PostgreSQL.
    db_path: str = field(default_factory=default_db_path)
    default_tz: str = "UTC"
    flows_dir: Path = ROOT / "flows"
    locales_dir: Path = ROOT / "locales"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env: dict[str, object] = {
            # Hosts hand the app DATABASE_URL; it wins over GROUNDWORK_DB, and an explicit --db wins over both.
            "db_path": os.environ.get("DATABASE_URL", "").strip() or os.environ.get("GROUNDWORK_DB"),
            "default_tz": os.environ.get("GROUNDWORK_DEFAULT_TZ"),
            "flows_dir": os.environ.get("GROUNDWORK_FLOWS_DIR"),
            "locales_dir": os.environ.get("GROUNDWORK_LOCALES_DIR"),
        }
        values = {k: Path(v) if k.endswith("_dir") else v for k, v in env.items() if v}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Definitions:
    """Flows and words, loaded and validated together, and the safety screen built from them."""

    flows: dict[str, FlowDef]
    i18n: I18n
    soft_model: SoftModel
    screen: TieredScreen | None = None
    phrases: PhraseScreen | None = None
    # The keyword families checked here; ``build_app`` reuses them when the model comes later.
    topics: TopicDetector | None = None


def load_definitions(settings: Settings, *, models: bool = True) -> Definitions:
    """Load flows and locales and validate them against each other; raise with every problem.

    The safety screen is built here once (compiling the phrase lists is most of start-up).
    ``models=False`` checks that the model files are fresh but leaves loading them, and compiling
    the phrase lists, to ``bot.warmup`` (``python -m bot run``: the platform connects first; the
    phrase lists are ~0.1 s of CPU, and no typed message is screened before they are compiled).
    """
    i18n = I18n(settings.locales_dir)
    flows = load_flows(settings.flows_dir)
    problems = list(i18n.errors)
    problems += check_locale_parity(i18n)
    problems += check_flows(flows, i18n, core_actions(), core_routers())
    soft_model = SoftModel.silent()  # replaced below when the model file loads
    screen = None
    model_path = settings.locales_dir / "safety_model.json"
    phrases = topics = None
    try:
        phrases = PhraseScreen(i18n) if models else None
        ReassuranceDetector(i18n)
        topics = TopicDetector(i18n, load_model=models)
        stale = model_problem(model_path)
        if stale:
            problems.append(stale)
        elif models:
            soft_model = SoftModel.load(model_path)
            screen = TieredScreen(i18n, soft_model, phrases)  # the detector's categories and rules compile
    except (ValueError, KeyError, OSError, YAMLError) as exc:
        problems.append(f"locales: {exc}")
    if problems:
        raise FlowError("\n".join(problems))
    return Definitions(flows, i18n, soft_model, screen, phrases, topics)


@dataclass(slots=True)
class App:
    """The wired-up core that every adapter drives."""

    settings: Settings
    store: Store
    engine: Engine
    clock: Clock
    pump: Pump | None = None
    # Outbound senders by platform name ("telegram", "discord"), registered by the adapters.
    senders: dict[str, Sender] = field(default_factory=dict)
    scheduler: PumpScheduler | None = None
    # This process's name in leases and claims, and the platform connections it holds right now
    # ("telegram:polling", "telegram:webhook", "discord:shard:0"), reported by /healthz.
    worker: str = field(default_factory=worker_name)
    holds: set[str] = field(default_factory=set)
    circles: CircleService | None = None
    rooms: RoomService | None = None
    # The models still loading after start (``build_app(defer_models=True)``); None once built eagerly.
    warmup: Warmup | None = None
    moderation: ModerationService | None = None  # reports, removals and blocks (branch circles-mod)

    def due_pump(self) -> Pump | None:
        """Everything that falls due: scheduled items, circle check-ins, then help rooms' timers."""
        if self.pump is None or self.circles is None:
            return self.pump
        extra: list[Pump] = [RoomPump(self.rooms)] if self.rooms is not None else []
        return PumpChain(self.pump, CirclePump(self.circles), *extra)

    @property
    def asking(self) -> RoomAsking | None:
        """``/talk``'s form over the room service (branch rooms)."""
        return RoomAsking(self.rooms) if self.rooms is not None else None

    def start_pump(self, interval_s: float = 1.0) -> None:
        """Real runs: drive the pump from an APScheduler job for the platforms with a sender.

        Call after the adapters registered their senders, inside the running event loop.
        """
        if isinstance(self.pump, SchedulerPump):
            self.pump.serve_console = False  # console items belong to a console session
        if self.pump is not None and self.scheduler is None:
            beating = self.pump if isinstance(self.pump, SchedulerPump) else None
            self.scheduler = PumpScheduler(self.due_pump() or self.pump, self.clock, interval_s, heartbeat=beating)
            self.scheduler.start()

    async def close(self) -> None:
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self.circles is not None:
            await self.circles.editor.close()
        await self.store.close()


# The first threshold counts container allocations minus frees since the last collection, and a free
# when the count is 0 is lost: so with many conversations in flight, each collection "forgets" the
# objects then alive, and their replacements count again. A step leaves no cyclic garbage
# (bench/README, engine, 2026-12-01), so what set off collections was that turnover, ~7,000 a
# collection: 5 generation-0 and a generation-1 collection in every paced phase of bench/engine.py
# (the generation-1 one 8.6-16.5 ms of CPU on a loaded machine, inside a step). At 50,000 the paced phase
# ran none. A collection walks the young objects alive at that moment, so with 1,000 conversations in
# flight at once (the saturation phase) one took 10-18 ms where seven took up to 6-9 ms each.
GC_THRESHOLDS = (50_000, 10, 100)


def settle_heap() -> None:
    """Call once start-up is done: parsed flows, locales and compiled patterns leave the GC's view.

    Without it, every full collection walks tens of thousands of start-up objects that live
    forever, and shows up as a multi-millisecond stall in a user's reply (bench/engine.py p99).
    Turns the collector on: ``python -m bot run`` starts up with it off (``bot.__main__``).
    """
    gc.collect()
    gc.freeze()
    gc.enable()
    # After the freeze the old generation starts almost empty, so CPython's "a quarter of it is
    # new" brake never holds back a full collection: one ran every ~70,000 allocations, walking
    # every in-flight conversation (19-25 ms, up to 230 ms on a busy machine: the p99 tail). A
    # larger first threshold and a full collection a hundred times rarer keep those off the reply path.
    gc.set_threshold(*GC_THRESHOLDS)


async def build_app(settings: Settings, clock: Clock | None = None,
                    definitions: Definitions | None = None, *, defer_models: bool = False) -> App:
    """Open storage and build the engine from validated definitions (see ``load_definitions``).

    ``defer_models``: the safety model and topic model load later, in ``app.warmup`` (which the
    caller runs); typed messages wait for them, bounded (``bot.warmup``).
    """
    # Reading and checking the definitions takes a moment: off the event loop, before any reply.
    defer_models = defer_models and definitions is None
    defs = definitions or await asyncio.to_thread(load_definitions, settings, models=not defer_models)
    store = await open_store(settings.db_path)
    store.sealer = sealer_from_env(os.environ)  # what users wrote, sealed at rest when a key is set
    warmup = None
    if defer_models:
        safety: SafetyScreen = PendingScreen(defs.i18n, defs.phrases)
        topics = defs.topics or TopicDetector(defs.i18n, load_model=False)
        warmup = Warmup(defs.i18n, safety, topics)  # type: ignore[arg-type]
    else:
        safety = defs.screen or TieredScreen(defs.i18n, defs.soft_model)
        topics = TopicDetector(defs.i18n)
    engine = Engine(
        flows=defs.flows, i18n=defs.i18n, store=store, actions=core_actions(), routers=core_routers(),
        safety=safety, topics=topics,
        default_tz=settings.default_tz, interceptors=[stay_interceptor, reassurance_interceptor],
    )
    engine.warmup = warmup
    app = App(settings=settings, store=store, engine=engine, clock=clock or SystemClock(), warmup=warmup)
    app.pump = SchedulerPump(engine, store.queue(worker_name()), app.senders,
                             recurring={weekly.KIND: weekly.WEEKLY}, stale_after=stale_after_from_env(os.environ))
    app.circles = CircleService(CircleStore(store), defs.i18n, settings.default_tz)
    app.circles.asks.clock = app.clock
    app.circles.asks.senders = app.senders  # the adapters register theirs into this same mapping
    engine.features["circles"] = app.circles  # the /circle flow's actions reach asks through it
    app.rooms = RoomService(RoomStore(store), defs.i18n, engine.safety)
    engine.features["rooms"] = app.rooms  # /forget takes a helper out of their rooms
    app.moderation = ModerationService(app.circles.asks, ModerationStore(app.circles.store))
    return app
