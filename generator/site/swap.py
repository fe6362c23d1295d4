"""The atomic site swap: build into a staging folder, then replace ``site/`` in one move.

The engine builds into ``.site.building`` next to ``site/``; only a finished
build replaces ``site/`` (old one renamed to ``.site.old``, new one renamed in,
old one deleted). Any failure, Ctrl+C or SIGTERM during the build removes the
staging folder and leaves ``site/`` as it was; both signals are held back during
the swap itself, so ``site/`` always holds a complete build. A swap cut short by
power loss or SIGKILL is repaired by the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import BuildError


def reason(error: OSError) -> str:
    """An OSError in a few words, e.g. ``No space left on device``."""
    return error.strerror or str(error) or type(error).__name__


def replace_site(
    site_dir: Path,
    build_into: Callable[[Path], None],
    *,
    before_swap: Callable[[Path], None] | None = None,
) -> None:
    """Run *build_into* on a fresh staging folder, then put that folder in place of *site_dir*.

    *before_swap* is called with the finished folder before it replaces
    *site_dir* (the PDF stage moves its decks in); if it raises, the folder is
    removed and *site_dir* stays as it was. Raises :class:`BuildError` (stage
    ``site``) when the swap itself fails.
    """
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    if retired.is_dir() and not site_dir.exists():  # a swap cut short (power loss, SIGKILL)
        os.replace(retired, site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        build_into(staging)
        if before_swap is not None:
            before_swap(staging)
    except BaseException:  # a failure, Ctrl+C or SIGTERM: site/ was not touched
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with signals_deferred():
        try:
            _swap(staging, site_dir, retired)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"cannot replace {site_dir}: {reason(error)}", stage="site") from None


def _swap(staging: Path, site_dir: Path, retired: Path) -> None:
    """Put the finished *staging* folder in place of *site_dir*; the old one is deleted after."""
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, retired)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if retired.is_dir() and not site_dir.exists():
            os.replace(retired, site_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM back during a block (the site swap), then deliver them.

    Python runs signal handlers in the main thread only, so replacing them there
    defers the signal whichever thread the system delivered it to.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def record(signum: int, _frame: object) -> None:
        caught.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


__all__ = ["reason", "replace_site", "signals_deferred"]
