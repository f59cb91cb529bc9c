"""Why a paced step was slow: what the loop thread did while it waited (``bench/engine.py --why-slow``).

A wall-clock p99 on a shared machine mostly measures the other processes. This attributes each slow
step instead, with figures the neighbours change far less: over the step's interval (its due time to
its reply) the loop thread's callbacks by what they ran (the step itself, other typed messages, button
presses, the loop's commits, the harness), the collections inside (``gc.callbacks``: generation and CPU),
the checkpointer's ticks and rewinds (its own thread), and the loop thread's CPU (``time.thread_time``)
against the time it waited on the kernel's run queue (``/proc/thread-self/schedstat``, where there is
one): a step whose interval is mostly run-queue wait was the machine's, one whose interval is mostly our
CPU was our own work queued.

Each loop callback costs ~5 µs more while this runs (three clock reads and a pread); samples go to
``array`` columns, not Python containers, so the instrument itself adds no work for the collector.
"""

from __future__ import annotations

import asyncio
import bisect
import gc
import os
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import storage.sqlite.checkpoint as checkpoint
import storage.sqlite.group_commit as group_commit

# Callback kinds, in the table's column order.
KINDS = ("own", "typed", "press", "commit", "harness", "other")
OWN, TYPED, PRESS, COMMIT, HARNESS, OTHER = range(len(KINDS))
# "Other" callbacks with more CPU than this are named in the totals.
LONG_S = 0.001
# Idle paced walkers (between steps): their callbacks are the harness's.
IDLE = -1
CAUSES = ("run queue (machine)", "off-core, not run queue", "gc", "typed steps' CPU", "presses' CPU",
          "loop commits", "harness", "other CPU", "loop idle (waiting off the loop)",
          "checkpoint rewind (write lock held)")


def _schedstat() -> Callable[[], float]:
    """Seconds the calling thread has waited on the run queue so far (0.0 where the kernel does not say)."""
    try:
        fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
    except OSError:
        return lambda: 0.0

    def run_delay() -> float:
        return int(os.pread(fd, 64, 0).split()[1]) / 1e9

    return run_delay


