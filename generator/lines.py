"""Line and column numbers of offsets in a text, for places in sources and hints."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Lines:
    """Raw offset → 1-based line and column."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> Lines:
        return cls(starts=(0, *(m.end() for m in re.finditer("\n", raw))))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1
