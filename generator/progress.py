"""Progress of a long command: which phase, how far into it, how long so far.

On a terminal, once a run has taken more than ``DELAY`` seconds, one status line on stderr is
redrawn in place (at most every ``TICK`` seconds, however often the count moves): the phase,
its count when it has one, and its time ("checking 10,000 claims and 1,000 seeds 4,200/11,000
· 12 s"); each finished phase stays as a line of its own. Anywhere else (a CI log, a pipe)
nothing is redrawn: a finished phase that took more than ``DELAY`` seconds gets one plain
line. ``--quiet`` silences both. The problem lines and the summary, on stdout, are never
touched."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TextIO

DELAY = 1.5  # seconds: quicker runs show no progress at all
TICK = 0.25  # seconds between redraws of the status line


class Progress:
    def __init__(
        self,
        stream: TextIO | None,
        *,
        live: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream  # None: --quiet
        self._live = live and stream is not None
        self._clock = clock
        self._start = self._phase_start = clock()
        self._phase = ""
        self._total = 0  # steps in the phase; 0: not counted
        self._done = 0
        self._lock = threading.Lock()
        self._drawn = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def phase(self, text: str, total: int = 0) -> None:
        """Start a phase, e.g. "checking 1,000 claims and 100 seeds", of ``total`` steps
        (counted with ``step``; 0 for a phase not counted); ends the previous one."""
        with self._lock:
            self._end_phase()
            self._phase, self._phase_start = text, self._clock()
            self._total, self._done = total, 0
        if self._live and self._thread is None:
            self._thread = threading.Thread(target=self._redraw_until_done, daemon=True)
            self._thread.start()

    def step(self) -> None:
        """One step of the phase done. Cheap: the count is only read when the line is drawn."""
        self._done += 1

    def done(self) -> None:
        with self._lock:
            self._end_phase()
            self._phase = ""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _end_phase(self) -> None:
        if not self._phase or self._stream is None:
            return
        took = self._clock() - self._phase_start
        if self._drawn or (not self._live and took >= DELAY):
            self._write(f"{self._phase}: done in {took:.1f} s\n")

    def _redraw_until_done(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                now = self._clock()
                if self._phase and now - self._start >= DELAY:
                    self._write(self.status(now))
                    self._drawn = True

    def status(self, now: float) -> str:
        """The status line at ``now``: the count and whole seconds for a counted phase."""
        took = now - self._phase_start
        if not self._total:
            return f"{self._phase}… {took:.1f} s"
        done = min(self._done, self._total)
        return f"{self._phase} {done:,}/{self._total:,} · {took:.0f} s"

    def _write(self, text: str) -> None:
        assert self._stream is not None
        if self._live:
            text = "\r\x1b[K" + text  # back to the start of the line, and clear it
        self._stream.write(text)
        self._stream.flush()


def count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