@dataclass
class WhySlow:
    """Records the paced phase's loop callbacks, collections, commits and checkpoint ticks; reports slow steps."""

    over_s: float = 0.010
    on: bool = False
    measured_from: float = 0.0
    # One row per paced step: due time, reply time, typed or a press, its walker task's id.
    st_due: array[float] = field(default_factory=lambda: array("d"))
    st_done: array[float] = field(default_factory=lambda: array("d"))
    st_typed: array[int] = field(default_factory=lambda: array("b"))
    st_task: array[int] = field(default_factory=lambda: array("q"))
    # One row per loop callback: start/end wall, CPU, run-queue wait at its end, kind, task id.
    cb_start: array[float] = field(default_factory=lambda: array("d"))
    cb_end: array[float] = field(default_factory=lambda: array("d"))
    cb_cpu: array[float] = field(default_factory=lambda: array("d"))
    cb_delay: array[float] = field(default_factory=lambda: array("d"))
    cb_kind: array[int] = field(default_factory=lambda: array("b"))
    cb_task: array[int] = field(default_factory=lambda: array("q"))
    # Collections: generation, start/end wall, CPU, on the loop thread or not.
    gc_gen: array[int] = field(default_factory=lambda: array("b"))
    gc_start: array[float] = field(default_factory=lambda: array("d"))
    gc_end: array[float] = field(default_factory=lambda: array("d"))
    gc_cpu: array[float] = field(default_factory=lambda: array("d"))
    gc_loop: array[int] = field(default_factory=lambda: array("b"))
    # Loop-connection commits (group_commit._write_here): start/end wall, CPU, units, refused.
    cm_start: array[float] = field(default_factory=lambda: array("d"))
    cm_end: array[float] = field(default_factory=lambda: array("d"))
    cm_cpu: array[float] = field(default_factory=lambda: array("d"))
    cm_units: array[int] = field(default_factory=lambda: array("i"))
    cm_refused: array[int] = field(default_factory=lambda: array("b"))
    # Checkpointer ticks (its thread): start/end wall, rewound, write lock held (s).
    ck_start: array[float] = field(default_factory=lambda: array("d"))
    ck_end: array[float] = field(default_factory=lambda: array("d"))
    ck_rewound: array[int] = field(default_factory=lambda: array("b"))
    ck_held: array[float] = field(default_factory=lambda: array("d"))
    # Per call, CPU of the safety screen and of the topic model's reading.
    screen_cpu: array[float] = field(default_factory=lambda: array("d"))
    topic_cpu: array[float] = field(default_factory=lambda: array("d"))
    # Worker-thread batches (group_commit._write_batch): start/end wall.
    wb_start: array[float] = field(default_factory=lambda: array("d"))
    wb_end: array[float] = field(default_factory=lambda: array("d"))

    def __post_init__(self) -> None:
        self._current: dict[int, int] = {}  # task id -> TYPED / PRESS while in a step, IDLE between
        self._loop_thread = threading.get_ident()
        self._gc_started = (0.0, 0.0)
        self.touched = IDLE  # the kind of step that began or ended in the running callback
        self.holds: list[str] = []  # each rewind's hold, statement by statement (the checkpointer's thread)
        self.long_other: dict[str, tuple[int, float]] = {}  # "other" callbacks over LONG_S of CPU: count, longest

    # ---- installing -------------------------------------------------------------------------------

    def install(self, bench: Any) -> None:
        """Patch the event loop's callback runner, the bench's step and the storage hooks (this process only)."""
        run_delay = _schedstat()
        run, me, current = asyncio.events.Handle._run, self, self._current
        perf, cpu_now = time.perf_counter, time.thread_time

        def timed_run(handle: asyncio.events.Handle) -> None:
            if not me.on:
                return run(handle)
            me.touched = IDLE
            started, cpu = perf(), cpu_now()
            try:
                return run(handle)
            finally:
                ended, cpu_end = perf(), cpu_now()
                kind, task = me._kind(handle, current, me.touched)
                me.cb_start.append(started)
                me.cb_end.append(ended)
                me.cb_cpu.append(cpu_end - cpu)
                me.cb_delay.append(run_delay())
                me.cb_kind.append(kind)
                me.cb_task.append(task)
                if cpu_end - cpu > LONG_S and kind == OTHER:  # rare: name what it ran
                    name = _callback_name(handle)
                    count, longest = me.long_other.get(name, (0, 0.0))
                    me.long_other[name] = (count + 1, max(longest, cpu_end - cpu))

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]
        gc.callbacks.append(self._on_gc)

        step = bench.step

        async def timed_step(app: Any, user: Any, line: str, offered: Any, arrived: float | None = None) -> Any:
            task = id(asyncio.current_task())
            # A step's first callback (it starts inside the walker's wake-up) is the step's, not the harness's.
            current[task] = me.touched = PRESS if line.startswith("#") else TYPED
            try:
                return await step(app, user, line, offered, arrived)
            finally:
                # ... and so is its last (the reply), though the walker is idle when that callback ends.
                me.touched = current[task]
                current[task] = IDLE
                if me.on and arrived is not None:
                    me.st_due.append(arrived)
                    me.st_done.append(time.perf_counter())
                    me.st_typed.append(not line.startswith("#"))
                    me.st_task.append(task)

        bench.step = timed_step
        write_here, write_batch, tick = group_commit._write_here, group_commit._write_batch, checkpoint._tick

        def timed_write_here(db: Any, write: Any, units: Any) -> object:
            started, cpu = perf(), cpu_now()
            outcome = write_here(db, write, units)
            if me.on:
                me.cm_start.append(started)
                me.cm_end.append(perf())
                me.cm_cpu.append(cpu_now() - cpu)
                me.cm_units.append(len(units))
                me.cm_refused.append(outcome is group_commit._REFUSED)
            return outcome

        def timed_write_batch(db: Any, write: Any, units: Any) -> Any:
            started = perf()
            try:
                return write_batch(db, write, units)
            finally:
                if me.on:
                    me.wb_start.append(started)
                    me.wb_end.append(perf())

        def timed_tick(db: Any, rewind_frames: int, holding: threading.Event) -> Any:
            started = perf()
            timed = _TimedStatements(db)
            outcome = tick(timed, rewind_frames, holding)
            if me.on:
                me.ck_start.append(started)
                me.ck_end.append(perf())
                me.ck_rewound.append(bool(outcome.rewound))
                me.ck_held.append(outcome.held_s)
                if outcome.rewound:  # a refused RESTART is no rewind's hold (Tick.refused)
                    me.holds.append(timed.split(outcome.held_s))
            return outcome

        group_commit._write_here = timed_write_here  # type: ignore[assignment]
        group_commit._write_batch = timed_write_batch  # type: ignore[assignment]
        checkpoint._tick = timed_tick  # type: ignore[assignment]

    def paced_start(self, app: Any) -> None:
        """Called just before the paced phase's first due time."""
        self._time_calls(app.engine.safety, "screen", self.screen_cpu)
        self._time_calls(app.engine.topics, "_read", self.topic_cpu)
        self.on = True

    def paced_end(self, measured_from: float) -> None:
        """The paced phase is over; steps due before ``measured_from`` (the warm-up) are not reported."""
        self.on = False
        self.measured_from = measured_from

    def _by_due(self) -> None:
        """Steps were recorded as they finished; by due time from here on (the report bisects them)."""
        order = sorted(range(len(self.st_due)), key=self.st_due.__getitem__)
        for name in ("st_due", "st_done", "st_typed", "st_task"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, (column[i] for i in order)))

    def _time_calls(self, owner: Any, name: str, into: array[float]) -> None:
        method = getattr(owner, name)
        cpu_now, me = time.thread_time, self

        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu = cpu_now()
            try:
                return method(*args, **kwargs)
            finally:
                if me.on:
                    into.append(cpu_now() - cpu)

        setattr(owner, name, timed)

    def _kind(self, handle: asyncio.events.Handle, current: dict[int, int], touched: int) -> tuple[int, int]:
        """What a callback ran: a step (``touched``: a step began or ended in it), a commit, the harness, other."""
        callback = handle._callback  # type: ignore[attr-defined]
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, asyncio.Task):
            kind = current.get(id(owner))
            if kind is not None:
                kind = touched if kind == IDLE else kind
                return (HARNESS if kind == IDLE else kind), id(owner)
            name = getattr(owner.get_coro(), "__qualname__", "")
            if name.startswith("GroupCommit."):
                return COMMIT, 0
            if name in ("watch_wal", "Arrivals.run") or name.startswith(("paced_walk", "run.<locals>")):
                return HARNESS, 0
            return OTHER, 0
        if isinstance(owner, group_commit.GroupCommit):
            return COMMIT, 0
        if getattr(callback, "__qualname__", "").startswith("Arrivals.run"):
            return HARNESS, 0  # the pacer releasing due times
        return OTHER, 0

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if not self.on:
            return
        if phase == "start":
            self._gc_started = (time.perf_counter(), time.thread_time())
            return
        self.gc_gen.append(info["generation"])
        self.gc_start.append(self._gc_started[0])
        self.gc_end.append(time.perf_counter())
        self.gc_cpu.append(time.thread_time() - self._gc_started[1])
        self.gc_loop.append(threading.get_ident() == self._loop_thread)

    # ---- reporting --------------------------------------------------------------------------------

    def report(self, show: int = 12) -> str:
        """The slow steps' episodes (overlapping intervals merged) with what filled them, and the phase's totals."""
        self._by_due()
        measured = [i for i in range(len(self.st_due)) if self.st_due[i] >= self.measured_from]
        slow = sorted((i for i in measured if self.st_done[i] - self.st_due[i] > self.over_s),
                      key=lambda i: self.st_due[i])
        episodes: list[list[int]] = []
        for i in slow:
            if episodes and self.st_due[i] <= max(self.st_done[e] for e in episodes[-1]):
                episodes[-1].append(i)
            else:
                episodes.append([i])
        lines = [f"why slow: {len(slow)} of {len(measured)} measured steps over {self.over_s * 1000:.0f} ms, "
                 f"in {len(episodes)} episodes (overlapping intervals merged); per episode, from the first due "
                 f"time to the last reply, ms:"]
        header = (f"{'at s':>6} {'steps':>5} {'typed':>5} {'worst':>6} {'span':>6} | "
                  f"{'runq':>5} {'offcpu':>6} {'idle':>5} | "
                  f"{'own':>5} {'typed':>5} {'press':>5} {'commit':>6} {'harn':>5} {'other':>5} | "
                  f"{'gc':>9} {'ckpt':>9} | cause")
        lines.append(header)
        by_cause: dict[str, int] = {}
        rows = []
        for episode in episodes:
            row = self._episode(episode)
            by_cause[row["cause"]] = by_cause.get(row["cause"], 0) + len(episode)
            rows.append(row)
        for row in sorted(rows, key=lambda r: -r["worst"])[:show]:
            lines.append(
                f"{row['at']:6.2f} {row['steps']:5d} {row['typed_due']:5d} {row['worst']:6.1f} {row['span']:6.1f} | "
                f"{row['runq']:5.1f} "
                f"{row['offcpu']:6.1f} {row['idle']:5.1f} | "
                + " ".join(f"{row['cpu'][k]:{6 if k == COMMIT else 5}.1f}" for k in range(len(KINDS)))
                + f" | {row['gc']:>9} {row['ckpt']:>9} | {row['cause']}")
        lines.append("slow steps by their episode's cause: "
                     + (", ".join(f"{c} {n}" for c, n in sorted(by_cause.items(), key=lambda kv: -kv[1])) or "none"))
        lines.extend(self._totals())
        return "\n".join(lines)

    def _episode(self, episode: list[int]) -> dict[str, Any]:
        start, end = min(self.st_due[i] for i in episode), max(self.st_done[i] for i in episode)
        span = end - start
        cpu = [0.0] * len(KINDS)
        wall = 0.0
        tasks = {self.st_task[i] for i in episode}
        # Callbacks run one after another on the loop thread, so their end times are sorted.
        first = bisect.bisect_right(self.cb_end, start)
        first_delay = self.cb_delay[first - 1] if first else None
        last_delay = None
        for i in range(first, len(self.cb_start)):
            a, b = self.cb_start[i], self.cb_end[i]
            if a >= end:
                last_delay = self.cb_delay[i]
                break
            share = (min(b, end) - max(a, start)) / (b - a) if b > a else 1.0
            wall += min(b, end) - max(a, start)
            cpu[self.cb_kind[i]] += self.cb_cpu[i] * share
            if self.cb_task[i] in tasks:
                cpu[OWN] += self.cb_cpu[i] * share  # also in its kind: the slow steps' own work
            last_delay = self.cb_delay[i]
        runq = (last_delay - first_delay) if first_delay is not None and last_delay is not None else 0.0
        gcs = [(self.gc_gen[i], self.gc_cpu[i]) for i in range(len(self.gc_gen))
               if self.gc_loop[i] and self.gc_end[i] > start and self.gc_start[i] < end]
        gc_cpu = sum(c for _, c in gcs)
        ticks = [i for i in range(len(self.ck_start)) if self.ck_end[i] > start and self.ck_start[i] < end]
        held = max((self.ck_held[i] for i in ticks if self.ck_held[i]), default=0.0)
        own_cpu = sum(cpu) - cpu[OWN]
        offcpu = max(0.0, wall - own_cpu - runq)
        idle = max(0.0, span - wall)
        candidates = {
            CAUSES[0]: runq, CAUSES[1]: offcpu, CAUSES[2]: gc_cpu,
            CAUSES[3]: cpu[TYPED],
            CAUSES[4]: cpu[PRESS], CAUSES[5]: cpu[COMMIT], CAUSES[6]: cpu[HARNESS], CAUSES[7]: cpu[OTHER],
            CAUSES[8]: max(0.0, idle - runq),
            # The write lock held by a rewind, while the loop's commits were refused and tried again.
            CAUSES[9]: self._refused_under_hold(start, end),
        }
        # gc runs inside callbacks: its CPU is also in their kinds; the cause is whichever is largest.
        cause = max(candidates, key=lambda c: candidates[c])
        gc_text = "-" if not gcs else f"{'/'.join(str(g) for g, _ in gcs)}:{gc_cpu * 1000:.1f}"
        ck_text = "-" if not ticks else (f"rw {held * 1000:.1f}" if held else f"{len(ticks)} tick")
        due_typed = sum(1 for i in range(bisect.bisect_left(self.st_due, start), len(self.st_due))
                        if self.st_due[i] < end and self.st_typed[i])
        return {"at": start - self.measured_from, "steps": len(episode), "typed_due": due_typed,
                "worst": max(self.st_done[i] - self.st_due[i] for i in episode) * 1000, "span": span * 1000,
                "runq": runq * 1000, "offcpu": offcpu * 1000, "idle": idle * 1000,
                "cpu": [c * 1000 for c in cpu], "gc": gc_text, "ckpt": ck_text, "cause": cause}

    def _refused_under_hold(self, start: float, end: float) -> float:
        """Seconds of ``[start, end]`` the loop's commits waited for a rewind: from a refused commit under a
        rewind's hold to the next one done (the hold as the checkpointer measures it also counts its
        thread's waits for the GIL between statements, when the lock may be free)."""
        waited, j, n = 0.0, 0, len(self.cm_start)
        while j < n:
            if not self.cm_refused[j] or not start <= self.cm_start[j] <= end or not self._in_hold(self.cm_start[j]):
                j += 1
                continue
            first = self.cm_start[j]
            while j < n and self.cm_refused[j]:
                j += 1
            waited += min(end, self.cm_end[j] if j < n else end) - first
        return waited

    def _in_hold(self, at: float) -> bool:
        return any(self.ck_held[i] and self.ck_end[i] - self.ck_held[i] <= at <= self.ck_end[i]
                   for i in range(len(self.ck_start)))

    def _totals(self) -> list[str]:
        lines = []
        for generation in (0, 1, 2):
            pauses = [self.gc_cpu[i] * 1000 for i in range(len(self.gc_gen)) if self.gc_gen[i] == generation]
            lines.append(f"  gen{generation} collections in the paced phase {len(pauses)}, cpu sum {sum(pauses):.1f} "
                         f"max {max(pauses, default=0):.2f} ms")
        longest = sorted(range(len(self.cb_cpu)), key=lambda i: -self.cb_cpu[i])[:1]
        names = {k: [self.cb_cpu[i] * 1000 for i in range(len(self.cb_cpu)) if self.cb_kind[i] == k]
                 for k in range(len(KINDS))}
        cb = ", ".join(f"{KINDS[k] if k != OWN else 'step'} n={len(v)} max {max(v, default=0):.2f}"
                       for k, v in names.items() if v)
        lines.append(f"  loop callbacks (cpu ms): {cb}; longest {self.cb_cpu[longest[0]] * 1000 if longest else 0:.2f}")
        if self.long_other:
            lines.append("  other callbacks over 1 ms of cpu: " + "; ".join(
                f"{name} n={count} max {longest * 1000:.2f}"
                for name, (count, longest) in sorted(self.long_other.items(), key=lambda kv: -kv[1][0])[:4]))
        typed = sum(self.st_typed)
        if typed and len(self.st_typed) > typed:
            per = [sum(v) / n for v, n in ((names[TYPED], typed), (names[PRESS], len(self.st_typed) - typed))]
            lines.append(f"  loop cpu per step: typed {per[0]:.3f} ms, press {per[1]:.3f} ms (commits apart)")
        for name, values in (("screen", self.screen_cpu), ("topic model", self.topic_cpu)):
            ordered = sorted(v * 1000 for v in values)
            if ordered:
                lines.append(f"  {name} per call (cpu ms): n={len(ordered)} p50 {ordered[len(ordered) // 2]:.2f} "
                             f"p99 {ordered[int(0.99 * len(ordered))]:.2f} max {ordered[-1]:.2f}")
        here = sorted(self.cm_end[i] - self.cm_start[i] for i in range(len(self.cm_start)))
        if here:
            lines.append(f"  loop commits {len(here)} (refused {sum(self.cm_refused)}), units "
                         f"{sum(self.cm_units)}, wall p99 {here[int(0.99 * len(here))] * 1000:.2f} max "
                         f"{here[-1] * 1000:.2f} ms, cpu max {max(self.cm_cpu) * 1000:.2f} ms; worker batches "
                         f"{len(self.wb_start)}")
        holds = [self.ck_held[i] * 1000 for i in range(len(self.ck_held)) if self.ck_rewound[i]]
        ticks = [self.ck_end[i] - self.ck_start[i] for i in range(len(self.ck_start))]
        lines.append(f"  checkpoint ticks {len(ticks)}, rewinds {len(holds)}, longest hold "
                     f"{max(holds, default=0):.1f} ms, longest tick {max(ticks, default=0) * 1000:.1f} ms; "
                     f"loop commits waited for a rewind {self._refused_under_hold(0.0, float('inf')) * 1000:.1f} ms")
        if self.holds:
            lines.append("  rewind holds, ms (statement: wall; gaps: the thread between them, waiting for the GIL "
                         "or a core): " + " | ".join(sorted(self.holds, key=lambda h: -float(h.split()[0]))[:3]))
        total_runq = (self.cb_delay[-1] - self.cb_delay[0]) * 1000 if self.cb_delay else 0.0
        span = (self.cb_end[-1] - self.cb_start[0]) if self.cb_start else 0.0
        lines.append(f"  loop thread over the phase: cpu {sum(self.cb_cpu):.2f} s in callbacks of {span:.2f} s, "
                     f"run-queue wait {total_runq:.1f} ms; load {os.getloadavg()[0]:.2f}")
        return lines


