"""The last generation, kept across ``handbook build`` runs so the next one renders only what changed.

After a successful generation, ``handbook build`` saves a :class:`Snapshot` in
``.handbook-cache/generation.pickle``: the published model the pages were
rendered from, the :class:`~generator.render.pages.PageSettings`, the archived
flows, a digest of everything else that shapes the pages, and the state of the
generated files. The next build renders only the pages
:func:`~generator.site.incremental.affected_pages` names, and only when the
snapshot is provably valid:

- the file starts with a digest of the generator's own files (code, templates,
  assets, messages), the Python version and the versions of Jinja and
  MarkupSafe; any other digest is not even unpickled;
- the *context* is the same: mkdocs.yml (its whole text, so language,
  ``site_url``, metrics thresholds, ...) and what was read from it, the docs
  folder, ``--drafts``, ``--no-pdf``, ``--offline``, the engine;
- the docs folder holds what the snapshot's generation left: the manifest's
  digest and, for every file it lists, its size, modification time and inode
  (a deleted or edited generated file fails this);
- the page settings (review date included) and the archived flows are equal
  (:func:`generator.build.generate` checks those).

Anything else (no file, a corrupt or foreign one, an unpickling error) means a
full render, never a crash. The snapshot is deleted before a generation writes
anything and saved after it succeeded, whole (temporary file, rename, Ctrl+C and
SIGTERM held back), so an interrupted build leaves none or a valid one. The
diagrams are not in it: the diagram cache (:mod:`generator.diagrams.cache`)
gives them back in a fraction of a second. At 1,000 flows it is about 9 MB,
saved in ~0.4 s and loaded in ~0.3 s (the garbage collector is paused meanwhile).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.model import Handbook
from generator.options import Options
from generator.render.pages import PageSettings
from generator.site.config import SiteConfig
from generator.site.swap import signals_deferred
from generator.site.writer import MANIFEST

FORMAT = 1
"""The version of the snapshot file; part of its key."""

FILE_NAME = "generation.pickle"
"""The snapshot's file name in the cache folder."""

_MAGIC = b"handbook-generation "

DocsState = tuple[str, tuple[tuple[str, int, int, int], ...]]
"""The manifest's digest, and (path, size, mtime_ns, inode) of every file it lists."""


@dataclass(frozen=True)
class Snapshot:
    """What the next build needs to render only what an edit changed."""

    handbook: Handbook
    """The published model the pages were generated from."""
    settings: PageSettings
    """The page settings used."""
    archived: frozenset[str]
    """Keys of the archived flows (their pages are rendered on every pass)."""
    context: str
    """:func:`context_digest` of the build."""
    docs: DocsState
    """:func:`docs_state` of the docs folder right after the generation."""


@functools.cache
def code_digest() -> str:
    """A digest of the generator package's files, the Python version and Jinja's and MarkupSafe's.

    Every file of the package counts (``.py``, templates, assets, message
    catalogues), not only the modules: any change to them may change a page.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n".encode())
    for name in ("jinja2", "markupsafe", "pyyaml"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name} {metadata.version(name)}\n".encode())
    files = sorted(
        path
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    for path in files:
        digest.update(f"{path.relative_to(package).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def context_digest(site: SiteConfig, options: Options, docs: Path) -> str:
    """A digest of what shapes the pages besides the model and the page settings.

    mkdocs.yml's whole text counts (when it cannot be read, the digest is of that
    error, and the next build that can read it starts afresh).
    """
    try:
        config = hashlib.sha256(site.config_file.read_bytes()).hexdigest()
    except OSError as error:
        config = f"unreadable: {error}"
    parts = [
        repr(site),
        str(docs),
        config,
        options.drafts,
        options.pdf,
        options.offline,
        options.engine,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def docs_state(docs: Path) -> DocsState | None:
    """The manifest's digest and the size, time and inode of each generated file; ``None``
    when the manifest or one of its files cannot be read."""
    try:
        manifest = (docs / MANIFEST).read_bytes()
        files = json.loads(manifest)["files"]
        stats = []
        for name in files:
            status = (docs / name).stat()
            stats.append((str(name), status.st_size, status.st_mtime_ns, status.st_ino))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return hashlib.sha256(manifest).hexdigest(), tuple(stats)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the garbage collector: (un)pickling 100,000s of objects is 3x faster without it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _header() -> bytes:
    return _MAGIC + code_digest().encode("ascii") + b"\n"


def load_snapshot(cache_dir: Path, *, context: str, docs: Path) -> Snapshot | None:
    """The snapshot in *cache_dir* when it is valid for *context* and *docs*, else ``None``.

    Never raises: a missing, corrupt, foreign or stale file is just not used.
    """
    header = _header()
    try:
        with (cache_dir / FILE_NAME).open("rb") as stream:
            if stream.read(len(header)) != header:
                return None
            with _collector_paused():
                snapshot = pickle.load(stream)
    except Exception:  # noqa: BLE001 - any unpickling failure only means a full render
        return None
    if not isinstance(snapshot, Snapshot) or snapshot.context != context:
        return None
    if docs_state(docs) != snapshot.docs:
        return None
    return snapshot


def forget_snapshot(cache_dir: Path) -> None:
    """Delete the snapshot (before a generation changes the docs folder)."""
    with contextlib.suppress(OSError):
        (cache_dir / FILE_NAME).unlink(missing_ok=True)


def save_snapshot(
    cache_dir: Path,
    *,
    handbook: Handbook,
    settings: PageSettings,
    archived: frozenset[str],
    context: str,
    docs: Path,
) -> bool:
    """Save the snapshot of a generation that just succeeded; whether it was saved.

    Written whole or not at all (temporary file, then rename, with Ctrl+C and
    SIGTERM held back); a failure to write only costs the next build time.
    """
    state = docs_state(docs)
    if state is None:
        return False
    snapshot = Snapshot(handbook, settings, archived, context, state)
    with _collector_paused():
        try:
            data = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return False
    target = cache_dir / FILE_NAME
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with signals_deferred():
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as stream:
                stream.write(_header())
                stream.write(data)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return False
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            raise
    return True


__all__ = [
    "FILE_NAME",
    "FORMAT",
    "DocsState",
    "Snapshot",
    "code_digest",
    "context_digest",
    "docs_state",
    "forget_snapshot",
    "load_snapshot",
    "save_snapshot",
]
