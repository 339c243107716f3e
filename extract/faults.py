"""Fault injection for the crash tests: `GAZETTE_FAULT_AT=<point>` kills the process (SIGKILL) at that point.

Points are named where the build calls `fault()`: `in_write:<source>` (inside a source's transaction,
before it commits), `after_source:<n>` (after the n-th input was written), `before_link`,
`after_interpretations`, `after_citations`, `after_units`, `after_reviews`. Unset (always, outside
tests) it costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal


def fault(point: str) -> None:
    """Die at once, as `kill -9` would, when GAZETTE_FAULT_AT names this point."""
    if os.environ.get("GAZETTE_FAULT_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
