"""Run a per-article function over many articles: in a pool of worker processes, or on a Dask cluster.

Both keep the articles' order, so that a build gives the same tables however it is run. The
function and its argument must be picklable (a module-level function, plain records).
"""
from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from briefing.errors import BriefingError, ConfigError

LOGGER = logging.getLogger(__name__)
CHUNKS_PER_WORKER = 4  # articles differ in length: a few chunks each keep both cores busy to the end
DASK_TIMEOUT_S = 10

T = TypeVar("T")
R = TypeVar("R")


def _context() -> multiprocessing.context.BaseContext:
    # A forked worker starts at once with the modules and data files the parent has already
    # loaded; where there is no fork (Windows, macOS's default), each worker imports them anew.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def in_processes(function: Callable[[T], R], items: Sequence[T], jobs: int,
                 initializer: Callable[[], None] | None = None,
                 done: Callable[[int], None] | None = None) -> tuple[R, ...]:
    """`function` over the items in `jobs` worker processes, results in the items' order;
    `done(n)` is told as the first n results are in (for a progress bar)."""
    return tuple(each_in_processes(function, items, jobs, initializer, done))


def each_in_processes(function: Callable[[T], R], items: Sequence[T], jobs: int,
                      initializer: Callable[[], None] | None = None,
                      done: Callable[[int], None] | None = None) -> Iterator[R]:
    """`in_processes`, each result given as soon as it and those before it are in (to be stored as they come)."""
    chunk = max(1, len(items) // (jobs * CHUNKS_PER_WORKER))
    LOGGER.info("extracting %d articles in %d worker processes", len(items), jobs)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=initializer) as pool:
            for n, result in enumerate(pool.map(function, items, chunksize=chunk), 1):
                if done:
                    done(n)
                yield result
    except BrokenProcessPool:
        raise BriefingError("a worker process died during extraction (out of memory?); try --jobs 1") from None


def on_dask(function: Callable[[T], R], items: Sequence[T], address: str) -> tuple[R, ...]:
    """`function` over the items on the Dask cluster whose scheduler is at `address`, results in order."""
    return tuple(each_on_dask(function, items, address))


def each_on_dask(function: Callable[[T], R], items: Sequence[T], address: str) -> Iterator[R]:
    """`on_dask`, each result given as soon as it and those before it are in (to be stored as they come)."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--dask needs the distributed package: pip install 'briefing[dask]'") from None
    try:
        client = Client(address, timeout=DASK_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc}); give it as tcp://HOST:PORT") from None
    with client:
        workers = len(client.scheduler_info().get("workers", {}))
        LOGGER.info("extracting %d articles on the Dask cluster at %s (%d workers)", len(items), address, workers)
        # pure=False: two articles with the same text are still two tasks (their sources differ anyway)
        for future in client.map(function, items, pure=False):
            yield future.result()
