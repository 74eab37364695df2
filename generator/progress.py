"""Progress of a long command: which phase, how many items, how long so far.

On a terminal, once a run has taken more than ``DELAY`` seconds, one status line on stderr is
redrawn in place, and each finished phase stays as a line of its own. Anywhere else (a CI
log, a pipe) nothing is redrawn: a finished phase that took more than ``DELAY`` seconds gets
one plain line. ``--quiet`` silences both. The problem lines and the summary, on stdout, are
never touched."""

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
        self._lock = threading.Lock()
        self._drawn = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def phase(self, text: str) -> None:
        """Start a phase, e.g. "checking 1,000 claims and 100 seeds"; ends the previous one."""
        with self._lock:
            self._end_phase()
            self._phase, self._phase_start = text, self._clock()
        if self._live and self._thread is None:
            self._thread = threading.Thread(target=self._redraw_until_done, daemon=True)
            self._thread.start()

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
                    self._write(f"{self._phase}… {now - self._phase_start:.1f} s")
                    self._drawn = True

    def _write(self, text: str) -> None:
        assert self._stream is not None
        if self._live:
            text = "\r\x1b[K" + text  # back to the start of the line, and clear it
        self._stream.write(text)
        self._stream.flush()


def count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
