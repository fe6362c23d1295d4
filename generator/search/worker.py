"""The site search's worker: Material's, wrapped so a Chinese query is searched word for word.

Material runs its search in a Web Worker (``assets/javascripts/workers/search.<hash>.min.js``)
that cuts a Chinese query into words of the index, but never tries a word that
ends with the query's last character: 理货报告 is searched as 理货 and 报 (every
word that starts with 报), and 月度盘点与报表 outranks the pages about 理货报告.
Material (9.x) has no setting or hook for the query: its pages send the typed text
to the worker as it is. So the generated theme (:mod:`generator.render.theme`, the
``custom_dir`` of the navigation file) holds two files under the worker's path:

* ``search.<hash>.min.js``: ``worker.js`` of this package, under Material's name, so
  Material's pages start it; it marks each Chinese run of a query so Material tries
  all its words, and puts the pages that hold the whole query first, then the pages
  that hold all its words (see the comment at the top of ``worker.js``);
* ``material-search.<hash>.min.js``: Material's worker, byte for byte, which the first
  loads and which does the searching.

Both are copied, never generated from data, so the site stays byte-identical from
build to build. Without Material's worker where it should be, nothing is written
and the site searches as Material ships it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from generator.site.writer import write_changed

WORKERS_FOLDER = "assets/javascripts/workers"
"""Where Material's templates keep the search worker (and so the generated theme)."""

MATERIAL_PREFIX = "material-"
"""The prefix of Material's own worker beside the wrapper (``worker.js`` derives its name)."""


def material_worker() -> Path | None:
    """Material's search worker file, or ``None`` when Material is not installed that way."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / WORKERS_FOLDER
    found = sorted(folder.glob("search.*.min.js"))
    return found[0] if len(found) == 1 else None


def wrapper_source() -> bytes:
    """The wrapping worker (``worker.js`` of this package)."""
    return (resources.files("generator.search") / "worker.js").read_bytes()


def worker_files(material: Path | None = None) -> dict[str, bytes]:
    """The generated theme's worker files by path relative to the theme folder (none without
    Material's worker)."""
    source = material if material is not None else material_worker()
    if source is None:
        return {}
    return {
        f"{WORKERS_FOLDER}/{source.name}": wrapper_source(),
        f"{WORKERS_FOLDER}/{MATERIAL_PREFIX}{source.name}": source.read_bytes(),
    }


def write_search_worker(theme_folder: Path, material: Path | None = None) -> bool:
    """Write the worker files into *theme_folder* where they differ, remove other workers
    there (an earlier Material's); whether anything changed."""
    files = worker_files(material)
    folder = theme_folder / WORKERS_FOLDER
    changed = False
    if folder.is_dir():
        for stale in sorted(folder.iterdir()):
            if f"{WORKERS_FOLDER}/{stale.name}" not in files and stale.is_file():
                stale.unlink()
                changed = True
    for relative, data in files.items():
        changed = write_changed(theme_folder / relative, data) or changed
    return changed
