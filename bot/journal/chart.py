"""The journal picture: one matplotlib ``Figure`` per chart, drawn on an Agg canvas to PNG bytes.

Charts are drawn in a worker process started on the first chart and stopped after ten idle
minutes, so the bot process never imports matplotlib (about 40 MB of RSS), carries the worker's
memory only while charts are being asked for, and its event loop never waits on the drawing.
Only the object API is used: pyplot keeps global figure state, which would leak memory across
charts.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.journal.summary import ROUTES, Summary

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe–Ito colours (distinguishable with every common colour-vision deficiency); every series
# also differs by marker or hatch, so the picture still reads in greyscale.
ROUTE_STYLE: dict[str | None, tuple[str, str]] = {
    "internal": ("#0072B2", "o"),       # blue, circle
    "relationship": ("#D55E00", "^"),   # vermillion, triangle
    None: ("#7F7F7F", "s"),             # grey, square
}
AFTER_STYLE = ("#000000", "D")          # hollow black diamond
TOPIC_COLOUR = "#56B4E9"                # sky blue
SETTLE_STYLE = (("#009E73", "//"), ("#BBBBBB", ".."), ("#E69F00", "xx"), ("#FFFFFF", ""))
DPI = 100
# A chart takes well under a second; a worker that has not answered in this long is stuck, and
# the user (whose turn waits on it) gets the ordinary error reply instead of waiting on.
RENDER_TIMEOUT_S = 60
# Charts come in bursts (a weekly summary, someone looking at week then month); a worker idle for
# this long is stopped so the bot does not carry matplotlib's memory between them.
IDLE_S = 600


@dataclass(frozen=True, slots=True)
class ChartWords:
    """Every word in the picture, already in the user's language; none of them the user's own."""

    title: str
    intensity_title: str
    intensity_axis: str
    routes: dict[str | None, str]
    after: str
    day_ticks: tuple[float, ...]
    day_labels: tuple[str, ...]
    topics_title: str
    topic_labels: tuple[str, ...]  # in the order of ``Summary.topics``
    settle_title: str
    settle_labels: tuple[str, str, str, str]  # eased, same, stronger, no follow-up


def build_figure(summary: Summary, words: ChartWords) -> Figure:
    """Three panels: intensity over the days by route, topics, and what the follow-up found."""
    from matplotlib.figure import Figure

    # Fixed margins rather than constrained layout, which measured every text twice and took
    # about half the render time; the left margin fits the longest topic label in either language.
    fig = Figure(figsize=(8, 9.5), dpi=DPI)
    fig.suptitle(words.title, fontsize=14, y=0.985)
    days_ax, topics_ax, settle_ax = fig.subplots(
        3, 1, height_ratios=(3, 2, 1.6),
        gridspec_kw={"left": 0.3, "right": 0.97, "top": 0.92, "bottom": 0.04, "hspace": 0.42})

    days_ax.set_title(words.intensity_title, loc="left", fontsize=11)
    for route in ROUTES:
        pts = [p for p in summary.points if p.route == route]
        if not pts:
            continue
        colour, marker = ROUTE_STYLE[route]
        days_ax.plot([p.x for p in pts], [p.before for p in pts], linestyle="none", marker=marker,
                     markersize=8, color=colour, label=words.routes[route], gid=f"before-{route or 'none'}")
    followed = [p for p in summary.points if p.after is not None]
    if followed:
        days_ax.vlines([p.x for p in followed], [p.before for p in followed], [p.after for p in followed],
                       colors="#555555", linestyles="dotted", linewidth=1)
        colour, marker = AFTER_STYLE
        days_ax.plot([p.x for p in followed], [p.after for p in followed], linestyle="none", marker=marker,
                     markersize=6, markerfacecolor="none", color=colour, label=words.after, gid="after")
    days_ax.set_xlim(0, summary.period.days)
    days_ax.set_ylim(0.5, 5.5)
    days_ax.set_yticks([1, 2, 3, 4, 5])
    days_ax.set_ylabel(words.intensity_axis)
    days_ax.set_xticks(list(words.day_ticks), labels=list(words.day_labels))
    days_ax.grid(axis="y", color="#E5E5E5")
    days_ax.legend(loc="upper right", bbox_to_anchor=(-0.1, 1.0), frameon=False, fontsize=9, borderaxespad=0)

    topics_ax.set_title(words.topics_title, loc="left", fontsize=11)
    counts = [n for _topic, n in summary.topics]
    bars = topics_ax.barh(list(words.topic_labels), counts, color=TOPIC_COLOUR, edgecolor="#333333")
    topics_ax.invert_yaxis()  # most frequent on top
    topics_ax.bar_label(bars, padding=3)
    topics_ax.set_xticks([])
    topics_ax.spines[["top", "right", "bottom"]].set_visible(False)

    settle_ax.set_title(words.settle_title, loc="left", fontsize=11)
    values = [summary.eased, summary.same, summary.stronger, summary.unfollowed]
    bars = settle_ax.bar(list(words.settle_labels), values, color=[c for c, _h in SETTLE_STYLE],
                         hatch=None, edgecolor="#333333")
    for bar, (_colour, hatch) in zip(bars, SETTLE_STYLE, strict=True):
        bar.set_hatch(hatch)
    settle_ax.bar_label(bars, padding=2)
    settle_ax.set_yticks([])
    settle_ax.set_ylim(0, max([*values, 1]) * 1.25)
    settle_ax.spines[["top", "right", "left"]].set_visible(False)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Draw on an Agg canvas into memory (never a shared file)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _draw(summary: Summary, words: ChartWords) -> bytes:
    return png_bytes(build_figure(summary, words))


class ChartWorker:
    """``ProcessPoolExecutor`` of one process, started by the first chart and stopped when idle."""

    def __init__(self, idle_s: float = IDLE_S) -> None:
        self.idle_s = idle_s
        self._pool: ProcessPoolExecutor | None = None
        self._pending = 0
        self._idle: asyncio.TimerHandle | None = None

    @property
    def running(self) -> bool:
        return self._pool is not None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # A process, not a thread: drawing holds the GIL for long stretches (text layout,
            # Agg), and on a thread it stalled the event loop for 250 ms with 20 charts queued
            # (bench/chart.py). One worker keeps a core free for the bot; "spawn" is safe in a
            # process that runs threads.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    async def draw(self, summary: Summary, words: ChartWords) -> bytes:
        """Render in the worker; a burst queues there. A worker that died is replaced once."""
        loop = asyncio.get_running_loop()
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        self._pending += 1
        try:
            try:
                return await asyncio.wait_for(loop.run_in_executor(self._executor(), _draw, summary, words),
                                              RENDER_TIMEOUT_S)
            except BrokenProcessPool:
                self._pool = None
                return await asyncio.wait_for(loop.run_in_executor(self._executor(), _draw, summary, words),
                                              RENDER_TIMEOUT_S)
        finally:
            self._pending -= 1
            if self._pending == 0:
                self._idle = loop.call_later(self.idle_s, self.stop)

    def stop(self) -> None:
        """Let the worker process exit (it holds matplotlib, 100–140 MB); the next chart starts one."""
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        if self._pool is not None and self._pending == 0:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


_WORKER = ChartWorker()


async def render_png(summary: Summary, words: ChartWords) -> bytes:
    """``ChartWorker.draw`` on the process-wide ``_WORKER``."""
    return await _WORKER.draw(summary, words)
