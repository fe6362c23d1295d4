"""The diagram cache: cleaned SVG files named by the hash of what produced them.

A diagram's key is the SHA-256 of its DOT text, the ``dot -V`` version line,
the output format and :data:`CACHE_FORMAT` (bumped whenever the SVG cleaning
changes), so a new Graphviz or a new cleaning never serves stale pictures. Files
are written to a temporary name and moved into place, so a crash or a parallel
build never leaves half a file under a real name. The folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from generator.diagrams.errors import DiagramError

CACHE_FORMAT = "handbook-svg-1"
"""Version of what the cache stores; change it when :func:`~generator.diagrams.svg.clean_svg`
changes its output."""

OUTPUT_FORMAT = "svg"
"""The Graphviz output format the cache holds."""


def cache_key(dot_text: str, dot_version: str) -> str:
    """The hex SHA-256 naming the rendering of *dot_text* by this Graphviz version."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, dot_version, OUTPUT_FORMAT, dot_text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def cache_path(cache_dir: Path, key: str) -> Path:
    """Where the SVG with this key is kept."""
    return cache_dir / f"{key}.svg"


def read_cached(cache_dir: Path, key: str) -> str | None:
    """The cached SVG for *key*, or None when it is missing or unreadable."""
    try:
        svg = cache_path(cache_dir, key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return svg if svg.startswith("<svg") and svg.endswith("</svg>\n") else None


def prepare(cache_dir: Path) -> None:
    """Create the cache folder. Raises DiagramError when it cannot be created."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(cache_dir, error) from None


def write_cached(cache_dir: Path, key: str, svg: str) -> None:
    """Store *svg* under *key* atomically (a temporary file, then ``os.replace``).

    The folder must exist (:func:`prepare`). The temporary name is unique per
    process and thread, so parallel writers never share one. Raises
    DiagramError when the file cannot be written.
    """
    temporary = cache_dir / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(svg)
        os.replace(temporary, cache_path(cache_dir, key))
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _unwritable(cache_dir, error) from None


def _unwritable(cache_dir: Path, error: OSError) -> DiagramError:
    """The error for a cache folder that cannot be written."""
    reason = error.strerror or str(error)
    return DiagramError(
        f"cannot write the diagram cache in {cache_dir}: {reason}"
        " (delete the folder or make it writable)"
    )
