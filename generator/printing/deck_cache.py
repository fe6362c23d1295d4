"""Printed decks kept by the hash of what they are printed from: a warm build reprints nothing.

Printing is the costly part of the PDF stage (Chromium lays out and prints
every deck), and a deck's PDF depends only on its HTML document, the files
that document loads (the cut fonts), its PDF metadata and the tools. The
stage (:mod:`generator.printing.stage`) asks :class:`DeckCache` for each deck
before printing it; a deck whose inputs did not change is written from the
cache, and when every deck is cached Chromium is not even started. Files
live in ``.handbook-cache/decks``, one per deck version; a finished stage
deletes the ones no deck used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

FORMAT = 1
"""The version of the cache; part of every key."""


def _tool_identity(executable: Path | None) -> str:
    """Which Chromium and which PDF library print and finish the decks."""
    parts = []
    for distribution in ("pypdf", "playwright", "fonttools"):
        try:
            parts.append(f"{distribution} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{distribution} -")
    if executable is not None:
        with contextlib.suppress(OSError):
            status = executable.resolve().stat()
            parts.append(f"{executable.resolve()} {status.st_size} {status.st_mtime_ns}")
    return "\n".join(parts)


class DeckCache:
    """Finished PDFs by key, one file each under *folder*."""

    def __init__(self, folder: Path, executable: Path | None) -> None:
        self.folder = folder
        """Where the PDFs are."""
        self.used: set[str] = set()
        """Keys of this stage."""
        self._tools = _tool_identity(executable)

    def has_entries(self) -> bool:
        """Whether an earlier stage left decks here."""
        return self.folder.is_dir() and any(self.folder.glob("*.pdf"))

    def key(
        self,
        *,
        deck_path: str,
        html: str,
        metadata_text: str,
        resources: Mapping[str, tuple[bytes, str]],
    ) -> str:
        """The key of a deck: its document, the files it loads, its metadata, the tools."""
        digest = hashlib.sha256()
        for part in (str(FORMAT), self._tools, deck_path, metadata_text):
            digest.update(part.encode("utf-8") + b"\0")
        for name in sorted(resources):
            data, media_type = resources[name]
            digest.update(f"{name}\0{media_type}\0".encode())
            digest.update(hashlib.sha256(data).digest())
        digest.update(html.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        """The PDF stored under *key*, or ``None``."""
        try:
            data = (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None
        self.used.add(key)
        return data

    def put(self, key: str, pdf: bytes) -> None:
        """Store a finished PDF (a failure to write costs only time)."""
        self.used.add(key)
        target = self.folder / f"{key}.pdf"
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pdf)
            os.replace(temporary, target)

    def prune(self) -> None:
        """Delete the decks this stage did not have."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pdf"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
