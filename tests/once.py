"""Build something once per test session, even when pytest-xdist runs several workers.

Module fixtures run once per worker, so two workers would build the same site
twice. :func:`once_per_session` puts the result in the session's shared
temporary root; the first worker builds it under a file lock, the others wait
and reuse the folder (which they must only read, or copy).
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_root(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary root, common to all xdist workers."""
    root = factory.getbasetemp()
    return root.parent if root.name.startswith("popen-gw") else root


def once_per_session(
    factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder *name* made by ``build(folder)`` once for the whole session.

    When *build* raises, the half-made folder is removed and the next caller
    tries again (and fails the same way, with its own traceback).
    """
    root = shared_root(factory)
    folder = root / name
    done = root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                build(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder
