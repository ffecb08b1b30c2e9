"""A pool of worker processes that start together: what bench_delivery.py and bench_webhooks.py share.

Each worker is a module-level function (spawned processes import it afresh) called as
`work(*args, gate)`. It connects and warms whatever it needs, calls `gate.start()` to say it is
ready and wait for the common start, does its work, and calls `gate.finish(outcome)` as soon as
the work is done (the clock stops there, before any tidying up). `run_workers` times the pool
from the common start to the last worker's finish, and reports what each one returned;
`rows_by_status` then counts what they left in the database.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from _support import OtherLoad


class Gate:
    """A worker's side of the pool: the common start, and where it reports its outcome."""

    def __init__(self, ready, go, results) -> None:
        self._ready, self._go, self._results = ready, go, results
        self.finished = False

    def start(self) -> None:
        """Ready: wait until every worker is, and the clock starts."""
        self._ready.release()
        self._go.wait()

    def finish(self, outcome: Any) -> None:
        self._results.put((outcome, time.monotonic(), None))
        self.finished = True


def _child(work: Callable[..., None], args: tuple, ready, go, results) -> None:
    gate = Gate(ready, go, results)
    try:
        work(*args, gate)
    except BaseException as error:  # reported to the parent, which raises it
        if not gate.finished:
            results.put((None, time.monotonic(), f"{type(error).__name__}: {error}"))
            return
        raise


@dataclass
class PoolRun:
    seconds: float        # from the common start to the last worker's finish
    outcomes: list[Any]   # what each worker passed to gate.finish(), in the order they finished
    others: float         # CPUs other processes used meanwhile (see _support.OtherLoad)


def run_workers(work: Callable[..., None], args: tuple, *, workers: int, name: str, timeout: float) -> PoolRun:
    """Start `workers` processes of `work(*args, gate)`, release them together, wait for each to finish.

    `name` says what they are in errors ("a delivery worker did not start"); `timeout` is how long
    the parent waits for each worker's outcome.
    """
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Semaphore(0), context.Event(), context.Queue()
    processes = []
    try:
        for _ in range(workers):
            process = context.Process(target=_child, args=(work, args, ready, go, results))
            process.start()
            processes.append(process)
        for _ in range(workers):
            if not ready.acquire(timeout=60):
                raise RuntimeError(f"a {name} worker did not start")
        others = OtherLoad()
        started = time.monotonic()
        go.set()
        reports = [results.get(timeout=timeout) for _ in range(workers)]
        others = others.cpus()
        for process in processes:
            process.join(30)
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join(5)
    errors = [error for *_, error in reports if error]
    if errors:
        raise RuntimeError(f"{name} worker failed: " + "; ".join(errors))
    return PoolRun(seconds=max(finished for _, finished, _ in reports) - started,
                   outcomes=[outcome for outcome, _, _ in reports], others=others)


def rows_by_status(app, model) -> dict[str, int]:
    """What the workers left behind: how many rows of `model` stand at each status, by its value."""
    from sqlalchemy import func, select

    from extensions import db

    with app.app_context():
        statuses = {status.value: n for status, n in db.session.execute(
            select(model.status, func.count()).group_by(model.status)).all()}
        db.session.remove()
        db.engine.dispose()
    return statuses
