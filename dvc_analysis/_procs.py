"""Worker processes that die with their parent, and signals that end a run promptly.

Figure workers are forked; without care a worker outlives a killed parent, blocked on a pipe
and holding the caller's stdout/stderr. Each worker asks the kernel to kill it when its parent
dies (Linux ``PR_SET_PDEATHSIG``), ignores Ctrl-C (the parent handles it once), and the parent
stops its workers on Ctrl-C or SIGTERM before reporting the interruption.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

_PR_SET_PDEATHSIG = 1
# the signals that stop a run; they are held back while workers are forked (see `worker_pool`)
_STOP_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop by a signal (SIGTERM, SIGHUP) rather than Ctrl-C."""


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid` ends (Linux); ignore Ctrl-C in it.

    Used as a worker initializer. Elsewhere than Linux only Ctrl-C is ignored; the parent's
    `worker_pool` still stops its workers on the way out.

    Examples
    --------
    >>> import os, multiprocessing as mp
    >>> p = mp.get_context("fork").Process(target=die_with_parent, args=(os.getpid(),))
    >>> p.start(); p.join(); p.exitcode
    0
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held the stop signals back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)


def stop_children() -> None:
    """Kill this process's multiprocessing children and reap them (at most a second each)."""
    import multiprocessing as mp

    children = mp.active_children()
    for child in children:
        with contextlib.suppress(Exception):
            child.kill()
    for child in children:
        with contextlib.suppress(Exception):
            child.join(1)


@contextlib.contextmanager
def worker_pool(jobs: int, mp_context: Any) -> Iterator[Any]:
    """A ``ProcessPoolExecutor`` whose workers die with this process and stop on interruption.

    Parameters
    ----------
    jobs : int
        Number of worker processes.
    mp_context : multiprocessing context
        E.g. ``multiprocessing.get_context("fork")``.

    Returns
    -------
    Iterator[concurrent.futures.ProcessPoolExecutor]
        Yields the executor; on leaving it waits for the workers, or kills them when an
        exception (Ctrl-C included) leaves the block.

    Examples
    --------
    >>> import multiprocessing as mp
    >>> with worker_pool(2, mp.get_context("fork")) as pool:
    ...     list(pool.map(abs, [-1, -2]))
    [1, 2]
    """
    import concurrent.futures as cf

    pool = cf.ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=die_with_parent,
                                  initargs=(os.getpid(),))
    try:
        # The first job forks every worker. A stop arriving meanwhile could leave a worker forked but
        # not yet known to multiprocessing, which `stop_children` would then miss and the exit would
        # wait for; so the stop signals wait until every worker is started and known.
        with _stop_signals_held():
            pool.submit(int)
        yield pool
        pool.shutdown(wait=True)  # a stop while waiting here must stop the workers too
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        stop_children()
        raise


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back for the block; they are delivered when it ends."""
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _raise_interrupted(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


def _redeliver_stops(previous_hook: Any) -> Any:
    """An unraisable-exception hook that sends a swallowed stop to the process again.

    A signal handler runs wherever the main thread happens to be; when that is a weakref callback, a
    ``__del__`` or a fork hook, Python prints the `Interrupted` (or Ctrl-C's KeyboardInterrupt) as an
    ignored exception and carries on, so the run would neither stop nor stay quiet. The hook sends
    the signal again a moment later from another thread (sent at once, its handler would run inside
    the hook and be swallowed again), so it is handled at the next ordinary line; other exceptions go
    to the hook that was there before.
    """
    import threading

    def hook(unraisable: Any) -> None:
        exc = unraisable.exc_value
        if isinstance(exc, Interrupted) and exc.args:
            sig = exc.args[0]
        elif isinstance(exc, KeyboardInterrupt):
            sig = signal.SIGINT
        else:
            previous_hook(unraisable)
            return
        resend = threading.Timer(0.01, os.kill, (os.getpid(), sig))
        resend.daemon = True
        resend.start()

    return hook


def install_stop_signals() -> dict:
    """Turn SIGTERM and SIGHUP into `Interrupted` in the main thread, like Ctrl-C.

    The run then unwinds as it does for Ctrl-C: workers stopped, half-built outputs removed,
    one short message. A stop that lands where Python swallows exceptions (a weakref callback, a
    fork hook) is sent again rather than printed and lost. Does nothing outside the main thread.

    Returns
    -------
    dict
        The previous handlers, for `restore_signals`.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict = {"unraisablehook": sys.unraisablehook}
    sys.unraisablehook = _redeliver_stops(sys.unraisablehook)
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _raise_interrupted)
    return previous


def restore_signals(previous: dict) -> None:
    """Put back the handlers `install_stop_signals` replaced."""
    for sig, handler in previous.items():
        if sig == "unraisablehook":
            sys.unraisablehook = handler
        else:
            signal.signal(sig, handler)


__all__ = ["Interrupted", "die_with_parent", "stop_children", "worker_pool", "install_stop_signals",
           "restore_signals"]