def _callback_name(handle: asyncio.events.Handle) -> str:
    callback = handle._callback  # type: ignore[attr-defined]
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        return f"task {getattr(owner.get_coro(), '__qualname__', '?')}"
    if isinstance(owner, asyncio.Future):
        return f"future {getattr(callback, '__qualname__', '?')}"
    return getattr(callback, "__qualname__", repr(callback))[:60]


class _TimedStatements:
    """The checkpointer's connection, each ``execute`` timed: what a rewind's hold is made of."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self.spans: list[tuple[str, float, float]] = []

    @property
    def in_transaction(self) -> bool:
        return bool(self._db.in_transaction)

    def execute(self, sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._db.execute(sql, *args)
        finally:
            words = sql.split()
            # "PRAGMA wal_checkpoint(RESTART)" by its mode, anything else by its verb.
            name = words[1].partition("(")[2].rstrip(")") if words[0] == "PRAGMA" and "(" in words[1] else words[0]
            self.spans.append((name, started, time.perf_counter()))

    def split(self, held_s: float) -> str:
        """The hold (its last ``held_s``): each statement's wall time, and the gaps between statements."""
        end = self.spans[-1][2] if self.spans else 0.0
        inside = [(name, a, b) for name, a, b in self.spans if a >= end - held_s]
        gaps = sum(max(0.0, inside[k + 1][1] - inside[k][2]) for k in range(len(inside) - 1))
        parts = " ".join(f"{name} {(b - a) * 1000:.1f}" for name, a, b in inside)
        return f"{held_s * 1000:.1f} = {parts} gaps {gaps * 1000:.1f}"
