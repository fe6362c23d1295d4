"""One JSON file per key under a folder: the build's content-addressed caches share it.

Keys are hashes of everything a stored value depends on, so a value is never
stale, only unused: :meth:`JsonStore.prune` deletes the files no key of this
build named, so a cache stays one site big. Writing is atomic (a temporary
file, then a rename) and a failure to read or write only costs time.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any


class JsonStore:
    """JSON values by key, one file each under *folder* (``<folder>/<k[:2]>/<k>.json``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """Where the files are."""
        self.used: set[str] = set()
        """Keys read or written in this build."""
        self.hits = 0
        """Values taken from the store."""
        self.misses = 0
        """Values that had to be computed."""

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, kind: type) -> Any | None:
        """The value stored under *key* when it is a *kind* (``list``, ``dict``), else ``None``."""
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(value, kind):
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        """Store *value* under *key* (a failure to write only costs the next build time)."""
        self.used.add(key)
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(
                json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
            os.replace(temporary, path)

    def prune(self) -> None:
        """Delete the files of keys this build did not name (the store stays one site big)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


__all__ = ["JsonStore"]
