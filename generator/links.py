"""Symbolic links in a flows tree that lead nowhere: dangling, or looping back on themselves.

``Path.is_file()`` answers False for both, so without a check such a flow
would silently vanish from the handbook; the loader reports them (E100).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.messages.text import Message, msg

_WATCHED_SUFFIXES = frozenset({"", ".yaml", ".yml"})
"""Names that could be a flow file or a domain folder; other broken links are not ours."""


def broken_link(path: Path) -> str | None:
    """Why *path*, a symbolic link, cannot be followed (``missing``, ``loop``); None if it can."""
    if path.suffix not in _WATCHED_SUFFIXES or not path.is_symlink():
        return None
    try:
        path.stat()
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return "loop" if error.errno == errno.ELOOP else (error.strerror or "unreadable")
    return None


def broken_link_message(path: Path) -> Message:
    """Say where the link points and why it cannot be read."""
    target = os.readlink(path)
    reason = broken_link(path)
    if reason == "missing":
        return msg(
            "'{name}' is a symbolic link to '{target}', which does not exist",
            name=path.name,
            target=target,
        )
    if reason == "loop":
        return msg(
            "'{name}' is a symbolic link that leads back to itself (via '{target}')",
            name=path.name,
            target=target,
        )
    return msg(
        "'{name}' is a symbolic link to '{target}' that cannot be read: {reason}",
        name=path.name,
        target=target,
        reason=str(reason),
    )
