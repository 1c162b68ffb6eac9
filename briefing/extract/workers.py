"""Run a per-article function over many articles: in a pool of worker processes, or on a Dask cluster.

Both keep the articles' order, so that a build gives the same tables however it is run. The
function and its argument must be picklable (a module-level function, plain records).
"""
from __future__ import annotations

import contextlib
import logging
import logging.handlers
import multiprocessing
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from briefing.errors import BriefingError, ConfigError

LOGGER = logging.getLogger(__name__)
# Articles differ in length: several chunks each keep both cores busy to the end (one worker's last
# chunk is the other's idle time). A chunk of 396/16 Timeline17 articles still fills spaCy's batches.
CHUNKS_PER_WORKER = 8
DASK_TIMEOUT_S = 10
SIGNAL_GRACE_S = 0.5  # how long a broken pool waits for the stop signal that may have broken it

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
    chunk = _chunk(len(items), jobs)
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_start_worker, initargs=(initializer,))
    try:
        with _signals_held():  # the workers are forked here: none may run the parent's handler
            mapped = pool.map(function, items, chunksize=chunk)
        for n, result in enumerate(mapped, 1):
            if done:
                done(n)
            yield result
    except BrokenProcessPool:
        # Ctrl-C or `systemctl stop` to the process group ends the workers as it reaches this process:
        # its handler, run while waiting here, stops the build as that signal ("Error: interrupted"),
        # not as a worker lost to memory. The pool may see its workers gone before the handler has run.
        time.sleep(SIGNAL_GRACE_S)
        raise BriefingError("a worker process died during extraction (out of memory?); try --jobs 1") from None
    except BaseException as exc:
        if not isinstance(exc, Exception):  # Ctrl-C or SIGTERM to this process alone: do not wait for the articles
            for worker in set(multiprocessing.active_children()) - before:
                worker.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def beside(function: Callable[..., R], *args: object) -> Iterator[Callable[[], R]]:
    """Run `function(*args)` in a worker process while this one goes on; give a callable that waits
    for its result (or raises its exception) and logs here, in order, what it logged there."""
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_start_worker, initargs=(None,))
    try:
        with _signals_held():  # the worker is forked here: it may not run the parent's handler
            future = pool.submit(_logged, function, args)

        def result() -> R:
            try:
                records, value, error = future.result()
            except BrokenProcessPool:  # as in `each_in_processes`: a stop signal's handler goes first
                time.sleep(SIGNAL_GRACE_S)
                raise BriefingError("a worker process died (out of memory?); try --jobs 1") from None
            for record in records:
                logging.getLogger(record.name).handle(record)
            if error is not None:
                raise error
            return value
        yield result
    except BaseException as exc:
        if not isinstance(exc, Exception):  # Ctrl-C or SIGTERM to this process alone: do not wait for it
            for worker in set(multiprocessing.active_children()) - before:
                worker.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Kept(logging.handlers.QueueHandler):
    """Keep the log records of a worker, made picklable (message formatted, arguments dropped)."""

    def __init__(self) -> None:
        super().__init__(queue=None)
        self.records: list[logging.LogRecord] = []

    def enqueue(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _logged(function: Callable[..., R], args: tuple) -> tuple[list[logging.LogRecord], R | None, Exception | None]:
    """In a worker: run the function with what it logs kept, to be logged by the parent (its handlers
    may write to a terminal's progress display, which is the parent's); its exception is returned too."""
    kept = _Kept()
    logging.getLogger().handlers = [kept]
    try:
        return kept.records, function(*args), None
    except Exception as exc:  # noqa: BLE001 - raised again by the parent, after what was logged before it
        exc.add_note("in a worker process:\n" + "".join(traceback.format_exception(exc)).rstrip())
        return kept.records, None, exc


def each_in_batches(function: Callable[[tuple[T, ...]], tuple[R, ...]], items: Sequence[T], jobs: int,
                    done: Callable[[int], None] | None = None) -> Iterator[R]:
    """`each_in_processes` for a function of many items at once (one result per item, in order), given
    the items in batches as large as the chunks a worker takes; the results are given one by one."""
    size = _chunk(len(items), jobs)
    batches = [tuple(items[start:start + size]) for start in range(0, len(items), size)]
    n = 0
    for results in each_in_processes(function, batches, jobs):
        for result in results:
            n += 1
            if done:
                done(n)
            yield result


def _chunk(items: int, jobs: int) -> int:
    return max(1, items // (jobs * CHUNKS_PER_WORKER))


STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM back while workers are forked; they are handled once it is done.

    A forked worker starts with the parent's handlers (the command's SIGTERM handler raises
    Terminated) until `_start_worker` runs: a signal in between would still print a traceback."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(initializer: Callable[[], None] | None) -> None:
    """In a worker: let SIGINT and SIGTERM end it at once and quietly, as they end a program that
    handles neither (a terminal's Ctrl-C and `systemctl stop` send them to every process of the
    group). The parent reports the stop and cleans up; a worker has nothing of its own to clean.

    A signal the parent ignores (a build started in the background by a script, where the shell
    ignores SIGINT) the worker ignores too: it would die of what leaves the parent running."""
    for signum in STOPPING:
        if signal.getsignal(signum) != signal.SIG_IGN:  # the parent's handlers, copied by the fork
            signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
    if initializer is not None:
        initializer()


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
        LOGGER.debug("the Dask cluster at %s has %d workers", address, workers)
        # pure=False: two articles with the same text are still two tasks (their sources differ anyway)
        for future in client.map(function, items, pure=False):
            yield future.result()
