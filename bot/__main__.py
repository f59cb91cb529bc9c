"""Command line: ``chat`` (console adapter), ``run`` (platform adapters), ``check`` (validation),
``migrate-db`` (SQLite → PostgreSQL)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import re
import signal
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dotenv import find_dotenv, load_dotenv

if TYPE_CHECKING:
    from bot.app import Settings

# The rest of the bot is imported once the command is known (``main``): ``run`` imports it with
# the garbage collector off (``_run_main``).


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Groundwork")
    sub = parser.add_subparsers(dest="cmd", required=True)
    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--jsonl", action="store_true", help="JSON-lines scripting protocol")
    chat.add_argument("--db", help="SQLite file (default: your user data directory; ':memory:' allowed) "
                      "or a postgresql:// URL; DATABASE_URL is used when this is not given")
    chat.add_argument("--lang", help="language code, e.g. en or es")
    chat.add_argument("--user", default="local", help="console user name")
    chat.add_argument("--now", help="start of the simulated clock, ISO-8601")
    chat.add_argument("--tz", help="the user's time zone before they set one")
    sub.add_parser("run", help="run every platform whose token is configured")
    sub.add_parser("check", help="validate flows and locales")
    sub.add_parser("new-key", help="print a new GROUNDWORK_SECRET_KEY (encryption of what users write)")
    move = sub.add_parser("migrate-db", help="copy a SQLite database into PostgreSQL (safe to re-run)")
    move.add_argument("--from", dest="source", required=True, help="the SQLite file, e.g. groundwork.sqlite3")
    move.add_argument("--to", dest="target", help="postgresql://… (default: DATABASE_URL)")
    diagram = sub.add_parser("diagram", help="print a flow as a Mermaid flowchart")
    diagram.add_argument("flow", help="flow id, e.g. trigger")
    return parser.parse_args(argv)


def _parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


async def _chat(args: argparse.Namespace) -> int:
    from bot.adapters.console import ConsoleSession, run_console
    from bot.app import Settings, build_app
    from bot.clock import FakeClock
    from bot.events import UserKey

    clock = FakeClock(_parse_now(args.now))
    settings = Settings.from_env(db_path=args.db, default_tz=args.tz)
    app = await build_app(settings, clock=clock)
    try:
        session = ConsoleSession(engine=app.engine, clock=clock, user=UserKey("console", args.user),
                                 lang=args.lang, pump=app.due_pump(), circles=app.circles,
                                 rooms=app.rooms)
        await run_console(session, jsonl=args.jsonl)
    finally:
        await app.close()
    return 0


def _check() -> int:
    from bot.app import Settings, load_definitions
    from bot.flowdefs import FlowError

    try:
        defs = load_definitions(Settings.from_env())
    except FlowError as exc:
        print(exc, file=sys.stderr)
        return 1
    if defs.screen is not None:
        try:
            defs.screen.detector.compile_all()  # compiled after start-up in the bot: fail here, not there
        except re.error as exc:
            print(f"locales: safety_signals.yaml categories do not join: {exc}", file=sys.stderr)
            return 1
    steps = sum(len(f.steps) for f in defs.flows.values())
    print(f"ok: {len(defs.flows)} flows, {steps} steps, locales {', '.join(defs.i18n.locales)}")
    return 0


def _diagram(flow_id: str) -> int:
    from bot.app import Settings
    from bot.diagram import mermaid
    from bot.flowdefs import load_flows

    flows = load_flows(Settings.from_env().flows_dir)
    if flow_id not in flows:
        print(f"no flow {flow_id!r}; flows: {', '.join(sorted(flows))}", file=sys.stderr)
        return 1
    print(mermaid(flows[flow_id]), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    if args.cmd == "run":
        return _run_main()
    from bot.flowdefs import FlowError
    from bot.logsafe import redact_library_logs
    from storage import StoreUnavailable

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format=LOG_FORMAT)
    redact_library_logs()
    if args.cmd == "check":
        return _check()
    if args.cmd == "diagram":
        return _diagram(args.flow)
    if args.cmd == "new-key":
        from storage.sealing import new_key

        print(new_key())
        return 0
    if args.cmd == "migrate-db":
        return asyncio.run(_migrate_db(args.source, args.target))
    try:
        return asyncio.run(_chat(args))
    except (FlowError, StoreUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


def _run_main() -> int:
    """``python -m bot run``: import and load the bot with the collector off, then serve.

    Start-up allocates hundreds of thousands of objects that live as long as the process (modules,
    flows, parsed locales, compiled patterns, then the models); the collector's passes over them
    were ~50-70 ms of CPU before the first poll. ``settle_heap`` collects once, freezes what
    start-up built and turns the collector back on, once the models are in (``bot.runner``, a
    second or two after the first poll); the ``finally`` does when the process stops before that.
    """
    gc.disable()
    try:
        from bot.app import Settings
        from bot.flowdefs import FlowError
        from bot.logsafe import redact_library_logs
        from storage import StoreUnavailable

        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format=LOG_FORMAT)
        redact_library_logs()
        # An optional ./.env is read before any setting (GROUNDWORK_DB too); real variables win.
        load_dotenv(find_dotenv(usecwd=True), override=False)
        try:
            return asyncio.run(_run(Settings.from_env()))
        except KeyboardInterrupt:
            return 0
        except (StoreUnavailable, FlowError) as exc:
            # One clear line and a non-zero exit, so a supervisor sees the failure (no traceback, no hang).
            # FlowError: invalid definitions, or a model file found stale after start (``bot.warmup``).
            logging.getLogger("groundwork").error("%s", exc)
            return 1
    finally:
        gc.enable()


async def _migrate_db(source: str, target: str | None) -> int:
    """Copy, then print per-table counts read back from both databases; 1 if any differ."""
    import os

    from storage import is_postgres_url

    target = target or os.environ.get("DATABASE_URL", "").strip()
    if not is_postgres_url(target):
        print("migrate-db: give --to postgresql://… or set DATABASE_URL", file=sys.stderr)
        return 2
    from storage.postgres.copy_from_sqlite import copy_sqlite_to_postgres

    try:
        counts = await copy_sqlite_to_postgres(source, target)
    except FileNotFoundError:
        print(f"migrate-db: no SQLite file at {source}", file=sys.stderr)
        return 2
    print(f"{'table':<16}{'sqlite':>10}{'postgres':>10}")
    for c in counts:
        print(f"{c.table:<16}{c.source:>10}{c.target:>10}  {'ok' if c.ok else 'DIFFERENT'}")
    bad = [c.table for c in counts if not c.ok]
    print("migrate-db: every count matches" if not bad else f"migrate-db: counts differ in {', '.join(bad)}")
    return 1 if bad else 0


async def _run(settings: Settings) -> int:
    """Serve the platforms until SIGTERM (how Procfile hosts stop a worker) or Ctrl-C."""
    from bot.runner import run_platforms

    main_task = asyncio.current_task()
    assert main_task is not None
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, main_task.cancel)
    try:
        return await run_platforms(settings)
    except asyncio.CancelledError:
        logging.getLogger("groundwork").info("stopped by signal; pending work is in the database")
        return 0


if __name__ == "__main__":
    sys.exit(main())
