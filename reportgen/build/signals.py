"""SIGTERM stops a run the way Ctrl-C does: the batch records what finished (docs/ci.md)."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import TYPE_CHECKING

from reportgen.errors import Interrupted

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM (a CI job cancelled) raises Interrupted in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
