"""Worker processes that stage briefings, handed one task at a time so that a stop is quick.

Not ``concurrent.futures``: on Ctrl-C or SIGTERM the batch must stop handing out work, drop
what is queued and end the workers within about a second (docs/ci.md, "Interrupts"). Workers
only write temp files; the parent renames them and keeps the manifest, so ending a worker at
any moment leaves no mixed output (its temp files are removed by pid, see ``output``).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, cast

from reportgen.build.output import discard
from reportgen.build.pipeline import Staged, stage

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from reportgen.build.plan import BuildOptions

Task = tuple[str, tuple[str, ...]]  # a briefing and the formats to stage


def run_in_workers(
    tasks: list[Task], workers: int, options: BuildOptions, done: Callable[[Staged], None]
) -> None:
    """Stage every task in ``workers`` forked processes, calling ``done`` in this process.

    An exception here (KeyboardInterrupt, or the batch's SIGTERM exception) ends the workers
    at once and propagates; queued tasks are never started.
    """
    # fork: workers start with the parent's modules instead of importing them again, so the
    # model layer (pydantic builds its validators at import) is loaded once, here.
    import reportgen.changes  # noqa: F401
    import reportgen.charts.specs  # noqa: F401
    import reportgen.source.loader  # noqa: F401

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    queue = deque(tasks)
    pool: dict[Connection, tuple[BaseProcess, Task | None]] = {}
    try:
        for _ in range(min(workers, len(tasks))):
            _start(context, options, pool)
        while queue or any(task is not None for _, task in pool.values()):
            for conn, (proc, task) in list(pool.items()):
                if task is None and queue:
                    pool[conn] = (proc, queue.popleft())
                    conn.send(pool[conn][1])
            busy = [c for c, (_, task) in pool.items() if task is not None]
            for ready in wait(busy):
                _collect(cast("Connection", ready), pool, context, options, done)
    finally:
        _stop(pool)


def _start(
    context: multiprocessing.context.BaseContext,
    options: BuildOptions,
    pool: dict[Connection, tuple[BaseProcess, Task | None]],
) -> None:
    parent, child = context.Pipe()
    proc = context.Process(target=_serve, args=(child, options), daemon=True)  # type: ignore[attr-defined]
    proc.start()
    child.close()
    pool[parent] = (proc, None)


def _collect(
    conn: Connection,
    pool: dict[Connection, tuple[BaseProcess, Task | None]],
    context: multiprocessing.context.BaseContext,
    options: BuildOptions,
    done: Callable[[Staged], None],
) -> None:
    proc, task = pool[conn]
    assert task is not None
    try:
        staged: Staged = conn.recv()
    except (EOFError, OSError):  # the worker died (out of memory, killed): that task fails
        proc.join(1)
        del pool[conn]
        conn.close()
        why = f"the worker process ended with exit code {proc.exitcode}"
        staged = Staged(task[0], {}, {}, 0.0, error=f"{task[0]}: building failed: {why}")
        _start(context, options, pool)
    else:
        pool[conn] = (proc, None)
    done(staged)


def _serve(conn: Connection, options: BuildOptions) -> None:
    # The parent decides when to stop: a Ctrl-C in the terminal reaches the whole process group.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    while True:
        try:
            task: Task | None = conn.recv()
        except EOFError:  # the parent is gone (killed): nothing more to do
            return
        if task is None:
            return
        staged = stage(task[0], task[1], options)
        try:
            conn.send(staged)
        except OSError:  # nobody will rename these temp files
            discard(staged.temps.values())
            return


def _stop(pool: dict[Connection, tuple[BaseProcess, Task | None]]) -> None:
    """Idle workers are told to finish; busy ones (only after a stop) are ended at once."""
    for conn, (proc, task) in pool.items():
        if task is None:
            try:
                conn.send(None)
            except OSError:
                proc.kill()
        else:
            proc.kill()
    for conn, (proc, _) in pool.items():
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(1)
        conn.close()
